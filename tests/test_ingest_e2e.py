"""Ingestion end to end: seeds, VOA, examples, duplicates, bad input, idempotence, SIGKILL."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import ROOT, SEEDS, VOA, assert_store_consistent, needs_shared
from tests.fake_analysis import FakeAnalyser

from newsgraph.pipeline import IngestOptions, ingest_paths
from newsgraph.store import Store, open_store

STORY = (
    "Officials from {place} said on Monday that talks with their neighbours would resume next "
    "week. The foreign minister told reporters the two sides had agreed on an agenda. "
    "Observers said the meeting in {place} could ease tensions along the border."
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh database; `newsgraph check` must pass on it when the test is done."""
    with open_store(tmp_path / "t.db") as opened:
        yield opened
        assert_store_consistent(opened)


@needs_shared(SEEDS)
def test_seeds_clean_dated_and_idempotent(store: Store) -> None:
    report = ingest_paths([str(SEEDS)], store, analyser=FakeAnalyser())
    assert (report.read, report.stored, report.rejected) == (2, 2, 0)
    rows = {r["id"]: r for r in store.articles()}
    texts = {i: store.article(i)["text"] for i in rows}  # type: ignore[index]
    dated = [r for r in rows.values() if r["published"] == "2023-09-14"]
    assert len(dated) == 1 and dated[0]["date_source"] == "metadata"
    seed000 = texts[dated[0]["id"]]
    assert seed000.startswith("It is an indication of just now badly Russia")
    for text in texts.values():
        assert "does not support the <audio>" not in text
        assert "Copyright" not in text and "Published since" not in text
    raw002 = next(SEEDS.glob("002_*.txt")).read_text(encoding="utf-8").splitlines()
    seed002 = next(t for i, t in texts.items() if i != dated[0]["id"])
    for paragraph in raw002[2:9]:
        assert paragraph.removesuffix("■").strip() in seed002
    again = ingest_paths([str(SEEDS)], store, analyser=FakeAnalyser())
    assert (again.stored, again.skipped) == (0, 2)
    assert store.stats()["articles"] == 2


@needs_shared(VOA)
def test_voa_corpus_ingests_with_titles_and_dates(store: Store) -> None:
    report = ingest_paths([str(VOA)], store, analyser=FakeAnalyser())
    assert (report.read, report.stored, report.rejected) == (89, 89, 0)
    source = {
        str(r["id"]): r for r in map(json.loads, VOA.read_text(encoding="utf-8").splitlines())
    }
    for row in store.articles():
        original = source[row["id"]]
        assert row["title"] == original["title"]
        assert row["published"] == original["published"][:10]
        assert row["date_source"] == "field" and row["outlet"] == "voanews.com"
        assert row["language"] == "en"


def test_examples_tell_one_story_and_link_the_syndicated_copy(store: Store) -> None:
    report = ingest_paths([str(ROOT / "examples")], store, analyser=FakeAnalyser())
    assert report.rejected == 0 and 6 <= report.stored <= 10
    assert report.near_duplicates == 1
    rows = store.articles()
    assert all(r["published"] for r in rows)
    assert len({r["outlet"] for r in rows}) >= 4
    assert sum("Kim" in (store.article(r["id"]) or {})["text"] for r in rows) >= 5


def test_exact_duplicate_under_another_id_is_stored_once(tmp_path: Path, store: Store) -> None:
    text = STORY.format(place="Geneva")
    lines = [json.dumps({"id": "a1", "text": text}), json.dumps({"id": "b7", "text": text})]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines))
    (tmp_path / "copy.txt").write_text(text.upper())
    report = ingest_paths([str(tmp_path / "feed.jsonl")], store, analyser=FakeAnalyser())
    assert (report.stored, report.exact_duplicates) == (1, 1)
    report = ingest_paths([str(tmp_path / "copy.txt")], store, analyser=FakeAnalyser())
    assert report.skipped == 1
    full = store.article("a1")
    assert full is not None
    assert {(s["given_id"], Path(s["path"]).name) for s in full["sources"]} == {
        ("a1", "feed.jsonl"),
        ("b7", "feed.jsonl"),
        (None, "copy.txt"),
    }


def test_bad_inputs_each_get_one_message(tmp_path: Path, store: Store) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(STORY.format(place="Oslo"))
    (folder / "image.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (folder / "empty.txt").write_text("   \n")
    lines = [json.dumps({"text": STORY.format(place=p)}) for p in ("Rome", "Lima")]
    (folder / "feed.jsonl").write_text("\n".join([lines[0], "{not json", lines[1]]))
    report = ingest_paths([str(folder)], store, analyser=FakeAnalyser())
    assert report.stored == 3 and report.rejected == 3
    messages = [p.message() for p in report.problems]
    assert any("image.bin" in m and "binary" in m for m in messages)
    assert any("empty.txt" in m and "empty" in m for m in messages)
    assert any("feed.jsonl line 2: not valid JSON" in m for m in messages)


def test_new_analysis_version_reanalyses_stored_articles(tmp_path: Path, store: Store) -> None:
    (tmp_path / "a.txt").write_text(STORY.format(place="Kyiv"))
    ingest_paths([str(tmp_path)], store, analyser=FakeAnalyser("v1"))
    newer = FakeAnalyser("v2")
    report = ingest_paths([str(tmp_path)], store, analyser=newer)
    assert (report.reanalysed, report.stored, len(newer.seen)) == (1, 0, 1)
    untouched = FakeAnalyser("v2")
    assert ingest_paths([str(tmp_path)], store, analyser=untouched).skipped == 1
    assert untouched.seen == []


def test_analyser_is_not_created_when_nothing_needs_analysis(tmp_path: Path, store: Store) -> None:
    (tmp_path / "a.txt").write_text(STORY.format(place="Doha"))
    ingest_paths([str(tmp_path)], store, analyser=FakeAnalyser("v1"))

    def factory() -> FakeAnalyser:
        raise AssertionError("the model should not load")

    from newsgraph import pipeline

    version = pipeline.analysis_version()
    store.conn.execute("UPDATE articles SET analysed_version = ?", (version,))
    report = ingest_paths([str(tmp_path)], store, analyser_factory=factory)  # type: ignore[arg-type]
    assert report.skipped == 1


KILLER = """
import os, signal, sys
sys.path.insert(0, {root!r})
from newsgraph.pipeline import IngestOptions, ingest_paths
from newsgraph.store import open_store
from tests.fake_analysis import FakeAnalyser

store = open_store({db!r})
inserts = 0
def trace(sql):
    global inserts
    # once per article written: the id lookup inside the batch's transaction
    if sql.startswith("SELECT id FROM articles WHERE content_hash") and store.conn.in_transaction:
        inserts += 1
        if inserts == {kill_at}:  # inside the third batch's transaction
            os.kill(os.getpid(), signal.SIGKILL)
store.conn.set_trace_callback(trace)
ingest_paths([{src!r}], store, analyser=FakeAnalyser(), options=IngestOptions(batch_size=10))
"""


def test_sigkill_midway_leaves_a_consistent_db_and_rerun_completes(tmp_path: Path) -> None:
    src = tmp_path / "many.jsonl"
    src.write_text(
        "\n".join(json.dumps({"text": STORY.format(place=f"town {i}")}) for i in range(60))
    )
    db = tmp_path / "k.db"
    script = KILLER.format(root=str(ROOT), db=str(db), src=str(src), kill_at=25)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert result.returncode == -signal.SIGKILL, result.stderr.decode()
    assert_store_consistent(db)
    with open_store(db) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.stats()["articles"] == 20  # two whole batches, nothing of the third
        orphans = store.conn.execute(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS "
            "(SELECT 1 FROM article_sources s WHERE s.article_id = a.id)"
        ).fetchone()[0]
        assert orphans == 0
        report = ingest_paths(
            [str(src)], store, analyser=FakeAnalyser(), options=IngestOptions(batch_size=10)
        )
        assert (report.skipped, report.stored) == (20, 40)
        assert store.stats()["articles"] == 60 and store.stats()["sources"] == 60
        assert len(store.search("town")) == 20  # FTS index in step (search limit 20)
        fts = store.conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        assert fts == 60
    assert_store_consistent(db)
