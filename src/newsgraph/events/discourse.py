"""Who fired the weapon: an attack's missing attacker, from the conflict the article sets up.

A clause such as "a British Storm Shadow missile scored a direct hit on one of Russia's submarines"
names a weapon, not an attacker: the nationality on a weapon names its maker or supplier. After
clause coding, this pass reads the whole article for the conflicts it establishes (ASSAULT events
between two parties, and phrases: "Russia's war in Ukraine", "the invasion of Ukraine by Russia",
"the Israel-Hamas war", "the war between X and Y"). An ASSAULT whose actor is missing, a thing, or
a weapon whose nationality the article does not set against the recipient gets the recipient's
adversary as actor, when the article supports exactly one (`conflicts.py` finds the dyads). The
inferred actor carries `inferred=True` and the offsets of its evidence; the weapon stays visible
as `Event.instrument`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from newsgraph.actors.kb import load_kb
from newsgraph.events.conflicts import (
    ATTACK_TYPES,
    DASHES,
    NOMINAL,
    ArticleIndex,
    Dyad,
    Side,
    adversaries,
    conflict_dyads,
    load_rules,
    mention_party,
    norm,
    ref_party,
    trigger_of,
)
from newsgraph.records import ActorRef, Event, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["Weapon", "infer_attackers", "is_weapon_token", "weapon_at"]

# where climbing from a trigger to its governing verbs stops: a reported or adverbial clause
CLAUSE_EDGES = frozenset({"ccomp", "parataxis", "advcl", "relcl", "csubj", "conj", "ROOT"})


@dataclass(frozen=True)
class Weapon:
    """A weapon phrase: its head word, the nationality it names, and whether that is the maker."""

    head: Token
    start: int  # token index of the phrase's first word
    name: str
    nation: Mention | None  # "British" in "a British Storm Shadow missile"
    country: str | None  # the nationality named, else the KB weapon's maker
    maker: bool  # the country is explicitly the maker: "US-made", or the KB weapon's own maker

    def to_dict(self) -> dict[str, Any]:
        span = self.head.doc[self.start : self.head.i + 1]
        return {
            "text": span.text,
            "name": self.name,
            "country": self.country,
            "start": span.start_char,
            "end": span.end_char,
        }


def weapon_at(art: ArticleIndex, head: Token) -> Weapon:
    """The weapon phrase ending at `head`: "a British Storm Shadow missile", "US-made HIMARS"."""
    doc, rules = art.doc, art.rules
    # "a mortar bomb": the phrase's head, not its first weapon word
    while (
        art.parsed(head)
        and head.dep_ == "compound"
        and head.head.i > head.i
        and norm(head.head) in rules.weapon_nouns
    ):
        head = head.head
    thing = art.by_token.get(head.i)
    if thing is not None and thing.kind == "thing":
        # "Storm Shadow missile": the thing's name and the weapon noun after it
        end = head.i
        while end + 1 < head.sent.end and art.by_token.get(end + 1) is thing:
            end += 1
        if end + 1 < head.sent.end and norm(doc[end + 1]) in rules.weapon_nouns:
            end += 1
        head = doc[end]
    else:
        thing = None
    start = head.i
    nation: Mention | None = None
    explicit = False
    while start - 1 >= head.sent.start:
        t = doc[start - 1]
        m = art.by_token.get(t.i)
        if m is not None and mention_party(m) is not None:
            nation = nation or m  # "British", "Taliban-claimed"
        elif m is not None and m.kind == "thing":
            thing = thing or m
        elif t.lower_ in rules.maker_words or t.text in DASHES:
            explicit = explicit or t.lower_ in rules.maker_words
        elif not (art.parsed(t) and t.dep_ in {"amod", "compound", "nmod"} and t.is_alpha):
            break
        start -= 1
    while start < head.i and doc[start].text in DASHES:
        start += 1
    origin = rules.origins.get(thing.actor_id) if thing is not None else None
    country = nation.country if nation is not None else origin
    return Weapon(
        head=head,
        start=start,
        name=thing.name if thing is not None else norm(head),
        nation=nation,
        country=country,
        maker=explicit or (country is not None and country == origin),
    )


def is_weapon_token(art: ArticleIndex, tok: Token) -> bool:
    m = art.by_token.get(tok.i)
    if m is not None and m.kind == "thing":
        return True
    if art.parsed(tok) and tok.pos_ not in NOMINAL:
        return False
    if m is not None or norm(tok) not in art.rules.weapon_nouns:
        return False
    # "a drone attack", "a missile strike" name the weapon; "missile programs" do not
    rules = art.rules
    base = tok
    while base.dep_ == "conj" and base.head.i != base.i:  # "nuclear and ballistic missile"
        base = base.head
    return not (
        art.parsed(tok)
        and base.dep_ in {"compound", "amod", "nmod"}
        and norm(base.head) not in rules.weapon_nouns | rules.conflict_nouns
    )


def weapon_actor(art: ArticleIndex, ref: ActorRef) -> Weapon | None:
    """The weapon when an actor phrase is one ("Iranian drones"), else None."""
    if ref.start is None or ref.end is None:
        return None
    span: Span | None = art.doc.char_span(ref.start, ref.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    head = span.root if art.parsed(span.root) else span[-1]
    return weapon_at(art, head) if is_weapon_token(art, head) else None


def clause_weapon(art: ArticleIndex, event: Event) -> Weapon | None:
    """The first weapon the event's quote names outside its recipients, or its verb's subject."""
    span = art.doc.char_span(event.start, event.end, alignment_mode="expand")
    if span is None:
        return None
    taken = _recipient_tokens(art, event)
    for tok in span:
        if is_weapon_token(art, tok) and (tok.i not in taken or _is_thing(art, tok)):
            return weapon_at(art, tok)
    # "a missile has been credited with scoring a hit": the weapon is the subject of a verb
    # that governs the trigger
    trigger = trigger_of(art, event)
    if trigger is None or not art.parsed(trigger):
        return None
    for level, anc in enumerate(trigger.ancestors):
        if level >= 3:
            break
        for child in anc.children:
            if child.dep_ in {"nsubj", "nsubjpass"} and is_weapon_token(art, child):
                return weapon_at(art, child)
    return None


def _recipient_tokens(art: ArticleIndex, event: Event) -> set[int]:
    """Token indices of the recipients' phrases ("machinery used to make missiles")."""
    out: set[int] = set()
    for r in event.recipients:
        if r.start is None or r.end is None:
            continue
        span = art.doc.char_span(r.start, r.end, alignment_mode="expand")
        if span is not None and len(span):
            out |= {t.i for t in span}
            if art.parsed(span.root):
                out |= {t.i for t in span.root.subtree}
    return out


def own_subject(art: ArticleIndex, trigger: Token) -> bool:
    """Whether the trigger's clause has a named subject of its own the coder left unresolved.

    "some 300 attackers launched an assault on …": the attacker is there, only not resolved;
    the clause chain is climbed up to a reported or adverbial clause, never into it.
    """
    tok = trigger
    for _ in range(4):
        for child in tok.children:
            if child.dep_ not in {"nsubj", "agent"} or trigger.i in {t.i for t in child.subtree}:
                continue
            subject = child
            if child.dep_ == "agent":
                subject = next((c for c in child.children if c.dep_ == "pobj"), child)
            if subject.pos_ in NOMINAL and not is_weapon_token(art, subject):
                return True
        if tok.dep_ in CLAUSE_EDGES or tok.head.i == tok.i:
            break
        tok = tok.head
    return False


def _is_thing(art: ArticleIndex, tok: Token) -> bool:
    m = art.by_token.get(tok.i)
    return m is not None and m.kind == "thing"


def _state_ref(m: Mention, country: str) -> ActorRef:
    """A country as an inferred actor, pointing at the mention that names it."""
    if m.kind == "state" and m.country == country:
        name = m.name.split(" (")[0]  # "Russia (MIL)" → "Russia"
    else:  # a person or a group names its country only through the knowledge base
        entry = load_kb().countries.get(country)
        name = entry.name if entry is not None else country
    return ActorRef(
        text=m.text,
        name=name,
        actor_id=f"state:{country}",
        country=country,
        sector=None,
        code=country,
        start=m.start,
        end=m.end,
        inferred=True,
    )


def _inferred_ref(side: Side) -> ActorRef:
    """The adversary as an actor, marked inferred, pointing at the words that establish it."""
    m = side.mention
    if side.party == m.country and m.country is not None:
        return _state_ref(m, m.country)
    return _mention_ref(m)


def operator(
    art: ArticleIndex, weapon: Weapon, event: Event, events: Sequence[Event], skip: set[int]
) -> tuple[tuple[ActorRef, ...], int, int] | None:
    """Who the sentence says fires this weapon ("missiles fired by X"), with the evidence span."""
    head = weapon.head
    for k, other in enumerate(events):
        if other is event or k in skip or other.sentence != event.sentence or not other.actors:
            continue
        trigger = trigger_of(art, other)
        if trigger is None or not art.parsed(trigger) or trigger.i == head.i:
            continue
        if norm(trigger) not in art.rules.firing_verbs:
            continue
        fires = any(c.i == head.i and c.dep_ in {"dobj", "nsubjpass"} for c in trigger.children)
        # "a missile believed to be fired by rebels": the firing clause modifies the weapon
        if fires or head.is_ancestor(trigger):
            refs = tuple(replace(a, inferred=True) for a in other.actors)
            return refs, other.start, other.end
    # "drones launched by Russia", "Israeli-made drones used by Azerbaijan": no coded event
    # needed, the weapon's own participle names its user
    if not art.parsed(head):
        return None
    for verb in head.children:
        if verb.dep_ not in {"acl", "relcl"} or norm(verb) not in art.rules.firing_verbs:
            continue
        for agent in verb.children:
            if agent.dep_ != "agent":
                continue
            for obj in agent.children:
                sides = art.mentions_of(obj, False) if obj.dep_ == "pobj" else []
                if sides:
                    m = sides[0].mention
                    return (_mention_ref(m),), verb.idx, obj.idx + len(obj.text)
    return None


def _mention_ref(m: Mention) -> ActorRef:
    """A mention as an inferred actor (its own words, its own code)."""
    return ActorRef(
        text=m.text,
        name=m.name,
        actor_id=m.actor_id,
        country=m.country,
        sector=m.sectors[0] if m.sectors else None,
        code=m.code,
        start=m.start,
        end=m.end,
        inferred=True,
    )


def infer_attackers(events: Sequence[Event], doc: Doc, mentions: Sequence[Mention]) -> list[Event]:
    """The events with weapon actors made instruments and missing attackers inferred."""
    rules = load_rules()
    if not any(e.plover_type in ATTACK_TYPES for e in events):
        return list(events)
    art = ArticleIndex(doc, mentions, rules)
    weapons: dict[int, list[Weapon | None]] = {}
    for k, e in enumerate(events):
        if e.plover_type in ATTACK_TYPES and e.actors:
            found = [weapon_actor(art, a) for a in e.actors]
            if all(found) or all(a.actor_id.startswith("thing:") for a in e.actors):
                weapons[k] = found
    dyads: list[Dyad] | None = None
    out = list(events)
    for k, e in enumerate(events):
        if e.plover_type not in ATTACK_TYPES or (e.actors and k not in weapons):
            continue
        if dyads is None:
            dyads = conflict_dyads(art, events, set(weapons))
        out[k] = _revise(art, e, weapons.get(k), dyads, events, set(weapons))
    # One weapon phrase has one operator: "Iranian drones hit Kyiv, killing three people" gives
    # the killing the attacker inferred for the hit.
    operators: dict[tuple[int | None, int | None], Event] = {}
    for k in weapons:
        if out[k].actors and out[k].actors[0].inferred:
            operators.setdefault(_span_of(events[k].actors), out[k])
    for k in weapons:
        source = operators.get(_span_of(events[k].actors))
        if source is not None and not (out[k].actors and out[k].actors[0].inferred):
            extra = dict(out[k].extra)
            extra["actor_inferred_from"] = source.extra.get("actor_inferred_from")
            out[k] = replace(out[k], actors=source.actors, extra=extra)
    return out


def _span_of(refs: Sequence[ActorRef]) -> tuple[int | None, int | None]:
    return (refs[0].start, refs[0].end) if refs else (None, None)


def _revise(
    art: ArticleIndex,
    event: Event,
    actor_weapons: list[Weapon | None] | None,
    dyads: list[Dyad],
    events: Sequence[Event],
    skip: set[int],
) -> Event:
    """One ASSAULT with a missing or weapon actor, revised as the article allows."""
    weapon = next((w for w in actor_weapons or [] if w), None) or clause_weapon(art, event)
    parties = {p for p in (ref_party(r) for r in event.recipients) if p}
    if len(parties) > 1 or event.extra.get("reciprocal"):
        parties = set()  # "a clash between Trump and Zelenskyy": both sides are named
    named = {a.country for a in event.actors if a.country}
    extra = dict(event.extra)
    trigger = trigger_of(art, event)
    found: dict[str, tuple[Side, Dyad]] = {}
    if (
        parties
        and trigger is not None
        and not art.figurative(trigger)
        and not (art.parsed(trigger) and own_subject(art, trigger))
    ):
        # article-level: the evidence lies outside the event's own sentence, whose unresolved
        # parts may name a different attacker
        sent = trigger.sent
        elsewhere = [d for d in dyads if d.end <= sent.start_char or d.start >= sent.end_char]
        found = adversaries(elsewhere, parties)
    fired_by = operator(art, weapon, event, events, skip) if weapon is not None else None
    actors: tuple[ActorRef, ...] = ()
    if fired_by is not None:
        actors = fired_by[0]
        extra["actor_inferred_from"] = {"start": fired_by[1], "end": fired_by[2]}
    elif len(found) == 1:
        side, dyad = next(iter(found.values()))
        if side.party in named:
            actors = event.actors  # the weapon's nationality is the recipient's adversary
        else:
            actors = (_inferred_ref(side),)
            extra["actor_inferred_from"] = {"start": dyad.start, "end": dyad.end}
    elif named and not (weapon and weapon.maker) and (not found or named & found.keys()):
        actors = event.actors  # "Russian missiles": the nationality may well be the operator's
    elif (
        not event.actors
        and not found
        and weapon is not None
        and weapon.nation is not None
        and not weapon.maker
        and weapon.country
        and weapon.country not in parties
    ):
        # "killed in Israeli tank shelling": no other attacker in sight
        actors = (_state_ref(weapon.nation, weapon.country),)
        extra["actor_inferred_from"] = {"start": weapon.nation.start, "end": weapon.nation.end}
    elif not actor_weapons:
        actors = event.actors
    instrument = weapon.to_dict() if weapon is not None else None
    return replace(event, actors=actors, instrument=instrument, extra=extra)
