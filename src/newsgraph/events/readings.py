"""Which reading of a matched trigger holds: an act, a state, a threat, or harm done by no one.

The lexicon matches words; these rules then read the clause around the match. "The quake killed
300" and "300 were killed" beside a quake name harm done by a natural hazard, not an attack; "a jet
armed with missiles" describes the jet and arms no one; "Iran will retaliate" threatens force,
while "retaliated by shelling X" is the shelling, coded on its own.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from newsgraph.events.grammar import is_passive, lemma_of
from newsgraph.events.lexicon import Lexicon
from newsgraph.events.matching import Match

# Prepositions that name the cause of a death or of damage ("killed in the quake", "by a storm").
CAUSE_PREPS = frozenset({"in", "by", "from", "during", "after", "amid", "following"})
# CAMEO 138: threaten to use military force.
THREAT_OF_FORCE = "138"
# How many sentences before an agentless harm a hazard may be named and still be its cause.
HAZARD_WINDOW = 2


def stative(m: Match, lexicon: Lexicon) -> bool:
    """A participle describing a noun, with no agent: "a fighter armed with a missile"."""
    t = m.token
    return (
        lemma_of(t) in lexicon.stative_participles
        and t.dep_ in {"acl", "amod"}
        and t.tag_ == "VBN"
        and not any(c.dep_ == "agent" or c.lower_ == "by" for c in t.children)
    )


def natural_harm(doc: Doc, verb: Token, agents: list[Token], lexicon: Lexicon) -> bool:
    """Is the harm the verb tells done by a natural hazard, a disease or an accident?

    "the quake killed 300", "were killed in floods", "the worst storm to hit the region"; and an
    agentless "300 people were killed" told in a sentence that names a hazard, or just after one,
    when the verb names no other cause ("killed in an attack").
    """
    hazards = lexicon.hazard_nouns
    if any(lemma_of(g) in hazards for a in agents for g in (a, *a.conjuncts)):
        return True
    causes = [
        g
        for c in verb.children
        if c.dep_ in {"prep", "agent"} and c.lower_ in CAUSE_PREPS
        for g in c.children
        if g.dep_ == "pobj"
    ]
    if any(lemma_of(g) in hazards for g in causes):
        return True
    if agents or not is_passive(verb) or any(lemma_of(g) in lexicon.nouns for g in causes):
        return False
    sent = verb.sent
    first = sent.start
    for _ in range(HAZARD_WINDOW):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    return any(
        t.pos_ in {"NOUN", "PROPN"} and lemma_of(t) in hazards for t in doc[first : sent.end]
    )


def _objects(verb: Token) -> list[Token]:
    """What a verb is done to: its direct objects and the objects of "against"/"on"."""
    direct = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    against = [
        g
        for p in verb.children
        if p.dep_ == "prep" and p.lower_ in {"against", "on"}
        for g in p.children
        if g.dep_ == "pobj"
    ]
    return [o for t in direct + against for o in (t, *t.conjuncts)]


def _sentence_lemmas(tok: Token) -> set[str]:
    return {lemma_of(t) for t in tok.sent} | {t.lower_ for t in tok.sent}


def figurative_force(tok: Token, lexicon: Lexicon) -> bool:
    """A force word used of no force: sport, a struggle against a problem, a trade war, a row.

    "Djokovic beat Sinner in the final", "vowed to fight corruption", "firefighters battled
    blazes", "the trade war", "the war of words", "the fight against poverty", "ministers clashed
    over the budget in the meeting". The word lists are in `data/lexicon.yaml`.
    """
    lemma = lemma_of(tok)
    problems = lexicon.struggle_objects | lexicon.hazard_nouns
    words = _sentence_lemmas(tok)
    if tok.pos_ == "VERB":
        if lemma in lexicon.contest_verbs and words & lexicon.contest_nouns:
            return True
        objects = _objects(tok)
        if (
            lemma in lexicon.struggle_verbs
            and objects
            and all(lemma_of(o) in problems or o.lower_ in problems for o in objects)
        ):
            return True
    else:
        modifiers = [
            c for c in tok.children if c.dep_ in {"compound", "amod", "nmod"} and c.i < tok.i
        ]
        if any(lemma_of(c) in lexicon.figurative_modifiers for c in modifiers):
            return True
        for p in tok.children:
            if p.dep_ != "prep" or p.lower_ not in {"of", "against", "on", "over"}:
                continue
            objs = [g for g in p.children if g.dep_ == "pobj"]
            if objs and all(lemma_of(g) in problems | lexicon.figurative_modifiers for g in objs):
                return True  # "the war of words", "the fight against poverty"
    talk = bool(words & lexicon.verbal_settings) and not words & lexicon.violence_cues
    return lemma == "clash" and talk


def theatre_modifier(noun: Token, modifiers: list[Token], lexicon: Lexicon) -> bool:
    """ "the Ukraine war", "the Syrian conflict": one place modifier names where, not who."""
    if lemma_of(noun) not in lexicon.theatre_nouns or len(modifiers) != 1:
        return False
    if modifiers[0].dep_ == "poss":
        return False  # "Russia's war"
    # "the Russian war against Ukraine" names its target, so the modifier is the side waging it
    return not any(
        c.dep_ == "prep" and c.lower_ in {"against", "on", "with"} for c in noun.children
    )


def retaliation(m: Match, matches: list[Match], lexicon: Lexicon) -> Match | None:
    """A retaliation verb read as what it is: a threat, the act it was done by, or an attack.

    "Iran will retaliate" threatens force (138); "Ukraine retaliated by shelling X" is the
    shelling, coded on its own (None); "Iran retaliated against X" stays an attack.
    """
    if lemma_of(m.token) not in lexicon.retaliation_verbs:
        return m
    means = {
        c.i
        for p in m.token.children
        if p.dep_ == "prep" and p.lower_ in {"by", "with"}
        for c in p.subtree
    }
    if any(o.token.i in means for o in matches if o is not m):
        return None
    if any(c.dep_ == "aux" and c.tag_ == "MD" for c in m.token.children):
        return replace(m, code=THREAT_OF_FORCE)
    return m
