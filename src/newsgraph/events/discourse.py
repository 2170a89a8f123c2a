"""Who fired the weapon: an attack's missing attacker, from the conflict the article sets up.

A clause such as "a British Storm Shadow missile scored a direct hit on one of Russia's submarines"
names a weapon, not an attacker: the nationality on a weapon names its maker or supplier. After
clause coding, this pass reads the whole article for the conflicts it establishes (ASSAULT events
between two parties, and phrases: "Russia's war in Ukraine", "the invasion of Ukraine by Russia",
"the Israel-Hamas war", "the war between X and Y"). An ASSAULT whose actor is missing, a thing, or
a weapon whose nationality the article does not set against the recipient gets the recipient's
adversary as actor, when the article supports exactly one. The inferred actor carries
`inferred=True` and the offsets of its evidence; the weapon stays visible as `Event.instrument`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from newsgraph.actors.kb import load_kb, read_tsv
from newsgraph.actors.resolve import mention_index
from newsgraph.records import ActorRef, Event, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

ATTACK_TYPES = frozenset({"ASSAULT"})
QUOTES = frozenset({'"', "'", "“", "”", "‘", "’", "«", "»"})
DASHES = frozenset({"-", "–", "—"})
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
NOMINAL = frozenset({"NOUN", "PROPN"})
MODIFIER_DEPS = frozenset({"poss", "amod", "compound", "nmod", "npadvmod"})
CLAUSE_EDGES = frozenset({"ccomp", "parataxis", "advcl", "relcl", "csubj", "conj", "ROOT"})


@dataclass(frozen=True)
class Rules:
    """The word lists of `data/discourse.yaml`, plus each KB weapon's maker country."""

    conflict_nouns: frozenset[str]
    target_preps: frozenset[str]
    agent_preps: frozenset[str]
    between_preps: frozenset[str]
    weapon_nouns: frozenset[str]
    maker_words: frozenset[str]
    firing_verbs: frozenset[str]
    figurative: frozenset[str]
    of_what: frozenset[str]
    modifiers: frozenset[str]
    origins: dict[str, str]  # thing actor id → maker country ("thing:STORM_SHADOW" → GBR)


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """The packaged rules (read once per process)."""
    data = yaml.safe_load(
        resources.files("newsgraph").joinpath("data/discourse.yaml").read_text("utf-8")
    )
    things = resources.files("newsgraph") / "data" / "actors" / "things.tsv"
    with resources.as_file(things) as path:
        origins = {f"thing:{r['id']}": r["origin"] for r in read_tsv(path) if r.get("origin")}

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data[key])

    return Rules(
        conflict_nouns=words("conflict_nouns"),
        target_preps=words("target_preps"),
        agent_preps=words("agent_preps"),
        between_preps=words("between_preps"),
        weapon_nouns=words("weapon_nouns"),
        maker_words=words("maker_words"),
        firing_verbs=words("firing_verbs"),
        figurative=words("figurative"),
        of_what=words("figurative_of"),
        modifiers=words("modifiers"),
        origins=origins,
    )


@dataclass(frozen=True)
class Side:
    """One party to a conflict: its key (country code, or group/organisation id) and evidence."""

    party: str
    mention: Mention


@dataclass(frozen=True)
class Dyad:
    """Two parties the article sets against each other, with the offsets that say so."""

    a: Side
    b: Side
    start: int
    end: int

    def other(self, party: str) -> Side | None:
        if self.a.party == party:
            return self.b
        return self.a if self.b.party == party else None


def mention_party(m: Mention, as_target: bool = False) -> str | None:
    """The conflict party a mention stands for; places count only as targets ("in Donbas")."""
    if m.kind == "thing" or not m.resolved:
        return None
    if m.kind in ("group", "organisation") and m.actor_id.startswith(("group:", "org:")):
        return ":".join(m.actor_id.split(":")[:2])
    if m.kind == "place" and not as_target:
        return None
    return m.country


def ref_party(ref: ActorRef) -> str | None:
    """The conflict party of an event participant (see `mention_party`)."""
    if ref.actor_id.startswith(("group:", "org:")):
        return ":".join(ref.actor_id.split(":")[:2])
    if ref.actor_id.startswith("thing:"):
        return None
    return ref.country or None


def _norm(tok: Token) -> str:
    """The word as the rules list it: its lemma when parsed, else a de-pluralised lower form."""
    if tok.lemma_ and tok.pos_:
        return tok.lemma_.lower()
    low = tok.lower_
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith("s") and not low.endswith("ss") and len(low) > 3:
        return low[:-1]
    return low


class ArticleIndex:
    """The article's parse and mentions, indexed for the pass."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention], rules: Rules) -> None:
        self.doc = doc
        self.rules = rules
        self.by_token = mention_index(doc, tuple(mentions))

    def parsed(self, tok: Token) -> bool:
        return bool(tok.dep_) and bool(tok.pos_)

    def mentions_of(self, tok: Token, as_target: bool, depth: int = 0) -> list[Side]:
        """The parties a noun phrase names: itself, its modifiers, or its "of" complement."""
        m = self.by_token.get(tok.i)
        if m is not None:
            party = mention_party(m, as_target)
            return [Side(party, m)] if party else []
        out: list[Side] = []
        if depth < 2 and self.parsed(tok):
            for child in tok.children:
                if child.dep_ in MODIFIER_DEPS or (child.dep_ == "conj" and as_target):
                    out += self.mentions_of(child, as_target, depth + 1)
                elif child.dep_ == "prep" and child.lower_ == "of" and as_target:
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            out += self.mentions_of(obj, as_target, depth + 1)
        return out

    def _objects(self, prep: Token) -> list[Token]:
        objs = [c for c in prep.children if c.dep_ == "pobj"]
        return objs + [c for o in objs for c in o.conjuncts]

    def figurative(self, tok: Token) -> bool:
        """A war that is no war: "a trade war", "the price war", "a war of words"."""
        doc = self.doc
        before = doc[tok.i - 1] if tok.i > tok.sent.start else None
        if before is not None and before.lower_ in self.rules.figurative:
            return True
        after = doc[tok.i + 1 : tok.i + 3]
        return len(after) == 2 and after[0].lower_ == "of" and after[1].lower_ in self.rules.of_what

    def headed_by_mention(self, ref: ActorRef) -> bool:
        """Whether an event participant's head word is a named actor ("German vehicles": no)."""
        if ref.start is None or ref.end is None:
            return False
        span = self.doc.char_span(ref.start, ref.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return False
        head = span.root if self.parsed(span.root) else span[-1]
        m = self.by_token.get(head.i)
        return m is not None and m.kind != "thing"

    def dyads_at(self, tok: Token) -> list[Dyad]:
        """The conflicts a conflict noun states ("Russia's invasion of Ukraine")."""
        if self.figurative(tok):
            return []
        if self.parsed(tok):
            if tok.pos_ not in NOMINAL:
                return []
            aggressors, targets, pairs = self._parsed_sides(tok)
        else:
            aggressors, targets, pairs = self._surface_sides(tok)
        sent = tok.sent
        start, end = sent.start_char, sent.end_char
        out = [Dyad(a, t, start, end) for a in aggressors for t in targets if a.party != t.party]
        out += [Dyad(a, b, start, end) for a, b in pairs if a.party != b.party]
        return out

    def _parsed_sides(self, tok: Token) -> tuple[list[Side], list[Side], list[tuple[Side, Side]]]:
        # "Russia's war effort in Ukraine": the modifiers and complements of the compound's head
        nouns = [tok]
        if tok.dep_ == "compound" and tok.head.pos_ in NOMINAL:
            nouns.append(tok.head)
        left: list[Side] = []
        targets: list[Side] = []
        pairs: list[tuple[Side, Side]] = []
        for noun in nouns:
            for child in noun.children:
                if child.i == tok.i:
                    continue
                if child.dep_ in MODIFIER_DEPS and child.i < tok.i:
                    left += self.mentions_of(child, False)
                    # "the Russia-Ukraine war": a compound with its own compound or conjunct
                    left += [s for g in child.children for s in self.mentions_of(g, False)]
                elif child.dep_ == "prep":
                    word = child.lower_
                    objs = self._objects(child)
                    found = [s for o in objs for s in self.mentions_of(o, True)]
                    if word in self.rules.target_preps:
                        targets += found
                    elif word in self.rules.agent_preps:
                        left += [s for o in objs for s in self.mentions_of(o, False)]
                    elif word in self.rules.between_preps and len(found) >= 2:
                        pairs.append((found[0], found[1]))
        left = _unique(left)
        if len({s.party for s in left}) >= 2 and not targets:
            pairs.append((left[0], next(s for s in left if s.party != left[0].party)))
            left = []
        return left, targets, pairs

    def _surface_sides(self, tok: Token) -> tuple[list[Side], list[Side], list[tuple[Side, Side]]]:
        """The same for a sentence the language stage did not parse: adjacent words only."""
        doc, sent = self.doc, tok.sent
        left: list[Side] = []
        i = tok.i - 1
        while i >= sent.start and tok.i - i <= 6:
            t = doc[i]
            m = self.by_token.get(i)
            if m is not None:
                party = mention_party(m)
                if party:
                    left.append(Side(party, m))
                while i >= sent.start and self.by_token.get(i) is m:
                    i -= 1
                continue
            word = t.lower_
            if not (
                t.text in QUOTES
                or t.text in DASHES
                or t.text in POSSESSIVES
                or word in self.rules.modifiers
            ):
                break
            i -= 1
        left = _unique(left)
        targets: list[Side] = []
        j = tok.i + 1
        while j < sent.end and doc[j].text in QUOTES:
            j += 1
        if j < sent.end and doc[j].lower_ in self.rules.target_preps | self.rules.agent_preps:
            by = doc[j].lower_ in self.rules.agent_preps
            j += 1
            if j < sent.end and doc[j].lower_ == "the":
                j += 1
            m = self.by_token.get(j) if j < sent.end else None
            party = mention_party(m, not by) if m is not None else None
            if m is not None and party:
                (left if by else targets).append(Side(party, m))
        pairs: list[tuple[Side, Side]] = []
        if len({s.party for s in left}) >= 2 and not targets:
            pairs.append((left[0], next(s for s in left if s.party != left[0].party)))
            left = []
        return left, targets, pairs


def _unique(sides: Iterable[Side]) -> list[Side]:
    seen: set[str] = set()
    out = []
    for s in sides:
        if s.party not in seen:
            seen.add(s.party)
            out.append(s)
    return out


def conflict_dyads(art: ArticleIndex, events: Sequence[Event], weapons: set[int]) -> list[Dyad]:
    """Every conflict the article states, from its ASSAULT events and its conflict phrases."""
    out: list[Dyad] = []
    for k, e in enumerate(events):
        if e.plover_type not in ATTACK_TYPES or k in weapons:
            continue
        trigger = _trigger(art, e)
        if trigger is None or art.figurative(trigger):
            continue
        for a in e.actors:
            for r in e.recipients:
                pa, pr = ref_party(a), ref_party(r)
                if not (pa and pr and pa != pr) or a.inferred:
                    continue
                # "tariffs on German vehicles" sets no one against Germany
                if art.headed_by_mention(a) and art.headed_by_mention(r):
                    ma, mr = _as_mention(a, e), _as_mention(r, e)
                    out.append(Dyad(Side(pa, ma), Side(pr, mr), e.start, e.end))
    nouns = art.rules.conflict_nouns
    for tok in art.doc:
        if tok.lower_ in nouns or _norm(tok) in nouns:
            out += art.dyads_at(tok)
    return out


def _as_mention(ref: ActorRef, event: Event) -> Mention:
    """An event participant as a mention, so both kinds of evidence share one shape."""
    return Mention(
        article_id=event.article_id,
        start=ref.start if ref.start is not None else event.start,
        end=ref.end if ref.end is not None else event.end,
        text=ref.text,
        sentence=event.sentence,
        actor_id=ref.actor_id,
        name=ref.name,
        kind="state" if ref.actor_id.startswith("state:") else "group",
        country=ref.country,
        sectors=(ref.sector,) if ref.sector else (),
        code=ref.code,
        confidence=1.0,
        method="event",
        entity_type="",
    )


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
        and _norm(head.head) in rules.weapon_nouns
    ):
        head = head.head
    thing = art.by_token.get(head.i)
    if thing is not None and thing.kind == "thing":
        # "Storm Shadow missile": the thing's name and the weapon noun after it
        end = head.i
        while end + 1 < head.sent.end and art.by_token.get(end + 1) is thing:
            end += 1
        if end + 1 < head.sent.end and _norm(doc[end + 1]) in rules.weapon_nouns:
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
        name=thing.name if thing is not None else _norm(head),
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
    if m is not None or _norm(tok) not in art.rules.weapon_nouns:
        return False
    # "a drone attack", "a missile strike" name the weapon; "missile programs" do not
    rules = art.rules
    base = tok
    while base.dep_ == "conj" and base.head.i != base.i:  # "nuclear and ballistic missile"
        base = base.head
    return not (
        art.parsed(tok)
        and base.dep_ in {"compound", "amod", "nmod"}
        and _norm(base.head) not in rules.weapon_nouns | rules.conflict_nouns
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


def _trigger(art: ArticleIndex, event: Event) -> Token | None:
    span = art.doc.char_span(
        int(event.extra.get("trigger_start", event.start)),
        int(event.extra.get("trigger_end", event.end)),
        alignment_mode="expand",
    )
    return None if span is None or len(span) == 0 else span.root


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
    trigger = _trigger(art, event)
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
    entry = load_kb().countries.get(country)
    return ActorRef(
        text=m.text,
        name=entry.name if entry is not None else m.name,
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


def adversaries(dyads: Sequence[Dyad], parties: set[str]) -> dict[str, tuple[Side, Dyad]]:
    """Every party the article sets against one of `parties`, with its best evidence."""
    found: dict[str, tuple[Side, Dyad]] = {}
    for d in dyads:
        for p in parties:
            other = d.other(p)
            if other is not None and other.party not in parties:
                best = found.get(other.party)
                # prefer a plain state mention ("Ukraine") as the evidence of a country party
                if best is None or (best[0].mention.sectors and not other.mention.sectors):
                    found[other.party] = (other, d)
    return found


def operator(
    art: ArticleIndex, weapon: Weapon, event: Event, events: Sequence[Event], skip: set[int]
) -> tuple[tuple[ActorRef, ...], int, int] | None:
    """Who the sentence says fires this weapon ("missiles fired by X"), with the evidence span."""
    head = weapon.head
    for k, other in enumerate(events):
        if other is event or k in skip or other.sentence != event.sentence or not other.actors:
            continue
        trigger = _trigger(art, other)
        if trigger is None or not art.parsed(trigger) or trigger.i == head.i:
            continue
        if _norm(trigger) not in art.rules.firing_verbs:
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
        if verb.dep_ not in {"acl", "relcl"} or _norm(verb) not in art.rules.firing_verbs:
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
    trigger = _trigger(art, event)
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
