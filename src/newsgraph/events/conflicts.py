"""The conflicts an article establishes: who it sets against whom, for article-level inference.

Evidence is of two kinds: ASSAULT events between two named parties, and conflict phrases
("Russia's war in Ukraine", "the invasion of Ukraine by Russia", "the Israel-Hamas war", "the war
between X and Y"; nouns and prepositions in `data/discourse.yaml`), read from the parse or, in a
sentence the language stage did not parse, from the adjacent words. Figurative wars ("a trade
war", "a war of words") are no evidence. A party is a country code, or a group's or
organisation's id. `events/discourse.py` uses the dyads to name an attack's missing attacker.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

import yaml

from newsgraph.actors.kb import read_tsv
from newsgraph.actors.resolve import mention_index
from newsgraph.records import ActorRef, Event, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

ATTACK_TYPES = frozenset({"ASSAULT"})
QUOTES = frozenset({'"', "'", "“", "”", "‘", "’", "«", "»"})
DASHES = frozenset({"-", "–", "—"})
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
NOMINAL = frozenset({"NOUN", "PROPN"})
MODIFIER_DEPS = frozenset({"poss", "amod", "compound", "nmod", "npadvmod"})


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


def norm(tok: Token) -> str:
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
        trigger = trigger_of(art, e)
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
        if tok.lower_ in nouns or norm(tok) in nouns:
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


def trigger_of(art: ArticleIndex, event: Event) -> Token | None:
    """The head word of an event's action, from the coder's trigger offsets or its quote."""
    span = art.doc.char_span(
        int(event.extra.get("trigger_start", event.start)),
        int(event.extra.get("trigger_end", event.end)),
        alignment_mode="expand",
    )
    return None if span is None or len(span) == 0 else span.root


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
    return _merged(found)


STATE_FORCES = frozenset({"MIL", "GOV", "COP", "SPY"})


def _merged(found: dict[str, tuple[Side, Dyad]]) -> dict[str, tuple[Side, Dyad]]:
    """A group and its home country as one adversary ("Israel's war against Hamas in Gaza").

    A non-state group (Hamas, Hezbollah) stands for its country's side; a state's own force
    (Wagner, coded RUSMIL) gives way to its state.
    """
    groups = {p: side for p, (side, _) in found.items() if p.startswith(("group:", "org:"))}
    out = dict(found)
    for party, side in groups.items():
        country = side.mention.country
        if not country or country not in out:
            continue
        if side.mention.sectors[:1] and side.mention.sectors[0] in STATE_FORCES:
            del out[party]
        else:
            del out[country]
    return out
