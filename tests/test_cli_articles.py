"""The article commands: ingest exit codes and messages, --json outputs, show/search/stats."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.conftest import SEEDS, assert_store_consistent, needs_shared

from newsgraph.cli import main

STORY = (
    "Officials in {place} said on Monday that talks with their neighbours would resume next "
    "week. The foreign minister told reporters both sides had agreed on an agenda for the talks."
)
ARTICLE_KEYS = {
    "id", "title", "url", "outlet", "published", "date_source", "language", "chars",
    "duplicate_of", "similarity", "update_of", "sources", "mentions", "events",
}  # fmt: skip


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database holding the seeds, ingested once with the real analyser via the CLI."""
    if not SEEDS.exists():
        pytest.skip("seeds not present")
    db = str(tmp_path_factory.mktemp("cli") / "t.db")
    result = CliRunner().invoke(main, ["ingest", str(SEEDS), "--db", db])
    assert result.exit_code == 0, result.output
    assert "read 2 articles: 2 stored" in result.output
    assert_store_consistent(db)  # real mentions and events: every offset reads its words
    return db


@needs_shared(SEEDS)
def test_articles_json_lists_the_seeds(seeded: str) -> None:
    result = CliRunner().invoke(main, ["articles", "--db", seeded, "--json"])
    rows = json.loads(result.stdout)
    assert len(rows) == 2 and set(rows[0]) == ARTICLE_KEYS
    assert [r["published"] for r in rows] == ["2023-09-14", None]


@needs_shared(SEEDS)
def test_reingest_keeps_two(seeded: str) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(SEEDS), "--db", seeded, "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["skipped"] == 2
    assert len(json.loads(runner.invoke(main, ["articles", "--db", seeded, "--json"]).stdout)) == 2


@needs_shared(SEEDS)
def test_show_search_stats(seeded: str) -> None:
    runner = CliRunner()
    rows = json.loads(runner.invoke(main, ["articles", "--db", seeded, "--json"]).stdout)
    undated = rows[1]["id"]
    shown = json.loads(runner.invoke(main, ["show", undated[:8], "--db", seeded, "--json"]).stdout)
    assert shown["id"] == undated and shown["removed"] and shown["paragraphs"]
    assert {"text", "raw_text", "sources", "near_duplicates", "content_hash"} <= set(shown)
    text = runner.invoke(main, ["show", undated, "--db", seeded]).stdout
    assert "removed:   line 16 (copyright notice)" in text
    hits = json.loads(runner.invoke(main, ["search", "Vostochny", "--db", seeded, "--json"]).stdout)
    assert len(hits) == 2 and all("[Vostochny]" in h["snippet"] for h in hits)
    stats = json.loads(runner.invoke(main, ["stats", "--db", seeded, "--json"]).stdout)
    assert stats["articles"] == 2 and stats["sources"] == 2
    missing = runner.invoke(main, ["show", "nope", "--db", seeded])
    assert missing.exit_code == 2 and "no article with id 'nope'" in missing.stderr


def test_bad_folder_exit_1_with_three_messages(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(STORY.format(place="Oslo"))
    (folder / "blob.dat").write_bytes(bytes(range(256)) * 4)
    (folder / "empty.txt").write_text("")
    good = [json.dumps({"text": STORY.format(place=p)}) for p in ("Rome", "Lima")]
    (folder / "feed.jsonl").write_text("\n".join([good[0], '{"text": oops}', good[1]]))
    db = str(tmp_path / "t.db")
    # A subprocess: the real command, real exit code, stderr separate from stdout.
    result = subprocess.run(
        [str(Path(sys.executable).parent / "newsgraph"), "ingest", str(folder), "--db", db],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert_store_consistent(db)
    messages = result.stderr.strip().splitlines()
    assert len(messages) == 3 and all(m.startswith("cannot read ") for m in messages)
    assert "read 3 articles: 3 stored" in result.stdout


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["ingest"]).exit_code == 2
    for command in ("articles", "events", "actors", "export"):
        missing = tmp_path / f"{command}.db"
        result = runner.invoke(main, [command, "--db", str(missing)])
        assert result.exit_code == 2 and "run `newsgraph ingest" in result.stderr, command
        assert not missing.exists(), f"{command} created {missing}"


def test_missing_path_is_a_rejected_input(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["ingest", str(tmp_path / "missing.txt"), "--db", str(tmp_path / "t.db")]
    )
    assert result.exit_code == 1 and "no such file or folder" in result.stderr


def test_stdin_is_read(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    line = json.dumps({"title": "From a pipe", "text": STORY.format(place="Quito")})
    result = CliRunner().invoke(main, ["ingest", "-", "--db", db, "--json"], input=line)
    assert result.exit_code == 0 and json.loads(result.stdout)["stored"] == 1
    rows = json.loads(CliRunner().invoke(main, ["articles", "--db", db, "--json"]).stdout)
    assert rows[0]["title"] == "From a pipe"
