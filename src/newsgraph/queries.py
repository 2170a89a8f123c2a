"""Questions analysts ask of the stored events: filtered lists and grouped counts.

A view over the store (it only reads). `list_events(store, EventFilter(...))` checks every filter
value first, so a misspelt code, type, outlet or date is a `UsageError` naming the closest valid
values, never a silent empty result; `summarise_events(store, by=..., query=...)` counts the
events by source, target, type and modality. The CLI (`newsgraph events`, `summary`, `export`)
is a thin shell over these functions.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from functools import lru_cache
from itertools import combinations, product
from typing import Any

from newsgraph.errors import UsageError
from newsgraph.records import MODALITIES
from newsgraph.store import EVENT_SORTS, EventFilter, Store

SUMMARY_KEYS = ("source", "target", "type", "modality")
DATE_FORMS = "use YYYY-MM-DD (or YYYY-MM, YYYY)"
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)
# os.fsdecode keeps the bytes of an argument that are not UTF-8 as lone surrogates
_UNDECODABLE = re.compile("[\ud800-\udfff]")
_SLASHED = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", re.ASCII)


def list_events(store: Store, query: EventFilter | None = None) -> list[dict[str, Any]]:
    """The event records matching `query` (checked by `check_filter`), in its sort order."""
    return store.events(check_filter(store, query or EventFilter()))


def summarise_events(
    store: Store, by: Sequence[str] = ("source", "target", "type"), query: EventFilter | None = None
) -> list[dict[str, Any]]:
    """Event counts grouped by `by` (some of SUMMARY_KEYS), most frequent first.

    Each row is `{key: value for key in by} | {"events": n}`. An event counts once in each
    group it falls in: a compound actor ("the US and Jordan condemned Iran") once per
    actor × recipient pair, a reciprocal event (every party listed as actor and as recipient:
    "Russia and Ukraine held talks") once per unordered pair of its parties, under the pair's
    codes in alphabetical order. A missing actor or recipient is None; an actor without a code
    is keyed by its name.
    """
    keys = _check_keys(by)
    counts: Counter[tuple[str | None, ...]] = Counter()
    for event in list_events(store, query):
        counts.update(_groups(event, keys))
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], [(v is None, v or "") for v in kv[0]]))
    return [{**dict(zip(keys, group, strict=True)), "events": n} for group, n in rows]


# -- checking filter values ------------------------------------------------------------------
def check_filter(store: Store, f: EventFilter) -> EventFilter:
    """`f` with every value checked and normalised, or a UsageError naming the valid values.

    Codes become upper case where only that form is known, a type upper case, dates full days
    (`--since 2025` is 2025-01-01, `--until 2025-02` is 2025-02-28) and an article id prefix
    the full id.
    """
    for name in ("actor", "source", "target", "plover_type", "modality", "outlet", "article_id"):
        value = getattr(f, name)
        if isinstance(value, str) and _UNDECODABLE.search(value):
            option = "--type" if name == "plover_type" else "--" + name.split("_")[0]
            raise UsageError(
                f"{option}: the value is not valid UTF-8 text; give text arguments in UTF-8"
            )
    changes: dict[str, Any] = {}
    for name, option in (("actor", "--actor"), ("source", "--source"), ("target", "--target")):
        value = getattr(f, name)
        if value is not None:
            changes[name] = check_party(store, value, option)
    if f.dyad is not None:
        if len(f.dyad) != 2:
            raise UsageError(f"--dyad needs two parties, A,B; got {f.dyad!r}")
        changes["dyad"] = tuple(check_party(store, v, "--dyad") for v in f.dyad)
    if f.plover_type is not None:
        changes["plover_type"] = check_type(f.plover_type)
    if f.modality is not None:
        changes["modality"] = _check_choice(
            f.modality.lower(), MODALITIES, "--modality", "modality"
        )
    if f.outlet is not None:
        changes["outlet"] = check_outlet(store, f.outlet)
    if f.article_id is not None:
        changes["article_id"] = store.resolve_article_id(f.article_id)
    if f.since is not None:
        changes["since"] = parse_date(f.since, "--since")
    if f.until is not None:
        changes["until"] = parse_date(f.until, "--until", end=True)
    since, until = changes.get("since"), changes.get("until")
    if since and until and since > until:
        raise UsageError(f"--since {since} is after --until {until}; swap them")
    _check_choice(f.sort, EVENT_SORTS, "--sort", "sort order")
    return replace(f, **changes)


def parse_date(value: str, option: str = "--since", end: bool = False) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD as a full day: the period's first, or with `end` last, day."""
    text = value.strip()
    m = _ISO.fullmatch(text)
    if m is None:
        raise UsageError(f"{option} {value!r}: not a date: {DATE_FORMS}{_date_hint(text)}")
    year, month, day = int(m[1]), int(m[2] or (12 if end else 1)), m[3]
    if year < 1:
        raise UsageError(f"{option} {value!r}: not a date: there is no year 0")
    if not 1 <= month <= 12:
        raise UsageError(f"{option} {value!r}: not a date: month {month} (use 01-12)")
    last = calendar.monthrange(year, month)[1]
    d = int(day) if day else (last if end else 1)
    if not 1 <= d <= last:
        raise UsageError(f"{option} {value!r}: not a date: {year}-{month:02d} has {last} days")
    return date(year, month, d).isoformat()


def parse_dyad(text: str) -> tuple[str, str]:
    """`A,B` as the pair (A, B)."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 2 or not all(parts):
        raise UsageError(f"--dyad {text!r}: give two parties as A,B (e.g. RUS,UKR)")
    return parts[0], parts[1]


def check_party(store: Store, value: str, option: str = "--actor") -> str:
    """A party the store or the KB knows: a code, country, aligned code prefix or actor id."""
    text = value.strip()
    for candidate in dict.fromkeys((text, text.upper())):
        # Codes are three-letter parts (RUS + GOV); a prefix cutting a part matches by accident.
        aligned = ":" in candidate or (len(candidate) % 3 == 0 and len(candidate) > 0)
        if aligned and (store.has_party(candidate) or candidate in _kb_parties()):
            return candidate
    choices = store.party_codes() or sorted(_kb_countries())
    raise UsageError(
        f"{option} {value!r}: no such actor code, country or actor id in the database or the "
        f"knowledge base{_suggest(text.upper(), choices)}; list actors with `newsgraph actors`"
    )


def check_type(value: str) -> str:
    """A PLOVER type (or STATEMENT), upper case."""
    from newsgraph.events.ontology import PLOVER_TYPES

    types = (*PLOVER_TYPES, "STATEMENT")
    return _check_choice(value, types, "--type", "event type", str.upper)


def check_outlet(store: Store, value: str) -> str:
    """An outlet some stored article has (case-insensitive)."""
    outlets = store.outlets()
    if value.strip().casefold() in {o.casefold() for o in outlets}:
        return value.strip()
    raise UsageError(
        f"--outlet {value!r}: no article from this outlet{_suggest(value, outlets, partial=True)}"
        + ("" if outlets else " (no stored article names an outlet)")
    )


def _check_choice(
    value: str, choices: Sequence[str], option: str, what: str, fold: Callable[[str], str] = str
) -> str:
    """`fold(value)` when it is one of `choices`, else a UsageError naming the closest."""
    if fold(value.strip()) in choices:
        return fold(value.strip())
    raise UsageError(
        f"{option} {value!r}: unknown {what}{_suggest(value, choices)}; "
        f"use one of {', '.join(choices)}"
    )


def _suggest(value: str, choices: Iterable[str], partial: bool = False) -> str:
    """' (closest: A, B, C)' with the closest choices, or '' when none is close.

    Codes compare whole (RUSGOB is closer to RUSGOV than to RUS); with `partial`, names may
    also match a part (voa → voanews.com).
    """
    from rapidfuzz import fuzz, process, utils

    found = process.extract(
        value, list(choices), scorer=fuzz.WRatio if partial else fuzz.ratio,
        processor=utils.default_process, limit=3, score_cutoff=60,
    )  # fmt: skip
    return f" (closest: {', '.join(str(f[0]) for f in found)})" if found else ""


def _date_hint(text: str) -> str:
    """A hint for day/month/year dates: 13/03/2025 → 2025-03-13."""
    m = _SLASHED.fullmatch(text)
    if m is None:
        return ""
    a, b, year = int(m[1]), int(m[2]), m[3]
    readings = (
        [(year, b, a)] if a > 12 else [(year, a, b)] if b > 12 else [(year, b, a), (year, a, b)]
    )
    valid = [f"{y}-{mo:02d}-{d:02d}" for y, mo, d in readings if 1 <= mo <= 12 and 1 <= d <= 31]
    return f"; did you mean {' or '.join(dict.fromkeys(valid))}?" if valid else ""


@lru_cache(maxsize=1)
def _kb_countries() -> frozenset[str]:
    from newsgraph.actors.kb import load_kb

    return frozenset(load_kb().iso3)


@lru_cache(maxsize=1)
def _kb_parties() -> frozenset[str]:
    """Every code, aligned code prefix and actor id the knowledge base can give a mention."""
    from newsgraph.actors.kb import load_kb

    kb = load_kb()
    sectors = {s for forms in kb.sector_forms.values() for s in forms}
    sectors |= {r.sector for roles in kb.roles.values() for r in roles} | {"ELI"}
    codes = {e.code for e in kb.entries.values() if e.code} | set(kb.iso3)
    codes |= {c + s for c in kb.iso3 for s in sectors}
    prefixes = {c[:i] for c in codes for i in range(3, len(c), 3)}
    return frozenset(codes | prefixes | {e.actor_id for e in kb.entries.values()})


# -- grouping --------------------------------------------------------------------------------
def _check_keys(by: Sequence[str] | str) -> tuple[str, ...]:
    given = by.split(",") if isinstance(by, str) else by
    keys = tuple(_check_choice(k, SUMMARY_KEYS, "--by", "grouping key", str.lower) for k in given)
    if not keys or len(set(keys)) != len(keys):
        raise UsageError(
            f"--by {','.join(keys)!r}: name each of {', '.join(SUMMARY_KEYS)} at most once"
        )
    return keys


def _party_key(ref: dict[str, Any]) -> str:
    return str(ref.get("code") or ref.get("name") or ref.get("text") or "?")


def _groups(event: dict[str, Any], keys: tuple[str, ...]) -> set[tuple[str | None, ...]]:
    """The groups (values of `keys`) one event counts in, each once."""
    actors = sorted({_party_key(r) for r in event.get("actors") or []})
    recipients = sorted({_party_key(r) for r in event.get("recipients") or []})
    sources: list[str | None] = list(actors) or [None]
    targets: list[str | None] = list(recipients) or [None]
    pairs: set[tuple[str | None, str | None]]
    if "source" in keys and "target" in keys:
        if len(actors) > 1 and actors == recipients:  # reciprocal: each unordered pair once
            pairs = set(combinations(actors, 2))
        else:
            pairs = set(product(sources, targets))
    else:
        pairs = {(s, None) for s in sources} if "source" in keys else set()
        pairs |= {(None, t) for t in targets} if "target" in keys else set()
        pairs = pairs or {(None, None)}
    values = {"type": event.get("plover_type"), "modality": event.get("modality")}
    out: set[tuple[str | None, ...]] = set()
    for source, target in pairs:
        values.update(source=source, target=target)
        out.add(tuple(values[k] for k in keys))
    return out
