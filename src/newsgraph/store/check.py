"""`newsgraph check`: verify that a database keeps its promises.

Every stored offset reads the words it claims in its own article, the article text is the one
its content hash was taken from, SQLite's own checks pass, the full-text index matches the
articles, and no row points at a missing parent.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

# Rows that must have a parent: (what, table, column, parent table, what the parent is).
_PARENTS = (
    ("mentions", "mentions", "article_id", "articles", "article"),
    ("events", "events", "article_id", "articles", "article"),
    ("event actors", "event_actors", "event_id", "events", "event"),
    ("article sources", "article_sources", "article_id", "articles", "article"),
    ("simhash bands", "simhash_bands", "article_id", "articles", "article"),
    ("near-duplicate links", "articles", "duplicate_of", "articles", "article"),
    ("update links", "articles", "update_of", "articles", "article"),
)


@dataclass(frozen=True)
class CheckProblem:
    """One inconsistency: which check found it and a line saying what and where."""

    check: str  # offsets | content | integrity | foreign_keys | fts | orphans
    message: str


@dataclass(frozen=True)
class CheckReport:
    """What `check_database` found; `ok` when nothing."""

    problems: tuple[CheckProblem, ...]
    counts: dict[str, int] = field(default_factory=dict)  # rows checked per table

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "counts": dict(self.counts),
            "problems": [{"check": p.check, "message": p.message} for p in self.problems],
        }


def check_database(conn: sqlite3.Connection) -> CheckReport:
    """Run every check over a newsgraph database; read-only apart from FTS5's self-check."""
    problems: list[CheckProblem] = []
    problems += _sqlite_integrity(conn)
    problems += _foreign_keys(conn)
    problems += _orphans(conn)
    problems += _fts(conn)
    problems += _articles(conn)
    counts = {
        table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        for table in ("articles", "article_sources", "mentions", "events", "event_actors")
    }
    return CheckReport(tuple(problems), counts)


def _sqlite_integrity(conn: sqlite3.Connection) -> list[CheckProblem]:
    rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
    if rows == ["ok"]:
        return []
    return [CheckProblem("integrity", f"SQLite integrity check: {r}") for r in rows]


def _foreign_keys(conn: sqlite3.Connection) -> list[CheckProblem]:
    return [
        CheckProblem("foreign_keys", f"{table} row {rowid} refers to a missing row of {parent}")
        for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check")
    ]


def _orphans(conn: sqlite3.Connection) -> list[CheckProblem]:
    problems = []
    for what, table, column, parent, parent_name in _PARENTS:
        count = conn.execute(
            f"SELECT count(*) FROM {table} t WHERE t.{column} IS NOT NULL AND NOT EXISTS "
            f"(SELECT 1 FROM {parent} p WHERE p.id = t.{column})"
        ).fetchone()[0]
        if count:
            problems.append(
                CheckProblem("orphans", f"{what} pointing to a missing {parent_name}: {count}")
            )
    unsourced = conn.execute(
        "SELECT count(*) FROM articles a WHERE NOT EXISTS "
        "(SELECT 1 FROM article_sources s WHERE s.article_id = a.id)"
    ).fetchone()[0]
    if unsourced:
        problems.append(CheckProblem("orphans", f"articles without a source: {unsourced}"))
    return problems


def _fts(conn: sqlite3.Connection) -> list[CheckProblem]:
    # FTS5 reports an index out of step with its content table only by failing this statement.
    try:
        conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError as exc:
        return [
            CheckProblem(
                "fts",
                f"the full-text index does not match the articles ({exc}); search may miss "
                "articles; rebuild it with INSERT INTO articles_fts(articles_fts) "
                "VALUES ('rebuild')",
            )
        ]
    return []


def _articles(conn: sqlite3.Connection) -> list[CheckProblem]:
    """Per article: content hash, paragraph offsets, and every mention's and event's quote."""
    from newsgraph.ingest.cleaning import content_hash

    problems: list[CheckProblem] = []
    rows = conn.execute(
        "SELECT id, text, raw_text, content_hash, paragraphs FROM articles ORDER BY rowid"
    )
    for article_id, text, raw_text, digest, paragraphs in rows:
        where = f"article {article_id!r}"
        if content_hash(raw_text) != digest:
            problems.append(
                CheckProblem("content", f"{where}: raw text does not match its content hash")
            )
        spans = json.loads(paragraphs)
        if "\n\n".join(text[s:e] for s, e in spans) != text:
            problems.append(
                CheckProblem("offsets", f"{where}: paragraph offsets do not cover its text")
            )
        for start, end, said in conn.execute(
            "SELECT start, end, text FROM mentions WHERE article_id = ? ORDER BY start",
            (article_id,),
        ):
            if not _reads(text, start, end, said):
                problems.append(
                    CheckProblem(
                        "offsets",
                        f"{where}: mention {start}-{end} {said!r} reads "
                        f"{_slice(text, start, end)!r}",
                    )
                )
        for event_id, start, end, record in conn.execute(
            "SELECT id, start, end, record FROM events WHERE article_id = ? ORDER BY start",
            (article_id,),
        ):
            problems += _event(where, text, event_id, start, end, record)
    return problems


def _event(
    where: str, text: str, event_id: str, start: int, end: int, record: str
) -> list[CheckProblem]:
    parsed = _json_object(record)
    if parsed is None:
        return [CheckProblem("offsets", f"{where}: event {event_id} record is not a JSON object")]
    quote = parsed.get("quote")
    if (parsed.get("start"), parsed.get("end")) != (start, end):
        return [
            CheckProblem(
                "offsets",
                f"{where}: event {event_id} record offsets {parsed.get('start')}-"
                f"{parsed.get('end')} differ from the stored {start}-{end}",
            )
        ]
    if not isinstance(quote, str) or not _reads(text, start, end, quote):
        return [
            CheckProblem(
                "offsets",
                f"{where}: event {event_id} quote {start}-{end} {quote!r} reads "
                f"{_slice(text, start, end)!r}",
            )
        ]
    return []


def _json_object(record: str) -> dict[str, Any] | None:
    try:
        parsed = json.loads(record)
    except ValueError:
        return None
    return parsed if isinstance(parsed, dict) else None


def _reads(text: str, start: int, end: int, said: str) -> bool:
    return 0 <= start <= end <= len(text) and text[start:end] == said


def _slice(text: str, start: int, end: int) -> str:
    if not 0 <= start <= end <= len(text):
        return f"<outside the {len(text)}-character text>"
    return text[start:end]
