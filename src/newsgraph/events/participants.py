"""Who takes part in a clause: noun phrases resolved to actor mentions, pronouns and pair nouns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from newsgraph.events.lexicon import Lexicon
from newsgraph.records import ActorRef, Mention

# Mention kinds that can act or be acted upon; places and anything else are settings, not actors.
ACTOR_KINDS = frozenset({"state", "organisation", "person", "group", "unresolved"})
# Children that end a noun phrase as an actor: what follows them describes, not names.
PHRASE_CUT = frozenset(
    {"relcl", "acl", "punct", "conj", "cc", "advcl", "parataxis", "dep", "prep", "preconj"}
)
# Prepositional modifiers that stay inside an actor's phrase ("the base of …", "forces in Syria").
PHRASE_PREPS = frozenset({"of", "in", "from", "by"})
MAX_APPOSITION = 12  # tokens: a name or a title in apposition, not a description
CLAUSE_DEPS = frozenset({"relcl", "advcl"})  # clauses inside a phrase describe, not name
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "nummod"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
THING_PRONOUNS = frozenset({"it", "its"})
GROUP_PRONOUNS = frozenset({"they", "them", "their"})
PAIR_DETERMINERS = frozenset({"two", "both"})
PLACE_DEPTH = 2  # of-phrases followed to the named place ("parts of the city of Ahmedabad")
PAIR_SENTENCES = 5  # how far back "the two leaders" may look for its two parties
# Nouns for people that also name aircraft: a model designation makes them machines.
MACHINE_OR_CREW = frozenset({"bomber", "fighter", "interceptor"})
# Heads that count members of what their of-phrase names ("hundreds of prisoners", "some of the
# peacekeepers"): the phrase names an actor when its of-object does.
PARTITIVE_NOUNS = frozenset(
    {"hundred", "thousand", "dozen", "million", "score", "number", "majority", "rest", "half"}
)
PARTITIVE_POS = frozenset({"NUM", "PRON", "DET", "ADJ"})
# Unresolved names that are places all the same ("Borno State", "the Deraa countryside").
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
LOCATIVE_PREPS = frozenset(
    {"at", "in", "near", "outside", "inside", "across", "around", "into", "on"}
)
TRAILING_PLACE_PREPS = frozenset({"in", "near", "outside", "inside", "across"})


@dataclass(frozen=True)
class Participant:
    """An actor or recipient of a clause, with the tokens that name it."""

    ref: ActorRef
    start_token: int
    end_token: int  # exclusive
    salient: bool  # a named mention, a pronoun resolved to one, or an agent noun
    head_named: bool = True  # the phrase's head itself is the mention or agent noun
    head: int | None = None  # the token heading the phrase, when it is one noun phrase
    instrument: bool = False  # headed by a weapon or vehicle, not by a party


class MentionIndex:
    """Maps tokens to the actor mentions covering them, for one document."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention]):
        self.doc = doc
        self.by_token: dict[int, Mention] = {}
        self.places: dict[int, Mention] = {}  # tokens of place and state names (event settings)
        self.spans: list[tuple[int, int, Mention]] = []
        self.covered: set[int] = set()  # tokens inside any mention, actor or not
        for m in sorted(mentions, key=lambda m: m.end - m.start):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            self.covered.update(range(span.start, span.end))
            if m.kind in {"place", "state"} or (
                m.kind == "unresolved" and m.entity_type in PLACE_LABELS
            ):
                for i in range(span.start, span.end):
                    self.places.setdefault(i, m)
            if m.kind not in ACTOR_KINDS:
                continue
            self.spans.append((span.start, span.end, m))
            for i in range(span.start, span.end):
                self.by_token.setdefault(i, m)  # the shortest mention wins a token
        self.spans.sort(key=lambda t: t[0])

    def in_range(self, start: int, end: int) -> list[Mention]:
        """Mentions wholly inside tokens [start, end), in text order."""
        return [m for s, e, m in self.spans if s >= start and e <= end]

    def before(self, token: Token, sentences_back: int = 1) -> list[Mention]:
        """Mentions before the token, nearest first, from its sentence and the ones before it."""
        sent_start = token.sent.start
        for _ in range(sentences_back):
            if sent_start == 0:
                break
            sent_start = self.doc[sent_start - 1].sent.start
        found = [m for s, e, m in self.spans if s >= sent_start and e <= token.i]
        return list(reversed(found))


def phrase_span(token: Token) -> tuple[int, int]:
    """Token range of the noun phrase headed by `token`, without clauses or conjuncts."""
    start = end = token.i
    stack = [token]
    while stack:
        t = stack.pop()
        for child in t.children:
            if t is token and child.dep_ in PHRASE_CUT and not _kept_prep(child):
                continue
            if child.dep_ == "appos" and _descriptive(child):
                continue  # "Odin Sanchez, a former congressman the rebels have held since …"
            if t is not token and child.dep_ in CLAUSE_DEPS:
                continue  # "a unit of China's biggest shipping company that was accused of …"
            start, end = min(start, child.i), max(end, child.i)
            stack.append(child)
    doc = token.doc
    # no dates or stray punctuation at the edges ("On 17 July 2017 Russia's Supreme Court")
    while start < token.i and (doc[start].ent_type_ in {"DATE", "TIME"} or doc[start].is_punct):
        start += 1
    while end > token.i and (
        (doc[end].is_punct and doc[end].text not in {")", "”", '"'})
        or doc[end].ent_type_ in {"DATE", "TIME"}  # "the migrants found near London last month"
        or doc[end].pos_ in {"ADP", "CCONJ", "SCONJ", "DET"}  # what the date leaves dangling
    ):
        end -= 1
    if end + 1 < len(doc) and doc[end + 1].text == ")" and "(" in doc[start : end + 1].text:
        end += 1  # keep "(NLC)" whole
    end = _trailing_place(token, end)
    return start, end + 1


def _trailing_place(token: Token, end: int) -> int:
    """The end of a place phrase right after an object, which the parser hung on the verb.

    "stormed a police headquarters in eastern Afghanistan": where the headquarters are.
    A person or country is not placed so ("met Trump in Washington").
    """
    doc = token.doc
    if token.dep_ not in {"dobj", "obj", "pobj"} or token.ent_type_ in {"PERSON", "GPE"}:
        return end
    if token.dep_ == "pobj" and (token.head.dep_ == "agent" or token.head.lower_ == "by"):
        return end  # an agent: "killed by the crash in east Ukraine" is placed by the clause
    holder = token.head if token.dep_ != "pobj" else token.head.head
    nxt = end + 1
    if nxt >= len(doc):
        return end
    prep = doc[nxt]
    if prep.dep_ != "prep" or prep.head.i != holder.i or prep.lower_ not in TRAILING_PLACE_PREPS:
        return end
    place = next((g for g in prep.children if g.dep_ == "pobj"), None)
    if place is None:
        return end
    # the place's own words: its modifiers and of-phrases, not what else hangs on it
    words = [place]
    stack = [place]
    while stack:
        for c in stack.pop().children:
            if c.dep_ in {"relcl", "acl", "appos", "conj", "cc", "punct"}:
                continue
            if c.dep_ == "prep" and c.lower_ != "of":
                continue
            words.append(c)
            stack.append(c)
    if not any(w.ent_type_ in {"GPE", "LOC", "FAC"} for w in words) or any(
        w.ent_type_ in {"DATE", "TIME"} for w in words
    ):
        return end
    return max(w.i for w in words)


def _descriptive(appos: Token) -> bool:
    """An apposition that describes rather than names or titles ("Kuwait, its first mission")."""
    if len(list(appos.subtree)) > MAX_APPOSITION:
        return True
    edge = appos.left_edge
    if edge.text == "(" or (edge.i > 0 and appos.doc[edge.i - 1].text == "("):
        return False  # "the Eurasia Economic Union (EAEU)": an acronym names
    if appos.pos_ == "PROPN":
        # a name: "the US, Russia, and Switzerland" parsed as appositions; but a person is no
        # other name of a country ("from Syria, Defence Minister Shoigu said")
        return appos.ent_type_ == "PERSON" and appos.head.ent_type_ in {"GPE", "LOC"}
    return appos.head.ent_type_ in {"GPE", "LOC"} or (  # a country or place is not re-titled
        # "Klockner-Humboldt-Deutz, a German maker"; but "LaDonna Davis, a USCIS spokeswoman"
        appos.left_edge.lower_ in {"a", "an"} and appos.head.ent_type_ != "PERSON"
    )


def _kept_prep(child: Token) -> bool:
    """`the base of Russia's fleet`: some prepositional phrases belong to the actor's name."""
    if not (child.dep_ == "prep" and child.lower_ in PHRASE_PREPS and child.i > child.head.i):
        return False
    if child.lower_ != "of" and child.head.ent_type_ in {"PERSON", "GPE"}:
        return False  # "met Trump in Washington": a person or country is not placed by a phrase
    # "accusations by the U.S. of genocide": a name takes no "of" phrase but another name
    objects = [g for g in child.children if g.dep_ == "pobj"]
    return not (
        child.lower_ == "of"
        and child.head.pos_ == "PROPN"
        and objects
        and all(g.pos_ != "PROPN" and not any(c.dep_ == "det" for c in g.children) for g in objects)
    )


def _designation(text: str) -> bool:
    """A model designation: letters and digits in one word ("MiG-31", "Tu-95", "F-16")."""
    return any(ch.isdigit() for ch in text) and any(ch.isalpha() for ch in text)


def lemma_of(token: Token) -> str:
    return token.lemma_.lower()


def of_objects(token: Token) -> list[Token]:
    """The objects of the token's own of-phrase ("dozens of [soldiers]")."""
    return [
        g
        for c in token.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children
        if g.dep_ == "pobj"
    ]


def noun_head(token: Token) -> Token:
    """The noun a modifier belongs to: "Sri Lankan" → "rebels" in "Sri Lankan Tamil rebels"."""
    while token.dep_ in MODIFIER_DEPS and token.head.pos_ in {"NOUN", "PROPN"}:
        token = token.head
    return token


def conjuncts(token: Token) -> list[Token]:
    """The token and the nouns coordinated with it ("the United States and Jordan")."""
    out = [token]
    for c in token.conjuncts:
        if c.i > token.i and c.pos_ in {"NOUN", "PROPN", "PRON"}:
            out.append(c)
    return out


def _with_country(sector: Mention, owner: Mention) -> Mention:
    """A sector mention ("the regime") placed in the owner's country ("Kim's")."""
    code = (owner.country or "") + "".join(sector.sectors[:1])
    return replace(
        sector,
        actor_id=owner.actor_id if owner.kind == "state" else f"{owner.actor_id}:{code}",
        name=f"{owner.name} {sector.text}",
        kind=owner.kind if owner.kind == "state" else "group",
        country=owner.country,
        code=code,
    )


def to_ref(text: str, mention: Mention | None, span: Span) -> ActorRef:
    start, end = span.start_char, span.end_char
    if mention is None:
        return ActorRef(
            text=text,
            name=text,
            actor_id="",
            country=None,
            sector=None,
            code="",
            start=start,
            end=end,
        )
    name = mention.name or mention.text
    code = mention.code if mention.resolved else ""
    return ActorRef(
        text=text,
        name=name,
        actor_id=mention.actor_id,
        country=mention.country,
        sector=mention.sectors[0] if mention.sectors else None,
        code=code,
        start=start,
        end=end,
    )


class Resolver:
    """Turns the tokens a clause points at into Participants."""

    def __init__(self, doc: Doc, index: MentionIndex, lexicon: Lexicon):
        self.doc = doc
        self.index = index
        self.lexicon = lexicon

    def resolve(self, token: Token) -> list[Participant]:
        """Participants named by the noun phrase(s) headed by `token`."""
        out: list[Participant] = []
        for t in conjuncts(token):
            out.extend(self._one(t))
        return out

    def _one(self, token: Token) -> list[Participant]:
        if token.tag_ in {"WDT", "WP"} or token.lower_ in {"that", "which", "who", "whom"}:
            # relative pronoun: the noun the relative clause modifies
            clause = token.head
            if clause.dep_ in {"relcl", "acl"} and clause.head.i != token.i:
                return self._one(clause.head)
            return []
        if token.pos_ == "PRON" and not of_objects(token):  # "some of the peacekeepers" is not
            return self._pronoun(token)
        start, end = phrase_span(token)
        mention = self.index.by_token.get(token.i)
        named = self._tokens_of(mention)
        if (
            named is not None
            and named[0] >= start
            and not any(
                t.head.i == token.i and t.dep_ in {"cc", "conj"} for t in self.doc[end : named[1]]
            )
        ):
            # the phrase holds the whole name it is headed by ("the Global Campaign for Equal
            # Nationality Rights", whose "for …" would otherwise end the phrase)
            end = max(end, named[1])
        span = self.doc[start:end]
        inside = self.index.in_range(start, end)
        if mention is None:
            mention = inside[0] if inside else None
        elif mention.country is None:
            # "Kim's regime": a sector noun takes its country from the owner named beside it
            owner = next((m for m in inside if m.country and m is not mention), None)
            if owner is not None:
                mention = _with_country(mention, owner)
        lemma = token.lemma_.lower()
        if mention is None and lemma in self.lexicon.pair_nouns and self._is_pair(token):
            pair = self._pair(token)
            if pair:
                return [Participant(to_ref(span.text, m, span), start, end, True) for m in pair]
        head_named = self.agentive(token) or self._unrecognised_name(token)
        salient = mention is not None or head_named
        ref = to_ref(span.text, mention, span)
        instrument = token.i not in self.index.by_token and self._instrument(token)
        return [Participant(ref, start, end, salient, head_named, token.i, instrument)]

    def _unrecognised_name(self, token: Token) -> bool:
        """A proper name the entity recogniser missed ("accused Gulen", "release Pablo Moncayo")."""
        return (
            token.pos_ == "PROPN"
            and token.ent_type_ in {"", "PERSON", "ORG", "NORP"}
            and token.i not in self.index.covered
            # "at the Vostochny Cosmodrome": a name in a phrase of place names a place
            and not (token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS)
            and lemma_of(token) not in self.lexicon.nouns
            and token.text[:1].isupper()
        )

    def _tokens_of(self, mention: Mention | None) -> tuple[int, int] | None:
        if mention is None:
            return None
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return None if span is None else (span.start, span.end)

    def agentive(self, token: Token) -> bool:
        """The noun names an actor: a mention, an agent noun, or a count of either."""
        if token.i in self.index.by_token or lemma_of(token) in self.lexicon.agent_nouns:
            return True
        return (token.pos_ in PARTITIVE_POS or lemma_of(token) in PARTITIVE_NOUNS) and any(
            self.agentive(g) for g in of_objects(token)
        )

    def _instrument(self, token: Token) -> bool:
        """A weapon or vehicle ("Tu-95 bombers", "two of its warships"), not a party."""
        if lemma_of(token) in self.lexicon.instrument_nouns:
            return True
        if lemma_of(token) in MACHINE_OR_CREW and any(
            c.dep_ in MODIFIER_DEPS and _designation(c.text) for c in token.children
        ):
            return True  # "a MiG-31 fighter", "Tu-95 bombers": aircraft, not fighters
        return (token.pos_ in PARTITIVE_POS or lemma_of(token) in PARTITIVE_NOUNS) and any(
            self._instrument(g) for g in of_objects(token)
        )

    def place(self, token: Token) -> Participant | None:
        """The place a noun phrase names ("in South Sudan"), as a participant, else None."""
        mention = self._place_mention(token, PLACE_DEPTH)
        if mention is None:
            return None
        named = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if named is None:
            return None
        # the place's own words and their modifiers ("eastern Ukraine"), no appositions
        lefts = [c.i for c in token.lefts if c.dep_ in MODIFIER_DEPS | {"det", "predet"}]
        start = min([named.start, token.i, *lefts])
        end = max(named.end, token.i + 1)
        span = self.doc[start:end]
        return Participant(to_ref(span.text, mention, span), start, end, True)

    def _place_mention(self, token: Token, depth: int) -> Mention | None:
        """The place named by the token, its modifiers or, down `depth` of-phrases, their own."""
        mention = self.index.places.get(token.i)
        if mention is not None or depth == 0 or lemma_of(token) in self.lexicon.nouns:
            return mention
        # "all Libyan territories", "parts of the western city of Ahmedabad": a stretch of a place
        inner = [c for c in token.children if c.dep_ in {"amod", "compound"} and c.i < token.i]
        mention = next((m for c in inner if (m := self.index.places.get(c.i))), None)
        if mention is not None:
            return mention
        return next(
            (m for g in of_objects(token) if (m := self._place_mention(g, depth - 1))), None
        )

    def head_named(self, token: Token) -> bool:
        """The token itself is an actor mention, a personal pronoun or an agent noun."""
        return self.agentive(token) or token.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS

    def _pronoun(self, token: Token) -> list[Participant]:
        low = token.lower_
        if low in PERSON_PRONOUNS:
            kinds = {"person"}
        elif low in THING_PRONOUNS:
            kinds = {"state", "organisation", "group"}
        elif low in GROUP_PRONOUNS:
            kinds = {"state", "organisation", "group", "person"}
        else:
            return []
        span = self.doc[token.i : token.i + 1]
        for m in self.index.before(token):
            if m.kind in kinds:
                if m.start >= token.sent.start_char:
                    # antecedent in the same sentence: the actor is named right there
                    root = self.doc.char_span(m.start, m.end, alignment_mode="expand")
                    if root is not None:
                        start, end = phrase_span(noun_head(root.root))
                        named = self.doc[start:end]
                        return [Participant(to_ref(named.text, m, named), start, end, True)]
                return [Participant(to_ref(token.text, m, span), token.i, token.i + 1, True)]
        return [Participant(to_ref(token.text, None, span), token.i, token.i + 1, True)]

    @staticmethod
    def _is_pair(token: Token) -> bool:
        return token.tag_ in {"NNS", "NNPS"} and any(
            c.lower_ in PAIR_DETERMINERS for c in token.children
        )

    def _pair(self, token: Token) -> list[Mention]:
        """The two actors of different parties a pair noun stands for ("the two leaders").

        The two parties are the nearest ones named in the last few sentences, each represented
        by its most mentioned actor there: after "Kim told Putin …; Lavrov and Shoigu took part",
        "the two leaders" are Kim and Putin, not two Russians. One party only: unresolved.
        """
        want = {"person"} if token.lemma_.lower() in {"leader", "president", "minister"} else None
        order: list[str] = []  # parties, nearest first
        counts: dict[str, dict[str, int]] = {}
        first: dict[str, Mention] = {}
        for m in self.index.before(token, sentences_back=PAIR_SENTENCES):
            if want and m.kind not in want:
                continue
            key = party(m) or m.actor_id
            if key not in counts:
                order.append(key)
                counts[key] = {}
            counts[key][m.actor_id] = counts[key].get(m.actor_id, 0) + 1
            first.setdefault(m.actor_id, m)
        if len(order) < 2:
            return []
        chosen = []
        for key in order[:2]:
            # most mentioned first; among equals the nearest (dicts keep insertion order)
            tally = counts[key]
            actor_id = max(tally, key=tally.__getitem__)
            chosen.append(first[actor_id])
        return sorted(chosen, key=lambda m: m.start)


def party(mention: Mention) -> str:
    """What makes a mention a party of its own: its country, else its code (IGOs), else none."""
    return mention.country or (mention.code if mention.resolved else "")


def overlaps(p: Participant, others: list[Participant]) -> bool:
    return any(p.start_token < o.end_token and o.start_token < p.end_token for o in others)


def dedupe(parts: list[Participant]) -> list[Participant]:
    seen: set[object] = set()
    out: list[Participant] = []
    for p in parts:
        key = p.ref.actor_id or (p.start_token, p.end_token)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
