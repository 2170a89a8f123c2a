"""`newsgraph bench`: throughput against raw spaCy, side by side in one run."""

from __future__ import annotations

import json
from pathlib import Path

import click

from newsgraph.cli import COUNT


@click.command("bench")
@click.option(
    "--corpus",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=str(Path("..") / "shared" / "corpora" / "voa" / "voa_stories.jsonl"),
    show_default=True,
    help="JSON Lines stories (with a `text` field) to repeat into the benchmark corpus.",
)
@click.option(
    "--articles", type=COUNT, default=1000, show_default=True, help="Articles in the corpus."
)
@click.option("--processes", default="1,2", show_default=True, help="Process counts to compare.")
@click.option("--batch-size", type=COUNT, default=16, show_default=True)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default="bench-results.json",
    show_default=True,
)
@click.option(
    "--baseline-fast-matrices",
    is_flag=True,
    help="Give the baseline newsgraph's matrix backend too (numpy OpenBLAS, one thread).",
)
def bench(
    corpus: Path,
    articles: int,
    processes: str,
    batch_size: int,
    output: Path,
    baseline_fast_matrices: bool,
) -> None:
    """Measure newsgraph end to end against spaCy's full pipeline on the same texts."""
    from newsgraph.bench import format_table, run_benchmark

    counts = [int(p) for p in processes.split(",") if p.strip().isdigit()]
    if len(counts) != len(processes.split(",")) or not all(1 <= c <= 1024 for c in counts):
        raise click.BadParameter(
            "use a comma-separated list of counts from 1 to 1024, such as 1,2",
            param_hint="--processes",
        )
    result = run_benchmark(corpus, articles, counts, batch_size, baseline_fast_matrices)
    output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    click.echo(format_table(result))
    click.echo(f"\nresults written to {output}")


COMMANDS: list[click.Command] = [bench]
