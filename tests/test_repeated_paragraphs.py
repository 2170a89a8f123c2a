"""An outlet's repeated background paragraph is coded once, in the first article that carries it;
a truncated last paragraph loses only its broken fragment."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.ingest.cleaning import clean

BACKGROUND = "Russian forces attacked the Ukrainian port of Odesa in July, killing two dockworkers."


def test_a_paragraph_the_outlet_repeats_is_coded_once(tmp_path: Path) -> None:
    stories = [
        "Ukraine and Poland signed a grain transit agreement in Warsaw on Monday.",
        "The Turkish president met the Ukrainian president in Istanbul on Friday.",
    ]
    lines = [
        {"id": f"a{i}", "text": f"{story}\n\n{BACKGROUND}", "url": f"https://news.example/{i}",
         "date": "2023-09-1" + str(i)}
        for i, story in enumerate(stories)
    ]  # fmt: skip
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    db = str(tmp_path / "t.db")
    assert CliRunner().invoke(main, ["ingest", str(src), "--db", db]).exit_code == 0
    events = json.loads(CliRunner().invoke(main, ["events", "--db", db, "--json"]).output)
    background = [e for e in events if "Odesa" in e["quote"]]
    assert background and {e["article_id"] for e in background} == {"a0"}
    assert {e["article_id"] for e in events} == {"a0", "a1"}  # a1's own story is still coded
    shown = json.loads(CliRunner().invoke(main, ["show", "a1", "--db", db, "--json"]).output)
    assert BACKGROUND in shown["text"]  # the text keeps it; only its events are not repeated


def test_a_truncated_last_paragraph_keeps_its_complete_sentences() -> None:
    raw = (
        "Talks between the two governments resumed in Geneva on Monday.\n\n"
        "Both delegations agreed to meet again next week. The mediator said the two sides would"
    )
    cleaned = clean(raw)
    assert cleaned.text.endswith("Both delegations agreed to meet again next week.")
    assert [(r.text, r.reason) for r in cleaned.removed] == [
        ("The mediator said the two sides would", "truncated sentence (edge)")
    ]


def test_a_last_line_without_a_complete_sentence_is_still_removed_whole() -> None:
    cleaned = clean("Talks resumed in Geneva on Monday between both sides.\n\nRelated coverage")
    assert cleaned.text == "Talks resumed in Geneva on Monday between both sides."
