"""Benchmark: newsgraph end to end against raw spaCy `nlp.pipe`, same texts, same process count.

Every configuration runs in a fresh subprocess so that its peak memory and its model loading are
its own. The corpus (by default the VOA stories) is repeated to the requested number of articles;
each copy gets a short distinct closing line so that newsgraph's duplicate detection stores every
copy instead of skipping it, and the baseline processes exactly the same texts.

    python -m newsgraph.bench            # or: newsgraph bench
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_CORPUS = Path("..") / "shared" / "corpora" / "voa" / "voa_stories.jsonl"


@dataclass
class RunResult:
    """One configuration's measurements."""

    name: str  # "baseline" or "newsgraph"
    processes: int
    articles: int
    words: int
    seconds: float
    peak_rss_mb: float  # the largest resident set of any one process of the run
    stages: dict[str, float] = field(
        default_factory=dict
    )  # seconds per stage (summed over workers)
    sentences: dict[str, int] = field(default_factory=dict)  # sentences per analysis level
    events: int = 0
    mentions: int = 0
    cpu_seconds: float = 0.0  # user + system time of the run's processes: steadier when busy

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


def build_corpus(source: Path, articles: int, out: Path) -> tuple[int, int]:
    """Write `articles` JSON lines cycling through `source`; returns (articles, words)."""
    stories = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line]
    if not stories:
        raise ValueError(f"{source} holds no stories")
    words = 0
    with out.open("w", encoding="utf-8") as f:
        for i in range(articles):
            story = dict(stories[i % len(stories)])
            copy = i // len(stories)
            story["id"] = f"{story.get('id', i % len(stories))}-{copy}"
            story["text"] = f"{story['text']}\n\nBenchmark copy {copy}."
            words += len(story["text"].split())
            f.write(json.dumps(story, ensure_ascii=False) + "\n")
    return articles, words


def _cpu_seconds() -> float:
    """User + system time of this process and its finished children (the workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def run_baseline(
    corpus: Path, processes: int, batch_size: int, fast_matrices: bool = False
) -> RunResult:
    """spaCy's full en_core_web_sm pipeline over the texts, nothing else.

    By default spaCy exactly as installed; `fast_matrices` gives it newsgraph's matrix backend
    (see `language.fresh_model`), to separate what that choice gains from what skipping gains.
    """
    texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines()]
    start, cpu = time.perf_counter(), _cpu_seconds()
    from newsgraph.language import load_model

    nlp = load_model(fast_matrices=fast_matrices)
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=processes):
        pass
    seconds = time.perf_counter() - start
    words = sum(len(t.split()) for t in texts)
    result = RunResult("baseline", processes, len(texts), words, seconds, _peak_rss_mb())
    result.cpu_seconds = round(_cpu_seconds() - cpu, 2)
    return result


def run_newsgraph(corpus: Path, processes: int, batch_size: int) -> RunResult:
    """newsgraph end to end: read, clean, dedup, analyse, resolve, code, write to SQLite."""
    from newsgraph.pipeline import IngestOptions, ingest_paths
    from newsgraph.store import open_store

    texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines()]
    with tempfile.TemporaryDirectory() as tmp:
        start, cpu = time.perf_counter(), _cpu_seconds()
        with open_store(Path(tmp) / "bench.db") as store:
            report = ingest_paths(
                [str(corpus)],
                store,
                options=IngestOptions(batch_size=batch_size, workers=processes),
            )
            seconds = time.perf_counter() - start
            cpu = _cpu_seconds() - cpu
            stats = store.stats()
    return RunResult(
        "newsgraph",
        processes,
        report.stored,
        sum(len(t.split()) for t in texts),
        seconds,
        max(_peak_rss_mb(), report.peak_rss_kb / 1024),
        stages={k: round(v, 3) for k, v in report.timings.items()},
        sentences=dict(report.sentences),
        events=int(stats["events"]),
        mentions=int(stats["mentions"]),
        cpu_seconds=round(cpu, 2),
    )


def _run_child(kind: str, corpus: Path, processes: int, batch_size: int) -> RunResult:
    """Run one configuration in a fresh interpreter and read its result."""
    cmd = [sys.executable, "-m", "newsgraph.bench", "--child", kind, str(corpus)]
    cmd += [str(processes), str(batch_size)]
    done = subprocess.run(cmd, check=False, capture_output=True, text=True)
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-5:])
        raise RuntimeError(f"the {kind} run with {processes} process(es) failed:\n{tail}")
    data = json.loads(done.stdout.strip().splitlines()[-1])
    return RunResult(**data)


def machine() -> dict[str, Any]:
    mem_kb = 0
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        mem_kb = int(meminfo.read_text().split()[1])
    return {
        "cpu": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def run_benchmark(
    corpus: Path = DEFAULT_CORPUS,
    articles: int = 1000,
    processes: Sequence[int] = (1, 2),
    batch_size: int = 16,
    baseline_fast_matrices: bool = False,
) -> dict[str, Any]:
    """Measure baseline and newsgraph side by side; returns the results as a JSON-ready dict."""
    from importlib.metadata import version

    from newsgraph.language import model_package

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        n, words = build_corpus(corpus, articles, path)
        rows = []
        for p in processes:
            kind = "baseline-fast" if baseline_fast_matrices else "baseline"
            base = _run_child(kind, path, p, batch_size)
            ours = _run_child("newsgraph", path, p, batch_size)
            rows.append(
                {
                    "processes": p,
                    "baseline": asdict(base) | _rates(base),
                    "newsgraph": asdict(ours) | _rates(ours),
                    "ratio": round(ours.articles_per_s / base.articles_per_s, 3),
                    "cpu_ratio": round(base.cpu_seconds / ours.cpu_seconds, 3)
                    if ours.cpu_seconds
                    else None,
                }
            )
    return {
        "corpus": str(corpus),
        "articles": n,
        "words": words,
        "batch_size": batch_size,
        "baseline_matrices": "newsgraph's (numpy OpenBLAS)"
        if baseline_fast_matrices
        else "spaCy's",
        "model": f"{model_package()} (spaCy {version('spacy')})",
        "machine": machine(),
        "results": rows,
    }


def _rates(r: RunResult) -> dict[str, float]:
    return {"articles_per_s": round(r.articles_per_s, 2), "words_per_s": round(r.words_per_s)}


def format_table(result: dict[str, Any]) -> str:
    """The benchmark as a plain-text table."""
    lines = [
        f"corpus: {result['corpus']} ({result['articles']} articles, {result['words']} words), "
        f"batch size {result['batch_size']}, model {result['model']}, baseline matrices "
        f"{result.get('baseline_matrices', 'spaCy')}",
        f"machine: {result['machine']['cores']} cores, {result['machine']['memory_gb']} GB, "
        f"Python {result['machine']['python']}",
        "",
        f"{'run':<11}{'procs':>6}{'seconds':>9}{'articles/s':>12}{'words/s':>9}"
        f"{'peak MB/proc':>14}{'ratio':>7}{'CPU s':>8}{'CPU ratio':>10}",
    ]
    for row in result["results"]:
        for name in ("baseline", "newsgraph"):
            r = row[name]
            ratio = f"{row['ratio']:.2f}" if name == "newsgraph" else "1.00"
            cpu_ratio = row.get("cpu_ratio") if name == "newsgraph" else 1.0
            lines.append(
                f"{name:<11}{row['processes']:>6}{r['seconds']:>9.1f}{r['articles_per_s']:>12.2f}"
                f"{r['words_per_s']:>9}{r['peak_rss_mb']:>14.0f}{ratio:>7}"
                f"{r.get('cpu_seconds', 0.0):>8.1f}{cpu_ratio or 0.0:>10.2f}"
            )
        ours = row["newsgraph"]
        stages = ", ".join(f"{k} {v:.1f}s" for k, v in ours["stages"].items())
        lines.append(f"  newsgraph stages ({row['processes']} proc): {stages}")
        if ours["sentences"]:
            s = ours["sentences"]
            total = sum(s.values()) or 1
            lines.append(
                "  sentences: "
                + ", ".join(f"{k} {v} ({100 * v / total:.0f}%)" for k, v in s.items())
                + f"; {ours['events']} events, {ours['mentions']} mentions"
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m newsgraph.bench [--articles N] [--processes 1,2] [--output FILE]`."""
    import argparse

    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--child"]:
        kind, corpus, processes, batch = args[1], Path(args[2]), int(args[3]), int(args[4])
        if kind == "newsgraph":
            run = run_newsgraph(corpus, processes, batch)
        else:
            run = run_baseline(corpus, processes, batch, kind == "baseline-fast")
        print(json.dumps(asdict(run)))
        return 0
    parser = argparse.ArgumentParser(prog="newsgraph bench", description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--processes", default="1,2")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--output", type=Path, default=Path("bench-results.json"))
    parser.add_argument(
        "--baseline-fast-matrices",
        action="store_true",
        help="give the baseline newsgraph's matrix backend too (numpy OpenBLAS, one thread)",
    )
    ns = parser.parse_args(args)
    result = run_benchmark(
        ns.corpus,
        ns.articles,
        [int(p) for p in ns.processes.split(",")],
        ns.batch_size,
        ns.baseline_fast_matrices,
    )
    ns.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(format_table(result))
    print(f"\nresults written to {ns.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
