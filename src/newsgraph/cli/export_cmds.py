"""`newsgraph export`: stored events as GDELT 2.0, POLECAT-style or JSON Lines files."""

from __future__ import annotations

import sys

import click

from newsgraph.cli import db_option

MODALITIES = ("asserted", "reported", "planned", "hypothetical", "negated", "recommended")


@click.command("export")
@db_option
@click.option(
    "--format", "fmt", type=click.Choice(["gdelt", "polecat", "jsonl"]), default="jsonl",
    show_default=True, help="GDELT 2.0 event table, POLECAT layout, or JSON Lines.",
)  # fmt: skip
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False), help="File to write (default stdout)."
)
@click.option("--actor", help="Only events with this actor code, country or actor id.")
@click.option("--type", "plover_type", help="Only events of this PLOVER type.")
@click.option("--article", "article_id", help="Only events of this article.")
@click.option("--modality", type=click.Choice(MODALITIES), help="Only events with this modality.")
@click.option("--since", help="Only events dated on or after YYYY-MM-DD.")
@click.option("--until", help="Only events dated on or before YYYY-MM-DD.")
@click.option(
    "--background/--no-background", default=None, help="Only background (or only current) events."
)
def export_command(
    db: str,
    fmt: str,
    output: str | None,
    actor: str | None,
    plover_type: str | None,
    article_id: str | None,
    modality: str | None,
    since: str | None,
    until: str | None,
    background: bool | None,
) -> None:
    """Export stored events (filters as in `newsgraph events`)."""
    from newsgraph.export import export_rows, write_export
    from newsgraph.store import EventFilter, open_store

    f = EventFilter(
        actor=actor,
        plover_type=plover_type,
        article_id=article_id,
        modality=modality,
        since=since,
        until=until,
        background=background,
    )
    with open_store(db) as store:
        lines = export_rows(store, fmt, f)
        if output:
            with open(output, "w", encoding="utf-8", newline="") as out:
                n = write_export(lines, out)
            click.echo(f"wrote {n} lines to {output}", err=True)
        else:
            write_export(lines, sys.stdout)


COMMANDS: list[click.Command] = [export_command]
