"""Event context: modality, attribution, time, place and transfers added to coded events.

For each event the trigger token (from `extra["trigger_start"/"trigger_end"]`, else the quote's
root) is located in the parse; `modality.classify` gives the modality and the speaker, resolved
through the actor mentions; the clause's DATE entity is resolved against the publication date
(`timex`); `places` finds where it happened and `transfers` what changed hands. Events are
returned as copies (`dataclasses.replace`); nothing else in Work changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from newsgraph.actors.outlets import names_outlet, outlet_keys
from newsgraph.events import modality as modality_mod
from newsgraph.events import places, timex, transfers
from newsgraph.language import span_entities
from newsgraph.records import Event, Mention
from newsgraph.stages import Work

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

ARTICLE_VOICE: dict[str, Any] = {"text": "<article>", "name": "article voice"}
CLAUSAL = frozenset({"ccomp", "advcl", "relcl", "acl", "csubj", "parataxis"})


def trigger_token(doc: Doc, event: Event) -> Token | None:
    """The head word of the event's action, from the coder's trigger offsets or its quote."""
    start = event.extra.get("trigger_start", event.start)
    end = event.extra.get("trigger_end", event.end)
    span = doc.char_span(int(start), int(end), alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def attribution(
    result: modality_mod.ModalityResult,
    mentions: tuple[Mention, ...],
    outlet: frozenset[str] = frozenset(),
) -> dict[str, Any] | None:
    """Who says so: the speaker resolved through the mentions, the article's voice, or None.

    The article's own outlet ("a VOA analysis found") is the article's voice, not a speaker.
    """
    src = result.source
    if src is not None and names_outlet(src.text, outlet):
        src = None
    if src is not None:
        best: Mention | None = None
        for m in mentions:
            if (
                m.start < src.end
                and src.start < m.end
                and (best is None or (m.end - m.start) > (best.end - best.start))
            ):
                best = m
        if best is not None:
            return {
                "text": src.text,
                "name": best.name,
                "actor_id": best.actor_id,
                "code": best.code,
            }
        return {"text": src.text, "name": src.text, "actor_id": None, "code": None}
    if result.modality in {"recommended", "hypothetical"}:
        return dict(ARTICLE_VOICE)
    return None


def _clause_tokens(trigger: Token) -> set[int]:
    """Token indices of the trigger's clause: its subtree minus embedded clauses."""
    out: set[int] = set()
    stack = [trigger]
    while stack:
        tok = stack.pop()
        out.add(tok.i)
        stack.extend(c for c in tok.children if c.dep_ not in CLAUSAL)
    return out


# "since 2019", "until 2025": the entity bounds a stretch of time, it does not date the event in it;
# "by 2050" is a target or deadline, not the time of the event either
INTERVAL_BOUNDS = frozenset({"since", "until", "till", "by"})


def _bounds_interval(ent: Span) -> bool:
    """True for a date introduced by since/until/by ("his first trip since 2019", "by 2050")."""
    if ent[0].lower_ in INTERVAL_BOUNDS:
        return True
    return ent.start > 0 and ent.doc[ent.start - 1].lower_ in INTERVAL_BOUNDS


def _date_entity(trigger: Token) -> Span | None:
    """The DATE entity governing the trigger's clause, else the nearest one in its sentence."""
    sent = trigger.sent
    # "since 2019" does not date what happens since, but does date "2019, when they met"
    above = {a.i for a in trigger.ancestors}
    dates = [
        e
        for e in span_entities(sent)
        if e.label_ == "DATE"
        and timex.names_a_point(e.text)
        and (not _bounds_interval(e) or any(t.i in above for t in e))
    ]
    if not dates:
        return None
    clause = _clause_tokens(trigger)
    # an entity attached to a verb above the trigger in the same clause chain also counts
    cur = trigger
    while cur.head.i != cur.i and cur.dep_ in {"xcomp", "conj", "pcomp", "pobj", "prep", "dobj"}:
        cur = cur.head
        clause |= {c.i for c in cur.children if c.dep_ in {"prep", "npadvmod", "advmod"}}
        clause |= {t.i for c in cur.children if c.dep_ in {"prep", "npadvmod"} for t in c.subtree}
    inside = [e for e in dates if any(t.i in clause for t in e)]
    if inside:
        return min(inside, key=lambda e: abs(e.start - trigger.i))
    # A relative or temporal clause takes the time of the clause it hangs on ("as happened in
    # 2017 after Trump threatened …"); a reported clause (ccomp) keeps its own.
    cur = trigger
    while cur.head.i != cur.i and cur.dep_ not in {"ccomp", "parataxis", "csubj"}:
        cur = cur.head
        near = {
            t.i for c in cur.children if c.dep_ in {"prep", "npadvmod", "advmod"} for t in c.subtree
        }
        hits = [e for e in dates if any(t.i in near for t in e)]
        if hits:
            return min(hits, key=lambda e: abs(e.start - trigger.i))
    return None


def _own_date_entity(noun: Token) -> Span | None:
    """A DATE inside an event noun's own phrase ("the 2022 invasion", "Tuesday's attack")."""
    inside = {t.i for t in noun.subtree}
    dates = [
        e
        for e in span_entities(noun.sent)
        if e.label_ == "DATE" and timex.names_a_point(e.text) and all(t.i in inside for t in e)
    ]
    return min(dates, key=lambda e: abs(e.start - noun.i)) if dates else None


def _expand_date(ent: Span) -> str:
    """The entity text with a preceding this/last/next/the kept ("this week", "the 2000s")."""
    doc = ent.doc
    start = ent.start
    while start > ent.sent.start and doc[start - 1].lower_ in {
        "this",
        "last",
        "next",
        "the",
        "past",
    }:
        start -= 1
    return doc[start : ent.end].text


@dataclass(frozen=True)
class ContextStage:
    """Fills modality, attributed_to, date, place and transfer on every event of an article."""

    cues: modality_mod.ModalityCues
    gazetteer: places.Gazetteer
    items: transfers.ItemLexicon

    name: ClassVar[str] = "context"
    needs: ClassVar[frozenset[str]] = frozenset({"doc", "mentions", "events"})
    adds: ClassVar[frozenset[str]] = frozenset({"context"})

    @classmethod
    def load(cls) -> ContextStage:
        return cls(
            cues=modality_mod.load_cues(),
            gazetteer=places.load_gazetteer(),
            items=transfers.load_items(),
        )

    def __call__(self, work: Work) -> Work:
        published = timex.parse_iso(work.article.published)
        by_sentence: dict[int, places.Candidates] = {}
        events = tuple(self.add_context(e, work, published, by_sentence) for e in work.events)
        if published is None:
            # No publication date: absolute dates still resolve, and a year or decade that ended
            # years before the latest year the article mentions is background.
            years = [int(y) for y in re.findall(r"\b(19\d\d|20\d\d)\b", work.article.text)]
            if years:
                latest = date(max(years), 12, 31)
                events = tuple(
                    replace(e, is_background=(latest.year - int(e.date[:4])) > 1)
                    if e.date and not e.date_inferred and e.date_granularity in {"year", "decade"}
                    else e
                    for e in events
                )
        return work.with_(events=events)

    def add_context(
        self,
        event: Event,
        work: Work,
        published: date | None,
        by_sentence: dict[int, places.Candidates] | None = None,
    ) -> Event:
        """A copy of the event with its context fields filled (`by_sentence`: one per doc)."""
        tok = trigger_token(work.doc, event)
        article_date = published.isoformat() if published else None
        if tok is None:
            return replace(
                event,
                modality="asserted",
                date=article_date,
                date_inferred=True,
                is_background=False,
            )
        result = modality_mod.classify(tok, self.cues)
        resolved = None
        own_time = modality_mod.presupposed(tok, self.cues)
        ent = _own_date_entity(tok) if own_time else _date_entity(tok)
        if ent is not None:
            resolved = timex.resolve(
                _expand_date(ent),
                published,
                future=self.cues.aux.get(result.cue or "") == "planned",
            )
        if resolved is not None:
            date_fields: dict[str, Any] = {
                "date": resolved.iso,
                "date_granularity": resolved.granularity,
                "date_inferred": False,
                "is_background": timex.is_background(resolved, published),
            }
        elif own_time:
            # a presupposed event ("Russia's invasion") is not dated by the clause that names it
            date_fields = {
                "date": None,
                "date_granularity": None,
                "date_inferred": False,
                "is_background": None,
            }
        else:
            date_fields = {
                "date": article_date,
                "date_granularity": "day" if article_date else None,
                "date_inferred": True,
                "is_background": False,
            }
        actor_texts = frozenset(
            places._norm(a.text) for a in (*event.actors, *event.recipients) if a.text
        )
        location = places.find_location(tok, self.gazetteer, actor_texts, by_sentence)
        transfer = transfers.find_transfer(
            tok, event.cameo_code, event.actors, event.recipients, self.items
        )
        return replace(
            event,
            modality=result.modality,
            attributed_to=attribution(result, work.mentions, outlet_keys(work.article.outlet)),
            location=location,
            transfer=transfer,
            **date_fields,
        )
