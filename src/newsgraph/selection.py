"""Which sentences need which analysis: cheap word tests built from the stages' own vocabularies.

The actor stage offers `candidate_words()` (lower-case words that signal an actor without a
capital letter: sector nouns, demonyms, metonyms) and the event stage `trigger_requirements()`
(every lexicon trigger lemma, with the words one of which must accompany it: "have" fires only
with "talks", "lunch"…). Sentences are tested before any tagging, so lemmas are expanded into
every surface form: regular inflections by rule, irregular ones from the model's own lemmatizer
exception tables. A sentence is parsed when it has an actor candidate and a trigger that can
fire; it gets NER only when it may name someone; otherwise nothing. Both tests over-include by
design: a wrongly parsed sentence costs time, a wrongly skipped one would cost an event.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from newsgraph.language import SentenceSelector

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Span

    from newsgraph.stages import Stage

# Pronouns that can stand for an actor within a clause ("he met", "they fired", "it threatens").
ACTOR_PRONOUNS = frozenset({"he", "she", "they", "we", "it", "i", "him", "her", "them", "us"})


@runtime_checkable
class OffersActorWords(Protocol):
    def candidate_words(self) -> frozenset[str]: ...


@runtime_checkable
class OffersTriggerRequirements(Protocol):
    def trigger_requirements(self) -> dict[str, frozenset[str] | None]: ...


def may_name(sent: Span) -> bool:
    """True when a token may be part of a name: capitalised and not a sentence-initial stopword."""
    first = True
    for token in sent:
        if token.is_space or token.is_punct:
            continue
        text = token.text
        if text[:1].isupper() and not (first and token.is_stop):
            return True
        if text[:1].isdigit():  # dates and figures feed the time and claim stages
            return True
        first = False
    return False


class WordSelector:
    """The two predicates of a `SentenceSelector`, over fixed word sets.

    `triggers` maps each surface form of a trigger to the forms of which at least one must also
    be in the sentence for the trigger to fire (None: the form fires alone). "have" fires only with
    "talks", "lunch"…; "attack" fires alone.
    """

    def __init__(
        self, actor_words: frozenset[str], triggers: dict[str, frozenset[str] | None]
    ) -> None:
        self.actor_words = actor_words | ACTOR_PRONOUNS
        self.triggers = triggers

    def may_carry_event(self, sent: Span) -> bool:
        lower = {t.lower_ for t in sent}
        if not any(self._fires(w, lower) for w in lower):
            return False
        return not lower.isdisjoint(self.actor_words) or may_name(sent)

    def _fires(self, word: str, sentence: set[str]) -> bool:
        if word not in self.triggers:
            return False
        needs = self.triggers[word]
        return needs is None or not needs.isdisjoint(sentence)


def regular_forms(lemma: str) -> set[str]:
    """Regular English inflections of a verb or noun lemma (over-generating is harmless here)."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms.add(lemma[:-1] + "ing")
    if lemma.endswith("y") and len(lemma) > 2:
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # "ban" → "banned"
    return forms


def surface_forms(lemmas: Iterable[str], nlp: Language) -> frozenset[str]:
    """Every form of the lemmas a sentence may contain, lower-cased."""
    wanted = {lemma.lower() for lemma in lemmas}
    forms: set[str] = set()
    for lemma in wanted:
        forms |= regular_forms(lemma)
    if "lemmatizer" in nlp.pipe_names:
        lemmatizer: Any = nlp.get_pipe("lemmatizer")
        tables = lemmatizer.lookups.get_table("lemma_exc")
        for pos in ("verb", "noun"):
            if pos in tables:
                for form, bases in tables[pos].items():
                    if wanted.intersection(bases):
                        forms.add(form)
    return frozenset(forms)


def trigger_forms(
    requirements: dict[str, frozenset[str] | None], nlp: Language
) -> dict[str, frozenset[str] | None]:
    """Trigger lemmas and their required co-words, expanded to surface forms."""
    forms: dict[str, frozenset[str] | None] = {}
    for lemma, needs in requirements.items():
        needed = None if needs is None else surface_forms(needs, nlp) | needs
        for form in surface_forms([lemma], nlp):
            if needed is None or (form in forms and forms[form] is None):
                forms[form] = None  # fires alone
            else:
                forms[form] = (forms.get(form) or frozenset()) | needed
    return forms


def build_selector(stages: Sequence[Stage], nlp: Language) -> SentenceSelector | None:
    """A selector when the stages offer their vocabularies, else None (parse everything)."""
    actor_words: frozenset[str] | None = None
    requirements: dict[str, frozenset[str] | None] | None = None
    for stage in stages:
        if isinstance(stage, OffersActorWords):
            words = surface_forms(stage.candidate_words(), nlp)
            actor_words = words if actor_words is None else actor_words | words
        if isinstance(stage, OffersTriggerRequirements):
            requirements = stage.trigger_requirements()
    if actor_words is None or requirements is None:
        return None
    selector = WordSelector(actor_words, trigger_forms(requirements, nlp))
    return SentenceSelector(may_name=may_name, may_carry_event=selector.may_carry_event)
