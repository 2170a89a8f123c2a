"""Parallel ingestion: the same database content as one process, written by a single writer."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, assert_store_consistent
from newsgraph.pipeline import IngestOptions, ingest_paths
from newsgraph.store import open_store

EXAMPLES = ROOT / "examples"


def _ingest(db: Path, workers: int, batch_size: int) -> tuple[dict[str, object], list[object]]:
    with open_store(db) as store:
        report = ingest_paths(
            [str(EXAMPLES)], store, options=IngestOptions(workers=workers, batch_size=batch_size)
        )
        assert report.rejected == 0
        assert_store_consistent(store)
        articles = store.articles()
        content = [
            (a["id"], len(store.mentions(a["id"])), [e["id"] for e in store.events()])
            for a in articles
        ]
        return {"stored": report.stored, "sentences": report.sentences}, content


def test_two_workers_store_what_one_process_stores(tmp_path: Path) -> None:
    one, content_one = _ingest(tmp_path / "one.db", workers=1, batch_size=3)
    two, content_two = _ingest(tmp_path / "two.db", workers=2, batch_size=3)
    assert one["stored"] == two["stored"] and one["stored"] >= 6
    assert content_one == content_two
    assert one["sentences"] == two["sentences"]


def test_parallel_rerun_is_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "re.db"
    _ingest(db, workers=2, batch_size=2)
    with open_store(db) as store:
        report = ingest_paths([str(EXAMPLES)], store, options=IngestOptions(workers=2))
        assert report.stored == 0 and report.skipped == report.read - report.exact_duplicates
        assert store.stats()["articles"] == len(store.articles())
