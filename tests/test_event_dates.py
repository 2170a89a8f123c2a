"""Which time expression dates an event (events/context.py), through the whole pipeline."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import make_article
from newsgraph.records import Event


@pytest.fixture(scope="module")
def analyser() -> Any:
    from newsgraph.pipeline import Analyser

    return Analyser()


def consults(analyser: Any, text: str) -> list[Event]:
    (result,) = analyser.analyse([make_article(text, published="2023-09-14")])
    events = [e for e in result.events if e.plover_type == "CONSULT"]
    assert events, [(e.plover_type, e.quote) for e in result.events]
    return events


def test_since_bounds_an_interval_and_does_not_date_the_event(analyser: Any) -> None:
    (event, *_) = consults(
        analyser, "Erdogan met Putin in Sochi, his first meeting with the Russian leader since 2019"
    )
    assert event.date != "2019-01-01" and not event.is_background


def test_a_plain_year_still_dates_the_event(analyser: Any) -> None:
    (event, *_) = consults(analyser, "Erdogan met Putin in Sochi in 2019.")
    assert event.date == "2019-01-01" and event.date_granularity == "year" and event.is_background


def test_an_event_in_a_clause_on_the_bound_takes_its_date(analyser: Any) -> None:
    events = consults(
        analyser, "It was their first talk since 2019, when the two leaders met in Hanoi."
    )
    met = [e for e in events if "met" in e.quote]
    assert met and met[0].date == "2019-01-01", [(e.quote, e.date) for e in events]
