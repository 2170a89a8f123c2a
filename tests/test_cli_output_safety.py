"""Output cannot attack its reader: no terminal escapes from article text, no spreadsheet formulas
in CSV/TSV cells, JSON values exact."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import make_article
from newsgraph.cli import main, safe
from newsgraph.export import POLECAT_COLUMNS, csv_cell, defuse
from newsgraph.records import ActorRef, AnalysedArticle, Event, Mention
from newsgraph.store import Source, StoredItem, open_store

ESC_TITLE = "\x1b]0;owned\x07Evil\x1b[2J title\x9b31m"
TEXT = "Russia attacked Ukraine.\x1b[31m Red\r\nbidi \u202eevil\u202c here.\n\tIndented."
QUOTE = '=HYPERLINK("http://x")'


def _db(tmp_path: Path) -> str:
    db = str(tmp_path / "t.db")
    article = make_article(TEXT, title=ESC_TITLE, outlet="\x1b[5mOutlet", url="-cmd|'/c calc'!A0")
    who = ActorRef("\x1b[1mRussia", "+Russia", "RUS", "RUS", None, "@RUS")
    event = Event(
        id="e1", article_id=article.id, sentence=0, quote=QUOTE, start=0, end=22,
        actors=(who,), recipients=(), plover_type="ASSAULT", plover_mode=None,
        plover_context=None, cameo_code="190", quad_class=4, goldstein=-10.0, rule="attack",
        coder_version="t", modality="asserted", date="2023-09-13",
    )  # fmt: skip
    mention = Mention(
        article_id=article.id, start=0, end=6, sentence=0, text="\x1b[1mRussia",
        actor_id="RUS", name="\x1b]8;;http://evil\x07Russia", kind="state", country="RUS",
        sectors=(), code="RUS", confidence=1.0, method="kb-alias", entity_type="GPE",
    )  # fmt: skip
    with open_store(db) as store:
        store.write_batch(
            [
                StoredItem(
                    AnalysedArticle(article, (mention,), (event,)),
                    Source(article.id, "\x1b[2Jpath.txt"),
                )
            ]
        )
    return db


@pytest.mark.parametrize(
    "args",
    [
        ["articles"],
        ["show", "PREFIX"],
        ["search", "Russia"],
        ["events"],
        ["actors"],
        ["mentions", "PREFIX"],
        ["stats"],
    ],
)
def test_text_output_carries_no_control_characters(tmp_path: Path, args: list[str]) -> None:
    db = _db(tmp_path)
    with open_store(db, read_only=True) as store:
        prefix = store.articles()[0]["id"][:8]
    args = [prefix if a == "PREFIX" else a for a in args]
    result = CliRunner().invoke(main, [*args, "--db", db])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.strip()
    for bad in ("\x1b", "\x07", "\x9b", "\r", "\u202e"):
        assert bad not in out, (args, out)
    if args[0] in {"articles", "show"}:
        assert "\\x1b]0;owned\\x07Evil\\x1b[2J title\\x9b31m" in out  # visible, not lost


def test_show_keeps_newlines_and_tabs_of_the_text(tmp_path: Path) -> None:
    db = _db(tmp_path)
    with open_store(db, read_only=True) as store:
        aid = store.articles()[0]["id"]
    out = CliRunner().invoke(main, ["show", aid, "--db", db]).stdout
    assert "Red\\x0d\nbidi \\u202eevil\\u202c here.\n\tIndented." in out


def test_json_values_stay_exact_and_c1_controls_are_escaped(tmp_path: Path) -> None:
    db = _db(tmp_path)
    result = CliRunner().invoke(main, ["articles", "--json", "--db", db])
    assert "\x9b" not in result.stdout and "\x1b" not in result.stdout
    assert json.loads(result.stdout)[0]["title"] == ESC_TITLE
    lines = CliRunner().invoke(main, ["events", "--jsonl", "--db", db]).stdout
    assert json.loads(lines.splitlines()[0])["quote"] == QUOTE


def test_csv_cells_cannot_be_formulas_and_numbers_stay_numbers(tmp_path: Path) -> None:
    db = _db(tmp_path)
    out = CliRunner().invoke(main, ["events", "--csv", "--db", db]).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["quote"] == "'" + QUOTE
    assert rows[0]["actors"] == "'@RUS"
    assert rows[0]["goldstein"] == "-10.0"


def test_tsv_exports_defuse_text_cells(tmp_path: Path) -> None:
    db = _db(tmp_path)
    out = CliRunner().invoke(main, ["export", "--format", "polecat", "--db", db]).stdout
    header, row = (line.split("\t") for line in out.splitlines())
    cells = dict(zip(header, row, strict=True))
    assert header == POLECAT_COLUMNS
    assert cells["Quote"] == "'" + QUOTE
    assert cells["Actor Name"] == "'+Russia"
    assert cells["Goldstein"] == "-10.0"
    gdelt = CliRunner().invoke(main, ["export", "--format", "gdelt", "--db", db]).stdout
    cells = gdelt.rstrip("\n").split("\t")
    assert "'-cmd|'/c calc'!A0" in cells and "-10.0" in cells
    assert not any(c.startswith(("=", "+", "@")) for c in cells)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20 7946", "'+44 20 7946"),
        ("-5.0", "-5.0"),
        ("+3", "+3"),
        ("-1e3", "-1e3"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain", "plain"),
        ("", ""),
    ],
)
def test_defuse(value: str, expected: str) -> None:
    assert defuse(value) == expected


def test_csv_cell_keeps_numbers() -> None:
    assert csv_cell(-5.0) == -5.0 and csv_cell(-3) == -3 and csv_cell(None) == ""
    assert csv_cell(True) is True


def test_safe_escapes_controls_and_undecodable_bytes() -> None:
    assert safe("a\x1b[31mb\x07") == "a\\x1b[31mb\\x07"
    assert safe("x\ny\tz") == "x\\x0ay\\x09z"
    assert safe("x\ny\tz\r", multiline=True) == "x\ny\tz\\x0d"
    assert safe(b"caf\xe9.txt".decode("utf-8", "surrogateescape")) == "caf\\xe9.txt"
    assert safe("\u202eabc") == "\\u202eabc"
    assert safe("Ünïcödé — fine") == "Ünïcödé — fine"
