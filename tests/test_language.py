"""The selective language pass: same text and offsets, parse only where asked."""

from __future__ import annotations

import json
from typing import Any

import pytest

from conftest import VOA, needs_shared
from newsgraph.language import SelectivePipeline, fresh_model, load_model
from newsgraph.selection import WordSelector

TEXT = (
    "Kim Jong Un met Vladimir Putin on Wednesday.  It rained all day.\n\n"
    "The two leaders signed a deal in Moscow. nothing else happened here, in Paris."
)


@pytest.fixture(scope="module")
def nlp() -> Any:
    return fresh_model()


def pipeline(nlp: Any) -> SelectivePipeline:
    words = WordSelector(
        frozenset({"leaders"}), {"met": None, "signed": None, "rained": None}, nlp.vocab.strings
    )
    return SelectivePipeline(nlp, words.select)


def test_selective_doc_keeps_text_sentences_and_offsets(nlp: Any) -> None:
    (doc,) = pipeline(nlp).analyse([TEXT])
    assert doc.text == TEXT
    sents = [s.text.strip() for s in doc.sents]
    assert sents == [
        "Kim Jong Un met Vladimir Putin on Wednesday.",
        "It rained all day.",
        "The two leaders signed a deal in Moscow.",
        "nothing else happened here, in Paris.",
    ]
    ents = {(e.text, e.label_) for e in doc.ents}
    assert {("Vladimir Putin", "PERSON"), ("Paris", "GPE")} <= ents
    for ent in doc.ents:
        assert TEXT[ent.start_char : ent.end_char] == ent.text
    signed = next(t for t in doc if t.text == "signed")
    assert signed.dep_ == "ROOT" and signed.lemma_ == "sign"
    assert {c.dep_ for c in signed.children} >= {"nsubj", "dobj"}


def test_only_sentences_with_trigger_and_actor_are_parsed(nlp: Any) -> None:
    pipe = pipeline(nlp)
    (doc,) = pipe.analyse([TEXT])
    # "It rained" has a trigger and a pronoun; the last sentence names Paris but has no trigger.
    assert doc.user_data["unparsed_sentences"] == frozenset({3})
    assert (pipe.counts.parsed, pipe.counts.skipped) == (3, 1)
    happened = next(t for t in doc if t.text == "happened")
    assert happened.pos_ == "" and happened.lemma_ == ""


def test_entities_match_a_full_run(nlp: Any) -> None:
    full = load_model()(TEXT)
    (doc,) = pipeline(nlp).analyse([TEXT])
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [
        (e.start_char, e.end_char, e.label_) for e in full.ents
    ]


def test_selective_parse_matches_full_parse_on_selected_sentence(nlp: Any) -> None:
    text = "Kim Jong Un met Vladimir Putin on Wednesday."
    full = load_model()(text)
    (doc,) = pipeline(nlp).analyse([text])
    assert [(t.dep_, t.head.i, t.tag_) for t in doc] == [(t.dep_, t.head.i, t.tag_) for t in full]


def test_empty_and_whitespace_texts(nlp: Any) -> None:
    docs = pipeline(nlp).analyse(["", "   \n"])
    assert [d.text for d in docs] == ["", "   \n"]


def test_surface_forms_cover_regular_and_irregular_inflections(nlp: Any) -> None:
    from newsgraph.selection import surface_forms

    forms = surface_forms(["strike", "ban", "attack", "hold", "talk"], nlp)
    assert {"struck", "strikes", "striking", "banned", "attacked", "held", "talks"} <= forms
    assert "said" not in forms


def test_trigger_needing_a_co_word_fires_only_with_it(nlp: Any) -> None:
    from newsgraph.selection import trigger_forms

    triggers = trigger_forms({"have": frozenset({"talk"}), "attack": None}, nlp)
    words = WordSelector(frozenset({"rebels"}), triggers, nlp.vocab.strings)
    assert words.may_carry_event(nlp("Russia had talks with Iran.")[:])
    assert not words.may_carry_event(nlp("Russia has a large army.")[:])
    assert words.may_carry_event(nlp("Rebels attacked the town.")[:])
    assert not words.may_carry_event(nlp("the rain attacked nothing at all.")[:])
    assert words.may_carry_event(nlp("the rain attacked Gachagua.")[:])
    assert not words.may_carry_event(nlp("However the rain attacked nothing.")[:])


def test_fast_attribute_ruler_equals_spacy_attribute_ruler(nlp: Any) -> None:
    from newsgraph.language_rules import FastAttributeRuler

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


def test_fast_lemmatizer_equals_spacy_lemmatizer(nlp: Any) -> None:
    from newsgraph.language_rules import FastLemmatizer

    text = (
        "The ministers were meeting; Russia's envoys met them and wrote letters.\n\n"
        "She writes better letters than the leaders who had written theirs. Talks ended."
    )
    docs = []
    fast = FastLemmatizer(nlp.get_pipe("lemmatizer"))
    for lemmatize in (nlp.get_pipe("lemmatizer"), fast, fast):  # twice: the cache must agree
        doc = nlp.make_doc(text)
        for name in ("tok2vec", "tagger", "parser", "attribute_ruler"):
            doc = nlp.get_pipe(name)(doc)
        docs.append(lemmatize(doc))
    slow, quick, cached = ([(t.text, t.lemma_) for t in d] for d in docs)
    # the copy answers with its own set-based tables, not the model's lists
    assert fast.lemmatizer.lemmatize.__self__ is fast.lemmatizer
    assert isinstance(fast.lemmatizer.lookups.get_table("lemma_index").get("noun"), frozenset)
    assert quick == slow == cached
    assert ("met", "meet") in quick and ("written", "write") in quick


def test_pieces_equal_span_as_doc(nlp: Any) -> None:
    from spacy.attrs import NORM, ORTH, SENT_START, SPACY

    pipe = pipeline(nlp)
    doc = pipe.sentencizer(nlp.make_doc("They ain't gonna sign.  Talks end.\n\nY'all met."))
    ranges = [(0, 6), (6, 9), (9, len(doc)), (0, len(doc))]
    attrs = [ORTH, SPACY, NORM, SENT_START]
    for (start, end), piece in zip(ranges, pipe._pieces(doc, ranges), strict=True):
        expected = doc[start:end].as_doc()
        assert piece.text == expected.text
        assert piece.to_array(attrs).tolist() == expected.to_array(attrs).tolist()


def test_fast_matrices_annotate_as_spacy_does() -> None:
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, TAG

    text = "Kim Jong Un met Vladimir Putin in Moscow on Wednesday, North Korean media said."
    from newsgraph.language import single_thread_openblas

    plain = fresh_model(fast_matrices=False)(text)
    nlp = fresh_model()
    fast = nlp(text)
    # On Linux with numpy's OpenBLAS (this project's set-up) the backend really changes.
    assert single_thread_openblas()
    assert not any(n.ops.use_blis for n in nlp.get_pipe("ner").model.walk())
    attrs = [TAG, HEAD, DEP, ENT_IOB, ENT_TYPE]
    assert fast.to_array(attrs).tolist() == plain.to_array(attrs).tolist()


def test_rules_annotate_parsed_sentences_only(nlp: Any) -> None:
    # The attribute ruler marks every space token "_SP" and the lemmatizer fills every lemma,
    # but only inside parsed sentences: the skipped one stays as bare as a never-parsed doc.
    text = "Kim met  Putin in Moscow. nothing  else happened here, in Paris."
    (doc,) = pipeline(nlp).analyse([text])
    spaces = [t for t in doc if t.is_space]
    assert [t.sent.start for t in spaces] == [0, doc[spaces[1].i].sent.start]
    assert spaces[0].tag_ == "_SP" and spaces[0].pos_ == "SPACE"
    assert spaces[1].tag_ == "" and spaces[1].pos_ == "" and spaces[1].lemma_ == ""
    assert next(t for t in doc if t.text == "met").lemma_ == "meet"


@needs_shared(VOA)
def test_fast_matrices_change_the_kernels_not_the_annotations(nlp: Any) -> None:
    with open(VOA, encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for _, line in zip(range(4), lines, strict=False)]
    plain = fresh_model(fast_matrices=False)
    assert plain.get_pipe("ner").model.ops.use_blis  # spaCy's default kernels
    assert not nlp.get_pipe("ner").model.ops.use_blis  # numpy's pinned OpenBLAS

    def annotations(model: Any) -> list[tuple[str, str, str, int, str]]:
        return [
            (t.text, t.tag_, t.dep_, t.head.i, t.ent_type_ + t.ent_iob_)
            for doc in model.pipe(texts)
            for t in doc
        ]

    assert annotations(nlp) == annotations(plain)
