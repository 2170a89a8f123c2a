"""Opening a database with care: recognise a newsgraph store, create and migrate it safely while
other processes race to do the same, and open read-only without ever writing.

A newsgraph store is a SQLite file whose header carries newsgraph's application id (stores made
before it was set are recognised by their `articles` table and schema version) and whose
`user_version` is its schema version. Files that are something else, and stores from a newer
newsgraph, are refused before anything is written to them.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from newsgraph.errors import StoreError
from newsgraph.store.schema import MIGRATIONS

# "NGph" in the SQLite header (PRAGMA application_id): set when a store is created, no migration.
APPLICATION_ID = 0x4E477068
LATEST_VERSION = max(number for number, _ in MIGRATIONS)
BUSY_TIMEOUT = 60.0  # seconds a writer waits for another process's transaction to end


def connect(db: str, *, read_only: bool = False) -> sqlite3.Connection:
    """A connection to `db` (newsgraph's or empty): WAL and migrated, unless read-only.

    Read-only connections use `mode=ro`, so nothing is created or written; on read-only media
    where SQLite cannot open the WAL index they fall back to `immutable=1`.
    """
    if db == ":memory:":
        conn = sqlite3.connect(db, isolation_level=None)
    elif read_only:
        return _connect_read_only(db)
    else:
        conn = sqlite3.connect(os.fsencode(db), isolation_level=None, timeout=BUSY_TIMEOUT)
    try:
        check_store(conn, db, read_only=False)
        _use_wal(conn)
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _connect_read_only(db: str) -> sqlite3.Connection:
    path = Path(db)
    if not path.is_file():
        raise StoreError(f"cannot open database {db}: no such file; run `newsgraph ingest` first")
    uri = path.resolve().as_uri() + "?mode=ro"
    conn, version = _read_only_or_immutable(uri, db)
    if version < LATEST_VERSION:
        # An older newsgraph's store: its schema is upgraded once (the only write a read
        # command makes, as the next ingest would), then it is read as usual.
        conn.close()
        _upgrade(db, version)
        conn, _ = _read_only_or_immutable(uri, db)
    return conn


def _read_only_or_immutable(uri: str, db: str) -> tuple[sqlite3.Connection, int]:
    try:
        return _checked_read_only(uri, db)
    except sqlite3.OperationalError as exc:
        if "unable to open" not in str(exc):
            raise
    # Read-only media where SQLite cannot open the WAL index: read the file as it is.
    return _checked_read_only(uri + "&immutable=1", db)


def _checked_read_only(uri: str, db: str) -> tuple[sqlite3.Connection, int]:
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT)
    try:
        version = check_store(conn, db, read_only=True)
        conn.execute("PRAGMA query_only = ON")
    except BaseException:
        conn.close()
        raise
    return conn, version


def _upgrade(db: str, version: int) -> None:
    try:
        connect(db).close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"cannot open database {db}: it has schema version {version}, this newsgraph needs "
            f"{LATEST_VERSION} and cannot upgrade it ({exc}); copy it somewhere writable, or "
            "read it with the newsgraph that wrote it"
        ) from exc


def check_store(conn: sqlite3.Connection, db: str, *, read_only: bool) -> int:
    """Refuse a file that is not a newsgraph store, or one from a newer newsgraph; returns the
    store's schema version (0 for a new, empty file)."""
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    tables = {
        str(r[0])
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
        )
    }
    if app_id not in (0, APPLICATION_ID):
        raise StoreError(
            f"cannot open database {db}: it belongs to another application (application id "
            f"{app_id:#x}), not newsgraph; give --db a newsgraph database or a new file name"
        )
    if version == 0 and not tables and app_id == 0:
        if not read_only:
            return 0
        raise StoreError(
            f"cannot open database {db}: it is empty, not a newsgraph database; "
            f"run `newsgraph ingest PATH --db {db}` first"
        )
    if "articles" not in tables:
        shown = ", ".join(sorted(tables)[:5]) or "none"
        raise StoreError(
            f"cannot open database {db}: not a newsgraph database (its tables: {shown}); "
            "give --db a newsgraph database or a new file name"
        )
    if version > LATEST_VERSION:
        raise StoreError(
            f"cannot open database {db}: it was written by a newer newsgraph (schema version "
            f"{version}, this one knows up to {LATEST_VERSION}); upgrade newsgraph to read it"
        )
    return version


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL; another process creating the same file at once may hold the lock briefly.

    Changing the journal mode does not wait on SQLite's busy timeout, so wait here.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT
    while str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
        try:
            conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def migrate(conn: sqlite3.Connection) -> None:
    """Apply the migrations this store lacks, in one exclusive transaction.

    The version is read again inside the transaction: two processes creating or upgrading the
    same file at once both get here, the first applies the migrations, the second finds it done.
    """
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if version >= LATEST_VERSION and app_id == APPLICATION_ID:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        for number, sql in MIGRATIONS:
            if number > version:
                for statement in split_sql(sql):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {int(number)}")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


def split_sql(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    statements: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                statements.append(buf.strip())
            buf = ""
    if buf.strip():
        statements.append(buf.strip())
    return statements


def advice(exc: sqlite3.DatabaseError) -> str:
    """What to do about a failure SQLite reported."""
    reason = str(exc)
    if "full" in reason:
        return "free disk space and run the same command again"
    if "locked" in reason or "busy" in reason:
        return f"another process held it for over {BUSY_TIMEOUT:.0f} s; try again when it is done"
    if "readonly" in reason or "read-only" in reason:
        return "give --db a file you can write to"
    if any(w in reason for w in ("malformed", "not a database", "corrupt", "vtable constructor")):
        return "the file is damaged; restore it from a backup, or ingest into a new file"
    return "check the file and the disk, then try again"


def write_failure(db: str, exc: sqlite3.DatabaseError) -> str:
    """The message for a write SQLite refused: what happened and what to do."""
    return (
        f"cannot write to database {db}: {exc}; {advice(exc)} "
        "(batches written before are kept; a re-run skips them)"
    )
