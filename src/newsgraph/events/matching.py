"""Which lexicon pattern fires on a token: verb patterns, light verbs with event nouns, nouns."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from newsgraph.events.grammar import (
    OBJECT_DEPS,
    PARTICIPLES,
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    VIOLENCE_ROOTS,
    complement,
    is_passive,
    lemma_of,
    object_names,
    small_clause_subjects,
    temporal,
    through_quantity,
)
from newsgraph.events.lexicon import ANY_OBJECT, Lexicon, NounPattern, VerbPattern


@dataclass(frozen=True)
class Match:
    """A lexicon pattern that fired on a trigger token."""

    token: Token
    code: str
    rule: str
    specificity: float
    trigger: tuple[Token, ...]  # the words of the action
    consumed: tuple[Token, ...]  # event noun or complement verb absorbed into this event
    obj: Token | None = None  # the pattern's own object, when it names one
    any_object: bool = False  # the pattern takes any object ("return +* to"): a thing, no act


class Matcher:
    """Matches one document's tokens against the lexicon; caches verb matches per token."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self._verb_cache: dict[int, Match | None] = {}

    def objects(self, verb: Token, prep: str | None = None) -> list[Token]:
        """The nouns a verb acts on: objects, passive subjects, or the noun its clause modifies."""
        if prep is not None:
            found = []
            for c in verb.children:
                if c.dep_ in {"prep", "prt", "agent"} and c.lower_ == prep:
                    objs = [g for g in c.children if g.dep_ in {"pobj", "pcomp"}]
                    # a particle's verb takes the object itself ("laid down their arms")
                    found.extend(objs or (self.objects(verb) if c.dep_ == "prt" else []))
            return found
        found = [
            through_quantity(c)
            for c in verb.children
            if c.dep_ in OBJECT_DEPS | PASSIVE_SUBJECT_DEPS
        ]
        passive = is_passive(verb)
        if not found and not passive:
            # "accept [refugees fleeing the war]", parsed as a clause of its own
            found = small_clause_subjects(verb, PARTICIPLES)
        has_subject = any(c.dep_ in SUBJECT_DEPS for c in verb.children)
        if verb.dep_ in {"relcl", "acl"} and (passive or (not found and not has_subject)):
            found.append(verb.head)
        return found

    def match_verb(self, verb: Token) -> Match | None:
        if verb.i in self._verb_cache:
            return self._verb_cache[verb.i]
        self._verb_cache[verb.i] = None  # guards against cycles through complements
        best = self._best_verb_match(verb)
        self._verb_cache[verb.i] = best
        return best

    def _best_verb_match(self, verb: Token) -> Match | None:
        lemma = lemma_of(verb)
        best: Match | None = None
        for pattern in self.lexicon.verbs.get(lemma, ()):
            m = self._try_pattern(verb, pattern)
            if m is not None and (best is None or m.specificity > best.specificity):
                best = m
        if lemma in self.lexicon.light_verbs:
            for o in self.objects(verb):
                noun = self.match_noun(o)
                # a modified event noun ("joint exercise") says more than a verb pattern
                spec = 2.5 if noun is not None and noun.modifier else 1.5
                if noun is not None and (best is None or best.specificity < spec):
                    rule = f"light:{lemma}+{noun.id}"
                    best = Match(verb, noun.code, rule, spec, (verb, o), (o,))
        if best is not None and lemma in self.lexicon.speech_verbs and best.specificity == 0:
            return None
        return best

    def _try_pattern(self, verb: Token, p: VerbPattern) -> Match | None:
        trigger = [verb]
        consumed: list[Token] = []
        code, obj = p.code, None
        for word in p.preps:
            hit = next(
                (
                    c
                    for c in verb.children
                    if c.dep_ in {"prt", "prep", "advmod", "agent"}
                    and c.lower_ == word
                    and not temporal(c)
                ),
                None,
            )
            if hit is None:
                return None
            trigger.append(hit)
        if p.objects:
            obj = next(
                (o for o in self.objects(verb, p.object_prep) if self._object_matches(o, p)), None
            )
            if obj is None:
                return None
            trigger.append(obj)
            consumed.append(obj)
            if lemma_of(obj) not in p.objects and obj.lower_ not in p.objects:
                # matched by a modifier ("let free the activists"): the modifier is the act's word
                trigger.extend(
                    c
                    for c in obj.children
                    if c.dep_ in {"compound", "amod", "nmod"} and lemma_of(c) in p.objects
                )
            noun = self.match_noun(obj)
            if (
                lemma_of(obj) not in p.objects
                and obj.lower_ not in p.objects
                and any(n in self.lexicon.nouns for n in object_names(obj) & p.objects)
            ):
                obj = None  # matched by an event modifier ("sanctions regime"): not a patient
            elif noun is not None and noun.modifier and noun.code[:2] == p.code[:2]:
                code = noun.code  # "launched an air strike": the noun says more than the verb
        if p.xcomp or p.xcomp_roots:
            comp = complement(verb)
            if comp is None:
                return None
            if p.xcomp and lemma_of(comp) not in p.xcomp:
                return None
            if p.xcomp_roots:
                inner = self.match_verb(comp)
                if inner is None or not any(inner.code.startswith(r) for r in p.xcomp_roots):
                    return None
            trigger.append(comp)
            consumed.append(comp)
            inner_match = self.match_verb(comp)
            if inner_match is not None:
                consumed.extend(inner_match.consumed)
        trigger.sort(key=lambda t: t.i)
        return Match(
            verb,
            code,
            p.id,
            p.specificity,
            tuple(trigger),
            tuple(consumed),
            obj,
            ANY_OBJECT in p.objects,
        )

    def _object_matches(self, obj: Token, p: VerbPattern) -> bool:
        """The object's head matches, or a modifier does and the head names no other act."""
        if lemma_of(obj) in p.objects or obj.lower_ in p.objects or ANY_OBJECT in p.objects:
            return True
        return bool(object_names(obj) & p.objects) and self.match_noun(obj) is None

    def match_noun(self, noun: Token) -> NounPattern | None:
        if noun.pos_ not in {"NOUN", "PROPN"}:
            return None
        patterns = self.lexicon.nouns.get(lemma_of(noun)) or self.lexicon.nouns.get(noun.lower_)
        if not patterns:
            return None
        mods = {lemma_of(c) for c in noun.children if c.dep_ in {"compound", "amod", "nmod"}}
        of_objects = {
            lemma_of(g)
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj"
        }
        plain = None
        for p in patterns:
            if p.modifier is None:
                if plain is None or (p.code[:2] in VIOLENCE_ROOTS and self._aimed(noun, mods)):
                    plain = p
            elif p.modifier in (of_objects if p.via_of else mods):
                return p
        return plain

    def _aimed(self, noun: Token, mods: set[str]) -> bool:
        """An attack reading of an ambiguous noun: "strikes on Gaza", "Israeli strikes"."""
        if any(c.dep_ == "prep" and c.lower_ in {"on", "against", "upon"} for c in noun.children):
            return True
        return bool(mods & self.lexicon.attack_modifiers) or any(
            c.dep_ in {"amod", "compound", "nmod", "poss"} and c.ent_type_ in {"NORP", "GPE"}
            for c in noun.children
        )
