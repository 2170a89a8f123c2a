"""Transfers: items handed over, giver and receiver."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.events.transfers import find_items, find_transfer
from newsgraph.records import ActorRef


@pytest.fixture(scope="module")
def nlp() -> Any:
    from newsgraph.language import load_model

    return load_model()


def ref(code: str) -> ActorRef:
    return ActorRef(text=code, name=code, actor_id=code, country=code, sector=None, code=code)


def _tok(nlp: Any, sentence: str, word: str) -> Any:
    return next(t for t in nlp(sentence) if t.text == word)


def test_supply_with_items(nlp: Any) -> None:
    tok = _tok(nlp, "North Korea supplied Russia with artillery shells and rockets.", "supplied")
    t = find_transfer(tok, "070", (ref("PRK"),), (ref("RUS"),))
    assert t is not None and "artillery shells" in t.items and "rockets" in t.items
    assert t.giver is not None and t.giver.code == "PRK"
    assert t.receiver is not None and t.receiver.code == "RUS"


def test_receiving_verb_swaps_roles(nlp: Any) -> None:
    tok = _tok(nlp, "Russia bought drones from Iran.", "bought")
    t = find_transfer(tok, "061", (ref("RUS"),), (ref("IRN"),))
    assert t is not None and t.giver is not None and t.giver.code == "IRN"


def test_no_transfer_without_items_or_aid_code(nlp: Any) -> None:
    tok = _tok(nlp, "Russia sent a message to Kyiv.", "sent")
    assert find_transfer(tok, "010", (ref("RUS"),), (ref("UKR"),)) is None


def test_items_with_modifiers(nlp: Any) -> None:
    tok = _tok(nlp, "Moscow may offer Pyongyang missile technology.", "offer")
    assert "missile technology" in find_items(tok)
