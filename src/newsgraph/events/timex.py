"""Time expressions resolved against the article's publication date.

Only the text of a DATE entity is parsed, never a whole sentence. Decades ("the 2000s"),
weekdays ("on Wednesday": the latest such day on or before publication for past events, the next
one for future events), this/last/next week|month|year, bare months and years, and "the past N
months" are handled here; anything else goes to dateparser with RELATIVE_BASE = publication.
Each resolution is the first day of its period plus the period's last day (for background tests).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from newsgraph.records import Granularity

BACKGROUND_DAYS = 60  # a period that ended more than this before publication is background

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
UNITS: dict[str, Granularity] = {
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
    "decade": "decade",
    "decades": "decade",
}
LEAD = re.compile(
    r"^(?:(?:on|in|during|since|by|until|from|at|of|over|for|throughout|around|about|"
    r"as of|as early as|early|earlier|late|later|mid|the|this|that)\b[\s-]*)*",
    re.I,
)
DECADE = re.compile(r"\b(?:the\s+)?(?:early\s+|mid-?\s*|late\s+)?(1[0-9]|20)?(\d)0'?s\b", re.I)
YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
RELATIVE = re.compile(r"^(this|last|next|past|previous|coming|current)\s+(week|month|year)$", re.I)
PAST_N = re.compile(
    r"^(?:the\s+)?(?:past|last|previous)\s+(\d+|two|three|four|five|six|several|few)\s+"
    r"(days|weeks|months|years|decades)$",
    re.I,
)
# DATE entities that name no point in time: an age ("Zamora, 67", "a 67-year-old", "aged 67") or a
# length of time used as a modifier ("a 140-year lease", "a decades-long feud", "a two-day visit").
AGE_OR_LENGTH = re.compile(
    r"^(?:aged\s+|age\s+)?\d{1,3}$|year-old|years?\s+old|"
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|\w+teen|\w+ty|several|many)"
    r"[-\s](?:day|week|month|year|decade|century|hour)s?[-\s](?:long|old)\b|"
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|\w+teen|\w+ty|several)-"
    r"(?:day|week|month|year|decade|century|hour)\b|\b(?:days|weeks|months|years|decades)-long\b",
    re.I,
)
NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "several": 3, "few": 3}


@dataclass(frozen=True)
class Resolved:
    """A time expression resolved to the first day of its period."""

    date: dt.date
    granularity: Granularity
    end: dt.date  # last day of the period

    @property
    def iso(self) -> str:
        return self.date.isoformat()


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _period(start: date, granularity: Granularity) -> Resolved:
    if granularity == "day":
        end = start
    elif granularity == "week":
        end = start + timedelta(days=6)
    elif granularity == "month":
        end = _month_end(start.year, start.month)
    elif granularity == "year":
        end = date(start.year, 12, 31)
    else:
        end = date(start.year + 9, 12, 31)
    return Resolved(start, granularity, end)


def _shift_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _relative(word: str, unit: str, base: date) -> Resolved:
    step = {"this": 0, "current": 0, "last": -1, "past": -1, "previous": -1}.get(word, 1)
    if unit == "week":
        monday = base - timedelta(days=base.weekday())
        return _period(monday + timedelta(weeks=step), "week")
    if unit == "month":
        return _period(_shift_months(date(base.year, base.month, 1), step), "month")
    return _period(date(base.year + step, 1, 1), "year")


# Articles of a day repeat the same expressions ("Monday", "last week"), and a dateparser call
# costs milliseconds; the result depends only on the arguments and Resolved is frozen.
@lru_cache(maxsize=8192)
def resolve(text: str, published: date | None, *, future: bool = False) -> Resolved | None:
    """Resolve a DATE entity's text; None when it names no resolvable point or period."""
    raw = " ".join(text.replace("’", "'").split())
    m = DECADE.search(raw)
    if m and not re.search(r"\d{4}\s*[-–]\s*\d", raw):
        century = m.group(1)
        if century is None:
            century = "19" if int(m.group(2)) >= 3 else "20"
        return _period(date(int(century + m.group(2) + "0"), 1, 1), "decade")
    core = re.sub(r"'s?$", "", LEAD.sub("", raw).strip(" ,.")).strip()
    low = core.lower()
    # "this week's": the possessive has been stripped above; the determiner matters here
    det = re.match(r"^(?:the\s+)?(this|last|next|past|previous|coming|current)\s+", raw, re.I)
    if det and low in {"week", "month", "year"}:
        low = f"{det.group(1).lower()} {low}"
    if YEAR.match(low):
        return _period(date(int(low), 1, 1), "year")
    if published is None:
        return None
    m = RELATIVE.match(low)
    if m:
        return _relative(m.group(1).lower(), m.group(2).lower(), published)
    if low in {"today", "tonight", "this morning", "this afternoon", "this evening"}:
        return _period(published, "day")
    if low in {"yesterday", "last night"}:
        return _period(published - timedelta(days=1), "day")
    if low == "tomorrow":
        return _period(published + timedelta(days=1), "day")
    if low in WEEKDAYS:
        delta = (published.weekday() - WEEKDAYS[low]) % 7
        if future:
            return _period(
                published + timedelta(days=(WEEKDAYS[low] - published.weekday()) % 7), "day"
            )
        return _period(published - timedelta(days=delta), "day")
    if low in MONTHS:
        month = MONTHS[low]
        year = published.year
        if not future and month > published.month:
            year -= 1
        if future and month < published.month:
            year += 1
        return _period(date(year, month, 1), "month")
    m = PAST_N.match(low) or PAST_N.match(raw.lower())
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else NUMBERS[m.group(1)]
        return _past_n(n, m.group(2), published)
    m = re.match(r"^(\d+|two|three|four|five|six|several|few)\s+(days|weeks|months|years)$", low)
    if m:  # a bare duration ("18 months") reads as the period leading up to publication
        n = int(m.group(1)) if m.group(1).isdigit() else NUMBERS[m.group(1)]
        return _past_n(n, m.group(2), published)
    return _dateparser(core, published, future)


def names_a_point(text: str) -> bool:
    """False for a DATE entity that is an age or a length of time, not a date ("67", "140-year")."""
    return not AGE_OR_LENGTH.search(" ".join(text.split()))


def _past_n(n: int, unit: str, published: date) -> Resolved:
    """The start of "the past N units", a period that runs up to publication."""
    gran = UNITS[unit]
    if gran == "day":
        start = published - timedelta(days=n)
    elif gran == "week":
        start = published - timedelta(weeks=n)
        start -= timedelta(days=start.weekday())
    elif gran == "month":
        start = _shift_months(date(published.year, published.month, 1), -n)
    elif gran == "year":
        start = date(published.year - n, 1, 1)
    else:
        start = date(published.year - 10 * n, 1, 1)
        gran = "year"
    return Resolved(start, gran, published)


@lru_cache(maxsize=64)
def _parser(base: date, future: bool) -> Any:
    """A dateparser parser for one publication date (articles of a day share it)."""
    from dateparser.date import DateDataParser

    settings = {
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "future" if future else "past",
    }
    return DateDataParser(languages=["en"], settings=settings)


def _dateparser(text: str, published: date, future: bool) -> Resolved | None:
    if not re.search(r"\d|[A-Za-z]{3}", text) or len(text) > 40:
        return None
    data = _parser(published, future).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    found = data.date_obj.date()
    period = data.period or "day"
    if period == "time":
        period = "day"
    if period == "week":
        found -= timedelta(days=found.weekday())
    elif period == "month":
        found = found.replace(day=1)
    elif period == "year":
        found = date(found.year, 1, 1)
    grans: dict[str, Granularity] = {"day": "day", "week": "week", "month": "month", "year": "year"}
    if period not in grans:
        return None
    return _period(found, grans[period])


def is_background(resolved: Resolved, published: date | None) -> bool:
    """True when the period ended well before publication (more than BACKGROUND_DAYS)."""
    if published is None:
        return False
    return (published - resolved.end).days > BACKGROUND_DAYS


def parse_iso(value: str | None) -> date | None:
    """An ISO date string as a date (None when absent or malformed)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
