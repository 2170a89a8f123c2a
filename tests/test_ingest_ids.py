"""Article ids never collide: a generated id never takes a given one, counts equal rows."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from tests.conftest import assert_store_consistent, make_article
from tests.fake_analysis import FakeAnalyser

from newsgraph.ingest import content_hash
from newsgraph.pipeline import ingest_paths
from newsgraph.records import AnalysedArticle, Article, Mention
from newsgraph.store import Source, Store, StoredItem, open_store

A = "Officials in Oslo said on Monday that talks would resume next week after a long pause."
B = "India and Pakistan agreed on Friday to reopen the border crossing closed since March."
C = "Heavy rain in China flooded parts of the capital on Thursday, closing schools and roads."
COUNTRIES = re.compile(r"\b(India|Pakistan|China|Oslo)\b")


class NamingAnalyser(FakeAnalyser):
    """A model-free analyser that marks each country name as a mention at its offsets."""

    def analyse(self, articles: Iterable[Article]) -> Iterator[AnalysedArticle]:
        for article in articles:
            self.seen.append(article.id)
            mentions = tuple(
                Mention(
                    article_id=article.id,
                    start=m.start(),
                    end=m.end(),
                    text=m.group(),
                    sentence=0,
                    actor_id=m.group().upper(),
                    name=m.group(),
                    kind="state",
                    country=None,
                    sectors=(),
                    code=m.group()[:3].upper(),
                    confidence=1.0,
                    method="test",
                    entity_type="GPE",
                )
                for m in COUNTRIES.finditer(article.text)
            )
            yield AnalysedArticle(article=article, mentions=mentions)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "t.db") as opened:
        yield opened
        assert_store_consistent(opened)


def _feed(path: Path, *items: dict[str, str]) -> str:
    path.write_text("\n".join(json.dumps(i) for i in items), encoding="utf-8")
    return str(path)


def test_generated_id_never_takes_a_given_id(tmp_path: Path, store: Store) -> None:
    """The reported repro: {K, A}, {K-hash8(B), C}, {K, B} stored 3 of 3 reported as 2 rows,
    and B's mentions landed on C's text ("India" at offsets that read other words)."""
    taken = f"K-{content_hash(B)[:8]}"
    feed = _feed(
        tmp_path / "ids.jsonl",
        {"id": "K", "text": A},
        {"id": taken, "text": C},
        {"id": "K", "text": B},
    )
    report = ingest_paths([feed], store, analyser=NamingAnalyser())
    assert (report.read, report.stored, report.rejected) == (3, 3, 0)
    rows = store.articles()
    assert len(rows) == report.stored == store.stats()["articles"]
    texts = {r["id"]: (store.article(r["id"]) or {})["text"] for r in rows}
    assert texts["K"] == A and texts[taken] == C
    (b_id,) = [i for i, t in texts.items() if t == B]
    assert b_id not in {"K", taken} and b_id.startswith("K-")
    assert [m["text"] for m in store.mentions(taken)] == ["China"]
    assert [m["text"] for m in store.mentions(b_id)] == ["India", "Pakistan"]
    sources = (store.article(b_id) or {})["sources"]
    assert [s["given_id"] for s in sources] == ["K"]


def test_ids_are_deterministic_and_given_id_after_generated_one_is_kept_apart(
    tmp_path: Path,
) -> None:
    """{K, A}, {K, B} generates K-hash8(B); a later {K-hash8(B), C} must not land on B."""
    generated = f"K-{content_hash(B)[:8]}"
    items = ({"id": "K", "text": A}, {"id": "K", "text": B}, {"id": generated, "text": C})
    ids = []
    for run in ("one", "two"):
        with open_store(tmp_path / f"{run}.db") as store:
            report = ingest_paths(
                [_feed(tmp_path / f"{run}.jsonl", *items)], store, analyser=NamingAnalyser()
            )
            assert report.stored == store.stats()["articles"] == 3
            by_text = {(store.article(r["id"]) or {})["text"]: r["id"] for r in store.articles()}
            assert by_text[B] == generated and by_text[C].startswith(generated + "-")
            ids.append(sorted(by_text.values()))
        assert_store_consistent(tmp_path / f"{run}.db")
    assert ids[0] == ids[1]


def test_same_id_across_runs_gets_a_free_id(tmp_path: Path, store: Store) -> None:
    ingest_paths(
        [_feed(tmp_path / "a.jsonl", {"id": "K", "text": A})], store, analyser=FakeAnalyser()
    )
    generated = f"K-{content_hash(B)[:8]}"
    ingest_paths(
        [_feed(tmp_path / "b.jsonl", {"id": generated, "text": C})], store, analyser=FakeAnalyser()
    )
    report = ingest_paths(
        [_feed(tmp_path / "c.jsonl", {"id": "K", "text": B})], store, analyser=NamingAnalyser()
    )
    assert report.stored == 1 and store.stats()["articles"] == 3
    assert (store.article(generated) or {})["text"] == C


def test_store_refuses_an_analysis_of_other_content_under_a_stored_id(tmp_path: Path) -> None:
    with open_store(tmp_path / "t.db") as store:
        first = make_article(C, id="K", content_hash=content_hash(C))
        store.write_batch([_item(first)])
        intruder = make_article(B, id="K", content_hash=content_hash(B))
        other = make_article(A, id="other", content_hash=content_hash(A))
        written = store.write_batch([_item(other), _item(intruder)])
        # the intruder is handed back for renaming, never written over K's text
        assert [(w.outcome, w.article_id) for w in written] == [
            ("stored", "other"),
            ("id_taken", "K"),
        ]
        assert sorted(r["id"] for r in store.articles()) == ["K", "other"]
        assert (store.article("K") or {})["text"] == C
        assert_store_consistent(store)


def _item(article: Article) -> StoredItem:
    return StoredItem(
        analysed=AnalysedArticle(article=article),
        source=Source(article_id=article.id, path="t.jsonl"),
        analysed_version="v1",
    )
