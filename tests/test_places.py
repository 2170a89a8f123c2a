"""Places: gazetteer lookups and the locative reading of a clause."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.events.places import find_location, load_gazetteer


@pytest.fixture(scope="module")
def nlp() -> Any:
    from newsgraph.language import load_model

    return load_model()


def test_lookup_facility_city_country() -> None:
    gaz = load_gazetteer()
    assert gaz.lookup("the Vostochny Cosmodrome").country == "RUS"  # type: ignore[union-attr]
    assert gaz.lookup("Sevastopol").country == "UKR"  # type: ignore[union-attr]
    paris = gaz.lookup("Paris")
    assert paris is not None and paris.country == "FRA" and paris.lat is not None
    assert gaz.lookup("Germany").country == "DEU"  # type: ignore[union-attr]
    assert gaz.lookup("Nowhereville Xyz") is None


@pytest.mark.parametrize(
    ("sentence", "word", "name"),
    [
        ("Putin met Kim at the Vostochny Cosmodrome on Wednesday.", "met", "Vostochny Cosmodrome"),
        ("A missile struck a shipyard in Sevastopol.", "struck", "Sevastopol"),
        ("Russian troops clashed with rebels in Iraq's Anbar desert.", "clashed", "Anbar"),
    ],
)
def test_find_location(nlp: Any, sentence: str, word: str, name: str) -> None:
    tok = next(t for t in nlp(sentence) if t.text == word)
    loc = find_location(tok)
    assert loc is not None and loc.name == name


def test_actor_country_is_not_a_location(nlp: Any) -> None:
    tok = next(t for t in nlp("Russia attacked Ukraine.") if t.text == "attacked")
    assert find_location(tok) is None
