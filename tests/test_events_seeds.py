"""End to end on ../shared/seeds: ingest, then `newsgraph events` shows the summit's key events."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import SEEDS, assert_store_consistent, needs_shared
from newsgraph.cli import main

pytestmark = needs_shared(SEEDS)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("seeds") / "seeds.db")
    result = CliRunner().invoke(main, ["ingest", str(SEEDS), "--db", path])
    assert result.exit_code == 0, result.output
    assert_store_consistent(path)
    return path


def events(db: str, *args: str) -> list[dict[str, Any]]:
    result = CliRunner().invoke(main, ["events", "--db", db, "--json", *args])
    assert result.exit_code == 0, result.output
    out: list[dict[str, Any]] = json.loads(result.stdout)
    return out


# Who stands for a country in the seeds, so these tests check the coder, not the knowledge base
# (the actor tests check that Putin resolves to RUSGOV).
STANDS_FOR = {"RUS": ("Putin", "Russia", "Moscow"), "PRK": ("Kim", "North Korea", "Pyongyang")}


def countries(refs: list[dict[str, Any]]) -> set[str]:
    found = {r["country"] for r in refs if r["country"]}
    for country, names in STANDS_FOR.items():
        if any(n in r["name"] for r in refs for n in names):
            found.add(country)
    return found


def find(evs: list[dict[str, Any]], ptype: str, actor: str | None, recipient: str) -> Any:
    for e in evs:
        if (
            e["plover_type"] == ptype
            and recipient in countries(e["recipients"])
            and (actor is None or actor in countries(e["actors"]))
        ):
            return e
    raise AssertionError(f"no {ptype} {actor} -> {recipient} among {len(evs)} events")


def test_the_done_when_events(db: str) -> None:
    evs = events(db)
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    wanted = [
        find(evs, "CONSULT", "RUS", "PRK"),
        find(evs, "ASSAULT", None, "RUS"),
        find(evs, "THREATEN", "USA", "PRK"),
        find(evs, "THREATEN", "PRK", "KOR"),
        find(evs, "SANCTION", None, "PRK"),
    ]
    assert "Sevastopol" in wanted[1]["quote"] and "destroy" in wanted[2]["quote"]
    assert "incinerate" in wanted[3]["quote"] and "placed on North Korea" in wanted[4]["quote"]
    for e in wanted:
        assert e["quote"] and e["end"] > e["start"]
        assert any(e["quote"] == t.replace("\r\n", "\n")[e["start"] : e["end"]] or e["quote"] in t
                   for t in texts.values())  # fmt: skip


def test_filters(db: str) -> None:
    everything = events(db)
    sanctions = events(db, "--type", "sanction")
    assert sanctions and all(e["plover_type"] == "SANCTION" for e in sanctions)
    prk = events(db, "--actor", "PRK")
    assert prk and len(prk) < len(everything)
    for e in prk:
        assert "PRK" in countries(e["actors"]) | countries(e["recipients"]) or any(
            r["code"].startswith("PRK") for r in e["actors"] + e["recipients"]
        )
    one = everything[0]["article_id"]
    assert {e["article_id"] for e in events(db, "--article", one)} == {one}


def test_csv_table_and_jsonl(db: str) -> None:
    runner = CliRunner()
    out = runner.invoke(main, ["events", "--db", db, "--csv"]).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and {"plover_type", "cameo_code", "actors", "quote"} <= set(rows[0])
    jsonl = runner.invoke(main, ["events", "--db", db, "--jsonl"]).stdout.splitlines()
    assert len(jsonl) == len(rows) and json.loads(jsonl[0])["id"] == rows[0]["id"]
    table = runner.invoke(main, ["events", "--db", db]).stdout
    assert "SANCTION" in table and "→" in table


def test_events_on_a_missing_database_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["events", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "newsgraph ingest" in result.stderr


def test_unknown_type_is_a_usage_error(db: str) -> None:
    result = CliRunner().invoke(main, ["events", "--db", db, "--type", "FIGHT"])
    assert result.exit_code == 2 and "ASSAULT" in result.stderr
