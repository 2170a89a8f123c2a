"""Scorers on hand-made events: PETR-2 matching, PentaClass main event, NER token F1, metrics."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import make_article
from newsgraph.evaluate.gold import ClassSentence, Coding, NerSentence, Petr2Sentence, detokenise
from newsgraph.evaluate.metrics import PRF, macro_f1, multiset_prf, per_class
from newsgraph.evaluate.scorers import (
    cameo_root,
    dyads,
    main_event,
    ner_result,
    penta_class,
    pentaclass_result,
    petr2_result,
    ref_span,
    span_error,
)
from newsgraph.records import ActorRef, AnalysedArticle, Event, Mention


def ref(code: str, text: str = "", start: int | None = None, end: int | None = None) -> ActorRef:
    country = None if code.startswith(("IGO", "---")) else code[:3]
    return ActorRef(text or code, code, code, country, code[3:6] or None, code, start, end)


def event(
    cameo: str,
    actors: tuple[ActorRef, ...] = (),
    recipients: tuple[ActorRef, ...] = (),
    quad: int = 0,
    start: int = 0,
    end: int = 1000,
    **extra: Any,
) -> Event:
    return Event(
        id=f"e-{cameo}-{len(extra)}",
        article_id="a",
        sentence=0,
        quote="",
        start=start,
        end=end,
        actors=actors,
        recipients=recipients,
        plover_type="",
        plover_mode=None,
        plover_context=None,
        cameo_code=cameo,
        quad_class=quad,
        goldstein=0.0,
        rule="test",
        coder_version="test",
        extra=dict(extra),
    )


def analysed(*events: Event, mentions: tuple[Mention, ...] = ()) -> AnalysedArticle:
    return AnalysedArticle(article=make_article(), mentions=mentions, events=events)


def test_metrics_counts() -> None:
    assert multiset_prf(["a", "a", "b"], ["a", "c"]) == PRF(1, 3, 2)
    prf = PRF(1, 2, 4)
    assert (prf.precision, prf.recall) == (0.5, 0.25)
    assert prf.f1 == pytest.approx(1 / 3)
    assert PRF(0, 0, 0).f1 == 0.0
    counts = per_class([0, 1, 1, 2], [0, 1, 2, 2], [0, 1, 2])
    assert counts[1] == PRF(1, 2, 1) and counts[2] == PRF(1, 1, 2)
    assert macro_f1(counts) == pytest.approx((1 + 2 / 3 + 2 / 3) / 3)


@pytest.mark.parametrize(
    ("code", "root", "label"),
    [("010", "01", 0), ("021", "02", 0), ("0352", "03", 1), ("057", "05", 1), ("061", "06", 2),
     ("090", "09", 2), ("100", "10", 3), ("141", "14", 3), ("150", "15", 4), ("2042", "20", 4)],
)  # fmt: skip
def test_cameo_root_and_pentaclass(code: str, root: str, label: int) -> None:
    assert cameo_root(code) == root
    assert penta_class(event(code, quad=0 if label else 4)) == label


def test_pentaclass_falls_back_to_quad_class_without_a_cameo_code() -> None:
    assert cameo_root("") is None and cameo_root("210") is None and cameo_root("X12") is None
    assert penta_class(event("", quad=3)) == 3


def test_main_event_prefers_flag_then_depth_then_first() -> None:
    a, b, c = event("010", depth=2), event("190", depth=0), event("042", depth=1, main=True)
    assert main_event([a, b, c]) is c
    assert main_event([a, b]) is b
    plain = event("051")
    assert main_event([plain, event("173")]) is plain
    assert main_event([]) is None


def test_dyads_expand_compound_and_reciprocal_actors() -> None:
    us, ru, ch = ref("USA"), ref("RUS"), ref("CHE")
    assert dyads(event("040", (us, ru), (ch,))) == [(us, ch), (ru, ch)]
    assert dyads(event("040", (us,))) == [(us, None)]
    assert len(dyads(event("040", (us, ru, ch), reciprocal=True))) == 6
    # Same actors on both sides: no actor acts on itself.
    assert dyads(event("040", (us, ru), (us, ru))) == [(us, ru), (ru, us)]


def test_petr2_strict_lenient_and_accuracy() -> None:
    gold = [
        Petr2Sentence(
            "1", None, "x", (Coding("042", "USA", "CHN"), Coding("190", "---REB", "SYR"))
        ),
        Petr2Sentence("2", None, "y", ()),
        Petr2Sentence("3", None, "z", (Coding("0352", "ISR", "PSE"),)),
    ]
    predicted = [
        # exact match for the first coding; wrong root for the second, right dyad
        analysed(event("042", (ref("USAGOV"),), (ref("CHN"),)),
                 event("173", (ref("---REB"),), (ref("SYRGOV"),))),
        analysed(event("010", (ref("FRA"),), (ref("DEU"),))),  # a false positive
        analysed(event("036", (ref("GBR"),), (ref("PSE"),))),  # right root, wrong source
    ]  # fmt: skip
    result = petr2_result(gold, predicted)
    m = {x.name: x.value for x in result.metrics}
    assert m["event_precision"] == pytest.approx(1 / 4)
    assert m["event_recall"] == pytest.approx(1 / 3)
    assert m["lenient_precision"] == pytest.approx(2 / 4)
    assert m["lenient_recall"] == pytest.approx(2 / 3)
    # aligned: (042~042 by dyad), (190~173 by dyad), (0352~036 by root) → roots 2/3, codes 1/3
    assert m["root_accuracy"] == pytest.approx(2 / 3)
    assert m["code_accuracy"] == pytest.approx(1 / 3)
    # sources per sentence: {USA,---} vs {USA,---}; {} vs {FRA}; {ISR} vs {GBR}
    assert m["source_country_f1"] == pytest.approx(2 * (2 / 4) * (2 / 3) / (2 / 4 + 2 / 3))
    assert m["source_code_f1"] < m["source_country_f1"]  # USAGOV is not the gold USA
    assert result.details["aligned_pairs"] == 3


def test_petr2_nothing_predicted_scores_zero_and_mentions_count_separately() -> None:
    gold = [Petr2Sentence("1", None, "x", (Coding("042", "USA", "CHN"),))]
    mention = Mention("a", 0, 2, "US", 0, "USA", "United States", "state", "USA", (), "USA", 1.0,
                      "kb-alias", "GPE")  # fmt: skip
    result = petr2_result(gold, [analysed(mentions=(mention,))])
    m = {x.name: x.value for x in result.metrics}
    assert m["event_recall"] == 0 and m["root_accuracy"] == 0
    assert m["mention_country_recall"] == 0.5


def test_pentaclass_uses_main_event_and_no_event_is_neutral() -> None:
    gold = [ClassSentence("1", "a", 4), ClassSentence("2", "b", 0), ClassSentence("3", "c", 1)]
    predicted = [
        analysed(event("010", depth=1), event("190", depth=0)),
        analysed(),
        analysed(event("120")),
    ]
    result = pentaclass_result(gold, predicted)
    assert result.metric("accuracy").value == pytest.approx(2 / 3)
    per = result.details["per_class"]
    assert per["4 material conflict"]["f1"] == 1.0
    assert per["1 verbal coop"]["recall"] == 0.0
    assert result.details["confusion_gold_rows_predicted_columns"][1][3] == 1


def _ner(tokens_roles: list[tuple[str, str]]) -> NerSentence:
    tokens = [t for t, _ in tokens_roles]
    text, spans = detokenise(tokens)
    return NerSentence("n", text, tuple(tokens), spans, tuple(r for _, r in tokens_roles))


def test_ner_token_f1_with_offsets_and_text_fallback() -> None:
    s = _ner([("Russian", "S"), ("troops", "S"), ("shelled", ""), ("the", "T"), ("Ukrainian", "T"),
              ("town", "T"), (".", "")])  # fmt: skip
    assert s.text == "Russian troops shelled the Ukrainian town."
    # Actor by offsets covers both source tokens; recipient found by its text covers one of three.
    e = event(
        "190", (ref("RUSMIL", "Russian troops", 0, 14),), (ref("UKR", "Ukrainian"),), main=True
    )
    result = ner_result([s], [analysed(e)])
    m = {x.name: x.value for x in result.metrics}
    assert m["source_token_f1"] == 1.0
    assert m["target_token_precision"] == 1.0
    assert m["target_token_recall"] == pytest.approx(1 / 3)


def test_ner_main_event_only_vs_all_events_and_reciprocal() -> None:
    s = _ner([("Iran", "R"), ("and", ""), ("Iraq", "R"), ("met", ""), (";", ""), ("Hamas", ""),
              ("fired", ""), (".", "")])  # fmt: skip
    met = event("040", (ref("IRN", "Iran"), ref("IRQ", "Iraq")), reciprocal=True, depth=0)
    fired = event("190", (ref("PSE", "Hamas"),), depth=1)
    result = ner_result([s], [analysed(met, fired)])
    m = {x.name: x.value for x in result.metrics}
    assert m["source_token_f1"] == 1.0 and m["target_token_f1"] == 1.0
    assert m["source_token_precision"] == 1.0
    assert m["source_token_f1_all_events"] == pytest.approx(0.8)  # Hamas is not in the gold


def test_ner_mention_recall_without_events() -> None:
    s = _ner([("Russian", "S"), ("troops", "S"), ("left", ""), ("Kherson", "T")])
    mention = Mention("a", 0, 7, "Russian", 0, "RUS", "Russia", "state", "RUS", (), "RUS", 1.0,
                      "nationality", "NORP")  # fmt: skip
    result = ner_result([s], [analysed(mentions=(mention,))])
    assert result.metric("mention_recall").value == pytest.approx(1 / 3)
    assert result.metric("source_token_f1").value == 0.0


def test_ref_span_prefers_occurrence_inside_the_event_quote() -> None:
    text = "Iran said that Iran and Iraq met."
    e = event("040", start=15, end=len(text))
    assert ref_span(ref("IRN", "Iran"), e, text) == (15, 19)
    assert ref_span(ref("IRQ", "Iraqi"), e, text) is None  # whole words only
    assert ref_span(ref("IRN", "Iran", 0, 4), e, text) == (0, 4)


def test_places_are_not_actor_mentions() -> None:
    s = _ner([("Beijing", "S"), ("protested", "")])
    place = Mention("a", 0, 7, "Beijing", 0, "CHN:Beijing", "Beijing", "place", "CHN", (), "", 1.0,
                    "gazetteer", "GPE")  # fmt: skip
    assert ner_result([s], [analysed(mentions=(place,))]).metric("mention_recall").value == 0.0
    gold = [Petr2Sentence("1", None, "x", (Coding("111", "CHN", "USA"),))]
    petr2 = petr2_result(gold, [analysed(mentions=(place,))])
    assert petr2.metric("mention_country_recall").value == 0.0


@pytest.mark.parametrize(
    ("predicted", "gold", "has_event", "outcome"),
    [({1}, {1}, True, "exact"), ({1}, {1, 2}, True, "too short"), ({1, 2}, {1}, True, "too long"),
     ({1, 2}, {2, 3}, True, "partial overlap"), ({4}, {1}, True, "disjoint"),
     (set(), {1}, True, "event without this role"), (set(), {1}, False, "no event"),
     (set(), set(), False, "no gold span"), ({1}, set(), True, "spurious (no gold span)")],
)  # fmt: skip
def test_span_outcomes(predicted: set[int], gold: set[int], has_event: bool, outcome: str) -> None:
    assert span_error(predicted, gold, has_event) == outcome


def test_ner_details_count_sentences_by_outcome() -> None:
    s = _ner([("Russia", "S"), ("shelled", ""), ("Kyiv", "T")])
    e = event("190", (ref("RUS", "Russia"),), main=True)
    details = ner_result([s, s], [analysed(e), analysed()]).details
    assert details["source_sentences_by_outcome"] == {"exact": 1, "no event": 1}
    assert details["target_sentences_by_outcome"] == {"event without this role": 1, "no event": 1}
