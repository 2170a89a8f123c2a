"""Processes racing on one database: creating it, storing the same text, taking the same id.

Each race runs in a script of its own with real processes started together at a barrier; the
analyser is a fake that waits a little, so every process has looked its articles up before any
of them writes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from conftest import ROOT
from newsgraph.store import open_store

RACE_SCRIPT = """
import json, multiprocessing as mp, sys, time
from newsgraph.store import open_store


def slow_analyser():
    sys.path.insert(0, {tests!r})
    from fake_analysis import FakeAnalyser

    class SlowAnalyser(FakeAnalyser):
        def analyse(self, articles):
            articles = list(articles)
            time.sleep(0.5)  # every racer has looked its articles up before any writes
            yield from super().analyse(articles)

    return SlowAnalyser()


def create(dbs, barrier, results):
    out = []
    for db in dbs:
        barrier.wait()  # both processes open each new file at the same moment
        try:
            open_store(db).close()
            out.append("ok")
        except Exception as exc:
            out.append(repr(exc))
    results.put(out)


def ingest(db, path, barrier, results):
    from newsgraph.pipeline import ingest_paths

    analyser = slow_analyser()
    barrier.wait()
    try:
        with open_store(db) as store:
            results.put(json.dumps(ingest_paths([path], store, analyser=analyser).to_dict()))
    except Exception as exc:
        results.put(repr(exc))


def race(target, argsets):
    ctx = mp.get_context("spawn")
    barrier, results = ctx.Barrier(len(argsets)), ctx.Queue()
    procs = [ctx.Process(target=target, args=(*a, barrier, results)) for a in argsets]
    for p in procs:
        p.start()
    out = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join()
    return out


if __name__ == "__main__":
    job = json.loads(sys.argv[1])
    if job["kind"] == "create":
        out = race(create, [(job["dbs"],), (job["dbs"],)])
    else:
        out = race(ingest, [(job["db"], path) for path in job["paths"]])
    print(json.dumps(out))
"""


def _race(tmp_path: Path, job: dict[str, Any]) -> Any:
    script = tmp_path / "race.py"
    script.write_text(RACE_SCRIPT.format(tests=str(ROOT / "tests")), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT / "tests")]))
    done = subprocess.run(
        [sys.executable, str(script), json.dumps(job)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _jsonl(path: Path, records: list[dict[str, str]]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def test_twenty_pairs_of_processes_create_the_same_database(tmp_path: Path) -> None:
    dbs = [str(tmp_path / f"new{i}.db") for i in range(20)]
    rounds = _race(tmp_path, {"kind": "create", "dbs": dbs})
    assert rounds == [["ok"] * 20, ["ok"] * 20]
    for db in dbs:
        with open_store(db) as store:
            assert store.stats()["schema_version"] >= 1
            assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


TEXT = "Russia and North Korea held talks in Vladivostok on Tuesday, officials said."
OTHER = "Morocco accepted rescue teams from Spain after the earthquake, the ministry said."


def test_the_same_text_under_two_ids_from_two_processes_is_one_article_with_both_sources(
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "same.db")
    open_store(db).close()
    paths = [
        _jsonl(tmp_path / "a.jsonl", [{"id": "from-a", "text": TEXT}]),
        _jsonl(tmp_path / "b.jsonl", [{"id": "from-b", "text": TEXT}]),
    ]
    reports = [json.loads(r) for r in _race(tmp_path, {"kind": "ingest", "db": db, "paths": paths})]
    assert all(r["rejected"] == 0 for r in reports)
    assert sorted((r["stored"], r["exact_duplicates"]) for r in reports) == [(0, 1), (1, 0)]
    with open_store(db) as store:
        rows = store.articles()
        assert len(rows) == 1 and rows[0]["sources"] == 2
        article = store.article(rows[0]["id"])
        assert article is not None
        assert {s["given_id"] for s in article["sources"]} == {"from-a", "from-b"}


def test_two_texts_under_one_id_from_two_processes_are_both_kept(tmp_path: Path) -> None:
    db = str(tmp_path / "id.db")
    paths = [
        _jsonl(tmp_path / "a.jsonl", [{"id": "story-1", "text": TEXT}]),
        _jsonl(tmp_path / "b.jsonl", [{"id": "story-1", "text": OTHER}]),
    ]
    reports = [json.loads(r) for r in _race(tmp_path, {"kind": "ingest", "db": db, "paths": paths})]
    assert all(r["rejected"] == 0 for r in reports), reports
    with open_store(db) as store:
        ids = {r["id"] for r in store.articles()}
        texts = {store.article(i)["text"] for i in ids}  # type: ignore[index]
        assert texts == {TEXT, OTHER}
        assert "story-1" in ids and any(i.startswith("story-1-") for i in ids)
        for i in ids:
            article = store.article(i)
            assert article is not None and [s["given_id"] for s in article["sources"]]
