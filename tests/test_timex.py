"""Time expressions against a publication date, with property tests for the parser."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsgraph.events.timex import is_background, resolve

PUB = date(2023, 9, 14)  # a Thursday


@pytest.mark.parametrize(
    ("text", "iso", "granularity"),
    [
        ("on Wednesday", "2023-09-13", "day"),
        ("This week's", "2023-09-11", "week"),
        ("last year", "2022-01-01", "year"),
        ("in June", "2023-06-01", "month"),
        ("in 2010", "2010-01-01", "year"),
        ("the 2000s", "2000-01-01", "decade"),
        ("the 1990s", "1990-01-01", "decade"),
        ("in August", "2023-08-01", "month"),
        ("the past 18 months", "2022-03-01", "month"),
        ("September 13, 2023", "2023-09-13", "day"),
    ],
)
def test_resolve(text: str, iso: str, granularity: str) -> None:
    r = resolve(text, PUB)
    assert r is not None and (r.iso, r.granularity) == (iso, granularity)


def test_future_weekday_and_month() -> None:
    assert resolve("on Monday", PUB, future=True).iso == "2023-09-18"  # type: ignore[union-attr]
    assert resolve("in March", PUB, future=True).iso == "2024-03-01"  # type: ignore[union-attr]


def test_background() -> None:
    assert is_background(resolve("in 2017", PUB), PUB)  # type: ignore[arg-type]
    assert not is_background(resolve("this week", PUB), PUB)  # type: ignore[arg-type]
    assert not is_background(resolve("in August", PUB), PUB)  # type: ignore[arg-type]


def test_unresolvable() -> None:
    assert resolve("the Soviet era", PUB) is None


dates = st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31))


@given(dates, st.sampled_from(["monday", "tuesday", "wednesday", "thursday", "friday",
                               "saturday", "sunday"]))  # fmt: skip
def test_weekday_is_latest_on_or_before(published: date, day: str) -> None:
    r = resolve(f"on {day.title()}", published)
    assert r is not None
    assert r.date <= published and published - r.date < timedelta(days=7)
    assert r.date.strftime("%A").lower() == day


@given(dates, st.integers(min_value=195, max_value=209))
def test_decade_first_day(published: date, decade: int) -> None:
    r = resolve(f"in the {decade}0s", published)
    assert r is not None and r.date == date(decade * 10, 1, 1) and r.granularity == "decade"


@given(dates, st.sampled_from(["week", "month", "year"]))
def test_this_period_contains_publication(published: date, unit: str) -> None:
    r = resolve(f"this {unit}", published)
    assert r is not None and r.date <= published <= r.end
    assert not is_background(r, published)


@given(dates, st.integers(min_value=1, max_value=12))
def test_month_name_not_after_publication(published: date, month: int) -> None:
    name = date(2000, month, 1).strftime("%B")
    r = resolve(f"in {name}", published)
    assert r is not None and r.date.month == month and r.date <= published
