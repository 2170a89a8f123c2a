"""`newsgraph eval` on ../shared/gold: every figure must reach its floor in data/floors.json."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import GOLD, needs_shared
from newsgraph.cli import main
from newsgraph.evaluate.report import load_floors

pytestmark = [pytest.mark.slow, needs_shared(GOLD)]


@pytest.fixture(scope="module")
def outcome() -> tuple[int, dict[str, Any]]:
    """One real run of the whole eval (the spaCy model and all stages, about 25 s)."""
    result = CliRunner().invoke(main, ["eval", "--gold", str(GOLD), "--json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads(result.stdout)


def test_every_floor_is_measured(outcome: tuple[int, dict[str, Any]]) -> None:
    _, report = outcome
    measured = {f"{g['name']}.{m['name']}" for g in report["groups"] for m in g["metrics"]}
    assert set(load_floors()) <= measured


@pytest.mark.parametrize("key", sorted(load_floors()))
def test_figure_reaches_its_floor(outcome: tuple[int, dict[str, Any]], key: str) -> None:
    _, report = outcome
    group, name = key.split(".", 1)
    (metric,) = [
        m for g in report["groups"] if g["name"] == group for m in g["metrics"] if m["name"] == name
    ]
    assert metric["value"] >= load_floors()[key], f"{key} = {metric['value']} below its floor"


def test_exit_code_says_whether_the_floors_hold(outcome: tuple[int, dict[str, Any]]) -> None:
    code, report = outcome
    assert code == (0 if report["ok"] else 1)
    assert report["ok"], f"below floor: {report['failures']}"
