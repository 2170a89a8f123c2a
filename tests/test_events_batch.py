"""`newsgraph code`: stateless JSON Lines coding, its line parser and its error reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.errors import InputProblem
from newsgraph.events.batch import parse_line
from newsgraph.records import Article


def test_parse_line_accepts_id_text_and_date() -> None:
    a = parse_line('{"id": "a1", "text": "Russia attacked Ukraine.", "date": "2023-09-14"}', 3)
    assert isinstance(a, Article)
    assert (a.id, a.published, a.source_line) == ("a1", "2023-09-14", 3)
    b = parse_line('{"text": "Russia attacked Ukraine."}', 7)
    assert isinstance(b, Article) and b.id == "7" and b.published is None
    assert parse_line("   ", 1) is None


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("not json", "not valid JSON"),
        ("[1, 2]", "not a JSON object"),
        ('{"id": "x"}', 'no "text"'),
        ('{"id": "x", "text": "  "}', 'no "text"'),
        ('{"id": true, "text": "a"}', '"id"'),
        ('{"id": "x", "text": "a", "date": "2023-13-40"}', "not YYYY-MM-DD"),
    ],
)
def test_parse_line_reports_bad_lines(line: str, reason: str) -> None:
    problem = parse_line(line, 12, "in.jsonl")
    assert isinstance(problem, InputProblem)
    assert reason in problem.message() and "in.jsonl line 12" in problem.message()


@pytest.fixture(scope="module")
def coded(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, list[dict[str, object]], str]:
    lines = [
        {"id": "d1", "text": "Russia fired missiles at Ukraine on Tuesday.", "date": "2024-01-02"},
        {"id": "d2", "text": "The weather was mild."},
        "this is not JSON",
        {"id": "d3", "text": "Kim Jong Un met Vladimir Putin in Vladivostok."},
    ]
    path = tmp_path_factory.mktemp("code") / "in.jsonl"
    text = "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["code", str(path)])
    events = [json.loads(line) for line in result.stdout.splitlines()]
    return result.exit_code, events, result.stderr


def test_code_prints_event_lines_with_doc_id(
    coded: tuple[int, list[dict[str, object]], str],
) -> None:
    _, events, _ = coded
    assert {e["doc_id"] for e in events} == {"d1", "d3"}  # d2 has no event
    types = {(e["doc_id"], e["plover_type"]) for e in events}
    assert ("d1", "ASSAULT") in types and ("d3", "CONSULT") in types
    for e in events:
        for key in (
            "id",
            "quote",
            "start",
            "end",
            "actors",
            "recipients",
            "cameo_code",
            "quad_class",
            "goldstein",
            "rule",
            "coder_version",
            "modality",
            "location",
        ):
            assert key in e, key  # fmt: skip


def test_code_reports_a_bad_line_and_goes_on(
    coded: tuple[int, list[dict[str, object]], str],
) -> None:
    code, events, stderr = coded
    assert code == 1
    assert "line 3" in stderr and "not valid JSON" in stderr
    assert any(e["doc_id"] == "d3" for e in events)  # the line after the bad one was coded


def test_code_reads_stdin(tmp_path: Path) -> None:
    line = json.dumps({"id": 9, "text": "The United States imposed sanctions on Iran."})
    result = CliRunner().invoke(main, ["code", "-"], input=line + "\n")
    assert result.exit_code == 0, result.stderr
    (event,) = [json.loads(x) for x in result.stdout.splitlines()]
    assert event["doc_id"] == "9" and event["plover_type"] == "SANCTION"
