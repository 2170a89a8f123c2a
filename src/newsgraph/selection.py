"""Which sentences need a parse: cheap tests built from the stages' own vocabularies.

The test runs after the entity ruler and NER, before any tagging. A sentence is parsed when an
event trigger can fire in it and an actor candidate stands in it: a named entity that is not a
number or a date, a capitalised word NER missed, a word the actor stage offers through
`candidate_words()` (sector nouns, demonyms, role nouns) or the event stage does (party nouns
such as "sides"), or a pronoun. The
event stage's `trigger_requirements()` gives every trigger lemma with the words one of which must
accompany it ("have" fires only with "talks", "lunch"…); lemmas are expanded into every surface
form: regular inflections by rule, irregular ones from the model's lemmatizer exception tables.
The test over-includes by design: a wrongly parsed sentence costs time, a wrongly skipped one
would cost an event.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from newsgraph.language import SentencePicker

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.strings import StringStore
    from spacy.tokens import Doc, Span

    from newsgraph.stages import Stage

# Entity types that never name an actor.
NOT_ACTOR_LABELS = frozenset(
    {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "LANGUAGE"}
)
# Pronouns that can stand for an actor within a clause ("he met", "they fired", "it threatens").
ACTOR_PRONOUNS = frozenset({"he", "she", "they", "we", "it", "i", "him", "her", "them", "us"})


@runtime_checkable
class OffersActorWords(Protocol):
    def candidate_words(self) -> frozenset[str]: ...


@runtime_checkable
class OffersTriggerRequirements(Protocol):
    def trigger_requirements(self) -> dict[str, frozenset[str] | None]: ...


class WordSelector:
    """Picks the sentences of a doc that can carry an event, from token arrays, not Token objects.

    `triggers` maps each surface form of a trigger to the forms of which at least one must also
    be in the sentence for the trigger to fire (None: the form fires alone). "have" fires only with
    "talks", "lunch"…; "attack" fires alone.
    """

    def __init__(
        self,
        actor_words: frozenset[str],
        triggers: dict[str, frozenset[str] | None],
        strings: StringStore,
    ) -> None:
        self.strings = strings
        self.actor_words = frozenset(strings.add(w) for w in actor_words | ACTOR_PRONOUNS)
        self.triggers = {
            strings.add(form): None if needs is None else frozenset(strings.add(w) for w in needs)
            for form, needs in triggers.items()
        }
        self.not_actor_labels = [strings.add(label) for label in NOT_ACTOR_LABELS]
        self._capitalised: dict[int, bool] = {}

    def select(self, doc: Doc, bounds: Sequence[tuple[int, int]]) -> list[bool]:
        """For each (start, end) token range of `doc`, whether to parse it."""
        import numpy
        from spacy.attrs import ENT_TYPE, IS_PUNCT, IS_SPACE, IS_STOP, LOWER, ORTH

        arr = doc.to_array([LOWER, ENT_TYPE, IS_STOP, IS_PUNCT, IS_SPACE, ORTH])
        ent = arr[:, 1]
        actor_ent = (ent != 0) & ~numpy.isin(ent, self.not_actor_labels)
        word = (arr[:, 3] == 0) & (arr[:, 4] == 0)
        capital = numpy.fromiter(
            (self._is_capitalised(int(orth)) for orth in arr[:, 5]), dtype=bool, count=len(arr)
        )
        picks = []
        for start, end in bounds:
            lower = set(arr[start:end, 0].tolist())
            if not any(self._fires(w, lower) for w in lower):
                picks.append(False)
            elif actor_ent[start:end].any() or not lower.isdisjoint(self.actor_words):
                picks.append(True)
            else:
                picks.append(_capital_beyond_first_stopword(capital, word, arr[:, 2], start, end))
        return picks

    def may_carry_event(self, sent: Span) -> bool:
        """The same test for one sentence (convenience for callers holding a Span)."""
        return self.select(sent.as_doc(), [(0, len(sent))])[0]

    def _fires(self, word: int, sentence: set[int]) -> bool:
        if word not in self.triggers:
            return False
        needs = self.triggers[word]
        return needs is None or not needs.isdisjoint(sentence)

    def _is_capitalised(self, orth: int) -> bool:
        known = self._capitalised.get(orth)
        if known is None:
            known = self._capitalised[orth] = self.strings[orth][:1].isupper()
        return known


def _capital_beyond_first_stopword(
    capital: Any, word: Any, stop: Any, start: int, end: int
) -> bool:
    """A capitalised word other than a sentence-initial stopword: a name NER may have missed."""
    first = True
    for i in range(start, end):
        if not word[i]:
            continue
        if capital[i] and not (first and stop[i]):
            return True
        first = False
    return False


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


Irregulars = dict[str, set[str]]  # lemma → its irregular forms


def irregular_forms(nlp: Language) -> Irregulars:
    """The irregular verb and noun forms of the model's lemmatizer tables, by lemma."""
    out: Irregulars = {}
    if "lemmatizer" in nlp.pipe_names:
        lemmatizer: Any = nlp.get_pipe("lemmatizer")
        tables = lemmatizer.lookups.get_table("lemma_exc")
        for pos in ("verb", "noun"):
            if pos in tables:
                for form, bases in tables[pos].items():
                    for base in bases:
                        out.setdefault(base, set()).add(form)
    return out


def surface_forms(
    lemmas: Iterable[str], nlp: Language, irregular: Irregulars | None = None
) -> frozenset[str]:
    """Every form of the lemmas a sentence may contain, lower-cased."""
    irregular = irregular_forms(nlp) if irregular is None else irregular
    forms: set[str] = set()
    for lemma in {lemma.lower() for lemma in lemmas}:
        forms |= regular_forms(lemma)
        forms |= irregular.get(lemma, set())
    return frozenset(forms)


def trigger_forms(
    requirements: dict[str, frozenset[str] | None], nlp: Language
) -> dict[str, frozenset[str] | None]:
    """Trigger lemmas and their required co-words, expanded to surface forms."""
    irregular = irregular_forms(nlp)
    forms: dict[str, frozenset[str] | None] = {}
    for lemma, needs in requirements.items():
        needed = None if needs is None else surface_forms(needs, nlp, irregular) | needs
        for form in surface_forms([lemma], nlp, irregular):
            if needed is None or (form in forms and forms[form] is None):
                forms[form] = None  # fires alone
            else:
                forms[form] = (forms.get(form) or frozenset()) | needed
    return forms


def build_selector(stages: Sequence[Stage], nlp: Language) -> SentencePicker | None:
    """The parse test when the stages offer their vocabularies, else None (parse everything)."""
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
    return WordSelector(actor_words, trigger_forms(requirements, nlp), nlp.vocab.strings).select
