"""The `eval` command: score the pipeline against gold data and check the recorded floors."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from newsgraph.cli import emit_json


def default_gold_dir() -> Path:
    """`../shared/gold` from the current folder, else next to the repository checkout."""
    here = Path("..") / "shared" / "gold"
    if here.is_dir():
        return here
    repo = Path(__file__).resolve().parents[3]  # src/newsgraph/cli/eval_cmds.py → repo root
    return repo.parent / "shared" / "gold"


@click.command("eval")
@click.option(
    "--gold",
    "gold",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder with the gold files (default: ../shared/gold).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
@click.option(
    "--only",
    "only",
    multiple=True,
    metavar="NAME",
    help="Run only this scorer (petr2, pentaclass, ner, …); repeatable.",
)
def eval_command(gold: Path | None, as_json: bool, only: tuple[str, ...]) -> None:
    """Score the pipeline on gold data; exit 1 if any figure is below its floor."""
    from newsgraph.evaluate import run_eval
    from newsgraph.evaluate.report import format_table

    report = run_eval(gold or default_gold_dir(), only=only or None)
    if as_json:
        emit_json(report.to_dict())
    else:
        click.echo(format_table(report))
    if not report.ok:
        sys.exit(1)


COMMANDS: list[click.Command] = [eval_command]
