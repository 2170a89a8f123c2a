"""The clause coder: from a dependency parse and actor mentions to coded events with quotes."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace

from spacy.attrs import POS
from spacy.symbols import ADJ, NOUN, PROPN, VERB
from spacy.tokens import Doc, Span, Token

from newsgraph.events.grammar import (
    ACTOR_PREPS,
    ADJ_PREPS,
    CLAUSE_CUT,
    CLAUSE_RECIPIENT_CODES,
    FALLBACK,
    FROM_RECIPIENT_CODES,
    MEDIATION_CODES,
    PASSIVE_SUBJECT_DEPS,
    PLACE_PATIENT_CODES,
    RECIPIENT_PREPS,
    REJECTION_ROOTS,
    SENT_TO_PLACE_ROOTS,
    SUBJECT_DEPS,
    THING_PATIENT_CODES,
    VIOLENCE_ROOTS,
    VISIT_CODES,
    complement,
    depth,
    edge_junk,
    is_passive,
    lemma_of,
    predicative,
    same_token,
)
from newsgraph.events.lexicon import Lexicon
from newsgraph.events.matching import Match, Matcher
from newsgraph.events.ontology import CameoEntry
from newsgraph.events.participants import (
    MentionIndex,
    Participant,
    Resolver,
    dedupe,
    overlaps,
    party,
    to_ref,
)
from newsgraph.events.readings import (
    figurative_force,
    natural_harm,
    retaliation,
    stative,
    theatre_modifier,
)
from newsgraph.events.recipients import Draft, RecipientRules
from newsgraph.records import ActorRef, Event, Mention

SUPPLY_CODES = ("07",)
# The parts of speech _code_sentence can code (verbs, predicative adjectives, event nouns)
CODED_POS = frozenset({VERB, ADJ, NOUN, PROPN})


class Coder(RecipientRules):
    """Codes the clauses of one parsed document; holds per-document caches only."""

    def __init__(
        self,
        doc: Doc,
        mentions: Sequence[Mention],
        lexicon: Lexicon,
        cameo: dict[str, CameoEntry],
    ):
        self.doc = doc
        self.lexicon = lexicon
        self.cameo = cameo
        self.resolver = Resolver(doc, MentionIndex(doc, mentions), lexicon)
        self.matcher = Matcher(lexicon)
        self.pos: list[int] = doc.to_array(POS).tolist() if len(doc) else []

    # -- participants -----------------------------------------------------------------------
    def subjects(self, verb: Token) -> tuple[list[Token], list[Token]]:
        """(agent tokens, patient tokens) of a verb, inherited through coordination and control."""
        agents = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        patients = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        for c in verb.children:
            if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by" and is_passive(verb)):
                agents.extend(g for g in c.children if g.dep_ == "pobj")
        if agents or patients:
            return agents, patients
        head = verb.head
        if head.i == verb.i:
            return [], []
        if same_token(complement(head), verb) and head.pos_ == "ADJ" and head.dep_ == "acomp":
            return self.subjects(head.head)[0], []  # "Sudan is willing to withdraw …"
        antecedent = self._infinitive_antecedent(verb)
        if antecedent is not None:
            return [antecedent], []
        if verb.dep_ in {"relcl", "acl"}:
            if is_passive(verb):
                return [], [head]
            if (
                verb.dep_ == "acl"
                and head.dep_ in {"dobj", "obj"}
                and self.resolver.index.by_token.get(head.i) is None
                and lemma_of(head) not in self.lexicon.agent_nouns
            ):
                return self.subjects(head.head)[0], []  # "issued a statement urging X to …"
            return [head], []
        if verb.dep_ in {"conj", "advcl"}:
            return self.subjects(head)[0], []
        if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in {"VERB", "AUX"}:
            controller = head.head
            if lemma_of(controller) in self.lexicon.object_control_preps.get(head.lower_, ()):
                objs = [c for c in controller.children if c.dep_ in {"dobj", "obj"}]
                if objs:
                    return objs, []  # "accused Y of supplying", "quoted Kim as thanking"
            return self.subjects(controller)[0], []  # "By hosting Kim …, Putin was seeking …"
        if verb.dep_ == "pcomp" and head.dep_ == "prep" and predicative(head.head):
            return self.subjects(head.head.head)[0], []  # "X and Y were guilty of violating …"
        if same_token(complement(head), verb):
            if lemma_of(head) in self.lexicon.object_control:
                objs = [
                    c for c in head.children if c.dep_ in {"dobj", "obj"}
                ] or self.matcher.objects(head, "on")
                if objs:
                    return objs, []
            return self.subjects(head)[0], []
        return [], []

    def _infinitive_antecedent(self, verb: Token) -> Token | None:
        """The noun an infinitive the parser misattached relates to, just before it.

        "the strongest earthquake to hit the country", "the first leader to visit": after a
        superlative or an ordinal, "to" + verb is a relative clause on that noun; and a time
        hits nothing ("a day after the worst quake to hit …" hung on "day").
        """
        if verb.dep_ not in {"relcl", "acl", "advcl"} or verb.tag_ != "VB":
            return None
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return None
        first = verb.left_edge.i
        before = self.doc[first - 1] if first > verb.sent.start else None
        if before is None or before.pos_ not in {"NOUN", "PROPN"} or before.i == verb.head.i:
            return None
        ranked = any(
            c.dep_ in {"amod", "nummod"} and (c.tag_ == "JJS" or c.ent_type_ == "ORDINAL")
            for c in before.children
        )
        timed = verb.dep_ != "advcl" and verb.head.ent_type_ in {"DATE", "TIME"}
        return before if ranked or (timed and before.dep_ == "pobj") else None

    # -- events -----------------------------------------------------------------------------
    def code(self, article_id: str, version: str) -> list[Event]:
        events: list[Event] = []
        for si, sent in enumerate(self.doc.sents):
            events.extend(self._code_sentence(article_id, version, si, sent))
        return events

    def _code_sentence(self, article_id: str, version: str, si: int, sent: Span) -> list[Event]:
        # The only words the three passes below can code; read from one array per doc because
        # spaCy builds a new Token object per word accessed.
        words = [self.doc[i] for i in range(sent.start, sent.end) if self.pos[i] in CODED_POS]
        matches = [m for t in words if t.pos_ == "VERB" and (m := self.matcher.match_verb(t))]
        consumed = {c.i for m in matches for c in m.consumed}
        drafts: list[Draft] = []
        for m in matches:
            if m.token.i in consumed:
                continue
            agent_toks, patient_toks = self.subjects(m.token)
            # "the Ukraine war has killed thousands": a war named by its place is no party
            agent_toks = [a for a in agent_toks if not self._theatre(a)]
            if stative(m, self.lexicon) or (
                m.code[:2] in VIOLENCE_ROOTS
                and (
                    natural_harm(self.doc, m.token, agent_toks, self.lexicon)
                    or figurative_force(m.token, self.lexicon)
                )
            ):
                continue  # "a jet armed with missiles", "the quake killed 300", "fight graft"
            answered = retaliation(m, matches, self.lexicon)
            if answered is None:
                continue
            m = answered
            actors = self._participants(agent_toks)
            if m.token.dep_ in {"relcl", "acl"}:
                # "deals that would send ammunition": the noun a clause modifies acts in it only
                # if it is a party, as a recipient must be
                actors = [a for a in actors if a.salient]
            recipients = self._participants([t for t in patient_toks if t.i not in consumed])
            tokens = self.recipient_tokens(m.token, m)
            # "will visit California", "threatened to shell Haifa": the place stands for its people
            visited = m.code in VISIT_CODES or m.code.startswith(PLACE_PATIENT_CODES)
            recipients += self._recipients(
                [(t, n) for t, n in tokens if n != FALLBACK],
                visited=visited,
                sent=m.code[:2] in SENT_TO_PLACE_ROOTS,
            )
            if not [r for r in recipients if not overlaps(r, actors)]:
                # "release two guards held by them": not the captors, the captives
                recipients += self._recipients([(t, 0) for t, n in tokens if n == FALLBACK])
            if self._takes_of(m.token):
                # "accused the army of killings": the of-phrase is the charge, not the accused
                recipients = [self._cut_of(r) for r in recipients]
            if m.code.startswith(CLAUSE_RECIPIENT_CODES):
                recipients += self._recipients(
                    [
                        (g, 1)
                        for h in (m.token, *m.consumed)
                        for c in h.children
                        if c.dep_ in {"ccomp", "acl"} and c.pos_ in {"VERB", "AUX"}
                        for g in c.children
                        if g.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS
                    ]
                )
            # the event noun itself ("the sanctions regime that was placed on …") is no recipient
            recipients = [
                r
                for r in recipients
                if not any(r.start_token <= c.i < r.end_token for c in m.consumed)
                or any(
                    r.start_token <= c.i < r.end_token
                    for c in m.consumed
                    if c is m.obj
                    and (
                        self._patient_object(c, m)
                        or (m.code[:2] in REJECTION_ROOTS and r.salient and r.head == c.i)
                    )
                )
            ]
            if m.code.startswith(MEDIATION_CODES) and not any(r.salient for r in recipients):
                # "launched a mediation effort to resolve the rift between Qatar and its
                # neighbours": mediation is done to the parties it is between
                recipients += self._participants(self._between(m), named_only=1)
            drafts.append((m, actors, recipients, False))
        for t in words:
            code = self.lexicon.adjectives.get(lemma_of(t)) if t.pos_ == "ADJ" else None
            if code is None or t.dep_ not in {"acomp", "attr", "ROOT"}:
                continue
            verb = t if t.dep_ == "ROOT" else t.head
            m = Match(t, code, f"adj:{code}:{lemma_of(t)}", 0, (t,), ())
            agent_toks, _ = self.subjects(verb)
            judged = [
                (g, 0)
                for c in t.children
                if c.dep_ == "prep" and c.lower_ in ADJ_PREPS
                for g in c.children
                if g.dep_ == "pobj"
            ] + [
                (g, 0)  # "skeptical the program would work": what the feeling is about
                for c in t.children
                if c.dep_ == "ccomp"
                for g in c.children
                if g.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS
            ]
            drafts.append((m, self._participants(agent_toks), self._recipients(judged), False))
        for t in words:
            if t.i in consumed or (noun := self.matcher.match_noun(t)) is None:
                continue
            if noun.code[:2] in VIOLENCE_ROOTS and figurative_force(t, self.lexicon):
                continue  # "the trade war", "the fight against poverty"
            m = Match(t, noun.code, noun.id, 0, (t,), ())
            actors, recipients, reciprocal = self._noun_participants(t, noun.code)
            drafts.append((m, actors, recipients, reciprocal))
        events: list[Event] = []
        for m, actors, recipients, reciprocal in drafts:
            recipients = dedupe([r for r in recipients if not overlaps(r, actors)])
            # "released hundreds of prisoners": the prisoners are inside the phrase already
            recipients = [r for r in recipients if not _inside_another(r, recipients)]
            recipients = [self._without_trigger(r, m) for r in recipients]
            parties = [r for r in recipients if r.salient and not r.instrument]
            if parties or not m.code.startswith(THING_PATIENT_CODES):
                # "gave 625 firearms to the Marines": the thing given is not acted upon; and
                # "rejected the criticism", "rolled out the red carpet" are done to no one
                recipients = parties
            # "send North Korean ammunition": the sender the clause leaves out is its maker
            actors = dedupe(actors) or self._supplier(m)
            if not any(p.salient for p in actors + recipients):
                continue
            if m.rule in self.lexicon.needs_named_recipient and not any(
                r.head_named for r in recipients
            ):
                continue
            root = m.code[:2]
            if (
                not any(r.salient for r in recipients)  # "X and Y agreed on a draft text"
                and (
                    root in self.lexicon.reciprocal_roots or m.code in self.lexicon.reciprocal_roots
                )
                and (len(actors) >= 2 or (actors and self._joint(actors[0])))
                # "X and Y offered help": offered to whoever needs it, not to each other
                and not m.code.startswith(tuple(self.lexicon.one_way_codes))
            ):
                reciprocal = True
            elif actors and recipients and m.code in self.lexicon.symmetric_codes:
                # a meeting's parties are its named participants, not its topic or venue
                named = [r for r in recipients if r.head_named]
                if named:
                    actors, reciprocal = actors + named, True
            if reciprocal:
                if len(actors) == 1 and self._joint(actors[0]):
                    actors = self._split(actors[0])
                recipients = list(reversed(actors))
            elif not recipients:
                recipients = self._setting(m, actors) or self._inherited(m, actors, drafts)
            events.append(
                self._event(article_id, version, si, sent, m, actors, recipients, reciprocal)
            )
        _mark_main(events)
        return events

    def _supplier(self, m: Match) -> list[Participant]:
        """Who sends a thing the clause names no sender for: its nationality ("send North
        Korean ammunition to Russia": North Korea)."""
        if not m.code.startswith(SUPPLY_CODES) or m.obj is None:
            return []
        nations = [
            c
            for c in m.obj.children
            if c.dep_ in {"amod", "compound", "nmod"}
            and (men := self.resolver.index.by_token.get(c.i)) is not None
            and men.kind == "state"
        ]
        return self._participants(nations, named_only=1)

    def _joint(self, actor: Participant) -> bool:
        """One phrase naming several countries: "Nigerian and British armed forces"."""
        inside = self.resolver.index.in_range(actor.start_token, actor.end_token)
        # an unplaced mention inside ("the Government of India") adds no second party
        return len({party(m) for m in inside} - {""}) >= 2

    def _split(self, actor: Participant) -> list[Participant]:
        """A joint phrase as one participant per country it names, each over the whole phrase."""
        out: dict[str, Participant] = {}
        for m in self.resolver.index.in_range(actor.start_token, actor.end_token):
            key = party(m)
            if key and key not in out:
                span = self.doc[actor.start_token : actor.end_token]
                out[key] = replace(actor, ref=to_ref(span.text, m, span))
        return list(out.values())

    def _theatre(self, noun: Token) -> bool:
        """A war noun whose one named modifier is where it is fought ("the Ukraine war")."""
        named = [
            c
            for c in noun.children
            if c.dep_ == "poss"
            or (
                c.dep_ in {"compound", "amod", "nmod"}
                and c.pos_ in {"PROPN", "ADJ"}
                and self.resolver.index.by_token.get(c.i) is not None
            )
        ]
        return theatre_modifier(noun, named, self.lexicon)

    def _noun_participants(
        self, noun: Token, code: str
    ) -> tuple[list[Participant], list[Participant], bool]:
        actor_toks: list[Token] = []
        recipient_toks: list[Token] = []
        pair: list[Token] = []
        for c in noun.children:
            if c.dep_ == "poss" or (
                c.dep_ in {"compound", "amod", "nmod"} and c.pos_ in {"PROPN", "ADJ"}
            ):
                if c.dep_ == "poss" or self.resolver.index.by_token.get(c.i) is not None:
                    actor_toks.append(c)
            elif c.dep_ == "prep":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if c.lower_ == "between":
                    pair.extend(o for g in objs for o in [g, *g.conjuncts])
                elif c.lower_ == "from" and code.startswith(FROM_RECIPIENT_CODES):
                    recipient_toks.extend(objs)  # "its withdrawal of troops from Iraq"
                elif c.lower_ in ACTOR_PREPS:
                    actor_toks.extend(objs)
                elif c.lower_ in RECIPIENT_PREPS | {"to", "at", "against", "into"}:
                    recipient_toks.extend(objs)
        if pair:
            parties = self._participants(pair, named_only=1)
            if code.startswith(MEDIATION_CODES):
                # "mediation efforts between Albanian separatists": the mediator is not one
                actors = self._participants(actor_toks, named_only=1)
                return actors, parties, False
            return parties, [], len(parties) >= 2
        if theatre_modifier(noun, actor_toks, self.lexicon):
            actor_toks = []  # "the Ukraine war" is fought in Ukraine, not by it
        if not actor_toks and noun.dep_ == "pobj" and predicative(noun.head.head):
            # "the LRA is responsible for mass killings": whoever the adjective is said of
            actor_toks = self.subjects(noun.head.head.head)[0]
        actors = self._participants(actor_toks, named_only=1)
        # compounds such as "the Kim-Putin summit" name several actors on one side each
        singles = [p for p in actors]
        recipients = self._recipients(
            [(t, 0 if t.head.lower_ in RECIPIENT_PREPS else 1) for t in recipient_toks]
        )
        return singles, recipients, False

    def _event(
        self,
        article_id: str,
        version: str,
        si: int,
        sent: Span,
        m: Match,
        actors: list[Participant],
        recipients: list[Participant],
        reciprocal: bool,
    ) -> Event:
        entry = self.cameo[m.code]
        lo, hi = self._clause_range(m, sent)
        for c in m.consumed:  # the event noun of "the sanctions regime that was placed on …"
            if sent.start <= c.left_edge.i and c.i < sent.end and c.pos_ not in {"VERB", "AUX"}:
                lo, hi = min(lo, c.left_edge.i), max(hi, c.i + 1)
        for p in actors + recipients:
            if sent.start <= p.start_token and p.end_token <= sent.end:
                lo, hi = min(lo, p.start_token), max(hi, p.end_token)
        while lo < hi - 1 and edge_junk(self.doc[lo], leading=True):
            lo += 1
        while hi - 1 > lo and edge_junk(self.doc[hi - 1], leading=False):
            hi -= 1
        start, end = self.doc[lo].idx, self.doc[hi - 1].idx + len(self.doc[hi - 1])
        actor_refs = tuple(p.ref for p in actors)
        recipient_refs = tuple(p.ref for p in recipients)
        key = "|".join(
            [article_id, str(start), str(end), m.code]
            + [r.actor_id or r.text for r in actor_refs]
            + ["->"]
            + [r.actor_id or r.text for r in recipient_refs]
        )
        trig = m.token
        return Event(
            id=hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
            article_id=article_id,
            sentence=si,
            quote=self.doc[lo:hi].text,  # == doc.text[start:end], without rebuilding the doc's text
            start=start,
            end=end,
            actors=actor_refs,
            recipients=recipient_refs,
            plover_type=entry.plover_type,
            plover_mode=entry.plover_mode,
            plover_context=entry.plover_context,
            cameo_code=entry.code,
            quad_class=entry.penta_class,
            goldstein=entry.goldstein,
            rule=m.rule,
            coder_version=version,
            trigger=" ".join(t.text for t in m.trigger),
            extra={
                "trigger_start": trig.idx,
                "trigger_end": trig.idx + len(trig),
                "depth": depth(trig),
                "main": False,
                "reciprocal": reciprocal,
            },
        )

    def _clause_range(self, m: Match, sent: Span) -> tuple[int, int]:
        """Token range of the trigger's clause, without coordinated or subordinate clauses."""
        root = m.token
        lo = hi = root.i
        stack = [root]
        while stack:
            t = stack.pop()
            for c in t.children:
                if t is root and c.dep_ in CLAUSE_CUT and c not in m.consumed:
                    continue
                if m.token.pos_ == "NOUN" and t is root and c.dep_ in {"relcl", "acl", "appos"}:
                    continue
                lo, hi = min(lo, c.i), max(hi, c.i)
                stack.append(c)
        return max(lo, sent.start), min(hi + 1, sent.end)


def _inside_another(p: Participant, others: list[Participant]) -> bool:
    """Is the participant's phrase strictly inside another's?"""
    return any(
        o.start_token <= p.start_token
        and p.end_token <= o.end_token
        and (o.start_token, o.end_token) != (p.start_token, p.end_token)
        for o in others
    )


def _mark_main(events: list[Event]) -> None:
    """The sentence's main event: verbal before nominal, with an actor, least embedded, first."""
    if not events:
        return
    best = min(
        events,
        key=lambda e: (
            e.rule.startswith("noun:"),
            not e.actors,
            e.extra["depth"],
            e.extra["trigger_start"],
        ),
    )
    best.extra["main"] = True


def refs_text(refs: Sequence[ActorRef]) -> str:
    return ", ".join(r.code or r.name for r in refs)
