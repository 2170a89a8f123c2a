"""Exports against their codebooks: GDELT 2.0's 61 columns, POLECAT's release columns, flat
CSV and Parquet read back with pandas, JSON Lines, filters."""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import ROOT, VOA, needs_shared

from conftest import make_article
from newsgraph.export import (
    GDELT_COLUMNS,
    POLECAT_COLUMNS,
    POLECAT_RELEASE_COLUMNS,
    TABLE_NAMES,
    actor_name,
    defuse,
    fraction_date,
    write_export,
    write_parquet,
    write_table,
)
from newsgraph.records import ActorRef, AnalysedArticle, Event, Location, Mention
from newsgraph.store import EventFilter, Source, Store, StoredItem, open_store

DATA = ROOT / "tests" / "data"
LEAD = "Russia attacked Ukraine on Tuesday."
TEXT = LEAD + "\n\nPutin appealed for aid. Officials said talks went well."


def codebook(name: str) -> list[str]:
    """The `name` column of a tests/data column list, in position order."""
    rows = [line for line in (DATA / name).read_text().splitlines() if not line.startswith("#")]
    assert rows[0] == "position\tname"
    cells = [r.split("\t") for r in rows[1:]]
    assert [int(p) for p, _ in cells] == list(range(1, len(cells) + 1))
    return [n for _, n in cells]


def _ref(text: str, name: str, code: str, country: str | None, sector: str | None, start: int):
    return ActorRef(text, name, f"x:{code}", country, sector, code, start, start + len(text))


def _event(eid: str, aid: str, **fields: object) -> Event:
    values: dict[str, object] = dict(
        id=eid, article_id=aid, sentence=0, quote="Russia attacked Ukraine", start=0, end=23,
        actors=(_ref("Russia", "Russia", "RUS", "RUS", None, 0),),
        recipients=(_ref("Ukraine", "Ukraine", "UKR", "UKR", None, 16),),
        plover_type="ASSAULT", plover_mode=None, plover_context=None, cameo_code="190",
        quad_class=4, goldstein=-10.0, rule="attack", coder_version="t", modality="asserted",
        date="2023-09-12", date_granularity="day",
        location=Location("Kyiv", "UKR", 50.45466, 30.5238),
    )  # fmt: skip
    values.update(fields)
    return Event(**values)  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    article = make_article(
        TEXT, url="https://example.org/a", outlet="example.org", published="2023-09-14",
        paragraphs=((0, len(LEAD)), (len(LEAD) + 2, len(TEXT))),
    )  # fmt: skip
    putin_at = TEXT.index("Putin")
    putin = Mention(
        article.id, putin_at, putin_at + 5, "Putin", 1, "person:vladimir_putin", "Vladimir Putin",
        "person", "RUS", ("GOV",), "RUSGOV", 1.0, "kb-alias", "PERSON", "President of Russia",
    )  # fmt: skip
    said = TEXT.index("Officials")
    events = (
        _event("e1", article.id),
        _event(
            "e2", article.id, sentence=1, quote="Putin appealed for aid", start=putin_at,
            end=putin_at + 22, actors=(_ref("Putin", "Vladimir Putin", "RUSGOV", "RUS", "GOV",
            putin_at),), recipients=(), plover_type="REQUEST", plover_mode="assist",
            cameo_code="023", quad_class=0, goldstein=3.4, modality="reported", date=None,
            date_granularity=None, location=Location("Russia", "RUS", None, None),
        ),
        _event(
            "e3", article.id, sentence=2, quote="Officials said", start=said, end=said + 14,
            actors=(_ref("Officials", "(GOV)", "sector:GOV", None, "GOV", said),), recipients=(),
            plover_type="STATEMENT", cameo_code="010", quad_class=0, goldstein=0.0, date=None,
            location=None,
        ),
    )  # fmt: skip
    undated = make_article("He attacked the convoy.", published=None, paragraphs=())
    he = _event(
        "e4", undated.id, quote="He attacked the convoy", start=0, end=22, date=None,
        actors=(_ref("He", "He", "", None, None, 0),), recipients=(), location=None,
    )  # fmt: skip
    s = open_store(tmp_path / "t.db")
    s.write_batch(
        [
            StoredItem(AnalysedArticle(article, (putin,), events), Source(article.id, "x")),
            StoredItem(AnalysedArticle(undated, (), (he,)), Source(undated.id, "y")),
        ]
    )
    return s


def _read(store: Store, fmt: str, **kw: object) -> str:
    out = io.StringIO()
    write_export(store, fmt, out, EventFilter(**kw))  # type: ignore[arg-type]
    return out.getvalue()


def test_column_lists_match_the_codebooks() -> None:
    assert codebook("gdelt_2_event_columns.tsv") == GDELT_COLUMNS and len(GDELT_COLUMNS) == 61
    assert codebook("polecat_release_columns.tsv") == POLECAT_RELEASE_COLUMNS
    assert POLECAT_COLUMNS[: len(POLECAT_RELEASE_COLUMNS)] == POLECAT_RELEASE_COLUMNS


def test_gdelt_rows_follow_the_codebook(store: Store) -> None:
    text = _read(store, "gdelt")
    df = pd.read_csv(io.StringIO(text), sep="\t", header=None, names=GDELT_COLUMNS, dtype=str)
    assert len(df) == 4 and df["SQLDATE"].notna().all()
    rows = {r["SOURCEURL"]: r for r in df.to_dict("records") if r["EventCode"] == "190"}
    e1 = rows["https://example.org/a"]
    assert (e1["SQLDATE"], e1["MonthYear"], e1["Year"]) == ("20230912", "202309", "2023")
    assert e1["FractionDate"] == f"{2023 + (8 * 30 + 12) / 365:.4f}" == "2023.6904"
    assert (e1["Actor1Code"], e1["Actor1Name"], e1["Actor2Name"]) == ("RUS", "RUSSIA", "UKRAINE")
    assert e1["IsRootEvent"] == "1" and e1["QuadClass"] == "4" and e1["EventRootCode"] == "19"
    assert (e1["ActionGeo_Type"], e1["ActionGeo_CountryCode"], e1["ActionGeo_FullName"]) == (
        "4", "UP", "Kyiv",
    )  # fmt: skip
    assert e1["ActionGeo_FeatureID"] == "703448"  # GeoNames: Kyiv
    assert float(e1["ActionGeo_Lat"]) == pytest.approx(50.45466)
    assert pd.isna(e1["AvgTone"]) and pd.isna(e1["Actor1Geo_Type"])
    assert len(e1["DATEADDED"]) == 14 and e1["DATEADDED"].isdigit()
    appeal = df[df["EventCode"] == "023"].iloc[0]
    # an undated event takes the publication date; an appeal is verbal cooperation (1), not 0
    assert appeal["SQLDATE"] == "20230914" and appeal["QuadClass"] == "1"
    assert appeal["EventBaseCode"] == "023" and appeal["IsRootEvent"] == "0"
    assert appeal["Actor1Name"] == "VLADIMIR PUTIN" and appeal["Actor1Type1Code"] == "GOV"
    assert (appeal["ActionGeo_Type"], appeal["ActionGeo_FeatureID"]) == ("1", "RS")
    statement = df[df["EventCode"] == "010"].iloc[0]
    assert statement["Actor1Name"] == "OFFICIALS"  # words, never "(GOV)"
    he = df[df["Actor1Code"].isna() & (df["EventCode"] == "190")].iloc[0]
    # no event date, no publication date: the ingest date, never an empty SQLDATE
    assert he["SQLDATE"] == he["DATEADDED"][:8] and pd.isna(he["Actor1Name"])


def test_polecat_has_the_release_columns_and_plover_types_only(store: Store) -> None:
    df = pd.read_csv(io.StringIO(_read(store, "polecat")), sep="\t", dtype=str)
    assert list(df.columns) == POLECAT_COLUMNS
    assert "statement" not in set(df["Event Type"]) and len(df) == 3
    appeal = df[df["CAMEO Code"] == "023"].iloc[0]
    assert (appeal["Event Type"], appeal["Event Mode"]) == ("request", "assist")
    assert appeal["Quad Code"] == "3" and appeal["Intensity"] == "0.5"  # PLOVER manual
    assert (
        appeal["Actor Name"] == "Vladimir Putin" and appeal["Actor Title"] == "President of Russia"
    )
    assert appeal["Actor Country"] == "RUS" and appeal["Feature Type"] == "country"
    assert appeal["GeoNames ID"] == "2017370" and appeal["Story People"] == "Vladimir Putin"
    assert appeal["Modality"] == "reported" and appeal["Source"] == "example.org"
    e1 = df[df["Event ID"] == "e1"].iloc[0]
    assert (e1["Quad Code"], e1["Intensity"], e1["City"], e1["GeoNames ID"]) == (
        "4", "-9.0", "Kyiv", "703448",
    )  # fmt: skip


def test_csv_keeps_codes_as_strings_and_separate_columns(store: Store) -> None:
    df = pd.read_csv(io.StringIO(_read(store, "csv")), dtype={"cameo_code": str})
    assert list(df.columns) == TABLE_NAMES and len(df) == 4
    appeal = df[df["cameo_code"] == "023"].iloc[0]
    assert (appeal["cameo_root"], appeal["actor_codes"], appeal["actor_names"]) == (
        2, "RUSGOV", "Vladimir Putin",
    )  # fmt: skip
    raw = _read(store, "csv").splitlines()
    assert any(",023,02," in line for line in raw)  # written as 023, not 23
    e1 = df[df["event_id"] == "e1"].iloc[0]
    assert (e1["lat"], e1["lon"]) == (pytest.approx(50.45466), pytest.approx(30.5238))
    assert (e1["outlet"], e1["url"], e1["publication_date"]) == (
        "example.org", "https://example.org/a", "2023-09-14",
    )  # fmt: skip
    assert (e1["recipient_codes"], e1["recipient_countries"]) == ("UKR", "UKR")


def test_parquet_types(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    assert write_parquet(store, path, EventFilter()) == 4
    df = pd.read_parquet(path)
    assert list(df.columns) == TABLE_NAMES
    assert df["lat"].dtype == "float64" and df["goldstein"].dtype == "float64"
    assert df["quad_class"].dtype == "int64" and df["start"].dtype == "int64"
    appeal = df[df["cameo_code"] == "023"].iloc[0]
    assert appeal["cameo_code"] == "023" and appeal["quad_class"] == 0
    assert appeal["publication_date"] == datetime.date(2023, 9, 14)
    e1 = df[df["event_id"] == "e1"].iloc[0]
    assert e1["event_date"] == datetime.date(2023, 9, 12) and e1["lat"] == pytest.approx(50.45466)
    assert write_parquet(store, tmp_path / "none.parquet", EventFilter(modality="negated")) == 0
    assert pd.read_parquet(tmp_path / "none.parquet").empty


def test_jsonl_and_filters(store: Store) -> None:
    lines = _read(store, "jsonl", modality="reported").splitlines()
    assert [json.loads(x)["id"] for x in lines] == ["e2"]
    gdelt = _read(store, "gdelt", plover_type="ASSAULT").splitlines()
    assert len(gdelt) == 2 and all(len(line.split("\t")) == 61 for line in gdelt)


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)))


@given(rows=st.lists(st.lists(_TEXT, min_size=1, max_size=4), min_size=1, max_size=4))
def test_the_one_writer_round_trips_cells(rows: list[list[str]]) -> None:
    import csv

    # cells a spreadsheet would run as formulas come back with the leading quote (`defuse`)
    expected = [[defuse(" ".join(cell.split())) for cell in row] for row in rows]
    for delimiter in (",", "\t"):
        out = io.StringIO()
        assert write_table(rows, out, delimiter) == len(rows)
        lines = out.getvalue().split("\n")
        assert lines.pop() == "" and len(lines) == len(rows)  # one row a line
        if delimiter == ",":
            assert list(csv.reader(io.StringIO(out.getvalue()))) == expected
        else:
            assert [line.split("\t") for line in lines] == expected


def test_actor_names_and_fraction_date() -> None:
    assert actor_name({"name": "Russia (GOV)", "text": "the Kremlin"}) == "Russia"
    assert actor_name({"name": "(MIL)", "text": "the army"}) == "army"
    assert actor_name({"name": "Iran (GOV) Kazem Gharibabadi", "text": "x"}) == "Kazem Gharibabadi"
    assert actor_name({"name": "They", "text": "They"}) == ""
    assert actor_name({"name": "", "text": "his"}) == ""
    assert fraction_date("1979-01-01") == "1979.0027"  # as in GDELT's own files
    assert fraction_date("2015-12-31") == "2015.9890" and fraction_date("") == ""


def test_cli_export_formats(store: Store, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsgraph.cli import main

    db = store.path
    store.close()
    runner = CliRunner()
    out = tmp_path / "e.parquet"
    result = runner.invoke(main, ["export", "--db", db, "--format", "parquet", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(pd.read_parquet(out)) == 4
    result = runner.invoke(main, ["export", "--db", db, "--format", "parquet"])
    assert result.exit_code == 2 and "--output" in result.output
    result = runner.invoke(main, ["export", "--db", db, "--format", "csv"])
    assert result.exit_code == 0 and result.output.splitlines()[0].startswith("event_id,")


@needs_shared(VOA)
def test_voa_exports_match_the_codebooks(tmp_path: Path) -> None:
    from newsgraph.pipeline import ingest_paths

    lines = VOA.read_text(encoding="utf-8").splitlines()[:12]
    (tmp_path / "voa.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with open_store(tmp_path / "voa.db") as voa:
        assert ingest_paths([str(tmp_path / "voa.jsonl")], voa).rejected == 0
        gdelt = pd.read_csv(
            io.StringIO(_read(voa, "gdelt")), sep="\t", header=None, dtype=str, quoting=3
        )
        polecat = pd.read_csv(io.StringIO(_read(voa, "polecat")), sep="\t", dtype=str, quoting=3)
        write_parquet(voa, tmp_path / "voa.parquet", EventFilter())
    assert len(gdelt) > 20 and gdelt.shape[1] == len(codebook("gdelt_2_event_columns.tsv"))
    gdelt.columns = GDELT_COLUMNS
    assert gdelt["SQLDATE"].str.fullmatch(r"\d{8}").all()
    assert gdelt["DATEADDED"].str.fullmatch(r"\d{14}").all()
    assert set(gdelt["IsRootEvent"]) == {"0", "1"}  # one-paragraph texts: the first sentence
    names = gdelt["Actor1Name"].dropna()
    assert not names.str.contains(r"\((?:GOV|MIL|LEG|JUD|MED|REB|OPP|BUS|CVL)\b").any()
    assert not names.str.fullmatch(r"HE|SHE|THEY|IT|WE|HIM|HER|THEM").any()
    assert list(polecat.columns[: len(POLECAT_RELEASE_COLUMNS)]) == codebook(
        "polecat_release_columns.tsv"
    )
    assert 0 < len(polecat) < len(gdelt) and "statement" not in set(polecat["Event Type"])
    assert len(pd.read_parquet(tmp_path / "voa.parquet")) == len(gdelt)
