"""`newsgraph audit`: seeded judging sheets of stored events, and the score of a judged sheet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.audit import JUDGED, score_sheet
from newsgraph.cli import main

STORY = (
    "Russian forces shelled the port of Odesa on Tuesday, Ukrainian officials said. "
    "The European Union condemned the attack. China urged both sides to hold talks. "
    "Ukraine's president met the Polish prime minister in Warsaw on Wednesday."
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("audit")
    src = folder / "in.jsonl"
    src.write_text(json.dumps({"id": "s1", "text": STORY, "date": "2023-07-20"}) + "\n")
    path = str(folder / "t.db")
    result = CliRunner().invoke(main, ["ingest", str(src), "--db", path])
    assert result.exit_code == 0, result.output
    return path


def draw(db: str, n: int, seed: int) -> list[dict[str, object]]:
    result = CliRunner().invoke(
        main, ["audit", "--db", db, "--sample", str(n), "--seed", str(seed)]
    )
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_a_sheet_is_a_seeded_sample_with_context_and_empty_judgements(db: str) -> None:
    first, again = draw(db, 2, 7), draw(db, 2, 7)
    assert [r["event"]["id"] for r in first] == [r["event"]["id"] for r in again]  # type: ignore[index]
    row = first[0]
    assert row["quote"] in row["sentence"]  # type: ignore[operator]
    assert row["context"]["title"] is None and row["context"]["published"] == "2023-07-20"  # type: ignore[index]
    assert set(row["judgement"]) >= {"is_event", "type", "actors", "modality", "date"}  # type: ignore[arg-type]
    assert all(v in (None, "") for v in row["judgement"].values())  # type: ignore[union-attr]
    everything = draw(db, 100, 1)
    assert len({r["event"]["id"] for r in everything}) == len(everything) >= 3  # type: ignore[index]


def test_scoring_counts_fields_fully_right_and_asserted_precision(tmp_path: Path) -> None:
    def row(marked: str, **judged: object) -> dict[str, object]:
        j: dict[str, object] = dict.fromkeys(JUDGED)
        j.update(judged)
        return {"event": {"modality": marked}, "judgement": j}

    rows = [
        row("asserted", is_event=True, type=True, actors=True, modality=True),
        row("asserted", is_event=True, type=False, actors=True, modality=True),
        row("asserted", is_event=False),
        row("reported", is_event=True, type=True, actors=False, modality=True),
    ]
    score = score_sheet(rows)
    assert score["judged"] == 4 and score["fully_right"] == 1
    assert score["fully_right_share"] == 0.25
    assert score["asserted"] == 3 and score["asserted_precision"] == round(2 / 3, 3)
    assert score["fields"]["type"] == {"judged": 3, "right": 2, "precision": 0.667}
    sheet = tmp_path / "judged.jsonl"
    sheet.write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = CliRunner().invoke(main, ["audit", "--score", str(sheet), "--json"])
    assert result.exit_code == 0 and json.loads(result.output)["fully_right"] == 1


def test_an_unjudged_or_broken_sheet_is_a_usage_error(db: str, tmp_path: Path) -> None:
    sheet = tmp_path / "blank.jsonl"
    sheet.write_text("".join(json.dumps(r) + "\n" for r in draw(db, 2, 3)))
    assert CliRunner().invoke(main, ["audit", "--score", str(sheet)]).exit_code == 2
    sheet.write_text('{"judgement": {"is_event": "yes"}}\n')
    assert CliRunner().invoke(main, ["audit", "--score", str(sheet)]).exit_code == 2
    assert CliRunner().invoke(main, ["audit", "--db", db, "--sample", "3"]).exit_code == 2
