"""Typed, frozen records that flow between the stages: Article → Mention → Event."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal, get_args

DateSource = Literal["metadata", "html", "field", "text", "option", "none"]
ActorKind = Literal["state", "organisation", "person", "group", "place", "thing", "unresolved"]
Modality = Literal["asserted", "reported", "planned", "hypothetical", "negated", "recommended"]
Granularity = Literal["day", "week", "month", "year", "decade"]
MODALITIES: tuple[Modality, ...] = get_args(Modality)


@dataclass(frozen=True)
class RemovedLine:
    """A line the cleaner took out of an article, kept for audit."""

    line: int  # 1-based line number in the raw text
    text: str
    reason: str


@dataclass(frozen=True)
class Article:
    """One cleaned news article, ready for language analysis."""

    id: str
    text: str  # cleaned story text; every offset in the project points into it
    raw_text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    date_source: DateSource = "none"
    language: str | None = None
    paragraphs: tuple[tuple[int, int], ...] = ()  # (start, end) offsets into text
    removed: tuple[RemovedLine, ...] = ()
    content_hash: str = ""  # hash of the normalised text: the identity of exact duplicates
    source_path: str | None = None
    source_line: int | None = None  # 1-based line in a JSON Lines file

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Mention:
    """A named or nominal reference to an actor in an article, resolved or not."""

    article_id: str
    start: int  # character offsets into Article.text
    end: int
    text: str
    sentence: int  # 0-based sentence index in the article
    actor_id: str  # KB id when resolved, else "unresolved:<TYPE>:<normalised text>"
    name: str  # canonical name
    kind: ActorKind
    country: str | None  # ISO3 (CAMEO code where it differs)
    sectors: tuple[str, ...]  # PLOVER agent codes: GOV, MIL, REB …
    code: str  # event-data code, e.g. RUSGOV, PRKMIL, IGOUNO
    confidence: float
    method: str  # how it was resolved: kb-alias, alias-chain, metonym, nationality+sector …
    entity_type: str  # spaCy/ruler label: PERSON, GPE, ORG, NORP, ACTOR …
    role_title: str | None = None  # the person's role at the time, e.g. "President of Russia"

    @property
    def resolved(self) -> bool:
        return not self.actor_id.startswith("unresolved:")

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["sectors"] = list(self.sectors)
        d["resolved"] = self.resolved
        return d


@dataclass(frozen=True)
class ActorRef:
    """An actor as it takes part in an event."""

    text: str
    name: str
    actor_id: str
    country: str | None
    sector: str | None
    code: str
    start: int | None = None  # character offsets of the actor's span in Article.text, when known
    end: int | None = None
    # True when the article, not the clause, names this actor (events/discourse.py); start/end
    # then point at the evidence elsewhere in the article ("Russia's war in Ukraine").
    inferred: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Location:
    name: str
    country: str | None
    lat: float | None
    lon: float | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Transfer:
    items: tuple[str, ...]
    giver: ActorRef | None
    receiver: ActorRef | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": list(self.items),
            "giver": self.giver.to_dict() if self.giver else None,
            "receiver": self.receiver.to_dict() if self.receiver else None,
        }


@dataclass(frozen=True)
class Event:
    """Who did what to whom, with the quote that says so."""

    id: str
    article_id: str
    sentence: int
    quote: str  # verbatim Article.text[start:end]
    start: int
    end: int
    actors: tuple[ActorRef, ...]
    recipients: tuple[ActorRef, ...]
    plover_type: str
    plover_mode: str | None
    plover_context: str | None
    cameo_code: str
    quad_class: int  # PentaClass: 0 neutral, 1/2 verbal/material coop, 3/4 verbal/material conflict
    goldstein: float
    rule: str  # the lexicon pattern that fired
    coder_version: str
    trigger: str = ""  # the words of the action
    modality: Modality | None = None
    attributed_to: dict[str, Any] | None = None
    date: str | None = None
    date_granularity: Granularity | None = None
    date_inferred: bool | None = None
    is_background: bool | None = None
    location: Location | None = None
    transfer: Transfer | None = None
    # the weapon the clause names ("a British Storm Shadow missile"): {text, name, country, start,
    # end}; the country it names (often its maker) is not thereby the actor (events/discourse.py)
    instrument: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "sentence": self.sentence,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "actors": [a.to_dict() for a in self.actors],
            "recipients": [a.to_dict() for a in self.recipients],
            "plover_type": self.plover_type,
            "plover_mode": self.plover_mode,
            "plover_context": self.plover_context,
            "cameo_code": self.cameo_code,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "rule": self.rule,
            "trigger": self.trigger,
            "coder_version": self.coder_version,
            "modality": self.modality,
            "attributed_to": self.attributed_to,
            "date": self.date,
            "date_granularity": self.date_granularity,
            "date_inferred": self.date_inferred,
            "is_background": self.is_background,
            "location": self.location.to_dict() if self.location else None,
            "transfer": self.transfer.to_dict() if self.transfer else None,
            "instrument": self.instrument,
        }


@dataclass(frozen=True)
class AnalysedArticle:
    """An article with everything the analysis stages found in it."""

    article: Article
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
