"""`newsgraph export`: stored events as GDELT 2.0, POLECAT-style or JSON Lines files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from newsgraph.cli import db_option, event_filter_options, open_existing
from newsgraph.errors import UsageError


@click.command("export")
@db_option
@click.option(
    "--format", "fmt", type=click.Choice(["gdelt", "polecat", "jsonl"]), default="jsonl",
    show_default=True, help="GDELT 2.0 event table, POLECAT layout, or JSON Lines.",
)  # fmt: skip
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False), help="File to write (default stdout)."
)
@event_filter_options
def export_command(db: str, fmt: str, output: str | None, **filters: Any) -> None:
    """Export stored events (filters as in `newsgraph events`)."""
    from newsgraph.export import export_rows, write_export
    from newsgraph.store import EventFilter

    f = EventFilter(**filters)
    if output and not Path(output).parent.is_dir():
        raise UsageError(
            f"cannot write {output}: folder {Path(output).parent} does not exist; create it"
        )
    with open_existing(db) as store:
        lines = export_rows(store, fmt, f)
        if output:
            with open(output, "w", encoding="utf-8", newline="") as out:
                n = write_export(lines, out)
            click.echo(f"wrote {n} lines to {output}", err=True)
        else:
            write_export(lines, sys.stdout)


COMMANDS: list[click.Command] = [export_command]
