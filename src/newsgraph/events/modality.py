"""Modality of an event from the dependency path between its trigger and the sentence root.

Every event is asserted, reported, planned, hypothetical, negated or recommended. The cues
(modal auxiliaries, negation, governing predicates such as "said", "plans to", "denied", "it has
been suggested that", conditional "if") come from `data/modality.yaml`.

Precedence, documented because scope matters:

1. The nearest cue on the path from the trigger up to the root decides ("Washington believes the
   talks could lead to an arms deal": the deal is hypothetical because "could" is nearer than
   "believes"; the belief itself is reported).
2. A planned or reported reading is overridden by a hypothetical governor higher up ("it has been
   suggested that Putin will offer …" is hypothetical, not planned): speculation about a plan is
   still speculation.
3. Negation beats the auxiliaries will/can/could/did ("will not attack" is negated) but yields
   to may/might/would/should/must ("may not attack" stays hypothetical).
4. Modal auxiliaries and negation reach the trigger only through links inside one clause
   (xcomp, conj, dobj, prepositions…), never through a relative clause or a subject noun ("the
   talks could lead to …" leaves the talks asserted).
5. A question with no other cue is hypothetical; with no cue at all the event is asserted.

The speaker (subject of the speech verb, object of "according to") is returned so the context
stage can resolve it to an actor; attribution is collected along the whole path even when a
nearer cue decides the modality.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from newsgraph.records import MODALITIES, Modality

if TYPE_CHECKING:
    from spacy.tokens import Token

CLASSES: tuple[Modality, ...] = MODALITIES
# Links through which an ancestor's auxiliaries, negation and modifiers reach the trigger.
SAME_CLAUSE = frozenset(
    {
        "xcomp",
        "conj",
        "dobj",
        "pobj",
        "prep",
        "pcomp",
        "attr",
        "acomp",
        "oprd",
        "agent",
        "dative",
        "npadvmod",
        "appos",
        "compound",
        "advcl",
    }
)
# Links through which a governing predicate's class reaches the trigger.
GOVERNED = frozenset({"ccomp", "xcomp", "dobj", "pobj", "prep", "pcomp", "acl", "attr"})
# Prepositions a governor selects ("calls for", "refrained from", "fears of"); "by hosting"
# or "after talks" are adjuncts and leave the event alone.
SELECTED_PREPS = frozenset({"for", "of", "from", "on", "about", "to", "over", "as"})
REPORTING_PREPS = frozenset({"about", "of", "as"})
FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Speech governors introduce a source only through a clausal complement.
SPEECH_LINKS = frozenset({"ccomp", "xcomp", "parataxis", "advcl"})
# Governors that only govern clauses and prepositions ("called the attack a crime" is asserted).
DOBJ_EXCLUDED = frozenset({"call", "press", "ask", "push", "move", "set", "go"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
EXPLETIVES = frozenset({"it", "there"})


@dataclass(frozen=True)
class ModalityCues:
    """The cue lexicon, loaded once from `data/modality.yaml`."""

    aux: dict[str, Modality]
    neg_keeps_modal: frozenset[str]
    negation: frozenset[str]
    governors: dict[str, Modality]
    self_reported: frozenset[str]
    modifiers: dict[str, Modality]
    conditional_marks: frozenset[str]
    source_phrases: frozenset[str]
    future_in_past: frozenset[str]
    occurrence_verbs: frozenset[str] = frozenset()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ModalityCues:
        def by_class(section: dict[str, list[str]]) -> dict[str, Modality]:
            out: dict[str, Modality] = {}
            for name, words in section.items():
                if name not in CLASSES:
                    raise ValueError(f"modality.yaml: unknown class {name!r}")
                for word in words:
                    key = str(word).lower()
                    if key in out and out[key] != name:
                        raise ValueError(
                            f"modality.yaml: {key!r} is listed under both {out[key]} and {name}"
                        )
                    out[key] = name
            return out

        def words(key: str) -> frozenset[str]:
            return frozenset(str(w).lower() for w in data.get(key, []))

        return cls(
            aux=by_class(data["aux"]),
            neg_keeps_modal=words("neg_keeps_modal"),
            negation=words("negation"),
            governors=by_class(data["governors"]),
            self_reported=words("self_reported"),
            modifiers=by_class(data["modifiers"]),
            conditional_marks=words("conditional_marks"),
            source_phrases=words("source_phrases"),
            future_in_past=words("future_in_past"),
            occurrence_verbs=words("occurrence_verbs"),
        )


@lru_cache(maxsize=1)
def load_cues() -> ModalityCues:
    """The packaged cue lexicon (cached per process)."""
    text = resources.files("newsgraph").joinpath("data/modality.yaml").read_text("utf-8")
    return ModalityCues.from_dict(yaml.safe_load(text))


@dataclass(frozen=True)
class Source:
    """Who says so: a character span in the article."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ModalityResult:
    """The class, the word that decided it and, when there is one, the speaker."""

    modality: Modality
    cue: str | None = None
    source: Source | None = None


def _lemma(tok: Token) -> str:
    return str(tok.lemma_).lower()


def _subject(verb: Token) -> Token | None:
    """The verb's (non-expletive) subject, or the agent of a passive."""
    for child in verb.children:
        if child.dep_ in SUBJECTS and child.lower_ not in EXPLETIVES:
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    if verb.dep_ in {"conj", "xcomp"} and verb.head.i != verb.i:
        return _subject(verb.head)
    return None


def _has_own_subject(tok: Token) -> bool:
    return any(c.dep_ in SUBJECTS for c in tok.children)


def _span_source(tok: Token) -> Source:
    """The noun phrase headed by `tok`, without trailing relative clauses or appositions."""
    left = tok.left_edge
    right = tok
    for child in tok.rights:
        if child.dep_ in {"compound", "flat", "nummod"} or (
            child.dep_ == "prep" and child.lower_ == "of"
        ):
            right = child.right_edge
    doc = tok.doc
    span = doc[left.i : right.i + 1]
    if len(span) > 12:
        span = doc[tok.i : tok.i + 1]
    return Source(span.start_char, span.end_char, span.text)


def _local_cues(tok: Token, cues: ModalityCues, *, nominal_ok: bool) -> tuple[Modality, str] | None:
    """Auxiliaries, negation, conditional marks and modifiers attached to one token."""
    modal: tuple[Modality, str] | None = None
    negated: str | None = None
    conditional: str | None = None
    for child in tok.children:
        dep = child.dep_
        low = child.lower_
        if dep == "advcl":
            # a conditional clause hanging on the event: "if this happens, X will not buy"
            for mark in child.children:
                if mark.dep_ == "mark" and mark.lower_ in cues.conditional_marks:
                    conditional = mark.lower_
        if dep == "advmod" and any(
            g.dep_ == "neg" or g.lower_ in cues.negation for g in child.children
        ):
            negated = "no " + low  # "no longer"
            continue
        if dep in {"aux", "auxpass"}:
            key = low if low in cues.aux else _lemma(child)
            if key in cues.aux and modal is None:
                modal = (cues.aux[key], low)
        elif dep == "neg" or (dep in {"det", "advmod", "preconj"} and low in cues.negation):
            negated = low
        elif dep == "mark" and low in cues.conditional_marks:
            return ("hypothetical", low)
        elif dep in {"advmod", "amod", "det", "acomp"} and (nominal_ok or dep != "det"):
            key = low if low in cues.modifiers else _lemma(child)
            if key in cues.modifiers and modal is None:
                modal = (cues.modifiers[key], low)
    if negated is not None and not (modal is not None and modal[1] in cues.neg_keeps_modal):
        modal = ("negated", negated)
    if conditional is not None and (modal is None or modal[0] in {"planned", "negated"}):
        return ("hypothetical", conditional)
    return modal


def _governor_class(head: Token, cues: ModalityCues) -> tuple[Modality, str] | None:
    """The class a governing word imposes on its complement ("plans to", "is likely that")."""
    lemma = _lemma(head)
    if lemma in cues.governors:
        return (cues.governors[lemma], head.lower_)
    if lemma == "be":
        for child in head.children:
            if child.dep_ == "acomp" and _lemma(child) in cues.governors:
                return (cues.governors[_lemma(child)], child.lower_)
    return None


def _according_to(tok: Token, cues: ModalityCues) -> Source | None:
    """The X of "according to X" attached to this token."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in cues.source_phrases:
            for grand in child.subtree:
                if grand.dep_ == "pobj":
                    return _span_source(grand)
    return None


def _parenthetical_speaker(tok: Token, cues: ModalityCues) -> Token | None:
    """The speech verb of an inserted "…, officials said, …" attached to this token."""
    for child in tok.children:
        speech = cues.governors.get(_lemma(child)) == "reported"
        if (
            child.dep_ in {"parataxis", "advcl"}
            and speech
            and not any(c.dep_ in {"ccomp", "xcomp"} for c in child.children)
        ):
            return child
    return None


def _is_question(tok: Token) -> bool:
    """Whether the sentence of `tok` ends with "?" (its last word that is not whitespace)."""
    # Same answer as `sent.text.rstrip().endswith("?")` without joining the sentence's text.
    sent = tok.sent
    doc = tok.doc
    for i in range(sent.end - 1, sent.start - 1, -1):
        word = doc[i].text.rstrip()
        if word:
            return word.endswith("?")
    return False


DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
NOMINAL_ARGUMENTS = frozenset({"dobj", "pobj", "nsubj", "nsubjpass", "attr", "appos", "dative"})


def presupposed(trigger: Token, cues: ModalityCues | None = None) -> bool:
    """An event noun that a clause takes as given ("condemned Russia's invasion of Ukraine").

    Its modality and time are its own: the clause's negation, modals and dates speak of the
    clause's act, unless the clause is about the event occurring ("the attack did not happen").
    """
    cues = cues or load_cues()
    if trigger.pos_ not in {"NOUN", "PROPN"} or trigger.dep_ not in NOMINAL_ARGUMENTS:
        return False
    # only a definite event is taken as given: "Russia's invasion", "the attack", not "a deal"
    definite = any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS)
        for c in trigger.children
    )
    if not definite:
        return False
    head = trigger.head
    while head.dep_ == "prep" or head.tag_ in {"IN", "TO"}:
        if head.head.i == head.i:
            break
        head = head.head
    return head.pos_ in {"VERB", "AUX"} and _lemma(head) not in cues.occurrence_verbs


def classify(trigger: Token, cues: ModalityCues | None = None) -> ModalityResult:
    """The modality of the event whose action word is `trigger` (see the module docstring)."""
    cues = cues or load_cues()
    found: list[tuple[Modality, str, bool]] = []  # (class, cue, from a governor)
    source: Source | None = None

    def note_source(src: Source | None) -> None:
        nonlocal source
        if source is None and src is not None:
            source = src

    def note_speaker_of(word: Token) -> None:
        """The subject of a speech word is who says so."""
        subj = _subject(word)
        if subj is not None:
            note_source(_span_source(subj))

    def note_parenthetical(word: Token) -> None:
        """A parenthetical speech clause at `word` ("…, officials said,") reports it."""
        speaker = _parenthetical_speaker(word, cues)
        if speaker is not None:
            found.append(("reported", speaker.lower_, True))
            note_speaker_of(speaker)

    if _lemma(trigger) in cues.self_reported:
        subj = _subject(trigger)
        if subj is not None:
            found.append(("reported", trigger.lower_, True))
            note_source(_span_source(subj))
    is_noun = trigger.pos_ in {"NOUN", "PROPN"}
    local = _local_cues(trigger, cues, nominal_ok=is_noun)
    if local:
        found.append((local[0], local[1], False))
    note_parenthetical(trigger)
    if is_noun and trigger.dep_ in {"nsubj", "nsubjpass"} and not found:
        # "a deal between them would test that claim": an indefinite event noun as the subject
        # of a modal predicate is itself unrealised ("the talks could lead to …" stays asserted).
        dets = {c.lower_ for c in trigger.children if c.dep_ == "det"}
        if not dets or dets & {"a", "an", "any"}:
            modal = _local_cues(trigger.head, cues, nominal_ok=False)
            if modal is not None and modal[0] in {"hypothetical", "planned"}:
                found.append((modal[0], modal[1], False))
    cur = trigger
    # a presupposed event noun takes no negation, modal or modifier from the clause around it
    same_clause = not presupposed(trigger, cues)
    while cur.head.i != cur.i:
        dep = cur.dep_
        head = cur.head
        if dep == "conj" and cur.tag_ in FINITE and head.tag_ not in FINITE:
            # "threatens to incinerate X and fired missiles": the finite verb coordinates with
            # the finite verb above, not with the infinitive the parser attached it to.
            while head.dep_ in {"xcomp", "ccomp"} and head.tag_ not in FINITE:
                head = head.head
            cur = head
            continue
        if dep in {"relcl", "nsubj", "nsubjpass", "csubj"}:
            same_clause = False
        if dep in GOVERNED or dep == "parataxis":
            gov = _governor_class(head, cues)
            selected = dep != "prep" or cur.lower_ in SELECTED_PREPS
            if gov is not None and selected and head.tag_ not in {"IN", "TO"}:
                cls, word = gov
                if cls == "reported":
                    # "accused X of supplying", "quoted Kim as thanking"
                    if dep in SPEECH_LINKS or (
                        dep == "prep" and cur.lower_ in {"about", "of", "as"}
                    ):
                        found.append((cls, word, True))
                        note_speaker_of(head)
                elif not (dep == "dobj" and _lemma(head) in DOBJ_EXCLUDED):
                    found.append((cls, word, True))
        if dep == "advcl" and _has_own_subject(cur):
            same_clause = False
        if dep not in SAME_CLAUSE or (dep == "conj" and _has_own_subject(cur)):
            same_clause = False
        if same_clause and head.tag_ not in {"IN", "TO"}:
            local = _local_cues(head, cues, nominal_ok=head.pos_ in {"NOUN", "PROPN"})
            if local:
                found.append((local[0], local[1], False))
        note_source(_according_to(head, cues))
        note_parenthetical(head)
        cur = head
    note_source(_according_to(trigger, cues))
    if source is not None and not found:
        found.append(("reported", "according to", True))
    question = _is_question(trigger)
    if not found:
        if question:
            return ModalityResult("hypothetical", "?", None)
        return ModalityResult("asserted", None, None)
    first, word, _ = found[0]
    later = found[1][1] if len(found) > 1 else ""
    if first == "hypothetical" and word == "would" and later in cues.future_in_past:
        # "announced that it would cease": the future of a reported announcement is a plan.
        return ModalityResult("planned", later, source)
    if first == "planned" and later in cues.self_reported:
        # "believes leaders will meet": a belief about the future is a prediction.
        return ModalityResult("hypothetical", later, source)
    if first in {"planned", "recommended"}:
        # "may demand", "did not plan to", "would agree to": the governor's own modality wins.
        for cls, w, _gov in found[1:]:
            if cls in {"hypothetical", "negated"}:
                return ModalityResult(cls, w, source)
    if first in {"planned", "reported"}:
        for cls, w, from_governor in found[1:]:
            if cls == "hypothetical" and from_governor:
                return ModalityResult("hypothetical", w, source)
    if question and first == "planned":
        return ModalityResult("hypothetical", "?", source)
    return ModalityResult(first, word, source)
