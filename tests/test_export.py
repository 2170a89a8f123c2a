"""Export writers: GDELT's 61 columns, POLECAT header, JSON Lines, filters."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import make_article
from newsgraph.export import GDELT_COLUMNS, POLECAT_COLUMNS, export_rows
from newsgraph.records import ActorRef, AnalysedArticle, Event, Location
from newsgraph.store import EventFilter, Source, StoredItem, open_store


def _event(eid: str, modality: str, article_id: str) -> Event:
    rus = ActorRef("Russia", "Russia", "RUS", "RUS", None, "RUS")
    ukr = ActorRef("Ukraine", "Ukraine", "UKR", "UKR", None, "UKR")
    return Event(
        id=eid, article_id=article_id, sentence=0, quote="Russia attacked Ukraine", start=0,
        end=23, actors=(rus,), recipients=(ukr,), plover_type="ASSAULT", plover_mode=None,
        plover_context=None, cameo_code="190", quad_class=4, goldstein=-10.0, rule="attack",
        coder_version="t", modality=modality, date="2023-09-13",  # type: ignore[arg-type]
        date_granularity="day", location=Location("Sevastopol", "UKR", 44.6, 33.5),
    )  # fmt: skip


def test_export_formats(tmp_path: Path) -> None:
    article = make_article("Russia attacked Ukraine. Russia could attack Kyiv.")
    events = (_event("e1", "asserted", article.id), _event("e2", "hypothetical", article.id))
    with open_store(tmp_path / "t.db") as store:
        store.write_batch(
            [StoredItem(AnalysedArticle(article, (), events), Source(article.id, "x"))]
        )
        gdelt = list(export_rows(store, "gdelt"))
        assert len(gdelt) == 2
        cells = gdelt[0].split("\t")
        assert len(cells) == len(GDELT_COLUMNS) == 61
        row = dict(zip(GDELT_COLUMNS, cells, strict=True))
        assert row["SQLDATE"] == "20230913" and row["EventRootCode"] == "19"
        assert row["Actor1Code"] == "RUS" and row["Actor2Code"] == "UKR"
        assert row["ActionGeo_CountryCode"] == "UP" and row["ActionGeo_FullName"] == "Sevastopol"
        polecat = list(export_rows(store, "polecat", EventFilter(modality="asserted")))
        assert polecat[0].split("\t") == POLECAT_COLUMNS and len(polecat) == 2
        assert polecat[1].split("\t")[POLECAT_COLUMNS.index("Modality")] == "asserted"
        lines = list(export_rows(store, "jsonl", EventFilter(modality="hypothetical")))
        assert [json.loads(x)["id"] for x in lines] == ["e2"]
