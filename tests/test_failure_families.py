"""Failure families of real news, each closed by a general rule (sentences written for the test).

Force words used of no force, event nouns with their own modality and time, reported speech
with object control, datelines and the outlet's own name, ages, lengths and targets as dates.
"""

from __future__ import annotations

from typing import Any

import pytest

from conftest import make_article
from newsgraph.records import Event


@pytest.fixture(scope="module")
def analyser() -> Any:
    from newsgraph.pipeline import Analyser

    return Analyser()


def events_of(analyser: Any, text: str, **fields: Any) -> list[Event]:
    (result,) = analyser.analyse([make_article(text, **fields)])
    return list(result.events)


def codes(refs: Any) -> list[str]:
    return [r.code or r.text for r in refs]


# -- force words used of no force ------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "The tariff war between Canada and Mexico deepened this month.",
        "Volunteers battled wildfires near the capital for three days.",
        "The new mayor promised to fight graft in the city council.",
        "Nadal beat Federer in the semifinal on Sunday.",
        "The incumbent defeated her rival in the runoff by a wide margin.",
        "Brazil and Argentina remain locked in a war of words over beef exports.",
        "The campaign against hunger in Malawi continues with new funding.",
        "Ministers clashed over the pension reform during a cabinet meeting.",
    ],
)
def test_force_words_used_of_no_force_are_no_assault(analyser: Any, text: str) -> None:
    found = events_of(analyser, text)
    assert not [e for e in found if e.plover_type == "ASSAULT"], [
        (e.trigger, e.quote) for e in found
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Sudanese troops fought rebel fighters near Khartoum.",
        "Riot police beat demonstrators outside the parliament in Nairobi.",
        "The war between Armenia and Azerbaijan killed thousands of soldiers.",
    ],
)
def test_real_force_stays_assault(analyser: Any, text: str) -> None:
    assert [e for e in events_of(analyser, text) if e.plover_type == "ASSAULT"]


def test_a_clash_with_signs_of_violence_stays_an_event(analyser: Any) -> None:
    text = "Demonstrators clashed with police at the meeting, and several were injured."
    assert [e for e in events_of(analyser, text) if e.trigger.startswith("clash")]


def test_a_war_named_by_its_place_is_not_waged_by_it(analyser: Any) -> None:
    found = events_of(analyser, "The Syria war has displaced millions of people since 2011.")
    assert not [e for e in found if "SYR" in codes(e.actors)], [
        (e.trigger, codes(e.actors)) for e in found
    ]


# -- an event noun has its own modality and time ---------------------------------------------
def test_a_presupposed_invasion_is_asserted_while_its_condemnation_is_negated(
    analyser: Any,
) -> None:
    found = events_of(analyser, "India has never condemned Russia's invasion of Ukraine.")
    by_trigger = {e.trigger: e for e in found}
    condemned = next(e for t, e in by_trigger.items() if "condemn" in t)
    invasion = next(e for t, e in by_trigger.items() if "invasion" in t)
    assert condemned.modality == "negated"
    assert invasion.modality == "asserted"
    assert invasion.date is None  # not the date of the sentence that names it


def test_an_event_noun_that_did_not_happen_is_negated(analyser: Any) -> None:
    found = events_of(analyser, "Officials said the planned attack on the base never happened.")
    attack = [e for e in found if e.plover_type == "ASSAULT"]
    assert not attack or attack[0].modality != "asserted"


# -- reported speech: the object of accuse/quote does the act --------------------------------
def test_accused_of_supplying_makes_the_accused_the_supplier(analyser: Any) -> None:
    found = events_of(analyser, "Japan accused Iran of supplying drones to Russia.")
    supply = [e for e in found if e.plover_type in {"AID", "COOPERATE"}]
    assert supply, [(e.plover_type, e.trigger) for e in found]
    assert codes(supply[0].actors) == ["IRN"]
    assert supply[0].modality == "reported"
    accuse = [e for e in found if e.plover_type == "ACCUSE"]
    assert codes(accuse[0].actors) == ["JPN"] and accuse[0].modality == "asserted"


def test_quoted_as_thanking_makes_the_quoted_person_the_actor(analyser: Any) -> None:
    found = events_of(
        analyser,
        "Vladimir Putin arrived in Hanoi. State television quoted Putin as thanking Vietnam "
        "for its hospitality.",
    )
    thanks = [e for e in found if e.trigger.startswith("thank")]
    assert thanks and codes(thanks[0].actors) == ["RUSGOV"]
    assert thanks[0].modality == "reported"


# -- datelines and the outlet's own name -----------------------------------------------------
def test_a_dateline_is_never_an_actor_or_the_place(analyser: Any) -> None:
    found = events_of(
        analyser, "ODESA, Ukraine (AP) — Russian drones struck a grain terminal on Tuesday."
    )
    assert found
    for e in found:
        assert not any("ODESA" in r.text for r in (*e.actors, *e.recipients))
        assert e.location is None or e.location.name != "Odesa"


def test_the_outlet_is_never_an_actor_or_speaker(analyser: Any) -> None:
    text = (
        "The minister told VOA that Russia had attacked the port. In an interview with VOA, "
        "the minister accused Moscow of war crimes."
    )
    found = events_of(analyser, text, outlet="voanews.com")
    assert found
    for e in found:
        assert not any("VOA" in r.text for r in (*e.actors, *e.recipients))
        assert e.attributed_to is None or "VOA" not in str(e.attributed_to.get("text"))


# -- ages, lengths of time and targets are no event dates ------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Police in Lima arrested Ramos, 67, on Tuesday.",
        "Police in Lima arrested a 58-year-old activist.",
        "Peru signed a 99-year lease with China for the port.",
        "Kenya pledged to cut emissions by 2040.",
    ],
)
def test_ages_lengths_and_targets_do_not_date_the_event(analyser: Any, text: str) -> None:
    found = events_of(analyser, text, published="2023-09-14")
    assert found
    for e in found:
        assert e.date is None or e.date.startswith("2023"), (e.trigger, e.date)
