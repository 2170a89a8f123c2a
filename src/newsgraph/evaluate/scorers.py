"""Scorers for the three gold files: PETR-2 event codings, PentaClass labels, NER actor spans.

Each `*_result` function is pure (gold + analysed articles → GroupResult) so it can be tested on
hand-made events; each `score_*` function reads its gold file, runs the pipeline and calls it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from newsgraph.evaluate.context import ScoreContext
from newsgraph.evaluate.gold import (
    ClassSentence,
    NerSentence,
    Petr2Sentence,
    read_ner,
    read_pentaclass,
    read_petr2,
)
from newsgraph.evaluate.metrics import (
    EMPTY,
    PRF,
    accuracy,
    macro_f1,
    multiset_prf,
    per_class,
    ratio,
)
from newsgraph.evaluate.report import GroupResult, Metric
from newsgraph.records import ActorRef, AnalysedArticle, Article, Event, Mention

PETR2_FILE = "petr2_gsr_validation.xml"
PENTACLASS_FILE = "conflibert_cameo_class_train.tsv"
NER_FILE = "conflibert_cameo_ner_train.txt"

PENTA_CLASSES = (0, 1, 2, 3, 4)
PENTA_NAMES = ("neutral", "verbal coop", "material coop", "verbal conflict", "material conflict")
NOT_ACTORS = frozenset({"place", "thing"})  # Mention kinds that never take part in events
UNKNOWN = "---"  # the CAMEO placeholder for an actor whose country is not known


def cameo_root(code: str) -> str | None:
    """The two-digit CAMEO root ("19" for "193"), or None for anything that is not a CAMEO code."""
    code = code.strip()
    if len(code) >= 3 and code[:3].isdigit() and 1 <= int(code[:2]) <= 20:
        return code[:2]
    return None


def penta_class(event: Event) -> int:
    """PentaClass by CAMEO root: 01–02 → 0, 03–05 → 1, 06–09 → 2, 10–14 → 3, 15–20 → 4."""
    root = cameo_root(event.cameo_code)
    if root is None:
        return event.quad_class
    n = int(root)
    return 0 if n <= 2 else 1 if n <= 5 else 2 if n <= 9 else 3 if n <= 14 else 4


def main_event(events: Sequence[Event]) -> Event | None:
    """The main event: marked `extra["main"]`, else the shallowest trigger, else the first."""
    if not events:
        return None
    for event in events:
        if event.extra.get("main"):
            return event
    with_depth = [e for e in events if isinstance(e.extra.get("depth"), int)]
    if with_depth:
        return min(with_depth, key=lambda e: int(e.extra["depth"]))
    return events[0]


def code_country(code: str) -> str:
    """The country/IGO part of a gold actor code: its first three characters."""
    return code.strip().upper()[:3] or UNKNOWN


def ref_country(ref: ActorRef | Mention) -> str:
    """The country/IGO part of a predicted actor: its country, "IGO" for IGOs, else unknown."""
    if ref.code.upper().startswith("IGO"):
        return "IGO"
    return ref.country.upper()[:3] if ref.country else UNKNOWN


def is_reciprocal(event: Event) -> bool:
    """A reciprocal event ("the two leaders met"): every actor acts on every other."""
    return bool(event.extra.get("reciprocal")) and not event.recipients


def dyads(event: Event) -> list[tuple[ActorRef | None, ActorRef | None]]:
    """The event as CAMEO-style source/target pairs (compound and reciprocal actors expanded)."""
    if is_reciprocal(event) and len(event.actors) > 1:
        return [(a, b) for a in event.actors for b in event.actors if a is not b]
    sources: Sequence[ActorRef | None] = event.actors or (None,)
    targets: Sequence[ActorRef | None] = event.recipients or (None,)
    # An actor never acts on itself: a reciprocal event coded with the same actors on both sides
    # ("the two leaders met" → actors A, B and recipients A, B) yields A→B and B→A only.
    return [(s, t) for s in sources for t in targets if s is None or s != t]


@dataclass(frozen=True)
class _Dyad:
    """A coding reduced to what the PETR-2 comparison looks at."""

    code: str
    root: str | None
    source: str  # country part
    target: str
    source_code: str  # full actor code
    target_code: str


def _gold_dyads(sentence: Petr2Sentence) -> list[_Dyad]:
    return [
        _Dyad(
            c.event,
            cameo_root(c.event),
            code_country(c.source),
            code_country(c.target),
            c.source.upper(),
            c.target.upper(),
        )
        for c in sentence.codings
    ]


def _predicted_dyads(events: Iterable[Event]) -> list[_Dyad]:
    out = []
    for event in events:
        for s, t in dyads(event):
            out.append(
                _Dyad(
                    event.cameo_code,
                    cameo_root(event.cameo_code),
                    ref_country(s) if s else "",
                    ref_country(t) if t else "",
                    s.code.upper() if s else "",
                    t.code.upper() if t else "",
                )
            )
    return out


def _align(gold: list[_Dyad], predicted: list[_Dyad]) -> list[tuple[_Dyad, _Dyad]]:
    """Pair gold and predicted codings: by source/target countries where possible, else by root."""
    free = list(predicted)
    pairs: list[tuple[_Dyad, _Dyad]] = []
    unaligned: list[_Dyad] = []
    for g in gold:
        same_dyad = [p for p in free if (p.source, p.target) == (g.source, g.target)]
        if same_dyad:
            best = max(same_dyad, key=lambda p: (p.root == g.root, p.code == g.code))
            free.remove(best)
            pairs.append((g, best))
        else:
            unaligned.append(g)
    for g in unaligned:
        if not free:
            break
        best = max(free, key=lambda p: (p.root == g.root, p.code == g.code, p.source == g.source))
        free.remove(best)
        pairs.append((g, best))
    return pairs


def petr2_result(
    sentences: Sequence[Petr2Sentence], analysed: Sequence[AnalysedArticle]
) -> GroupResult:
    """Event precision/recall, root/full-code accuracy and actor-code F1 on PETR-2 codings."""
    strict = lenient = EMPTY
    src_country = tgt_country = src_code = tgt_code = mention_country = EMPTY
    aligned = root_ok = code_ok = 0
    for sentence, result in zip(sentences, analysed, strict=True):
        gold = _gold_dyads(sentence)
        pred = _predicted_dyads(result.events)
        strict += multiset_prf(
            [f"{p.root}|{p.source}|{p.target}" for p in pred],
            [f"{g.root}|{g.source}|{g.target}" for g in gold],
        )
        lenient += multiset_prf([str(p.root) for p in pred], [str(g.root) for g in gold])
        for g, p in _align(gold, pred):
            aligned += 1
            root_ok += g.root == p.root
            code_ok += g.code == p.code
        events = result.events
        src_country += _set_prf(
            {ref_country(a) for e in events for a in e.actors}, {g.source for g in gold}
        )
        tgt_country += _set_prf(
            {ref_country(a) for e in events for a in _targets(e)}, {g.target for g in gold}
        )
        src_code += _set_prf(
            {a.code.upper() for e in events for a in e.actors}, {g.source_code for g in gold}
        )
        tgt_code += _set_prf(
            {a.code.upper() for e in events for a in _targets(e)}, {g.target_code for g in gold}
        )
        wanted = {c for g in gold for c in (g.source, g.target) if c != UNKNOWN}
        found = {ref_country(m) for m in _actor_mentions(result)} & wanted
        mention_country += PRF(len(found), len(found), len(wanted))
    gold_total = sum(len(s.codings) for s in sentences)
    metrics = (
        Metric(
            "event_precision",
            strict.precision,
            "predicted dyads matching a gold coding (root, source and target country)",
        ),
        Metric("event_recall", strict.recall, "gold codings found (root + source/target country)"),
        Metric("event_f1", strict.f1, "harmonic mean of the two above"),
        Metric(
            "lenient_precision",
            lenient.precision,
            "predicted events whose CAMEO root matches a gold coding",
        ),
        Metric("lenient_recall", lenient.recall, "gold codings whose CAMEO root was predicted"),
        Metric(
            "root_accuracy",
            ratio(root_ok, aligned),
            "CAMEO root agrees, over aligned gold/predicted pairs",
        ),
        Metric(
            "code_accuracy", ratio(code_ok, aligned), "full CAMEO code agrees, over aligned pairs"
        ),
        Metric(
            "source_country_f1", src_country.f1, "source country/IGO part (3 chars), per sentence"
        ),
        Metric(
            "target_country_f1", tgt_country.f1, "target country/IGO part (3 chars), per sentence"
        ),
        Metric("source_code_f1", src_code.f1, "full source actor code, per sentence"),
        Metric("target_code_f1", tgt_code.f1, "full target actor code, per sentence"),
        Metric(
            "mention_country_recall",
            mention_country.recall,
            "gold actor countries found among the mentions (actors only)",
        ),
    )
    details = {
        "gold_codings": gold_total,
        "predicted_dyads": strict.predicted,
        "aligned_pairs": aligned,
        "alignment_coverage": round(ratio(aligned, gold_total), 4),
        "strict": strict.to_dict(),
        "lenient": lenient.to_dict(),
        "source_country": src_country.to_dict(),
        "target_country": tgt_country.to_dict(),
        "source_code": src_code.to_dict(),
        "target_code": tgt_code.to_dict(),
        "mention_country": mention_country.to_dict(),
    }
    return GroupResult("petr2", PETR2_FILE, len(sentences), metrics, details)


def _actor_mentions(result: AnalysedArticle) -> list[Mention]:
    """Mentions that can be actors: places and things (weapons, systems) are not."""
    return [m for m in result.mentions if m.kind not in NOT_ACTORS]


def _targets(event: Event) -> tuple[ActorRef, ...]:
    """Who the event is done to; for a reciprocal event, its actors are targets too."""
    return event.actors if is_reciprocal(event) else event.recipients


def _set_prf(predicted: AbstractSet[object], gold: AbstractSet[object]) -> PRF:
    return PRF(len(predicted & gold), len(predicted), len(gold))


def pentaclass_result(
    sentences: Sequence[ClassSentence], analysed: Sequence[AnalysedArticle]
) -> GroupResult:
    """Accuracy and macro-F1 of each sentence's main-event PentaClass (no event → 0)."""
    gold = [s.label for s in sentences]
    predicted = []
    with_event = 0
    for result in analysed:
        event = main_event(result.events)
        with_event += event is not None
        predicted.append(penta_class(event) if event else 0)
    counts = per_class(predicted, gold, PENTA_CLASSES)
    metrics = (
        Metric("accuracy", accuracy(predicted, gold), "main-event class equals the gold label"),
        Metric("macro_f1", macro_f1(counts), "unweighted mean F1 over the five classes"),
    )
    confusion = [[0] * len(PENTA_CLASSES) for _ in PENTA_CLASSES]
    for p, g in zip(predicted, gold, strict=True):
        confusion[g][p] += 1
    details = {
        "per_class": {f"{c} {PENTA_NAMES[c]}": counts[c].to_dict() for c in PENTA_CLASSES},
        "confusion_gold_rows_predicted_columns": confusion,
        "sentences_with_event": with_event,
    }
    return GroupResult("pentaclass", PENTACLASS_FILE, len(sentences), metrics, details)


def ref_span(ref: ActorRef, event: Event, text: str) -> tuple[int, int] | None:
    """Where an event's actor is: its offsets, else its words, preferably inside the quote."""
    if ref.start is not None and ref.end is not None:
        return ref.start, ref.end
    if not ref.text.strip():
        return None
    hits = [
        (m.start(), m.end())
        for m in re.finditer(r"(?<!\w)" + re.escape(ref.text) + r"(?!\w)", text)
    ]
    if not hits:
        return None
    inside = [h for h in hits if event.start <= h[0] and h[1] <= event.end]
    return (inside or hits)[0]


def _tokens_in(spans: Iterable[tuple[int, int]], tokens: Sequence[tuple[int, int]]) -> set[int]:
    """Indexes of the tokens that overlap any of the spans."""
    spans = list(spans)
    return {i for i, (ts, te) in enumerate(tokens) if any(ts < e and s < te for s, e in spans)}


def _token_sets(
    sentence: NerSentence, events: Sequence[Event]
) -> tuple[set[int], set[int], set[int], set[int]]:
    """Predicted and gold token indexes: (source predicted, source gold, target …, target …)."""
    gold_src = {i for i, r in enumerate(sentence.roles) if r in {"S", "R"}}
    gold_tgt = {i for i, r in enumerate(sentence.roles) if r in {"T", "R"}}
    src_spans = [ref_span(a, e, sentence.text) for e in events for a in e.actors]
    tgt_spans = [ref_span(a, e, sentence.text) for e in events for a in _targets(e)]
    pred_src = _tokens_in((s for s in src_spans if s), sentence.spans)
    pred_tgt = _tokens_in((s for s in tgt_spans if s), sentence.spans)
    return pred_src, gold_src, pred_tgt, gold_tgt


def span_error(predicted: set[int], gold: set[int], has_event: bool) -> str:
    """How a sentence's predicted actor tokens relate to the gold ones (for diagnosis)."""
    if not gold:
        return "no gold span" if not predicted else "spurious (no gold span)"
    if not has_event:
        return "no event"
    if not predicted:
        return "event without this role"
    if predicted == gold:
        return "exact"
    if not predicted & gold:
        return "disjoint"
    if predicted < gold:
        return "too short"
    return "too long" if predicted > gold else "partial overlap"


def ner_result(
    sentences: Sequence[NerSentence], analysed: Sequence[AnalysedArticle]
) -> GroupResult:
    """Token F1 of source/target actor spans (main event, and all events), and mention recall."""
    src = tgt = src_all = tgt_all = mentions = EMPTY
    src_errors: Counter[str] = Counter()
    tgt_errors: Counter[str] = Counter()
    for sentence, result in zip(sentences, analysed, strict=True):
        main = main_event(result.events)
        ps, gs, pt, gt = _token_sets(sentence, [main] if main else [])
        src, tgt = src + _set_prf(ps, gs), tgt + _set_prf(pt, gt)
        src_errors[span_error(ps, gs, main is not None)] += 1
        tgt_errors[span_error(pt, gt, main is not None)] += 1
        ps, gs, pt, gt = _token_sets(sentence, result.events)
        src_all, tgt_all = src_all + _set_prf(ps, gs), tgt_all + _set_prf(pt, gt)
        gold_any = {i for i, r in enumerate(sentence.roles) if r}
        covered = _tokens_in(((m.start, m.end) for m in _actor_mentions(result)), sentence.spans)
        mentions += PRF(len(covered & gold_any), len(covered), len(gold_any))
    metrics = (
        Metric("source_token_f1", src.f1, "tokens of the main event's actors vs gold S/R tokens"),
        Metric("source_token_precision", src.precision, "precision of the figure above"),
        Metric("source_token_recall", src.recall, "recall of the figure above"),
        Metric(
            "target_token_f1", tgt.f1, "tokens of the main event's recipients vs gold T/R tokens"
        ),
        Metric("target_token_precision", tgt.precision, "precision of the figure above"),
        Metric("target_token_recall", tgt.recall, "recall of the figure above"),
        Metric(
            "source_token_f1_all_events", src_all.f1, "as source_token_f1, actors of every event"
        ),
        Metric(
            "target_token_f1_all_events",
            tgt_all.f1,
            "as target_token_f1, recipients of every event",
        ),
        Metric(
            "mention_recall",
            mentions.recall,
            "gold S/T/R tokens inside any actor mention (actors only)",
        ),
    )
    details = {
        "source": src.to_dict(),
        "target": tgt.to_dict(),
        "source_all_events": src_all.to_dict(),
        "target_all_events": tgt_all.to_dict(),
        "mention_tokens": mentions.to_dict(),
        "source_sentences_by_outcome": dict(src_errors.most_common()),
        "target_sentences_by_outcome": dict(tgt_errors.most_common()),
    }
    return GroupResult("ner", NER_FILE, len(sentences), metrics, details)


def _article(id: str, text: str, published: str | None = None) -> Article:
    return Article(
        id=id,
        text=text,
        raw_text=text,
        published=published,
        date_source="field" if published else "none",
        paragraphs=((0, len(text)),),
    )


def score_petr2(ctx: ScoreContext) -> GroupResult:
    sentences = read_petr2(ctx.gold_file(PETR2_FILE))
    analysed = ctx.analyse([_article(s.id, s.text, s.date) for s in sentences])
    return petr2_result(sentences, analysed)


def score_pentaclass(ctx: ScoreContext) -> GroupResult:
    sentences = read_pentaclass(ctx.gold_file(PENTACLASS_FILE))
    analysed = ctx.analyse([_article(s.id, s.text) for s in sentences])
    return pentaclass_result(sentences, analysed)


def score_ner(ctx: ScoreContext) -> GroupResult:
    sentences = read_ner(ctx.gold_file(NER_FILE))
    analysed = ctx.analyse([_article(s.id, s.text) for s in sentences])
    return ner_result(sentences, analysed)
