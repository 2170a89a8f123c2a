"""The store is handled with care: read commands never create or write a database, files that are
not newsgraph stores are refused untouched, and damaged, full or strange inputs get one clear
message and an exit code, never a traceback."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import newsgraph.pipeline
import newsgraph.store
from conftest import ROOT, make_article
from fake_analysis import FakeAnalyser
from newsgraph.cli import main
from newsgraph.errors import StoreError
from newsgraph.records import ActorRef, AnalysedArticle, Event
from newsgraph.store import Source, StoredItem, open_store, opening

READ_COMMANDS = [
    ["articles"],
    ["show", "abc"],
    ["search", "talks"],
    ["stats"],
    ["actors"],
    ["mentions", "abc"],
    ["events"],
    ["export", "--format", "polecat"],
]


def _event(eid: str, article_id: str, actor: str, recipient: str) -> Event:
    who, whom = (ActorRef(c, c, c, c[:3], None, c) for c in (actor, recipient))
    return Event(
        id=eid, article_id=article_id, sentence=0, quote="Russia attacked Ukraine", start=0,
        end=23, actors=(who,), recipients=(whom,), plover_type="ASSAULT", plover_mode=None,
        plover_context=None, cameo_code="190", quad_class=4, goldstein=-10.0, rule="attack",
        coder_version="t", modality="asserted", date="2023-09-13",
    )  # fmt: skip


def _store(path: Path, articles: int = 30) -> str:
    """A store with `articles` articles (several pages) and two events."""
    db = str(path)
    items = []
    for i in range(articles):
        article = make_article(f"Article {i}: Russia and Ukraine held talks. " + "Words. " * 300)
        events = (
            (_event("e1", article.id, "RUSGOV", "UKRGOV"), _event("e2", article.id, "USA", "UKR"))
            if i == 0
            else ()
        )
        items.append(StoredItem(AnalysedArticle(article, (), events), Source(article.id, "x")))
    with open_store(db) as store:
        store.write_batch(items)
    return db


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run(args: list[str]) -> Result:
    return CliRunner().invoke(main, args)


def _clear_failure(result: Result, code: int, *words: str) -> None:
    """Exit code `code`, one `newsgraph:` line saying `words`, no traceback."""
    assert result.exit_code == code, (result.output, result.exception)
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.output, result.output


# -- read commands never create or write --------------------------------------------------


@pytest.mark.parametrize("args", READ_COMMANDS)
def test_read_commands_do_not_create_a_database(tmp_path: Path, args: list[str]) -> None:
    db = tmp_path / "missing.db"
    _clear_failure(_run([*args, "--db", str(db)]), 2, "no database at")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", [*READ_COMMANDS, ["ingest", str(ROOT / "examples")]])
def test_another_sqlite_file_is_refused_untouched(tmp_path: Path, args: list[str]) -> None:
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('mine')")
    conn.commit()
    conn.close()
    before = _digest(other)
    _clear_failure(_run([*args, "--db", str(other)]), 2, "not a newsgraph database")
    assert _digest(other) == before
    tables = sqlite3.connect(other).execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == [("notes",)]


def test_a_file_of_another_application_is_refused(tmp_path: Path) -> None:
    db = _store(tmp_path / "t.db", articles=1)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA application_id = 42")
    conn.commit()
    conn.close()
    _clear_failure(_run(["stats", "--db", db]), 2, "another application")


def test_a_new_store_carries_newsgraph_application_id(tmp_path: Path) -> None:
    with open_store(tmp_path / "t.db") as store:
        row = store.conn.execute("PRAGMA application_id").fetchone()
        assert row[0] == opening.APPLICATION_ID


@pytest.mark.parametrize("args", READ_COMMANDS)
def test_read_commands_leave_the_store_as_it_was(tmp_path: Path, args: list[str]) -> None:
    db = Path(_store(tmp_path / "t.db"))
    before = _digest(db)
    result = _run([*args, "--db", str(db)])
    assert "Traceback" not in result.output and result.exit_code in (0, 1, 2), result.output
    assert _digest(db) == before


def test_an_empty_file_is_not_a_store_for_reading(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    _clear_failure(_run(["stats", "--db", str(empty)]), 2, "empty, not a newsgraph database")
    assert empty.stat().st_size == 0


def test_a_store_from_a_newer_newsgraph_is_refused(tmp_path: Path) -> None:
    db = _store(tmp_path / "t.db", articles=1)
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {opening.LATEST_VERSION + 1}")
    conn.commit()
    conn.close()
    before = _digest(Path(db))
    for args in (["stats"], ["ingest", str(ROOT / "examples")]):
        _clear_failure(_run([*args, "--db", db]), 2, "newer newsgraph", "upgrade newsgraph")
    assert _digest(Path(db)) == before


def test_a_read_command_upgrades_an_older_store_and_changes_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _store(tmp_path / "t.db", articles=3)
    newer = opening.LATEST_VERSION + 1
    monkeypatch.setattr(opening, "MIGRATIONS", (*opening.MIGRATIONS, (newer, "CREATE TABLE t(x);")))
    monkeypatch.setattr(opening, "LATEST_VERSION", newer)
    result = _run(["stats", "--json", "--db", db])
    assert result.exit_code == 0 and '"articles": 3' in result.stdout, result.output
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == newer
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 3


def test_an_older_store_that_cannot_be_upgraded_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _store(tmp_path / "t.db", articles=1)
    before = _digest(Path(db))
    monkeypatch.setattr(opening, "LATEST_VERSION", opening.LATEST_VERSION + 1)

    def read_only_media(db: str, *, read_only: bool = False) -> sqlite3.Connection:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(opening, "connect", read_only_media)
    _clear_failure(_run(["stats", "--db", db]), 2, "cannot upgrade it", "copy it somewhere")
    assert _digest(Path(db)) == before


def test_reads_work_where_the_wal_index_cannot_be_written(tmp_path: Path) -> None:
    db = _store(tmp_path / "t.db", articles=2)
    (tmp_path / "t.db-shm").mkdir()  # as on read-only media: SQLite cannot create its index
    result = _run(["stats", "--json", "--db", db])
    assert result.exit_code == 0, result.output
    assert '"articles": 2' in result.stdout


def test_read_only_open_falls_back_to_immutable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _store(tmp_path / "t.db", articles=2)
    real = sqlite3.connect
    opened: list[str] = []

    def cantopen(target: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        opened.append(str(target))
        if str(target).endswith("?mode=ro"):
            raise sqlite3.OperationalError("unable to open database file")
        return real(target, *args, **kwargs)

    monkeypatch.setattr(opening.sqlite3, "connect", cantopen)
    with open_store(db, read_only=True) as store:
        assert store.stats()["articles"] == 2
    assert opened[-1].endswith("?mode=ro&immutable=1")


# -- damaged, full, strange -----------------------------------------------------------------


def test_a_corrupted_page_gives_a_clear_message(tmp_path: Path) -> None:
    db = Path(_store(tmp_path / "t.db", articles=60))
    bad = tmp_path / "bad.db"
    shutil.copy(db, bad)
    size = bad.stat().st_size
    with bad.open("r+b") as f:
        f.seek(size // 4)
        f.write(os.urandom(size // 2))
    failed = []
    for args in (["stats"], ["articles"], ["search", "talks"], ["events"], ["actors"]):
        result = _run([*args, "--db", str(bad)])
        assert "Traceback" not in result.output and result.exit_code in (0, 1), result.output
        if result.exit_code:  # a command that reads no damaged page succeeds
            assert isinstance(result.exception, SystemExit)
            assert "the file is damaged; restore it from a backup" in result.output
            failed.append(args[0])
    assert "stats" in failed  # stats counts every table, so it meets the damage


def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all " * 100)
    _clear_failure(_run(["stats", "--db", str(junk)]), 2, "file is not a database")
    _clear_failure(_run(["ingest", str(ROOT / "examples"), "--db", str(junk)]), 2, "not a database")


def test_a_full_disk_stops_ingest_with_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = newsgraph.store.connect

    def nearly_full(db: str, *, read_only: bool = False) -> sqlite3.Connection:
        conn = real(db, read_only=read_only)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + 8}")
        return conn

    monkeypatch.setattr(newsgraph.store, "connect", nearly_full)
    monkeypatch.setattr(newsgraph.pipeline, "Analyser", lambda **_: FakeAnalyser())
    corpus = tmp_path / "many.jsonl"
    corpus.write_text(
        "".join(f'{{"text": "Story {i}. {"Russia held talks. " * 200}"}}\n' for i in range(60)),
        encoding="utf-8",
    )
    db = str(tmp_path / "t.db")
    result = _run(["ingest", str(corpus), "--db", db, "--workers", "1", "--batch-size", "4"])
    _clear_failure(result, 2, "database or disk is full", "free disk space")
    monkeypatch.undo()
    with open_store(db, read_only=True) as store:  # the batches before the full one are kept
        assert 0 < store.stats()["articles"] < 60


def test_a_full_disk_rolls_back_the_batch_in_the_library(tmp_path: Path) -> None:
    with open_store(tmp_path / "t.db") as store:
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages + 1}")
        item = StoredItem(
            AnalysedArticle(make_article("Talks. " * 5000)), Source("x", "x.txt"), simhash=None
        )
        with pytest.raises(StoreError, match=r"cannot write to database .*full"):
            store.write_batch([item])
        assert not store.conn.in_transaction


@pytest.mark.parametrize(
    "args",
    [
        ["articles", "--limit", str(2**64)],
        ["events", "--limit", str(2**63)],
        ["search", "x", "--limit", str(2**70)],
        ["articles", "--limit", "0"],
    ],
)
def test_limits_beyond_what_sqlite_takes_are_usage_errors(tmp_path: Path, args: list[str]) -> None:
    db = _store(tmp_path / "t.db", articles=1)
    _clear_failure(_run([*args, "--db", db]), 2, "Invalid value for '--limit'")


@pytest.mark.parametrize(
    "args",
    [
        ["bench", "--batch-size", "0"],
        ["bench", "--articles", "0"],
        ["bench", "--processes", "0"],
        ["bench", "--processes", "1,x"],
    ],
)
def test_bench_rejects_counts_that_would_hang(args: list[str]) -> None:
    result = _run(args)
    assert result.exit_code == 2 and "Invalid value" in result.output, result.output


def test_export_into_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    db = _store(tmp_path / "t.db", articles=1)
    out = tmp_path / "nope" / "events.tsv"
    _clear_failure(
        _run(["export", "--db", db, "--output", str(out)]), 2, "folder", "does not exist"
    )
    assert not out.parent.exists()


def test_actor_filter_takes_like_wildcards_literally(tmp_path: Path) -> None:
    db = _store(tmp_path / "t.db", articles=1)

    def count(actor: str) -> int:
        result = _run(["events", "--jsonl", "--actor", actor, "--db", db])
        assert result.exit_code == 0, result.output
        return len(result.stdout.splitlines())

    # a wildcard is no actor: a usage error naming the problem, never a match on everything
    for wildcard in ("%", "_", "%GOV"):
        result = _run(["events", "--jsonl", "--actor", wildcard, "--db", db])
        assert result.exit_code == 2 and not result.stdout and "no such actor" in result.output
    assert count("RUS") == 1 and count("UKR") == 2 and count("UKRGOV") == 1


NON_UTF8 = [
    (["show", b"\xff\xfe"], 2, "not valid UTF-8"),
    (["events", "--actor", b"\xff"], 2, "not valid UTF-8"),
    (["search", b"caf\xe9"], 2, "not valid UTF-8"),
    (["ingest", b"caf\xe9.txt"], 1, "cannot read caf\\xe9.txt: no such file"),
    (["stats", "--db", b"caf\xe9.db"], 2, "no database at caf\\xe9.db"),
]


@pytest.mark.parametrize(("args", "code", "message"), NON_UTF8)
def test_arguments_that_are_not_utf8_get_a_clear_message(
    tmp_path: Path, args: list[str | bytes], code: int, message: str
) -> None:
    db = _store(tmp_path / "t.db", articles=1)
    has_db = "--db" in args
    argv: list[str | bytes] = [
        sys.executable,
        "-c",
        "from newsgraph.cli import main; main()",
        *args,
        *([] if has_db else ["--db", db]),
    ]
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), LC_ALL="C.UTF-8")
    done = subprocess.run(argv, capture_output=True, cwd=tmp_path, env=env, check=False)
    err = done.stderr.decode("utf-8")
    assert done.returncode == code, err
    assert "Traceback" not in err and message in err, err
