"""`newsgraph check`: a thin shell over `Store.check`."""

from __future__ import annotations

import sys

import click

from newsgraph.cli import db_option, emit_json, open_existing


@click.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON (fields in README).")
def check(db: str, as_json: bool) -> None:
    """Verify a database: offsets read their quotes, SQLite, foreign keys, FTS index, orphans.

    Exit code 0 when the database is consistent, 1 when a problem was found (one line each).
    """
    with open_existing(db, writable=True) as store:
        report = store.check()
    if as_json:
        emit_json(report.to_dict())
    else:
        for problem in report.problems:
            click.echo(f"{problem.check}: {problem.message}")
        counts = ", ".join(f"{n} {table.replace('_', ' ')}" for table, n in report.counts.items())
        verdict = "ok" if report.ok else f"{len(report.problems)} problems"
        click.echo(f"{db}: {verdict} ({counts} checked)")
    if not report.ok:
        sys.exit(1)


COMMANDS: list[click.Command] = [check]
