"""Language identification at ingest: only English is coded; other languages are stored."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.ingest.languages import identify, is_coded

ENGLISH = (
    "The foreign ministers met in Geneva on Monday to discuss the ceasefire. Both delegations "
    "said the talks had been constructive and would continue next month in Vienna, where the "
    "two sides hope to agree on a timetable for the withdrawal of troops."
)
GERMAN = (
    "Die Außenminister trafen sich am Montag in Genf, um über den Waffenstillstand zu sprechen. "
    "Beide Delegationen sagten, die Gespräche seien konstruktiv gewesen und würden im nächsten "
    "Monat in Wien fortgesetzt, wo beide Seiten sich auf einen Zeitplan einigen wollen."
)
SPANISH = (
    "Los ministros de Exteriores se reunieron el lunes en Ginebra para hablar del alto el fuego. "
    "Ambas delegaciones dijeron que las conversaciones habían sido constructivas y que "
    "continuarían el próximo mes en Viena, donde esperan acordar un calendario."
)


def test_identify_tells_languages_apart() -> None:
    assert identify(ENGLISH) == "en"
    assert identify(GERMAN) == "de"
    assert identify(SPANISH) == "es"


def test_too_little_text_leaves_the_language_unknown_and_coded() -> None:
    assert identify("Kim met Putin.") is None
    assert is_coded(None) and is_coded("en") and not is_coded("de")


def test_articles_not_in_english_are_stored_and_searchable_but_not_coded(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    lines = [
        {"id": "en1", "text": ENGLISH, "date": "2024-01-08"},
        {"id": "de1", "text": GERMAN, "date": "2024-01-08"},
        {"id": "es1", "text": SPANISH, "date": "2024-01-08"},
    ]
    src.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    db = str(tmp_path / "t.db")
    run = CliRunner().invoke(main, ["ingest", str(src), "--db", db, "--json"])
    assert run.exit_code == 0, run.output
    report = json.loads(run.output)
    assert report["stored"] == 3
    assert report["uncoded"] == {"not English: de": 1, "not English: es": 1}
    rows = json.loads(CliRunner().invoke(main, ["articles", "--db", db, "--json"]).output)
    by_id = {r["id"]: r for r in rows}
    assert by_id["de1"]["language"] == "de" and by_id["de1"]["events"] == 0
    assert by_id["de1"]["mentions"] == 0
    assert by_id["en1"]["language"] == "en" and by_id["en1"]["mentions"] > 0
    hits = json.loads(
        CliRunner().invoke(main, ["search", "Waffenstillstand", "--db", db, "--json"]).output
    )
    assert [h["id"] for h in hits] == ["de1"]
    plain = CliRunner().invoke(main, ["ingest", str(src), "--db", str(tmp_path / "u.db")])
    assert "2 stored but not coded (1 not English: de, 1 not English: es)" in plain.output
