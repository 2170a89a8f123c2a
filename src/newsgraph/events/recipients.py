"""Whom a clause acts upon: the recipient half of the clause coder, mixed into `Coder`.

From a matched pattern to the tokens it acts upon and how named each must be (0 any phrase, 1 a
phrase holding an actor, 2 a phrase headed by one, FALLBACK only when nothing else is), then to
participants; and, with no one acted upon, the setting or the act a clause embeds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Doc, Token

from newsgraph.events.grammar import (
    ADDRESSED_ROOTS,
    AUTHOR_PREPS,
    FALLBACK,
    FORCE_ROOTS,
    INSTRUMENT_PREPS,
    NOT_ACTORS,
    OWN_OBJECT_CODES,
    PARTICIPLES,
    PLACE_NOUNS,
    PLACE_RECIPIENT_PREPS,
    REJECTION_CODES,
    REJECTION_ROOTS,
    RELATION_NOUNS,
    STATEMENT_TOPIC_PREPS,
    SUBJECT_DEPS,
    VENUE_CODES,
    embeds,
    is_passive,
    lemma_of,
    noun_prep_named,
    on_behalf,
    pointed_at,
    prep_objects,
    small_clause_subjects,
    temporal,
    verb_prep_named,
)
from newsgraph.events.lexicon import Lexicon
from newsgraph.events.matching import Match, Matcher
from newsgraph.events.participants import Participant, Resolver, conjuncts, overlaps, to_ref

# What the coder keeps per clause: the match, its actors, its recipients, reciprocal or not.
Draft = tuple[Match, list[Participant], list[Participant], bool]


class RecipientRules:
    """Recipient rules over one parsed document; `Coder` provides the attributes below."""

    doc: Doc
    lexicon: Lexicon
    resolver: Resolver
    matcher: Matcher

    def recipient_tokens(self, verb: Token, match: Match) -> list[tuple[Token, int]]:
        """Tokens naming the ones acted upon, each with how named it must be (see _participants)."""
        out: list[tuple[Token, int]] = []
        consumed = {t.i for t in match.consumed}
        pattern_preps = {t.i for t in match.trigger if t.dep_ == "prep"}
        for h in [verb, *match.consumed]:
            inner = h is not verb
            is_verb = h.pos_ in {"VERB", "AUX"}
            if inner and match.any_object and h is match.obj:
                continue  # "returned a portrait of a young girl to its owner": a thing
            has_object = any(c.dep_ in {"dobj", "obj"} and c.i not in consumed for c in h.children)
            if inner and not is_verb:
                beyond = pointed_at(h)
                if h is match.obj and match.code[:2] in REJECTION_ROOTS and self._authored(h):
                    out.append((h, 1))  # "rejected a request by Erdogan": the request as named
                elif beyond:  # "lifted sanctions imposed on Eritrea", "denied charges by X"
                    # force is done to whatever it is aimed at ("attacks against civilian targets")
                    level = 0 if match.code[:2] in FORCE_ROOTS else 1
                    out.extend((g, level) for g in beyond)
                    if h is match.obj and self._patient_object(h, match):
                        out.append((h, FALLBACK))  # "released sailors held by it"
                elif h is match.obj and self._patient_object(h, match):
                    out.append((h, 0))  # "rejected the demands", "freed the journalist"
            for c in h.children:
                if c.i in consumed:
                    continue
                if c.dep_ == "dative" and c.pos_ == "ADP":  # "gives equipment to Nicaragua"
                    level = 1 if inner or match.code[:2] in ADDRESSED_ROOTS else 2
                    out.extend((g, level) for g in prep_objects(c))
                elif c.dep_ in {"dobj", "obj", "dative", "iobj"} and (h is verb or is_verb):
                    # "condemned the act of aggression and the threats made by X"
                    beyond = [
                        g
                        for o in conjuncts(c)
                        if not self.resolver.head_named(o)
                        for g in pointed_at(o)
                    ]
                    if c.dep_ in {"dobj", "obj"} and match.code.startswith(OWN_OBJECT_CODES):
                        # "mobilized the army for an assault on X": its own army; but "sent a
                        # team to Detroit": where it is sent
                        out.extend((g, 1) for g in beyond)
                        continue
                    if match.code[:2] in REJECTION_ROOTS and self._authored(c):
                        beyond = []  # "refused a request from the Times": the request as named
                    out.extend([(g, 1) for g in beyond] or [(c, int(inner))])
                    if beyond:  # the thing itself, should what it points at be the actor
                        out.append((c, FALLBACK))
                elif c.i in pattern_preps and match.code.startswith(VENUE_CODES):
                    continue  # "met Putin at the Kremlin": where, not with whom
                elif c.dep_ in {"prep", "agent"} and not temporal(c) and not on_behalf(c):
                    to_addressee = c.lower_ == "to" and match.code[:2] in ADDRESSED_ROOTS
                    if has_object and c.lower_ in INSTRUMENT_PREPS and c.i not in pattern_preps:
                        continue  # "charged Erdogan with terrorism", "pounded X with airstrikes"
                    if inner and not is_verb:
                        named = noun_prep_named(c, match.code[:2])
                    elif (
                        has_object
                        and c.lower_ in AUTHOR_PREPS
                        and match.code.startswith(REJECTION_CODES)
                        and not is_passive(h)
                    ):
                        named = 1  # "denied charges by the clergy": whose the charges are
                    elif match.code[:2] == "01" and c.lower_ in STATEMENT_TOPIC_PREPS:
                        named = 0  # "expressed optimism at a deal": statements are about topics
                    else:
                        named = verb_prep_named(c, inner, c.i in pattern_preps)
                        if named is not None and to_addressee:
                            named = min(named, 1)  # "gave $2 million to Nigeria's farm sector"
                    objects = prep_objects(c)
                    if named is None and c.lower_ in {"in", "with"}:
                        # "sanctions in relation to Iraq", "with regard to Iran"
                        objects = [
                            o
                            for g in objects
                            if lemma_of(g) in RELATION_NOUNS
                            for p in g.children
                            if p.dep_ == "prep" and p.lower_ in {"to", "with"}
                            for o in prep_objects(p)
                        ]
                        named = 1 if objects else None
                    if named is not None:
                        for g in objects:
                            if g.i in consumed or (
                                inner and lemma_of(g) in self.lexicon.not_recipients
                            ):
                                continue
                            # "responsibility for the attack on X": the act's own target
                            act = not self.resolver.head_named(g) and self.matcher.match_noun(g)
                            beyond = pointed_at(g) if act else []
                            out.extend([(b, 1) for b in beyond] or [(g, named)])
        if lemma_of(verb) in self.lexicon.object_control and not any(
            c.dep_ in {"dobj", "obj"} for c in verb.children
        ):
            # "help North Korea cope", "let the prisoners go": the subject of a bare infinitive
            out.extend((g, 0) for g in small_clause_subjects(verb))
        elif not any(c.dep_ in {"dobj", "obj"} for c in verb.children) and not is_passive(verb):
            # "will not accept [refugees fleeing the violence]", parsed as a clause of its own
            out.extend((g, 0) for g in small_clause_subjects(verb, PARTICIPLES))
        if match.code[:2] in ADDRESSED_ROOTS:
            # "condolences to X over the fire", "sent experts to X": done to whom it is addressed
            own = {verb.i} | consumed
            addressed = [
                (g, n)
                for g, n in out
                if g.dep_ == "dative" or (g.head.lower_ == "to" and g.head.head.i in own)
            ]
            out = addressed or out
        return out

    def _takes_of(self, verb: Token) -> bool:
        """Does the verb take an of-phrase of its own ("accuse X of Y", "convict X of Y")?"""
        patterns = self.lexicon.verbs.get(lemma_of(verb), ())
        return any(p.object_prep == "of" or "of" in p.preps for p in patterns)

    def _without_trigger(self, p: Participant, m: Match) -> Participant:
        """The participant without the act's own words at its start ("let [free] Karman")."""
        words = {t.i for t in m.trigger}
        start = p.start_token
        while start < p.end_token - 1 and start in words:
            start += 1
        if start == p.start_token:
            return p
        span = self.doc[start : p.end_token]
        ref = replace(p.ref, text=span.text, start=span.start_char, end=span.end_char)
        return replace(p, ref=ref, start_token=start)

    def _cut_of(self, p: Participant) -> Participant:
        """The participant without an of-phrase the parser hung on its head noun."""
        if p.head is None:
            return p
        head = self.doc[p.head]
        cut = next((c.i for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if cut is None or cut <= p.start_token or cut >= p.end_token:
            return p
        span = self.doc[p.start_token : cut]
        ref = to_ref(span.text, None, span)
        ref = replace(p.ref, text=ref.text, start=ref.start, end=ref.end)
        return replace(p, ref=ref, end_token=cut)

    def _authored(self, noun: Token) -> bool:
        """Does an act's noun name whose it is ("Putin's offer", "the call of the EU")?"""
        by = self.resolver.index.by_token
        for c in noun.children:
            if c.dep_ in {"poss", "compound", "nmod", "amod"} and c.i in by:
                return True
            if (
                c.dep_ == "prep"
                and c.lower_ in {"of", "by", "from"}
                and any(g.i in by for g in prep_objects(c))
            ):
                return True
        return False

    def _patient_object(self, obj: Token, match: Match) -> bool:
        """Is a pattern's object the one acted upon rather than the name of the act?"""
        if match.rule.startswith("light:") or lemma_of(obj) in self.lexicon.not_recipients:
            return False
        if match.code.startswith(OWN_OBJECT_CODES):
            return False  # "withdrew its soldiers": its own
        if match.code[:2] not in FORCE_ROOTS and not self.resolver.head_named(obj):
            return False  # "lifted the state of emergency", "opened its borders": the means
        noun = self.matcher.match_noun(obj)
        return noun is None or noun.code[:2] != match.code[:2]

    def _participants(self, tokens: Iterable[Token], named_only: int = 0) -> list[Participant]:
        """Resolve tokens; named_only 1 keeps phrases holding an actor, 2 phrases headed by one."""
        out: list[Participant] = []
        for t in tokens:
            if t.ent_type_ in NOT_ACTORS:
                continue
            for p in self.resolver.resolve(t):
                if (named_only == 1 and not p.salient) or (named_only == 2 and not p.head_named):
                    continue
                out.append(p)
        return out

    def _recipients(
        self, tokens: list[tuple[Token, int]], visited: bool = False, sent: bool = False
    ) -> list[Participant]:
        """Participants of the tokens; `visited`: a place object is the host ("visited Paris");
        `sent`: what is sent to a body in a country goes to the country."""
        out: list[Participant] = []
        for t, named_only in tokens:
            if sent and t.head.lower_ == "to" and t.i not in self.resolver.index.by_token:
                where = [
                    p
                    for c in t.children
                    if c.dep_ == "prep" and c.lower_ == "in"
                    for g in prep_objects(c)
                    if (p := self.resolver.place(g)) is not None
                ]
                if where:
                    out.extend(where)
                    continue
            found = self._participants([t], named_only=named_only)
            if not any(p.salient for p in found) and (
                (named_only and t.head.lower_ in PLACE_RECIPIENT_PREPS)
                or (visited and t.dep_ in {"dobj", "obj"})
            ):
                # "suspended aid to Gaza", "withdrew from Sinai": a place stands for its people
                places = [p for g in conjuncts(t) if (p := self.resolver.place(g)) is not None]
                found = places or found
            elif any(p.salient for p in found):
                # "urged Europe and the United States": a place beside a party is a party too
                found += [
                    p
                    for g in conjuncts(t)
                    if not any(f.start_token <= g.i < f.end_token for f in found)
                    and (p := self.resolver.place(g)) is not None
                ]
            out.extend(found)
        return out

    def _between(self, m: Match) -> list[Token]:
        """The objects of the first "between" phrase in the act's own clause."""
        for h in (m.token, *m.consumed):
            for t in h.subtree:
                if t.dep_ == "prep" and t.lower_ == "between" and t.head.dep_ not in SUBJECT_DEPS:
                    return prep_objects(t)
        return []

    def _inherited(
        self,
        m: Match,
        actors: list[Participant],
        drafts: list[Draft],
    ) -> list[Participant]:
        """The named recipients of the act a clause embeds ("considered sending aid to X")."""
        own = {m.token.i} | {c.i for c in m.consumed}
        for inner, _, recipients, _ in drafts:
            # "carried out a raid, targeting IS commanders": the same act, told again
            retold = (
                inner.token.dep_ == "advcl"
                and inner.token.tag_ == "VBG"
                and inner.token.head.i in own
                and inner.code[:2] == m.code[:2]
            )
            if inner is m or not (retold or embeds(m.token, own - {m.token.i}, inner.token)):
                continue
            found = [r for r in recipients if r.salient and not overlaps(r, actors)]
            if found:
                return found
        return []

    def _setting(self, m: Match, actors: list[Participant]) -> list[Participant]:
        """With no one acted upon, the place the act is done in ("declared a truce in Yemen")."""
        heads = [m.token, *m.consumed]
        # "deployed observers in Zimbabwe": the setting may hang on the act's object
        heads += [c for c in m.token.children if c.dep_ in {"dobj", "obj"}]
        # "a state of siege in Pando": the act's own noun phrase may hold the setting
        heads += [g for h in m.consumed for c in h.children if c.lower_ == "of" for g in c.children]
        for h in heads:
            for c in h.children:
                if c.dep_ != "prep" or c.lower_ not in {"in", "as"} or temporal(c):
                    continue
                for g in prep_objects(c):
                    # "resigned as president of Indonesia": the polity of the office
                    place = self.resolver.place(g) if c.lower_ == "in" else self._office_of(g)
                    if place is None and c.lower_ == "in" and lemma_of(g) in PLACE_NOUNS:
                        # "declared a state of siege in the town": the town, unnamed
                        place = next(iter(self._participants([g])), None)
                    if place is not None and not overlaps(place, actors):
                        return [place]
        return []

    def _office_of(self, role: Token) -> Participant | None:
        """The country an office belongs to ("as president of Indonesia")."""
        for c in role.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for g in prep_objects(c):
                    if (place := self.resolver.place(g)) is not None:
                        return place
        return None
