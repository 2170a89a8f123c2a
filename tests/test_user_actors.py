"""Users' own actors: --actors FILE / NEWSGRAPH_ACTORS add or override KB rows, in workers too."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import ROOT

from newsgraph.actors.kb import load_kb, read_user_actors
from newsgraph.cli import main
from newsgraph.errors import UsageError
from newsgraph.pipeline import IngestOptions, ingest_paths
from newsgraph.store import open_store

PEOPLE = "id\tname\taliases\tgender\nilinca_vantoru\tIlinca Vantoru\tVantoru\tf\n"
ROLES = (
    "person_id\taffiliation\tsector\ttitle\tstart\tend\n"
    "ilinca_vantoru\tROU\tGOV\tForeign Minister of Romania\t2024-06-01\t\n"
)
TEXT = "Ilinca Vantoru criticised Russia on Monday."


def _write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def _coded(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_a_users_minister_is_coded_with_her_country(tmp_path: Path) -> None:
    people = _write(tmp_path / "people.tsv", PEOPLE)
    roles = _write(tmp_path / "roles.tsv", ROLES)
    doc = _write(tmp_path / "in.jsonl", json.dumps({"id": "a", "text": TEXT, "date": "2025-03-04"}))
    runner = CliRunner()
    plain = _coded(runner.invoke(main, ["code", doc]).output)
    assert [a["code"] for a in plain[0]["actors"]] == [""]  # unknown without the file
    env = {"NEWSGRAPH_ACTORS": os.pathsep.join([people, roles])}
    result = runner.invoke(main, ["code", doc], env=env)
    assert result.exit_code == 0, result.output
    (event,) = _coded(result.output)
    assert [(a["name"], a["code"]) for a in event["actors"]] == [("Ilinca Vantoru", "ROUGOV")]
    ended = _write(tmp_path / "ended.tsv", ROLES.replace("2024-06-01\t", "2024-06-01\t2025-12-31"))
    after = _write(tmp_path / "new.jsonl", json.dumps({"text": TEXT, "date": "2026-06-01"}))
    args = ["code", after, "--actors", people, "--actors", ended]
    (later,) = _coded(runner.invoke(main, args).output)
    assert [a["code"] for a in later["actors"]] == ["ROUELI"]  # a former minister: elite


def test_the_example_file_loads_and_its_rows_resolve() -> None:
    kb = load_kb(None, (str(ROOT / "docs" / "actors.example.tsv"),))
    assert kb.lookup("Vantoru") is not None and kb.roles["ilinca_vantoru"][0].affiliation == "ROU"
    watch = kb.lookup("Harbour Watch Initiative")
    assert watch is not None and watch.code == "NGO"
    seat = kb.lookup("Victoria Palace")
    assert seat is not None and seat.code == "ROUGOV"


def test_user_rows_win_over_shipped_rows(tmp_path: Path) -> None:
    shipped = load_kb()
    assert shipped.lookup("Jordan") is not None and shipped.lookup("Jordan").kind == "state"  # type: ignore[union-attr]
    assert len(shipped.roles["vladimir_putin"]) > 1
    user = _write(
        tmp_path / "mine.tsv",
        "id\tname\taliases\n"
        "vladimir_putin\tVladimir V. Putin\tPutin|VVP\n"
        "jordan_ames\tJordan Ames\tJordan\n"
        "person_id\taffiliation\tsector\ttitle\tstart\tend\n"
        "vladimir_putin\tRUS\tGOV\tPresident of Russia\t2000-05-07\t\n"
        "jordan_ames\tNATO\tIGO\tSpokesperson of NATO\t2020\t\n",
    )
    kb = load_kb(None, (user,))
    putin = kb.lookup("VVP")
    assert putin is not None and putin.name == "Vladimir V. Putin"
    assert [r.start for r in kb.roles["vladimir_putin"]] == ["2000-05-07"]  # replaced, not added
    jordan = kb.lookup("Jordan")
    assert jordan is not None and jordan.actor_id == "person:jordan_ames"
    assert kb.lookup("Russia") == shipped.lookup("Russia")


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("name\tfoo\nx\ty\n", 1, "not the header row"),
        (PEOPLE + "\tNo Id\n", 3, "the id cell is empty"),
        (PEOPLE + "x\tX\tX\tm\textra\n", 3, "5 cells for 4 columns"),
        (PEOPLE + ROLES.replace("2024-06-01", "June 2024"), 4, "not YYYY"),
        (PEOPLE + ROLES.replace("\t2024-06-01\t", "\t2024\t2023"), 4, "ends before it starts"),
        (ROLES.replace("ilinca_vantoru", "nobody_known"), 2, "in no people table"),
        (PEOPLE + ROLES.replace("\tROU\t", "\tXYZ\t"), 4, "neither a country code"),
        ("id\tname\taliases\tkind\tcountry\tsectors\tcode\nA\tA\t\tparty\t\tGOV\tX\n", 2, "kind"),
        ("alias\ttarget\tsectors\tuse\nHill\tXYZ\tGOV\tseat\n", 2, "neither a country code"),
    ],
)
def test_a_bad_row_names_its_file_and_line(
    tmp_path: Path, text: str, line: int, reason: str
) -> None:
    path = _write(tmp_path / "bad.tsv", text)
    with pytest.raises(UsageError) as caught:
        load_kb(None, (path,))
    message = str(caught.value)
    assert message.startswith(f"cannot read {path} line {line}: ") and reason in message


def test_a_bad_actors_file_is_a_usage_error_before_ingest(tmp_path: Path) -> None:
    bad = _write(tmp_path / "bad.tsv", PEOPLE + ROLES.replace("2024-06-01", "soon"))
    doc = _write(tmp_path / "in.jsonl", json.dumps({"id": "a", "text": TEXT}))
    db = str(tmp_path / "t.db")
    result = CliRunner().invoke(main, ["ingest", doc, "--db", db, "--actors", bad])
    assert result.exit_code == 2 and f"{bad} line 4" in result.output
    missing = CliRunner().invoke(main, ["ingest", doc, "--db", db, "--actors", "nope.tsv"])
    assert missing.exit_code == 2 and "nope.tsv" in missing.output
    with pytest.raises(UsageError):
        read_user_actors([str(tmp_path)])


def test_worker_processes_load_the_users_actors(tmp_path: Path) -> None:
    people = _write(tmp_path / "people.tsv", PEOPLE)
    roles = _write(tmp_path / "roles.tsv", ROLES)
    lines = [
        json.dumps({"id": f"a{i}", "text": f"{TEXT} Talks {i} went on.", "date": f"2025-03-0{i}"})
        for i in range(1, 5)
    ]
    doc = _write(tmp_path / "in.jsonl", "\n".join(lines) + "\n")
    options = IngestOptions(workers=2, batch_size=1, actors=(people, roles))
    with open_store(tmp_path / "t.db") as store:
        report = ingest_paths([doc], store, options=options)
        assert report.stored == 4 and report.peak_rss_kb > 0  # analysed in worker processes
        codes = {m["code"] for a in store.articles() for m in store.mentions(a["id"])}
        assert "ROUGOV" in codes
        # other actors, another analysis: re-ingesting without the files analyses again
        again = ingest_paths([doc], store, options=IngestOptions(workers=1))
        assert again.reanalysed == 4
        assert {m["code"] for m in store.mentions("a1")} & {"ROUGOV"} == set()


_CELL = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\t\r\n"))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.lists(_CELL, min_size=1, max_size=7), max_size=5))
def test_any_people_file_reads_or_names_its_line(tmp_path: Path, rows: list[list[str]]) -> None:
    lines = ["id\tname\taliases\tgender", *("\t".join(r) for r in rows)]
    path = _write(tmp_path / "p.tsv", "\n".join(lines) + "\n")
    try:
        tables = read_user_actors([path])
    except UsageError as exc:
        assert re.match(rf"cannot read {re.escape(path)} line \d+: .+; .+", str(exc))
        return
    assert all(r["_where"].startswith(f"{path} line ") for t in tables.values() for r in t)
