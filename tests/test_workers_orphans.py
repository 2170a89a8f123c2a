"""Worker processes never outlive `ingest`, and `--workers` never starts more than can help."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT
from newsgraph.workers import ParallelAnalyser, worker_count

PROC = Path("/proc")
pytestmark = pytest.mark.skipif(not PROC.is_dir(), reason="needs /proc (Linux)")


def _children(pid: int) -> dict[int, str]:
    """Live child processes of `pid` (zombies count as gone), with their command lines."""
    found = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # the process ended while we looked
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found[int(entry.name)] = cmdline
    return found


def _alive(pid: int) -> bool:
    try:
        state = (PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _start_ingest(tmp_path: Path) -> tuple[subprocess.Popen[bytes], dict[int, str]]:
    """`ingest --workers 2` over enough articles to keep two workers busy; waits for the workers."""
    corpus = tmp_path / "many.jsonl"
    corpus.write_text(
        "".join(
            json.dumps({"id": f"a{i}", "text": f"Story {i}: Russia and China held talks. " * 20})
            + "\n"
            for i in range(200)
        ),
        encoding="utf-8",
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    cmd = [sys.executable, "-c", "from newsgraph.cli import main; main()", "ingest", str(corpus)]
    cmd += ["--db", str(tmp_path / "t.db"), "--workers", "2", "--batch-size", "2"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    workers: dict[int, str] = {}
    while time.monotonic() < deadline and proc.poll() is None:
        kids = _children(proc.pid)
        workers = {pid: cmd for pid, cmd in kids.items() if "spawn_main" in cmd}
        if len(workers) >= 2:
            break
        time.sleep(0.1)
    assert len(workers) == 2, f"workers did not start: {_children(proc.pid)}"
    time.sleep(2)  # let them get into loading the model
    return proc, _children(proc.pid)


def _all_gone(pids: dict[int, str], within: float) -> list[int]:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.1)
    return [p for p in pids if _alive(p)]


def test_sigkill_of_ingest_leaves_no_worker_running(tmp_path: Path) -> None:
    proc, children = _start_ingest(tmp_path)
    try:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        assert _all_gone(children, within=5.0) == []
    finally:
        for pid in children:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_sigterm_of_ingest_shuts_down_cleanly(tmp_path: Path) -> None:
    proc, children = _start_ingest(tmp_path)
    try:
        os.kill(proc.pid, signal.SIGTERM)
        assert proc.wait(timeout=30) == 128 + signal.SIGTERM
        assert _all_gone(children, within=5.0) == []
    finally:
        for pid in children:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_worker_count_is_capped_by_cores_and_batches() -> None:
    cores = os.cpu_count() or 1
    assert worker_count(1000) == cores
    assert worker_count(1000, batches=3) == min(3, cores)
    assert worker_count(1, batches=50) == 1
    assert worker_count(0) == 1
    with ParallelAnalyser(1000) as parallel:  # no process starts before a batch is submitted
        assert parallel.workers == cores
