"""Language analysis spread over worker processes, while one writer (the caller) owns the store.

Each worker loads the model and the stages once. Batches go out in order and come back in order;
at most two batches per worker are in flight, so memory stays bounded however long the input is.
"""

from __future__ import annotations

import multiprocessing
import resource
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from functools import lru_cache
from typing import Any, Generic, TypeVar

from newsgraph.pipeline import Analyser, Options
from newsgraph.records import AnalysedArticle, Article

T = TypeVar("T")
IN_FLIGHT_PER_WORKER = 2
# results, seconds per stage, sentences per analysis level, peak RSS in KiB
WorkerResult = tuple[list[AnalysedArticle], dict[str, float], dict[str, int], int]


@lru_cache(maxsize=1)
def _worker_analyser(options: Options) -> Analyser:
    """The worker process's analyser, built on its first batch and kept for the others."""
    return Analyser(options=options)


def _analyse_in_worker(options: Options, batch: list[Article]) -> WorkerResult:
    analyser = _worker_analyser(options)
    before, counted = dict(analyser.timings), analyser.selection_counts()
    results = analyser.analyse_batch(batch)
    spent = {k: v - before.get(k, 0.0) for k, v in analyser.timings.items()}
    counts = {k: v - counted.get(k, 0) for k, v in analyser.selection_counts().items()}
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return results, spent, counts, peak_kb


class ParallelAnalyser(Generic[T]):
    """Analyses batches of articles in `workers` processes; use as a context manager."""

    def __init__(self, workers: int, options: Options | None = None) -> None:
        self.workers = workers
        self.options = options or Options()
        self.timings: dict[str, float] = {}
        self.counts: dict[str, int] = {}
        self.peak_rss_kb = 0
        self._pending: deque[tuple[Any, Future[WorkerResult]]] = deque()
        self._pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("spawn")
        )

    def __enter__(self) -> ParallelAnalyser[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    @property
    def in_flight(self) -> int:
        return len(self._pending)

    def submit(self, tag: T, batch: list[Article]) -> list[tuple[T, list[AnalysedArticle]]]:
        """Queue a batch; returns the batches finished meanwhile, oldest first, in input order."""
        self._pending.append((tag, self._pool.submit(_analyse_in_worker, self.options, batch)))
        done = []
        while len(self._pending) >= self.workers * IN_FLIGHT_PER_WORKER:
            done.append(self._collect(*self._pending.popleft()))
        return done

    def drain(self) -> list[tuple[T, list[AnalysedArticle]]]:
        """Wait for every queued batch; results in input order."""
        done = []
        while self._pending:
            done.append(self._collect(*self._pending.popleft()))
        return done

    def _collect(
        self,
        tag: T,
        future: Future[WorkerResult],
    ) -> tuple[T, list[AnalysedArticle]]:
        results, spent, counts, peak_kb = future.result()
        for key, value in spent.items():
            self.timings[key] = self.timings.get(key, 0.0) + value
        for key, n in counts.items():
            self.counts[key] = self.counts.get(key, 0) + n
        self.peak_rss_kb = max(self.peak_rss_kb, peak_kb)
        return tag, results
