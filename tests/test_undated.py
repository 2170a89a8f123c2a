"""Undated articles: people get the roles they hold at the latest date the text names, else now."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import actor_runner
from newsgraph.actors import ActorStage
from newsgraph.cli import main


@pytest.fixture(scope="module")
def run() -> Any:
    return actor_runner(ActorStage.load())


def codes(mentions: list[Any]) -> dict[str, str]:
    return {m.text: m.code for m in mentions if m.kind == "person"}


def test_a_sitting_leader_in_an_undated_article_is_not_former(run: Any) -> None:
    found = codes(run("Kim Jong Un met Vladimir Putin at a space centre in the east.", None))
    assert found["Kim Jong Un"] == "PRKGOV"
    assert found["Vladimir Putin"] == "RUSGOV"


def test_an_undated_article_speaks_of_the_latest_year_it_names(run: Any) -> None:
    # Obama held office in 2012, so an undated text about 2012 codes him as government.
    found = codes(run("In 2012, Barack Obama spoke to voters in Ohio about jobs.", None))
    assert found["Barack Obama"] == "USAGOV"


def test_former_said_outright_stays_former_without_a_date(run: Any) -> None:
    found = codes(run("Former president Barack Obama spoke in Chicago about jobs.", None))
    assert found["Barack Obama"] == "USAELI"


def test_a_dated_article_still_codes_a_past_leader_as_former(run: Any) -> None:
    found = codes(run("Barack Obama spoke in Chicago about jobs.", "2023-09-14"))
    assert found["Barack Obama"] == "USAELI"


def test_ingest_date_option_dates_articles_without_a_date(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "a", "text": "Officials in Oslo met their Swedish peers on trade."})
        + "\n"
        + json.dumps(
            {"id": "b", "text": "Officials in Bergen met Danish peers.", "date": "2020-01-02"}
        )
        + "\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "t.db")
    result = CliRunner().invoke(main, ["ingest", str(src), "--db", db, "--date", "2024-05-06"])
    assert result.exit_code == 0, result.output
    rows = json.loads(CliRunner().invoke(main, ["articles", "--db", db, "--json"]).output)
    by_id = {r["id"]: (r["published"], r["date_source"]) for r in rows}
    assert by_id == {"a": ("2024-05-06", "option"), "b": ("2020-01-02", "field")}


def test_ingest_date_option_rejects_a_non_date(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_text("Officials in Oslo met their Swedish peers on trade.", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["ingest", str(src), "--db", str(tmp_path / "t.db"), "--date", "13/03/2025"]
    )
    assert result.exit_code == 2
