"""Publication dates: normalise metadata values to ISO dates and find datelines in story text.

dateparser only ever sees a short, date-looking substring, never whole sentences: on prose it is
slow and finds dates in words like "may" or "march".
"""

from __future__ import annotations

import re
from datetime import date

_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# "September 14, 2023", "Sept. 14 2023", "14 September 2023", "2023/09/14", "14.09.2023".
_WRITTEN = re.compile(
    rf"\b(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}})\b",
    re.I,
)
_NUMERIC = re.compile(r"\b\d{4}/\d{1,2}/\d{1,2}\b")
DATELINE_CHARS = 300  # a dateline sits in the first line or two of a story
MIN_YEAR, MAX_YEAR = 1900, 2100


def _valid(y: int, m: int, d: int) -> str | None:
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def iso_date(value: str | None) -> str | None:
    """A metadata date value (`2025-03-14 20:30:26Z`, `Sep 14, 2023`, epoch …) as YYYY-MM-DD."""
    if not value:
        return None
    value = value.strip()
    m = _ISO.search(value)
    if m:
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if re.fullmatch(r"\d{9,10}(\.\d+)?", value):  # Unix seconds
        from datetime import UTC, datetime

        return datetime.fromtimestamp(float(value), UTC).date().isoformat()
    if len(value) > 64:
        return None
    return _parse(value)


def _parse(fragment: str) -> str | None:
    import dateparser

    parsed = dateparser.parse(
        fragment,
        languages=["en"],
        settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    if parsed is None:
        return None
    return _valid(parsed.year, parsed.month, parsed.day)


def find_dateline(text: str) -> str | None:
    """A full date written in the first lines of a story (a dateline), as YYYY-MM-DD."""
    head = text[:DATELINE_CHARS]
    m = _ISO.search(head)
    if m:
        found = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if found:
            return found
    for pattern in (_WRITTEN, _NUMERIC):
        m = pattern.search(head)
        if m:
            found = _parse(m.group(0))
            if found:
                return found
    return None
