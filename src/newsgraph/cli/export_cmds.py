"""`newsgraph export`: stored events as GDELT 2.0, POLECAT, CSV, Parquet or JSON Lines files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from newsgraph.cli import db_option, event_filter, event_filter_options, open_existing
from newsgraph.export import FORMATS


@click.command("export")
@db_option
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True,
    help="GDELT 2.0 event table, POLECAT release layout, flat CSV, flat Parquet (needs "
    "--output and pyarrow), or JSON Lines.",
)  # fmt: skip
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False), help="File to write (default stdout)."
)
@event_filter_options
def export_command(db: str, fmt: str, output: str | None, **filters: Any) -> None:
    """Export stored events (filters as in `newsgraph events`)."""
    from newsgraph.errors import UsageError
    from newsgraph.export import write_export, write_parquet
    from newsgraph.queries import check_filter

    if fmt == "parquet" and not output:
        raise UsageError("parquet is a binary format: give a file with --output FILE")
    if output and not Path(output).parent.is_dir():
        raise UsageError(
            f"cannot write {output}: folder {Path(output).parent} does not exist; create it"
        )
    with open_existing(db) as store:
        f = check_filter(store, event_filter(filters))
        if fmt == "parquet" and output:
            n = write_parquet(store, output, f)
        elif output:
            with open(output, "w", encoding="utf-8", newline="") as out:
                n = write_export(store, fmt, out, f)
        else:
            n = write_export(store, fmt, sys.stdout, f)
    if output:
        click.echo(f"wrote {n} events to {output}", err=True)


COMMANDS: list[click.Command] = [export_command]
