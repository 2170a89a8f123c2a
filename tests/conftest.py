"""Shared fixtures and factories."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import pytest

from newsgraph.records import Article

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"
VOA = SHARED / "corpora" / "voa" / "voa_stories.jsonl"
# Organisation ids that roles.tsv may name as an affiliation; organisations.tsv must define each.
ORGANISATION_IDS = frozenset(
    [
        "UN",
        "NATO",
        "EU",
        "AU",
        "ASEAN",
        "IAEA",
        "WHO",
        "IMF",
        "WB",
        "WTO",
        "OPEC",
        "ICC",
        "ICJ",
        "ICRC",
        "ARL",
        "GCC",
        "OSCE",
        "COE",
        "EUC",
        "ECB",
    ]
)


def make_article(text: str = "Russia and North Korea held talks.", **fields: Any) -> Article:
    """An Article with sensible defaults for tests."""
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    fields.setdefault("id", digest)
    fields.setdefault("content_hash", digest)
    fields.setdefault("published", "2023-09-14")
    fields.setdefault("date_source", "metadata" if fields["published"] else "none")
    fields.setdefault("paragraphs", ((0, len(text)),))
    return Article(text=text, raw_text=fields.pop("raw_text", text), **fields)


def actor_runner(stage: Any) -> Any:
    """`analyse(text, published)` → the mentions `stage` (an ActorStage) finds, on a fresh model."""
    from newsgraph.language import fresh_model
    from newsgraph.stages import Work

    nlp = fresh_model()
    stage.extend(nlp)

    def analyse(text: str, published: str = "2023-09-14") -> list[Any]:
        article = make_article(text, published=published)
        return list(stage(Work(article=article, doc=nlp(text))).mentions)

    return analyse


@pytest.fixture
def article_factory() -> Any:
    return make_article


def assert_store_consistent(db: Any) -> None:
    """Fail with every line `newsgraph check` would print unless the database is consistent.

    `db` is a path or an open `Store`.
    """
    from newsgraph.store import Store, open_store

    if isinstance(db, Store):
        report = db.check()
    else:
        assert os.path.exists(db), f"no database at {db}"
        with open_store(db) as store:
            report = store.check()
    assert report.ok, "\n".join(f"{p.check}: {p.message}" for p in report.problems)


def needs_shared(path: Path) -> Any:
    return pytest.mark.skipif(not path.exists(), reason=f"{path} not present")
