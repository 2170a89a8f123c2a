"""The `newsgraph events` table line: who → whom, with inferred actors marked."""

from __future__ import annotations

from typing import Any

from newsgraph.cli.events_cmds import table_line


def _event(actors: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "plover_type": "ASSAULT", "cameo_code": "190", "modality": "asserted",
        "date": "2023-09-14", "quote": "a missile struck the base", "actors": actors,
        "recipients": [{"text": "Russia", "code": "RUS", "inferred": False}],
    }  # fmt: skip


def test_inferred_actor_is_starred_and_evidence_is_not() -> None:
    line = table_line(_event([{"text": "Ukraine", "code": "UKR", "inferred": True}]))
    assert "UKR* → RUS " in line and "RUS*" not in line


def test_missing_actor_shows_a_question_mark() -> None:
    assert "? → RUS " in table_line(_event([]))
