"""Language analysis spread over worker processes, while one writer (the caller) owns the store.

Each worker loads the model and the stages once. Batches go out in order and come back in order;
at most two batches per worker are in flight, so memory stays bounded however long the input is.
There are never more workers than cores, nor than batches (a worker starts only when a batch
finds none idle). A worker exits by itself within a second of its parent's death, however the
parent died, so a killed `ingest` leaves no model-sized process behind.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import threading
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from functools import lru_cache
from typing import Any, Generic, TypeVar

from newsgraph.pipeline import Analyser, Options
from newsgraph.records import AnalysedArticle, Article

T = TypeVar("T")
IN_FLIGHT_PER_WORKER = 2
PARENT_POLL_SECONDS = 0.5
# results, seconds per stage, sentences per analysis level, peak RSS in KiB
WorkerResult = tuple[list[AnalysedArticle], dict[str, float], dict[str, int], int]


def worker_count(requested: int, batches: int | None = None) -> int:
    """Workers worth starting: at most one per core and one per batch, at least one."""
    cap = min(requested, os.cpu_count() or 1)
    if batches is not None:
        cap = min(cap, batches)
    return max(1, cap)


def _watch_parent(parent_pid: int) -> None:
    """Worker initialiser: exit as soon as the parent is gone (its children get a new parent)."""

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)  # nothing to clean up: the parent owned the store and the results

    threading.Thread(target=watch, name="newsgraph-parent-watch", daemon=True).start()


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
    """Analyses batches of articles in up to `workers` processes; use as a context manager.

    `workers` is capped at the number of cores; processes start one per batch until that many run.
    """

    def __init__(self, workers: int, options: Options | None = None) -> None:
        self.workers = worker_count(workers)
        self.options = options or Options()
        self.timings: dict[str, float] = {}
        self.counts: dict[str, int] = {}
        self.peak_rss_kb = 0
        self._pending: deque[tuple[Any, Future[WorkerResult]]] = deque()
        self._pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_watch_parent,
            initargs=(os.getpid(),),
        )

    def __enter__(self) -> ParallelAnalyser[T]:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self.close(abort=exc_type is not None)

    def close(self, abort: bool = False) -> None:
        """Wait for the workers to finish; with `abort`, stop them now (an error or a signal)."""
        if not abort:
            self._pool.shutdown(wait=True, cancel_futures=True)
            return
        # The executor has no public way to stop busy workers (Python 3.14 adds one).
        processes = list(getattr(self._pool, "_processes", None) or {})
        self._pool.shutdown(wait=False, cancel_futures=True)
        for pid in processes:
            _terminate(pid)
        self._pending.clear()

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


def _terminate(pid: int) -> None:
    """Stop a worker that may already have exited."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
