"""Commands over events: `events` lists stored events, `code` codes JSON Lines without a store."""

from __future__ import annotations

import csv
import sys
from typing import Any

import click

from newsgraph.cli import COUNT, db_option, emit_json, event_filter_options, open_existing, safe
from newsgraph.errors import InputProblem, UsageError

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


def table_line(event: dict[str, Any]) -> str:
    """One readable line: type, CAMEO code, who → whom (`*`: inferred), modality, date, quote."""
    actors, recipients = _actors(event["actors"], True), _actors(event["recipients"], True)
    who = f"{actors or '?'} → {recipients or '-'}"
    return (
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
@click.option("--limit", type=COUNT, help="At most this many events.")
def events(db: str, fmt: str | None, limit: int | None, **filters: Any) -> None:
    """List coded events from the database (a table, or --json/--jsonl/--csv)."""
    from newsgraph.events.ontology import PLOVER_TYPES
    from newsgraph.export import json_text
    from newsgraph.store import EventFilter

    plover_type = filters["plover_type"]
    if plover_type and plover_type.upper() not in (*PLOVER_TYPES, "STATEMENT"):
        raise UsageError(
            f"unknown event type {plover_type!r}; use one of {', '.join(PLOVER_TYPES)}"
        )
    flt = EventFilter(**filters, limit=limit)
    with open_existing(db) as store:
        rows = store.events(flt)
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
        for row in rows:
            click.echo(safe(table_line(row)))
        click.echo(f"{len(rows)} event(s)", err=True)


@click.command()
@click.argument("file", default="-", type=click.File("r", encoding="utf-8"))
@click.option("--batch-size", type=COUNT, default=32, show_default=True)
def code(file: Any, batch_size: int) -> None:
    """Code JSON Lines documents without a database: one event JSON line per event.

    Each input line is {"id": …, "text": …, "date": "YYYY-MM-DD"} (date optional; id defaults to
    the line number). Bad lines are reported on stderr and skipped; the exit code is then 1.
    """
    from newsgraph.events.batch import code_lines
    from newsgraph.export import json_text
    from newsgraph.pipeline import Analyser, Options

    source = "<stdin>" if file.name == "<stdin>" else file.name
    failed = False
    for out in code_lines(file, Analyser(options=Options(batch_size=batch_size)), source):
        if isinstance(out, InputProblem):
            click.echo(f"newsgraph: {safe(out.message())}", err=True)
            failed = True
        else:
            click.echo(json_text(out.to_dict()))
    if failed:
        sys.exit(1)


COMMANDS: list[click.Command] = [events, code]
