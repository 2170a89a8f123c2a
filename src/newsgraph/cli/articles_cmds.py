"""Commands over articles: ingest, articles, show, search, stats (thin shells over the library)."""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import click

from newsgraph.cli import COUNT, actors_option, db_option, emit_json, open_existing, safe
from newsgraph.errors import NewsgraphError
from newsgraph.store import open_store


@contextmanager
def _progress(enabled: bool) -> Iterator[Any]:
    """A progress callback drawing a bar on stderr, or None when stderr is not a terminal."""
    if not enabled:
        yield None
        return
    bar: Any = None

    def update(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total, label="ingesting", file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)

    try:
        yield update
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


@contextmanager
def _stop_on_sigterm() -> Iterator[None]:
    """SIGTERM unwinds like Ctrl-C: the open batch rolls back, workers stop, exit code 143."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        click.echo(
            "newsgraph: stopped by SIGTERM; the batches written so far are kept and "
            "running the same command again continues",
            err=True,
        )
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the run report as JSON.")
@click.option(
    "--max-size",
    type=click.FloatRange(min=0, min_open=True),
    default=20.0,
    show_default=True,
    help="Reject files larger than this many MB.",
)
@click.option("--batch-size", type=COUNT, default=16, show_default=True)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=os.cpu_count() or 1,
    show_default="number of cores",
    help="Processes for language analysis (used once there is more than one batch); "
    "at most one per core and one per batch.",
)
@click.option(
    "--date",
    "default_date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Publication date (YYYY-MM-DD) for articles that carry none of their own.",
)
@actors_option
def ingest(
    paths: tuple[str, ...],
    db: str,
    as_json: bool,
    max_size: float,
    batch_size: int,
    workers: int,
    default_date: datetime | None,
    actors: tuple[str, ...],
) -> None:
    """Read, clean, deduplicate, analyse and store articles.

    PATHS are files (.txt, .html, .json, .jsonl), folders (read recursively), globs, or - for
    standard input. Exit code 0 when every input went in, 1 when some were rejected.
    """
    from newsgraph.pipeline import IngestOptions, ingest_paths

    options = IngestOptions(
        batch_size=batch_size,
        max_bytes=int(max_size * 1024 * 1024),
        workers=workers,
        default_date=default_date.date().isoformat() if default_date else None,
        actors=actors,
    )
    with (
        open_store(db) as store,
        _progress(sys.stderr.isatty() and not as_json) as progress,
        _stop_on_sigterm(),
    ):
        report = ingest_paths(paths, store, options=options, progress=progress)
    for problem in report.problems:
        click.echo(safe(problem.message()), err=True)
    if as_json:
        emit_json(report.to_dict())
    else:
        click.echo(report.summary())
    if report.rejected:
        sys.exit(1)


@click.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON (fields in README).")
@click.option("--limit", type=COUNT, default=None, help="Show at most N.")
def articles(db: str, as_json: bool, limit: int | None) -> None:
    """List stored articles, oldest first."""
    with open_existing(db) as store:
        rows = store.articles(limit=limit)
    if as_json:
        emit_json(rows)
        return
    for r in rows:
        dup = f"  ~{r['duplicate_of'][:12]}" if r["duplicate_of"] else ""
        click.echo(
            safe(
                f"{r['id'][:16]:16}  {r['published'] or '????-??-??'}  "
                f"{(r['outlet'] or '-')[:18]:18}  {r['title'] or '(untitled)'}{dup}"
            )
        )
    click.echo(f"{len(rows)} articles", err=True)


@click.command()
@click.argument("article_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON (fields in README).")
def show(article_id: str, db: str, as_json: bool) -> None:
    """Show one article: metadata, sources, removed lines and the cleaned text."""
    with open_existing(db) as store:
        found = store.article(store.resolve_article_id(article_id))
    if found is None:  # removed between the two reads
        raise NewsgraphError(f"article {article_id!r} is gone; list ids with `newsgraph articles`")
    if as_json:
        emit_json(found)
        return
    lines = [f"id:        {found['id']}"]
    for key in ("title", "outlet", "url", "language"):
        lines.append(f"{key + ':':10} {found[key] or '-'}")
    lines.append(f"published: {found['published'] or '-'} (from {found['date_source']})")
    if found["duplicate_of"]:
        near_of, similarity = found["duplicate_of"], found["similarity"]
        lines.append(f"near duplicate of {near_of} (similarity {similarity})")
    if found["update_of"]:
        lines.append(f"update of {found['update_of']}")
    for later in found["updates"]:
        lines.append(f"updated by {later}")
    for near in found["near_duplicates"]:
        lines.append(f"near duplicate: {near['id']} (similarity {near['similarity']})")
    for s in found["sources"]:
        line = f" line {s['line']}" if s["line"] else ""
        lines.append(f"source:    {s['path']}{line}")
    for r in found["removed"]:
        lines.append(f"removed:   line {r['line']} ({r['reason']}): {r['text'][:80]}")
    for line in lines:
        click.echo(safe(line))
    click.echo("")
    click.echo(safe(found["text"], multiline=True))


@click.command()
@click.argument("query")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON (fields in README).")
@click.option("--limit", type=COUNT, default=20, show_default=True)
def search(query: str, db: str, as_json: bool, limit: int) -> None:
    """Full-text search over article titles and texts (FTS5 syntax; plain words work)."""
    with open_existing(db) as store:
        hits = store.search(query, limit=limit)
    if as_json:
        emit_json(hits)
        return
    for h in hits:
        click.echo(safe(f"{h['id'][:16]:16}  {h['published'] or '????-??-??'}  {h['title'] or ''}"))
        click.echo(safe(f"    {h['snippet']}"))
    click.echo(f"{len(hits)} matches", err=True)


@click.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON (fields in README).")
def stats(db: str, as_json: bool) -> None:
    """Counts: articles, sources, duplicates, outlets, date range, mentions, events."""
    with open_existing(db) as store:
        numbers = store.stats()
    if as_json:
        emit_json(numbers)
        return
    for key, value in numbers.items():
        click.echo(safe(f"{key.replace('_', ' '):18} {value if value is not None else '-'}"))


COMMANDS: list[click.Command] = [ingest, articles, show, search, stats]
