"""The selective language pass: same text and offsets, parse only where asked."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.language import SelectivePipeline, SentenceSelector, fresh_model, load_model
from newsgraph.selection import WordSelector, may_name

TEXT = (
    "Kim Jong Un met Vladimir Putin on Wednesday.  It rained all day.\n\n"
    "The two leaders signed a deal in Moscow. nothing else happened here."
)


@pytest.fixture(scope="module")
def nlp() -> Any:
    return fresh_model()


def selector() -> SentenceSelector:
    words = WordSelector(frozenset({"leaders"}), {"met": None, "signed": None})
    return SentenceSelector(may_name=may_name, may_carry_event=words.may_carry_event)


def test_selective_doc_keeps_text_sentences_and_offsets(nlp: Any) -> None:
    pipe = SelectivePipeline(nlp, selector())
    (doc,) = pipe.analyse([TEXT])
    assert doc.text == TEXT
    sents = [s.text.strip() for s in doc.sents]
    assert sents == [
        "Kim Jong Un met Vladimir Putin on Wednesday.",
        "It rained all day.",
        "The two leaders signed a deal in Moscow.",
        "nothing else happened here.",
    ]
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("Vladimir Putin", "PERSON") in ents
    for ent in doc.ents:
        assert TEXT[ent.start_char : ent.end_char] == ent.text
    signed = next(t for t in doc if t.text == "signed")
    assert signed.dep_ == "ROOT" and signed.lemma_ == "sign"
    assert {c.dep_ for c in signed.children} >= {"nsubj", "dobj"}


def test_sentences_without_candidates_are_not_parsed(nlp: Any) -> None:
    pipe = SelectivePipeline(nlp, selector())
    (doc,) = pipe.analyse([TEXT])
    assert doc.user_data["unparsed_sentences"] == frozenset({1, 3})
    assert pipe.counts.parse == 2 and pipe.counts.none == 2
    rained = next(t for t in doc if t.text == "rained")
    assert rained.pos_ == "" and rained.lemma_ == ""


def test_selective_parse_matches_full_parse_on_selected_sentence(nlp: Any) -> None:
    full = load_model()("Kim Jong Un met Vladimir Putin on Wednesday.")
    (doc,) = SelectivePipeline(nlp, selector()).analyse(
        ["Kim Jong Un met Vladimir Putin on Wednesday."]
    )
    assert [(t.dep_, t.head.i, t.tag_) for t in doc] == [(t.dep_, t.head.i, t.tag_) for t in full]


def test_empty_and_whitespace_texts(nlp: Any) -> None:
    docs = SelectivePipeline(nlp, selector()).analyse(["", "   \n"])
    assert [d.text for d in docs] == ["", "   \n"]


def test_may_name_ignores_sentence_initial_stopword(nlp: Any) -> None:
    doc = nlp.make_doc("However the rain kept falling.")
    assert not may_name(doc[:])
    assert may_name(nlp.make_doc("Russia fired missiles.")[:])
    assert may_name(nlp.make_doc("the talks ended with the Kremlin silent.")[:])


def test_surface_forms_cover_regular_and_irregular_inflections(nlp: Any) -> None:
    from newsgraph.selection import surface_forms

    forms = surface_forms(["strike", "ban", "attack", "hold", "talk"], nlp)
    assert {"struck", "strikes", "striking", "banned", "attacked", "held", "talks"} <= forms
    assert "said" not in forms


def test_trigger_needing_a_co_word_fires_only_with_it(nlp: Any) -> None:
    from newsgraph.selection import trigger_forms

    triggers = trigger_forms({"have": frozenset({"talk"}), "attack": None}, nlp)
    words = WordSelector(frozenset(), triggers)
    assert words.may_carry_event(nlp.make_doc("Russia had talks with Iran.")[:])
    assert not words.may_carry_event(nlp.make_doc("Russia has a large army.")[:])
    assert words.may_carry_event(nlp.make_doc("Rebels attacked the town.")[:])
    assert not words.may_carry_event(nlp.make_doc("the rain attacked nothing at all.")[:])


def test_fast_attribute_ruler_equals_spacy_attribute_ruler(nlp: Any) -> None:
    from newsgraph.language import FastAttributeRuler

    text = (
        "There is no deal, but the talks that Russia's envoys held in Geneva ain't over; "
        "let's see whether y'all gonna sign it.\n\nThe ministers were not gonna give up."
    )
    docs = []
    for fast in (False, True):
        doc = nlp.make_doc(text)
        for name in ("tok2vec", "tagger", "parser"):
            doc = nlp.get_pipe(name)(doc)
        ruler = nlp.get_pipe("attribute_ruler")
        doc = (FastAttributeRuler(ruler) if fast else ruler)(doc)
        docs.append(nlp.get_pipe("lemmatizer")(doc))
    slow, quick = docs
    assert [(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in quick] == [
        (t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in slow
    ]
    assert any(t.pos_ == "AUX" for t in quick) and any(t.pos_ == "SPACE" for t in quick)
