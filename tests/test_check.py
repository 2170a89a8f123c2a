"""`newsgraph check` / `Store.check`: a clean database passes, each kind of damage is reported."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.conftest import make_article

from newsgraph.cli import main
from newsgraph.ingest import content_hash
from newsgraph.records import ActorRef, AnalysedArticle, Event, Mention
from newsgraph.store import Source, Store, StoredItem, open_store

TEXT = "Russia attacked Ukraine on Monday. Officials in Kyiv said two people were killed."


def _mention(article_id: str, start: int, end: int) -> Mention:
    return Mention(
        article_id=article_id,
        start=start,
        end=end,
        text=TEXT[start:end],
        sentence=0,
        actor_id="RUS",
        name="Russia",
        kind="state",
        country="RUS",
        sectors=(),
        code="RUS",
        confidence=1.0,
        method="kb-alias",
        entity_type="GPE",
    )


def _event(article_id: str) -> Event:
    quote_end = TEXT.index(" on Monday")
    return Event(
        id="e1",
        article_id=article_id,
        sentence=0,
        quote=TEXT[:quote_end],
        start=0,
        end=quote_end,
        actors=(ActorRef("Russia", "Russia", "RUS", "RUS", None, "RUS", start=0, end=6),),
        recipients=(),
        plover_type="ASSAULT",
        plover_mode=None,
        plover_context=None,
        cameo_code="190",
        quad_class=4,
        goldstein=-10.0,
        rule="test",
        trigger="attacked",
        coder_version="test",
    )


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Path]:
    """A database with one article, its mention of Russia and one event."""
    path = tmp_path / "t.db"
    article = make_article(TEXT, id="a1", content_hash=content_hash(TEXT))
    analysed = AnalysedArticle(
        article=article, mentions=(_mention("a1", 0, 6),), events=(_event("a1"),)
    )
    with open_store(path) as store:
        store.write_batch([StoredItem(analysed, Source("a1", "t.jsonl"), analysed_version="t")])
    yield path


def _check(path: Path) -> list[str]:
    with open_store(path) as store:
        return [f"{p.check}: {p.message}" for p in store.check().problems]


def _damage(path: Path, *statements: str) -> None:
    with open_store(path) as store:
        store.conn.execute("PRAGMA foreign_keys = OFF")
        for sql in statements:
            store.conn.execute(sql)


def test_clean_database_passes(db: Path) -> None:
    with open_store(db) as store:
        report = store.check()
    assert report.ok and report.problems == ()
    assert report.counts["articles"] == report.counts["mentions"] == report.counts["events"] == 1
    result = CliRunner().invoke(main, ["check", "--db", str(db)])
    assert result.exit_code == 0 and ": ok (1 articles" in result.stdout


def test_mention_and_event_offsets_must_read_their_words(db: Path) -> None:
    _damage(
        db,
        "UPDATE mentions SET text = 'China'",
        "UPDATE events SET record = json_set(record, '$.quote', 'Russia attacked Kyiv')",
    )
    problems = _check(db)
    assert problems == [
        "offsets: article 'a1': mention 0-6 'China' reads 'Russia'",
        "offsets: article 'a1': event e1 quote 0-23 'Russia attacked Kyiv' reads "
        "'Russia attacked Ukraine'",
    ]


def test_offsets_outside_the_text_and_changed_text_are_reported(db: Path) -> None:
    _damage(db, "UPDATE mentions SET end = 999", "UPDATE articles SET raw_text = 'changed'")
    problems = _check(db)
    assert "content: article 'a1': raw text does not match its content hash" in problems
    outside = f"mention 0-999 'Russia' reads '<outside the {len(TEXT)}-character text>'"
    assert f"offsets: article 'a1': {outside}" in problems


def test_orphans_and_foreign_keys_are_reported(db: Path) -> None:
    _damage(db, "DELETE FROM articles WHERE id = 'a1'")
    problems = _check(db)
    for what in ("mentions", "events", "article sources"):
        assert f"orphans: {what} pointing to a missing article: 1" in problems
    assert "foreign_keys: events row 1 refers to a missing row of articles" in problems
    _damage(db, "DELETE FROM events")
    assert "orphans: events pointing to a missing article: 1" not in _check(db)


def test_event_actors_without_event_and_unsourced_articles(db: Path) -> None:
    _damage(db, "DELETE FROM events", "DELETE FROM article_sources")
    problems = _check(db)
    assert "orphans: event actors pointing to a missing event: 1" in problems
    assert "orphans: articles without a source: 1" in problems


def test_fts_out_of_step_is_reported(db: Path) -> None:
    _damage(db, "INSERT INTO articles_fts(rowid, title, text) VALUES (99, 'ghost', 'ghost')")
    problems = _check(db)
    assert len(problems) == 1 and problems[0].startswith("fts: the full-text index does not")


def test_cli_exit_codes_and_json(db: Path, tmp_path: Path) -> None:
    _damage(db, "UPDATE mentions SET text = 'China'")
    runner = CliRunner()
    result = runner.invoke(main, ["check", "--db", str(db)])
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert lines[0] == "offsets: article 'a1': mention 0-6 'China' reads 'Russia'"
    assert lines[-1].endswith(
        "1 problems (1 articles, 1 article sources, 1 mentions, 1 events, 1 event actors checked)"
    )
    as_json = runner.invoke(main, ["check", "--db", str(db), "--json"])
    assert as_json.exit_code == 1
    report = json.loads(as_json.stdout)
    assert report["ok"] is False and report["problems"][0]["check"] == "offsets"
    assert report["counts"]["mentions"] == 1
    missing = runner.invoke(main, ["check", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "run `newsgraph ingest" in missing.stderr
    assert not (tmp_path / "none.db").exists()
    assert runner.invoke(main, ["check", "--bogus"]).exit_code == 2


def test_store_check_is_a_library_call(db: Path) -> None:
    store: Store
    with open_store(db) as store:
        assert store.check().to_dict() == {
            "ok": True,
            "counts": {
                "articles": 1,
                "article_sources": 1,
                "mentions": 1,
                "events": 1,
                "event_actors": 1,
            },
            "problems": [],
        }
