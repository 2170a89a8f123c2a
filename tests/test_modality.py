"""Modality classifier: scope and precedence on short sentences the test writes itself."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.events.modality import ModalityCues, classify, load_cues


@pytest.fixture(scope="module")
def nlp() -> Any:
    from newsgraph.language import load_model

    return load_model()


def _classify(nlp: Any, sentence: str, word: str) -> Any:
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == word)
    return classify(token)


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("Washington believes the talks could lead to an arms deal.", "deal", "hypothetical"),
        ("Washington believes the talks could lead to an arms deal.", "believes", "reported"),
        ("Russia sent troops to the border, according to state media.", "sent", "reported"),
        ("Officials said Russia attacked the port.", "attacked", "reported"),
        ("North Korea denied supplying Russia with shells.", "supplying", "negated"),
        ("Russia did not attack the city.", "attack", "negated"),
        ("Russia may not attack the city.", "attack", "hypothetical"),
        ("Kim plans to visit Moscow next month.", "visit", "planned"),
        ("The West must send more shells to Ukraine.", "send", "recommended"),
        ("If Russia attacks, NATO will respond.", "attacks", "hypothetical"),
        ("It has been suggested that Putin will offer Kim help.", "offer", "hypothetical"),
        ("Any deal over munitions would come at a bad moment.", "deal", "hypothetical"),
        ("Russia attacked the port on Monday.", "attacked", "asserted"),
        ("The IAEA no longer inspects the site.", "inspects", "negated"),
    ],
)
def test_modality(nlp: Any, sentence: str, word: str, expected: str) -> None:
    assert _classify(nlp, sentence, word).modality == expected


def test_speaker_is_subject_of_speech_verb(nlp: Any) -> None:
    result = _classify(nlp, "The ministry said Russia attacked the port.", "attacked")
    assert result.source is not None and result.source.text == "The ministry"


def test_lexicon_rejects_word_in_two_classes() -> None:
    data = {
        "aux": {"hypothetical": ["could"]},
        "governors": {"reported": ["say"], "negated": ["say"]},
        "modifiers": {},
    }
    with pytest.raises(ValueError, match="both"):
        ModalityCues.from_dict(data)


def test_packaged_cues_load() -> None:
    cues = load_cues()
    assert cues.aux["could"] == "hypothetical" and cues.governors["deny"] == "negated"
