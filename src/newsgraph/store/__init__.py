"""The embedded SQLite store: the only module that knows the schema and speaks SQL.

One writer, WAL mode, one transaction per batch, so a run killed midway leaves whole articles
(with all their mentions and events) or nothing of them.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from newsgraph.errors import StoreError, UsageError
from newsgraph.records import AnalysedArticle, Article, RemovedLine
from newsgraph.store.check import CheckReport, check_database
from newsgraph.store.opening import advice, connect, write_failure

DEFAULT_DB = "newsgraph.db"
# A 64-bit simhash split into eight 8-bit bands: two fingerprints within Hamming distance 7
# share at least one band, so the lookup misses no near-duplicate the ingest threshold accepts.
SIMHASH_BANDS = 8
BAND_BITS = 64 // SIMHASH_BANDS


def default_db_path() -> str:
    """`NEWSGRAPH_DB` when set, else ./newsgraph.db."""
    return os.environ.get("NEWSGRAPH_DB") or DEFAULT_DB


def like_prefix(value: str) -> str:
    """A LIKE pattern matching strings that start with `value` taken literally (ESCAPE '\\')."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


def _signed64(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value


def _unsigned64(value: int) -> int:
    return value + (1 << 64) if value < 0 else value


def simhash_bands(simhash: int) -> list[int]:
    """The bands of a 64-bit simhash; near-duplicates share at least one."""
    mask = (1 << BAND_BITS) - 1
    return [(simhash >> (BAND_BITS * i)) & mask for i in range(SIMHASH_BANDS)]


@dataclass(frozen=True)
class Source:
    """Where a copy of an article came from (every exact duplicate adds one)."""

    article_id: str
    path: str
    line: int = 0
    given_id: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class StoredItem:
    """An analysed article plus what the ingest stage learned about its duplicates."""

    analysed: AnalysedArticle
    source: Source
    simhash: int | None = None
    duplicate_of: str | None = None
    similarity: float | None = None
    analysed_version: str | None = None
    extra_sources: tuple[Source, ...] = ()  # exact duplicates seen in the same batch
    update_of: str | None = None  # the earlier version this article updates


EVENT_SORTS = ("article", "date", "confidence")


@dataclass(frozen=True)
class Written:
    """What became of one item of a written batch."""

    outcome: Literal["stored", "merged", "id_taken"]
    article_id: str  # the stored article (for `merged`, the copy another writer stored first)


@dataclass(frozen=True)
class EventFilter:
    """Filters for listing events; every field optional.

    A party (`actor`, `source`, `target`, each side of `dyad`) is an actor code (PRKGOV), a
    country (PRK: every code starting with it) or an actor id. `newsgraph.queries.list_events`
    checks the values first; the store takes them as given.
    """

    actor: str | None = None  # the party in either role
    plover_type: str | None = None
    article_id: str | None = None  # a full id (queries.list_events resolves a prefix)
    modality: str | None = None
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None  # YYYY-MM-DD, inclusive
    background: bool | None = None
    limit: int | None = None
    source: str | None = None  # the party among the event's actors
    target: str | None = None  # the party among the event's recipients
    dyad: tuple[str, str] | None = None  # A among actors and B among recipients (or the reverse)
    directed: bool = False  # with `dyad`: A → B only
    outlet: str | None = None  # the article's outlet, case-insensitive
    sort: str = "article"  # one of EVENT_SORTS


class Store:
    """A newsgraph database. Use `open_store` to get one."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path

    # -- lifecycle -------------------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it lands or none of it does.

        SQLite failures (disk full, I/O error, a lock held past the busy timeout) become a
        `StoreError` saying so; what earlier transactions wrote stays.
        """
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.rollback()
                raise
            self.conn.commit()
        except sqlite3.OperationalError as exc:  # disk full, I/O error, lock held too long
            raise StoreError(write_failure(self.path, exc)) from exc

    # -- ingest-side reads -----------------------------------------------------------------
    def find_by_hash(self, content_hash: str) -> str | None:
        row = self.conn.execute(
            "SELECT id FROM articles WHERE content_hash = ?", (content_hash,)
        ).fetchone()
        return None if row is None else str(row[0])

    def find_by_id(self, article_id: str) -> str | None:
        """The content hash of the article with this id, if stored."""
        row = self.conn.execute(
            "SELECT content_hash FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return None if row is None else str(row[0])

    def analysed_version(self, article_id: str) -> str | None:
        row = self.conn.execute(
            "SELECT analysed_version FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return None if row is None or row[0] is None else str(row[0])

    def near_duplicate_candidates(self, simhash: int) -> list[tuple[str, int]]:
        """Stored (article id, simhash) pairs sharing a band with `simhash`."""
        bands = simhash_bands(simhash)
        clause = " OR ".join("(b.band = ? AND b.value = ?)" for _ in bands)
        params: list[int] = []
        for i, value in enumerate(bands):
            params += [i, value]
        rows = self.conn.execute(
            "SELECT DISTINCT a.id, a.simhash FROM simhash_bands b JOIN articles a "
            f"ON a.id = b.article_id WHERE {clause}",
            params,
        ).fetchall()
        return [(str(r[0]), _unsigned64(int(r[1]))) for r in rows if r[1] is not None]

    def article_text(self, article_id: str) -> str | None:
        """The cleaned text of a stored article (to confirm a near-duplicate)."""
        row = self.conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
        return None if row is None else str(row[0])

    def article_record(self, article_id: str) -> Article | None:
        """One stored article as a record (for re-analysis under a new coder version)."""
        return next(self._article_records("WHERE id = ?", (article_id,)), None)

    def outlet_articles(self, outlet: str, limit: int = 200) -> list[tuple[str, str, str]]:
        """(id, raw text, cleaned text) of an outlet's recent articles, newest first.

        For learning its repeated boilerplate and finding the stories a new article updates.
        """
        rows = self.conn.execute(
            "SELECT id, raw_text, text FROM articles WHERE outlet = ? ORDER BY rowid DESC LIMIT ?",
            (outlet, limit),
        ).fetchall()
        return [(str(r[0]), str(r[1]), str(r[2])) for r in rows]

    def articles_read_as(
        self, url: str | None, given_id: str | None, limit: int = 50
    ) -> list[tuple[str, str]]:
        """(id, cleaned text) of stored articles read from this URL or under this given id."""
        rows = self.conn.execute(
            "SELECT id, text FROM articles WHERE id IN (SELECT article_id FROM article_sources "
            "WHERE url = ? OR given_id = ?) ORDER BY rowid DESC LIMIT ?",
            (url, given_id, limit),
        ).fetchall()
        return [(str(r[0]), str(r[1])) for r in rows]

    # -- writes ----------------------------------------------------------------------------
    def add_sources(self, sources: Sequence[Source]) -> None:
        with self.transaction() as conn:
            self._insert_sources(conn, sources)

    @staticmethod
    def _insert_sources(conn: sqlite3.Connection, sources: Sequence[Source]) -> None:
        conn.executemany(
            "INSERT OR IGNORE INTO article_sources "
            "(article_id, path, line, given_id, url, outlet, title) VALUES (?,?,?,?,?,?,?)",
            [(s.article_id, s.path, s.line, s.given_id, s.url, s.outlet, s.title) for s in sources],
        )

    def write_batch(self, items: Sequence[StoredItem]) -> list[Written]:
        """Store analysed articles, replacing earlier analyses of the same article, atomically.

        Another process may have stored an article since this one looked it up: the same text
        under another id becomes one more source of the stored copy (`merged`); a new article
        whose id now names another text is left out (`id_taken`) for the caller to rename.
        """
        if not items:
            return []
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.transaction() as conn:
            return [self._write_one(conn, item, now) for item in items]

    def _write_one(self, conn: sqlite3.Connection, item: StoredItem, now: str) -> Written:
        a = item.analysed.article
        same_text = conn.execute(
            "SELECT id FROM articles WHERE content_hash = ?", (a.content_hash,)
        ).fetchone()
        if same_text is not None and same_text[0] != a.id:
            stored_id = str(same_text[0])
            sources = [item.source, *item.extra_sources]
            self._insert_sources(conn, [replace(s, article_id=stored_id) for s in sources])
            return Written("merged", stored_id)
        exists = same_text is not None
        if not exists and conn.execute("SELECT 1 FROM articles WHERE id = ?", (a.id,)).fetchone():
            return Written("id_taken", a.id)
        if exists:
            conn.execute("DELETE FROM events WHERE article_id = ?", (a.id,))
            conn.execute("DELETE FROM mentions WHERE article_id = ?", (a.id,))
            conn.execute(
                "UPDATE articles SET analysed_version = ? WHERE id = ?",
                (item.analysed_version, a.id),
            )
        else:
            sim = None if item.simhash is None else _signed64(item.simhash)
            conn.execute(
                "INSERT INTO articles (id, content_hash, url, outlet, title, published, "
                "date_source, language, text, raw_text, paragraphs, removed, simhash, "
                "duplicate_of, similarity, analysed_version, ingested_at, update_of) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    a.id,
                    a.content_hash,
                    a.url,
                    a.outlet,
                    a.title,
                    a.published,
                    a.date_source,
                    a.language,
                    a.text,
                    a.raw_text,
                    json.dumps([list(p) for p in a.paragraphs]),
                    json.dumps([asdict(r) for r in a.removed], ensure_ascii=False),
                    sim,
                    item.duplicate_of,
                    item.similarity,
                    item.analysed_version,
                    now,
                    item.update_of,
                ),
            )
            if item.simhash is not None:
                conn.executemany(
                    "INSERT INTO simhash_bands (band, value, article_id) VALUES (?,?,?)",
                    [(i, v, a.id) for i, v in enumerate(simhash_bands(item.simhash))],
                )
        self._insert_sources(conn, [item.source, *item.extra_sources])
        mentions = item.analysed.mentions
        conn.executemany(
            "INSERT OR IGNORE INTO actors (id, name, kind, country, sectors, code, entity_type) "
            "VALUES (?,?,?,?,?,?,?)",
            [
                (m.actor_id, m.name, m.kind, m.country, ",".join(m.sectors), m.code, m.entity_type)
                for m in mentions
            ],
        )
        conn.executemany(
            "INSERT OR REPLACE INTO mentions (article_id, start, end, sentence, text, actor_id, "
            "name, kind, country, sectors, code, confidence, method, entity_type, role_title) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    m.article_id,
                    m.start,
                    m.end,
                    m.sentence,
                    m.text,
                    m.actor_id,
                    m.name,
                    m.kind,
                    m.country,
                    ",".join(m.sectors),
                    m.code,
                    m.confidence,
                    m.method,
                    m.entity_type,
                    m.role_title,
                )
                for m in mentions
            ],
        )
        for e in item.analysed.events:
            conn.execute(
                "INSERT OR REPLACE INTO events (id, article_id, sentence, start, end, plover_type, "
                "cameo_code, quad_class, goldstein, modality, date, is_background, "
                "coder_version, record) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    e.id,
                    e.article_id,
                    e.sentence,
                    e.start,
                    e.end,
                    e.plover_type,
                    e.cameo_code,
                    e.quad_class,
                    e.goldstein,
                    e.modality,
                    e.date,
                    None if e.is_background is None else int(e.is_background),
                    e.coder_version,
                    json.dumps(e.to_dict(), ensure_ascii=False),
                ),
            )
            conn.executemany(
                "INSERT OR REPLACE INTO event_actors "
                "(event_id, role, position, code, actor_id, country) VALUES (?,?,?,?,?,?)",
                [(e.id, "actor", i, r.code, r.actor_id, r.country) for i, r in enumerate(e.actors)]
                + [
                    (e.id, "recipient", i, r.code, r.actor_id, r.country)
                    for i, r in enumerate(e.recipients)
                ],
            )
        return Written("stored", a.id)

    # -- views -----------------------------------------------------------------------------
    def articles(self, limit: int | None = None) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT a.id, a.title, a.url, a.outlet, a.published, a.date_source, a.language, "
            "length(a.text), a.duplicate_of, a.similarity, a.update_of, "
            "(SELECT count(*) FROM article_sources s WHERE s.article_id = a.id), "
            "(SELECT count(*) FROM mentions m WHERE m.article_id = a.id), "
            "(SELECT count(*) FROM events e WHERE e.article_id = a.id) "
            "FROM articles a ORDER BY a.published IS NULL, a.published, a.rowid LIMIT ?",
            (-1 if limit is None else limit,),
        ).fetchall()
        keys = [
            "id",
            "title",
            "url",
            "outlet",
            "published",
            "date_source",
            "language",
            "chars",
            "duplicate_of",
            "similarity",
            "update_of",
            "sources",
            "mentions",
            "events",
        ]
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article in full; a unique id prefix is accepted."""
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            rows = self.conn.execute(
                "SELECT * FROM articles WHERE id >= ? AND id < ? LIMIT 2",
                (article_id, article_id + "\U0010ffff"),
            ).fetchall()
            row = rows[0] if len(rows) == 1 else None
        if row is None:
            return None
        columns = [c[0] for c in self.conn.execute("SELECT * FROM articles LIMIT 0").description]
        d = dict(zip(columns, row, strict=True))
        d.pop("rowid", None)
        d.pop("simhash", None)
        d["paragraphs"] = json.loads(d["paragraphs"])
        d["removed"] = json.loads(d["removed"])
        d["sources"] = [
            dict(zip(("path", "line", "given_id", "url", "outlet", "title"), s, strict=True))
            for s in self.conn.execute(
                "SELECT path, line, given_id, url, outlet, title FROM article_sources "
                "WHERE article_id = ? ORDER BY path, line",
                (d["id"],),
            )
        ]
        d["near_duplicates"] = [
            {"id": r[0], "similarity": r[1]}
            for r in self.conn.execute(
                "SELECT id, similarity FROM articles WHERE duplicate_of = ?", (d["id"],)
            )
        ]
        d["updates"] = [
            str(r[0])
            for r in self.conn.execute(
                "SELECT id FROM articles WHERE update_of = ? ORDER BY rowid", (d["id"],)
            )
        ]
        return d

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search (FTS5 syntax; a plain phrase works) ranked by relevance.

        A query that is not valid FTS5 syntax (stray quotes, `North Korea's`) is searched as
        plain words instead of failing.
        """
        sql = (
            "SELECT a.id, a.title, a.outlet, a.published, "
            "snippet(articles_fts, 1, '[', ']', '…', 12) "
            "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?"
        )
        try:
            rows = self.conn.execute(sql, (query, limit)).fetchall()
        except sqlite3.OperationalError:
            words = re.findall(r"\w+", query)
            if not words:
                return []
            plain = " ".join(f'"{w}"' for w in words)
            rows = self.conn.execute(sql, (plain, limit)).fetchall()
        return [
            dict(zip(("id", "title", "outlet", "published", "snippet"), r, strict=True))
            for r in rows
        ]

    def stats(self) -> dict[str, Any]:
        def one(sql: str) -> Any:
            return self.conn.execute(sql).fetchone()[0]

        return {
            "articles": one("SELECT count(*) FROM articles"),
            "sources": one("SELECT count(*) FROM article_sources"),
            "near_duplicates": one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
            "outlets": one("SELECT count(DISTINCT outlet) FROM articles"),
            "first_published": one("SELECT min(published) FROM articles"),
            "last_published": one("SELECT max(published) FROM articles"),
            "mentions": one("SELECT count(*) FROM mentions"),
            "actors": one("SELECT count(DISTINCT actor_id) FROM mentions"),
            "events": one("SELECT count(*) FROM events"),
            "schema_version": one("PRAGMA user_version"),
        }

    def mentions(self, article_id: str) -> list[dict[str, Any]]:
        cols = [
            "start",
            "end",
            "sentence",
            "text",
            "actor_id",
            "name",
            "kind",
            "country",
            "sectors",
            "code",
            "confidence",
            "method",
            "entity_type",
            "role_title",
        ]
        rows = self.conn.execute(
            f"SELECT {', '.join(cols)} FROM mentions WHERE article_id = ? ORDER BY start",
            (article_id,),
        ).fetchall()
        out = []
        for r in rows:
            d = dict(zip(cols, r, strict=True))
            d["sectors"] = [s for s in d["sectors"].split(",") if s]
            d["resolved"] = not d["actor_id"].startswith("unresolved:")
            out.append(d)
        return out

    def actors(self) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT a.id, a.name, a.kind, a.country, a.sectors, a.code, a.entity_type, "
            "count(*), group_concat(DISTINCT m.article_id) "
            "FROM actors a JOIN mentions m ON m.actor_id = a.id "
            "GROUP BY a.id ORDER BY count(*) DESC, a.name"
        ).fetchall()
        return [
            {
                "id": r[0],
                "name": r[1],
                "kind": r[2],
                "country": r[3],
                "sectors": [s for s in r[4].split(",") if s],
                "code": r[5],
                "entity_type": r[6],
                "resolved": not r[0].startswith("unresolved:"),
                "mentions": r[7],
                "articles": sorted(r[8].split(",")),
            }
            for r in rows
        ]

    def events(self, f: EventFilter | None = None) -> list[dict[str, Any]]:
        """The event records matching `f`, in `f.sort` order."""
        f = f or EventFilter()
        if f.sort not in _EVENT_ORDER:
            raise UsageError(f"cannot sort events by {f.sort!r}; use {', '.join(EVENT_SORTS)}")
        where: list[str] = []
        params: list[Any] = []

        def party(value: str, role: str | None) -> None:
            clause, values = _party_clause(value, role)
            where.append(clause)
            params.extend(values)

        if f.actor:
            party(f.actor, None)
        if f.source:
            party(f.source, "actor")
        if f.target:
            party(f.target, "recipient")
        if f.dyad:
            a, b = f.dyad
            ab_sql, ab = _party_clause(a, "actor")
            br_sql, br = _party_clause(b, "recipient")
            forward = f"({ab_sql} AND {br_sql})"
            if f.directed:
                where.append(forward)
                params += [*ab, *br]
            else:
                ba_sql, ba = _party_clause(b, "actor")
                ar_sql, ar = _party_clause(a, "recipient")
                where.append(f"({forward} OR ({ba_sql} AND {ar_sql}))")
                params += [*ab, *br, *ba, *ar]
        if f.plover_type:
            where.append("e.plover_type = ?")
            params.append(f.plover_type.upper())
        if f.article_id:
            where.append("e.article_id = ?")
            params.append(f.article_id)
        if f.outlet:
            where.append(
                "e.article_id IN (SELECT id FROM articles WHERE outlet = ? COLLATE NOCASE)"
            )
            params.append(f.outlet)
        if f.modality:
            where.append("e.modality = ?")
            params.append(f.modality)
        if f.since:
            where.append("e.date >= ?")
            params.append(f.since)
        if f.until:
            where.append("e.date <= ?")
            params.append(f.until)
        if f.background is not None:
            where.append("coalesce(e.is_background, 0) = ?")
            params.append(int(f.background))
        sql = "SELECT e.record FROM events e"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {_EVENT_ORDER[f.sort]} LIMIT ?"
        params.append(-1 if f.limit is None else f.limit)
        return [json.loads(r[0]) for r in self.conn.execute(sql, params)]

    # -- what filters may name (for checking a filter value before running it) ------------
    def resolve_article_id(self, prefix: str) -> str:
        """The full id of the one article whose id is or starts with `prefix`.

        Raises UsageError naming the candidates when none or several match.
        """
        exact = self.conn.execute("SELECT id FROM articles WHERE id = ?", (prefix,)).fetchone()
        if exact is not None:
            return str(exact[0])
        rows = self.conn.execute(
            "SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 6",
            (prefix, prefix + "\U0010ffff"),
        ).fetchall()
        if len(rows) == 1:
            return str(rows[0][0])
        if not rows:
            raise UsageError(f"no article with id {prefix!r}; list ids with `newsgraph articles`")
        shown = ", ".join(str(r[0]) for r in rows[:5]) + (", …" if len(rows) > 5 else "")
        raise UsageError(
            f"article id prefix {prefix!r} is ambiguous: {shown}; give more characters"
        )

    def has_party(self, value: str) -> bool:
        """Whether some stored event has `value` (code, country, code prefix, actor id) as party."""
        clause, params = _party_clause(value, None)
        sql = f"SELECT EXISTS (SELECT 1 FROM events e WHERE {clause})"
        return bool(self.conn.execute(sql, params).fetchone()[0])

    def party_codes(self) -> list[str]:
        """Every actor code and country stored in events, sorted (for suggestions)."""
        rows = self.conn.execute(
            "SELECT code FROM event_actors WHERE code != '' "
            "UNION SELECT country FROM event_actors WHERE country IS NOT NULL ORDER BY 1"
        ).fetchall()
        return [str(r[0]) for r in rows]

    def outlets(self) -> list[str]:
        """The distinct outlets of the stored articles, sorted."""
        rows = self.conn.execute(
            "SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY outlet"
        ).fetchall()
        return [str(r[0]) for r in rows]

    def check(self) -> CheckReport:
        """Verify the database: offsets, SQLite integrity, foreign keys, FTS index, orphans."""
        return check_database(self.conn)

    def article_records(self) -> Iterator[Article]:
        """Every stored article as a record (for re-analysis and export)."""
        return self._article_records("", ())

    def _article_records(self, where: str, params: tuple[Any, ...]) -> Iterator[Article]:
        for row in self.conn.execute(
            "SELECT id, text, raw_text, title, url, outlet, published, date_source, language, "
            f"paragraphs, content_hash, removed FROM articles {where} ORDER BY rowid",
            params,
        ):
            yield Article(
                id=row[0],
                text=row[1],
                raw_text=row[2],
                title=row[3],
                url=row[4],
                outlet=row[5],
                published=row[6],
                date_source=row[7],
                language=row[8],
                paragraphs=tuple((int(p[0]), int(p[1])) for p in json.loads(row[9])),
                content_hash=row[10],
                removed=tuple(RemovedLine(**r) for r in json.loads(row[11])),
            )


# Rows with no date (or no confidence) come last; ties keep the article's reading order.
_EVENT_ORDER = {
    "article": "e.article_id, e.start, e.id",
    "date": "e.date IS NULL, e.date, e.article_id, e.start, e.id",
    "confidence": "json_extract(e.record, '$.confidence') IS NULL, "
    "json_extract(e.record, '$.confidence') DESC, e.article_id, e.start, e.id",
}


def _party_clause(value: str, role: str | None) -> tuple[str, list[Any]]:
    """SQL (over `events e`) for "`value` is a party to the event", in `role` or either role."""
    sql = (
        "e.id IN (SELECT event_id FROM event_actors WHERE "
        + ("role = ? AND " if role else "")
        + "(code = ? OR country = ? OR actor_id = ? OR code LIKE ? ESCAPE '\\'))"
    )
    params: list[Any] = [role] if role else []
    return sql, [*params, value, value, value, like_prefix(value)]


def open_store(path: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> Store:
    """Open a newsgraph database: created and migrated if needed, or read-only.

    Read-only opens never create or write a file. Either way a file that is not a newsgraph store,
    or a store from a newer newsgraph, is refused with a `StoreError` before anything is written.
    """
    db = os.fsdecode(path) if path is not None else default_db_path()
    parent = Path(db).parent
    if db != ":memory:" and not parent.exists():
        raise StoreError(f"cannot open database {db}: folder {parent} does not exist; create it")
    try:
        conn = connect(db, read_only=read_only)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot open database {db}: {exc}; {advice(exc)}") from exc
    return Store(conn, db)
