"""`newsgraph audit`: draw a blind judging sheet of stored events, or score a judged one."""

from __future__ import annotations

import json
from typing import Any

import click

from newsgraph.cli import db_option, emit_json, open_existing
from newsgraph.errors import UsageError


@click.command()
@db_option
@click.option("--sample", type=click.IntRange(min=1, max=100_000), help="Events to draw.")
@click.option("--seed", type=int, default=None, help="Random seed (use a fresh one per audit).")
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-")
@click.option(
    "--score",
    "sheet",
    type=click.File("r", encoding="utf-8"),
    help="Score this judged sheet instead of drawing one.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the score as JSON.")
def audit(
    db: str, sample: int | None, seed: int | None, output: Any, sheet: Any, as_json: bool
) -> None:
    """Write a judging sheet of random events (JSON Lines), or score a judged sheet."""
    from newsgraph.audit import JUDGED, read_sheet, sample_sheet, score_sheet

    if sheet is not None:
        score = score_sheet(read_sheet(sheet, sheet.name))
        if as_json:
            emit_json(score)
            return
        click.echo(f"judged {score['judged']}, fully right {score['fully_right_share']:.1%}")
        if score["asserted_precision"] is not None:
            click.echo(
                f"asserted events: {score['asserted']}, precision {score['asserted_precision']:.1%}"
            )
        for key in JUDGED:
            f = score["fields"][key]
            value = "-" if f["precision"] is None else f"{f['precision']:.1%}"
            click.echo(f"  {key:<11} {value:>6}  ({f['right']}/{f['judged']})")
        return
    if sample is None or seed is None:
        raise UsageError("give --sample N and --seed S to draw a sheet, or --score SHEET")
    with open_existing(db) as store:
        rows = sample_sheet(store, sample, seed)
    for row in rows:
        output.write(json.dumps(row, ensure_ascii=False) + "\n")
    click.echo(f"wrote {len(rows)} events to judge (seed {seed})", err=True)


COMMANDS: list[click.Command] = [audit]
