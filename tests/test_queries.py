"""Queries over stored events: party roles, dyads, outlets, sorting, summaries, checked values."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import VOA, make_article, needs_shared

from newsgraph.cli import main
from newsgraph.errors import UsageError
from newsgraph.queries import list_events, parse_date, summarise_events
from newsgraph.records import ActorRef, AnalysedArticle, Event
from newsgraph.store import EventFilter, Source, Store, StoredItem, open_store

RUS = ActorRef("Russia", "Russia", "state:RUS", "RUS", None, "RUS")
RUSGOV = ActorRef("Putin", "Vladimir Putin", "person:putin", "RUS", "GOV", "RUSGOV")
UKR = ActorRef("Ukraine", "Ukraine", "state:UKR", "UKR", None, "UKR")
PRKGOV = ActorRef("Kim", "Kim Jong Un", "person:kim", "PRK", "GOV", "PRKGOV")
USA = ActorRef("the US", "United States", "state:USA", "USA", None, "USA")
JOR = ActorRef("Jordan", "Jordan", "state:JOR", "JOR", None, "JOR")
IRN = ActorRef("Iran", "Iran", "state:IRN", "IRN", None, "IRN")
# Two article ids sharing a prefix, to test prefix resolution.
A1, A2, A3 = "ab12" + "0" * 12, "ab34" + "0" * 12, "cd56" + "0" * 12


def _event(
    eid: str,
    article: str,
    start: int,
    actors: tuple[ActorRef, ...],
    recipients: tuple[ActorRef, ...],
    plover: str,
    modality: str | None,
    day: str | None,
) -> Event:
    return Event(
        id=eid, article_id=article, sentence=0, quote="q", start=start, end=start + 1,
        actors=actors, recipients=recipients, plover_type=plover, plover_mode=None,
        plover_context=None, cameo_code="190", quad_class=4, goldstein=-10.0, rule="r",
        coder_version="t", modality=modality, date=day,  # type: ignore[arg-type]
    )  # fmt: skip


EVENTS = {
    A1: (
        _event("e1", A1, 0, (RUS,), (UKR,), "ASSAULT", "asserted", "2023-09-13"),
        # reciprocal: every party both actor and recipient ("Putin and Kim met")
        _event(
            "e2", A1, 5, (RUSGOV, PRKGOV), (RUSGOV, PRKGOV), "CONSULT", "reported", "2023-09-14"
        ),
    ),
    A2: (_event("e3", A2, 0, (USA, JOR), (IRN,), "ACCUSE", None, None),),
    A3: (_event("e4", A3, 0, (UKR,), (RUS,), "ASSAULT", "asserted", "2023-10-01"),),
}
OUTLETS = {A1: "Voice of America", A2: "Wire", A3: "Voice of America"}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "q.db"
    with open_store(path) as store:
        items = []
        for aid, events in EVENTS.items():
            article = make_article(f"Article {aid}.", id=aid, outlet=OUTLETS[aid])
            items.append(StoredItem(AnalysedArticle(article, (), events), Source(aid, "t")))
        store.write_batch(items)
    return path


@pytest.fixture
def store(db: Path) -> Iterator[Store]:
    with open_store(db) as s:
        yield s


def ids(store: Store, **fields: Any) -> list[str]:
    return [e["id"] for e in list_events(store, EventFilter(**fields))]


def test_source_and_target_are_roles(store: Store) -> None:
    assert ids(store, source="RUS") == ["e1", "e2"]  # RUSGOV matches the country prefix
    assert ids(store, target="RUS") == ["e2", "e4"]
    assert ids(store, actor="RUS") == ["e1", "e2", "e4"]
    assert ids(store, source="person:kim") == ["e2"]  # an actor id


def test_dyad_both_ways_directed_one_way_reciprocal_both(store: Store) -> None:
    assert ids(store, dyad=("RUS", "UKR")) == ["e1", "e4"]
    assert ids(store, dyad=("RUS", "UKR"), directed=True) == ["e1"]
    assert ids(store, dyad=("UKR", "RUS"), directed=True) == ["e4"]
    assert ids(store, dyad=("PRK", "RUS"), directed=True) == ["e2"]
    assert ids(store, dyad=("RUS", "PRK"), directed=True) == ["e2"]
    assert ids(store, dyad=("USA", "UKR")) == []  # both known, never together


def test_outlet_is_case_insensitive_and_checked(store: Store) -> None:
    assert ids(store, outlet="voice of AMERICA") == ["e1", "e2", "e4"]
    with pytest.raises(UsageError, match=r"--outlet 'Voice of Amerika'.*closest: Voice of America"):
        ids(store, outlet="Voice of Amerika")


def test_sorts(store: Store) -> None:
    assert ids(store, sort="date") == ["e1", "e2", "e4", "e3"]  # undated last
    # No event has a confidence yet: that order is the article order.
    assert ids(store, sort="confidence") == ids(store) == ["e1", "e2", "e3", "e4"]
    with pytest.raises(UsageError, match="--sort 'size'"):
        ids(store, sort="size")


def test_dates_are_checked_and_widened_to_their_period(store: Store) -> None:
    assert ids(store, since="2023-10") == ["e4"]
    assert ids(store, until="2023-09") == ["e1", "e2"]  # through 2023-09-30
    assert ids(store, since="2023", until="2023") == ["e1", "e2", "e4"]
    with pytest.raises(UsageError, match=r"not a date: use YYYY-MM-DD.*did you mean 2025-03-13"):
        ids(store, since="13/03/2025")
    with pytest.raises(UsageError, match="is after --until"):
        ids(store, since="2024", until="2023")


def test_parse_date_forms() -> None:
    assert parse_date("2024") == "2024-01-01"
    assert parse_date("2024", end=True) == "2024-12-31"
    assert parse_date("2024-02", end=True) == "2024-02-29"
    for bad in ("2023-02-29", "2023-13", "2023-1-5", "yesterday", ""):
        with pytest.raises(UsageError, match="not a date"):
            parse_date(bad)


@given(st.dates())
def test_parse_date_keeps_every_iso_day(day: Any) -> None:
    text = day.isoformat()
    if len(text) == 10:  # years before 1000 have no four-digit form
        assert parse_date(text) == parse_date(text, end=True) == text


@given(st.text(max_size=20))
def test_parse_date_fails_only_with_a_usage_error(text: str) -> None:
    try:
        parsed = parse_date(text)
    except UsageError as exc:
        assert "not a date" in str(exc)
    else:
        assert len(parsed) == 10 and parsed[:4] == text.strip()[:4]


def test_unknown_values_are_errors_with_suggestions(store: Store) -> None:
    with pytest.raises(UsageError, match=r"--actor 'NOSUCH': no such actor code"):
        ids(store, actor="NOSUCH")
    with pytest.raises(UsageError, match=r"closest: RUSGOV[,)]"):
        ids(store, source="RUSGOB")
    with pytest.raises(UsageError, match=r"--actor 'RU'"):  # cuts a code part: not a country
        ids(store, actor="RU")
    with pytest.raises(
        UsageError, match=r"--type 'assualt': unknown event type \(closest: ASSAULT"
    ):
        ids(store, plover_type="assualt")
    with pytest.raises(UsageError, match=r"--modality 'certain'"):
        ids(store, modality="certain")


def test_codes_known_to_the_kb_but_not_stored_give_an_empty_list(store: Store) -> None:
    assert (
        ids(store, actor="FRA") == ids(store, actor="FRAGOV") == ids(store, actor="org:NATO") == []
    )
    assert ids(store, actor="rus") == ["e1", "e2", "e4"]  # lower case where only upper exists


def test_like_wildcards_in_a_party_are_literal(store: Store) -> None:
    # The store itself (unchecked): '%' and '_' must not act as LIKE wildcards.
    assert store.events(EventFilter(actor="%")) == []
    assert store.events(EventFilter(actor="R_S")) == []
    assert [e["id"] for e in store.events(EventFilter(actor="R"))] == ["e1", "e2", "e4"]


def test_article_prefix_resolution(store: Store) -> None:
    assert store.resolve_article_id("cd") == A3
    assert store.resolve_article_id(A1) == A1
    assert ids(store, article_id="ab3") == ["e3"]
    with pytest.raises(UsageError, match=f"'ab' is ambiguous: {A1}, {A2}"):
        store.resolve_article_id("ab")
    with pytest.raises(UsageError, match="no article with id 'zz'"):
        store.resolve_article_id("zz")


def test_summary_counts_pairs_and_reciprocal_events_once(store: Store) -> None:
    rows = summarise_events(store, by=("source", "target"))
    counts = {(r["source"], r["target"]): r["events"] for r in rows}
    assert counts == {
        ("RUS", "UKR"): 1,
        ("UKR", "RUS"): 1,
        ("PRKGOV", "RUSGOV"): 1,  # one reciprocal event: one unordered pair
        ("USA", "IRN"): 1,  # a compound actor: each actor × recipient
        ("JOR", "IRN"): 1,
    }
    by_source = {r["source"]: r["events"] for r in summarise_events(store, by=["source"])}
    assert by_source == {"RUS": 1, "UKR": 1, "PRKGOV": 1, "RUSGOV": 1, "USA": 1, "JOR": 1}
    by_type = summarise_events(store, by="type,modality", query=EventFilter(actor="RUS"))
    assert by_type == [
        {"type": "ASSAULT", "modality": "asserted", "events": 2},
        {"type": "CONSULT", "modality": "reported", "events": 1},
    ]
    with pytest.raises(UsageError, match="--by 'country'"):
        summarise_events(store, by=["country"])
    with pytest.raises(UsageError, match="at most once"):
        summarise_events(store, by=["type", "type"])


# -- the CLI ---------------------------------------------------------------------------------
def run(db: Path, *args: str) -> Any:
    return CliRunner().invoke(main, [*args, "--db", str(db)])


def test_cli_events_table_has_a_header_and_id_prefixes(db: Path) -> None:
    out = run(db, "events", "--dyad", "RUS,UKR", "--sort", "date")
    assert out.exit_code == 0, out.output
    lines = out.stdout.splitlines()
    assert lines[0].split()[:3] == ["ID", "TYPE", "CAMEO"]
    assert [line.split()[0] for line in lines[1:]] == ["e1", "e4"]
    full = json.loads(run(db, "events", "--json", "--target", "IRN").stdout)
    assert [e["id"] for e in full] == ["e3"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["events", "--since", "13/03/2025"], "not a date: use YYYY-MM-DD"),
        (["events", "--actor", "NOSUCH"], "--actor 'NOSUCH': no such actor code"),
        (["events", "--directed"], "--directed needs --dyad"),
        (["events", "--dyad", "RUS"], "give two parties as A,B"),
        (["summary", "--by", "source,country"], "--by 'country'"),
        (["export", "--source", "XYZ"], "--source 'XYZ'"),
        (["show", "ab"], "is ambiguous"),
        (["mentions", "zz"], "no article with id 'zz'"),
    ],
)
def test_cli_bad_values_exit_2_with_one_message(db: Path, args: list[str], message: str) -> None:
    out = run(db, *args)
    assert out.exit_code == 2 and message in out.stderr and out.stdout == ""


def test_cli_summary_formats(db: Path) -> None:
    table = run(db, "summary", "--by", "type").stdout.splitlines()
    assert table[0].split() == ["TYPE", "EVENTS"] and table[1].split() == ["ASSAULT", "2"]
    csv_lines = run(db, "summary", "--by", "source,target", "--csv", "--outlet", "wire").stdout
    assert csv_lines.splitlines() == ["source,target,events", "JOR,IRN,1", "USA,IRN,1"]
    rows = json.loads(run(db, "summary", "--by", "modality", "--json").stdout)
    assert {"modality": None, "events": 1} in rows


def test_cli_export_takes_the_new_filters(db: Path) -> None:
    out = run(db, "export", "--format", "jsonl", "--dyad", "UKR,RUS", "--directed")
    assert [json.loads(x)["id"] for x in out.stdout.splitlines()] == ["e4"]


# -- on the VOA stories, with the real model ---------------------------------------------------
@pytest.fixture(scope="module")
def voa_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from newsgraph.pipeline import ingest_paths

    path = tmp_path_factory.mktemp("voa") / "voa.db"
    with open_store(path) as s:
        report = ingest_paths([str(VOA)], s)
    assert report.stored == 89
    return path


@needs_shared(VOA)
def test_voa_dyad_sorted_by_date(voa_db: Path) -> None:
    out = run(voa_db, "events", "--dyad", "RUS,UKR", "--sort", "date", "--json")
    assert out.exit_code == 0, out.stderr
    events = json.loads(out.stdout)
    assert len(events) >= 3
    dates = [e["date"] for e in events]
    dated = [d for d in dates if d]
    assert dated and dates[: len(dated)] == sorted(dated)  # by date, undated last
    for e in events:
        actors = {a["country"] for a in e["actors"]}
        recipients = {r["country"] for r in e["recipients"]}
        assert ("RUS" in actors and "UKR" in recipients) or (
            "UKR" in actors and "RUS" in recipients
        )
    table = run(voa_db, "events", "--dyad", "RUS,UKR", "--sort", "date").stdout.splitlines()
    assert len(table) == len(events) + 1 and table[1].startswith(events[0]["id"][:12])


@needs_shared(VOA)
def test_voa_summary_by_source_target_type(voa_db: Path) -> None:
    out = run(voa_db, "summary", "--by", "source,target,type", "--json")
    assert out.exit_code == 0, out.stderr
    rows = json.loads(out.stdout)
    assert rows and all(set(r) == {"source", "target", "type", "events"} for r in rows)
    counts = [r["events"] for r in rows]
    assert counts == sorted(counts, reverse=True)
    assert any(
        r["source"] == "RUS" and r["target"] == "UKR" and r["type"] == "ASSAULT" for r in rows
    )
    table = run(voa_db, "summary", "--by", "source,target,type").stdout.splitlines()
    assert (
        table[0].split() == ["SOURCE", "TARGET", "TYPE", "EVENTS"] and len(table) == len(rows) + 1
    )


@needs_shared(VOA)
def test_voa_bad_values_exit_2(voa_db: Path) -> None:
    since = run(voa_db, "events", "--since", "13/03/2025")
    assert since.exit_code == 2 and "not a date: use YYYY-MM-DD" in since.stderr
    actor = run(voa_db, "events", "--actor", "NOSUCH")
    assert actor.exit_code == 2 and "no such actor code" in actor.stderr
