"""Commands over events: `events` lists stored events, `code` codes JSON Lines without a store."""

from __future__ import annotations

import csv
import sys
from typing import Any

import click

from newsgraph.cli import (
    COUNT,
    actors_option,
    db_option,
    emit_json,
    event_filter,
    event_filter_options,
    open_existing,
    safe,
)
from newsgraph.errors import InputProblem
from newsgraph.store import EVENT_SORTS

CSV_COLUMNS = (
    "id",
    "article_id",
    "sentence",
    "start",
    "end",
    "plover_type",
    "plover_mode",
    "plover_context",
    "cameo_code",
    "quad_class",
    "goldstein",
    "actors",
    "recipients",
    "modality",
    "attributed_to",
    "date",
    "date_granularity",
    "is_background",
    "location",
    "rule",
    "trigger",
    "coder_version",
    "quote",
)


def _actors(refs: list[dict[str, Any]], mark_inferred: bool = False) -> str:
    """Codes, else names; with `mark_inferred`, an actor inferred from elsewhere gets a `*`."""
    return "; ".join(
        (r.get("code") or r.get("name") or r.get("text") or "")
        + ("*" if mark_inferred and r.get("inferred") else "")
        for r in refs
    )


def csv_row(event: dict[str, Any]) -> list[Any]:
    """One event as a flat CSV row (actors as `;`-separated codes, else names; text defused)."""
    from newsgraph.export import csv_cell

    row: list[Any] = []
    for col in CSV_COLUMNS:
        value = event.get(col)
        if col in {"actors", "recipients"}:
            value = _actors(value or [])
        elif col == "attributed_to":
            value = (value or {}).get("name") or (value or {}).get("text") or ""
        elif col == "location":
            value = (value or {}).get("name") or ""
        row.append(csv_cell(value))
    return row


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


ID_WIDTH = 12  # event ids are 16 hex digits; 12 are unique in any realistic database


def table_header() -> str:
    """The column names above `table_line` rows."""
    return (
        f"{'ID':<{ID_WIDTH}} {'TYPE':<10} {'CAMEO':<5} {'WHO → WHOM':<36} {'MODALITY':<12} "
        f"{'DATE':<10} QUOTE"
    )


def table_line(event: dict[str, Any]) -> str:
    """One readable line: id prefix, type, CAMEO code, who → whom (`*`: inferred), modality,
    date, quote."""
    actors, recipients = _actors(event["actors"], True), _actors(event["recipients"], True)
    who = f"{actors or '?'} → {recipients or '-'}"
    return (
        f"{event.get('id', '')[:ID_WIDTH]:<{ID_WIDTH}} "
        f"{event['plover_type']:<10} {event['cameo_code']:<5} {_short(who, 36):<36} "
        f"{(event.get('modality') or '-'):<12} {(event.get('date') or '-'):<10} "
        f"{_short(event['quote'], 60)}"
    )


@click.command()
@db_option
@click.option("--json", "fmt", flag_value="json", help="Print a JSON array.")
@click.option("--jsonl", "fmt", flag_value="jsonl", help="Print one JSON object a line.")
@click.option("--csv", "fmt", flag_value="csv", help="Print CSV with a header row.")
@event_filter_options
@click.option(
    "--sort", type=click.Choice(EVENT_SORTS), default="article", show_default=True,
    help="Order: by article and position, by date (undated last), or by confidence.",
)  # fmt: skip
@click.option("--limit", type=COUNT, help="At most this many events.")
def events(db: str, fmt: str | None, sort: str, limit: int | None, **filters: Any) -> None:
    """List coded events from the database (a table, or --json/--jsonl/--csv)."""
    from newsgraph.export import json_text
    from newsgraph.queries import list_events

    query = event_filter(filters, sort=sort, limit=limit)
    with open_existing(db) as store:
        rows = list_events(store, query)
    if fmt == "json":
        emit_json(rows)
    elif fmt == "jsonl":
        for row in rows:
            click.echo(json_text(row))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(CSV_COLUMNS)
        for row in rows:
            writer.writerow(csv_row(row))
    else:
        click.echo(table_header())
        for row in rows:
            click.echo(safe(table_line(row)))
        click.echo(f"{len(rows)} event(s)", err=True)


@click.command()
@db_option
@click.option(
    "--by", default="source,target,type", show_default=True,
    help="Comma-separated grouping keys: source, target, type, modality.",
)  # fmt: skip
@click.option("--json", "fmt", flag_value="json", help="Print a JSON array.")
@click.option("--csv", "fmt", flag_value="csv", help="Print CSV with a header row.")
@event_filter_options
def summary(db: str, by: str, fmt: str | None, **filters: Any) -> None:
    """Count events grouped by source, target, type and/or modality (filters as in `events`).

    A compound actor counts once per actor × recipient pair; a reciprocal event (every party
    both actor and recipient) once per unordered pair of parties.
    """
    from newsgraph.queries import summarise_events

    keys = [k.strip() for k in by.split(",")]
    with open_existing(db) as store:
        rows = summarise_events(store, by=keys, query=event_filter(filters))
    columns = [*(k.strip().lower() for k in keys), "events"]
    if fmt == "json":
        emit_json(rows)
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row[c] is None else row[c] for c in columns])
    else:
        cells = [[str(c.upper()) for c in columns]]
        cells += [
            ["-" if row[c] is None else _short(str(row[c]), 30) for c in columns] for row in rows
        ]
        widths = [max(len(r[i]) for r in cells) for i in range(len(columns))]
        for r in cells:
            line = "  ".join(
                v.rjust(w) if i == len(columns) - 1 else v.ljust(w)
                for i, (v, w) in enumerate(zip(r, widths, strict=True))
            )
            click.echo(line.rstrip())
        click.echo(f"{len(rows)} group(s)", err=True)


@click.command()
@click.argument("file", default="-", type=click.File("r", encoding="utf-8"))
@click.option("--batch-size", type=COUNT, default=32, show_default=True)
@actors_option
def code(file: Any, batch_size: int, actors: tuple[str, ...]) -> None:
    """Code JSON Lines documents without a database: one event JSON line per event.

    Each input line is {"id": …, "text": …, "date": "YYYY-MM-DD"} (date optional; id defaults to
    the line number). Bad lines are reported on stderr and skipped; the exit code is then 1.
    """
    from newsgraph.events.batch import code_lines
    from newsgraph.export import json_text
    from newsgraph.pipeline import Analyser, Options

    source = "<stdin>" if file.name == "<stdin>" else file.name
    failed = False
    analyser = Analyser(options=Options(batch_size=batch_size, actors=actors))
    for out in code_lines(file, analyser, source):
        if isinstance(out, InputProblem):
            click.echo(f"newsgraph: {safe(out.message())}", err=True)
            failed = True
        else:
            click.echo(json_text(out.to_dict()))
    if failed:
        sys.exit(1)


COMMANDS: list[click.Command] = [events, summary, code]
