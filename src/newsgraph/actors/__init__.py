"""Actors: resolve every named entity of an article to a coded actor, a place, a thing, or not.

Public API: `ActorStage` (the pipeline stage), `load_kb` (the cached knowledge base),
`resolve` (mentions of one parsed article) and `mention_index` (token → mention, for the event
coder). Code conventions: a state is its country code (CHN); a state's sector is country + PLOVER
sector (RUSGOV, PRKMIL); organisations carry CAMEO IGO/NGO codes (IGOUNO, IGOWSTNAT); places and
things carry no code.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from newsgraph.actors.kb import KnowledgeBase, inflections, load_kb
from newsgraph.actors.resolve import mention_index, resolve
from newsgraph.stages import Work

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["ActorStage", "KnowledgeBase", "load_kb", "mention_index", "resolve"]


class ActorStage:
    """Finds actor mentions in a parsed article (the KB ruler must be in the spaCy pipeline)."""

    name: ClassVar[str] = "actors"
    needs: ClassVar[frozenset[str]] = frozenset({"doc"})
    adds: ClassVar[frozenset[str]] = frozenset({"mentions"})

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    @classmethod
    def load(cls, data_dir: Path | None = None, user_files: tuple[str, ...] = ()) -> ActorStage:
        """The stage over the shipped knowledge base plus a user's actor files (kb.py)."""
        return cls(load_kb(data_dir, tuple(user_files)))

    def extend(self, nlp: Language) -> None:
        """Add the knowledge-base entity ruler ahead of the statistical NER."""
        from newsgraph.actors.ruler import add_ruler

        add_ruler(nlp, self.kb)

    def candidate_words(self) -> frozenset[str]:
        """Lower-case words that signal an actor even without a capital: sector nouns and roles."""
        words = {w for form in self.kb.sector_forms for w in form.split()}
        # The noun of each role phrase: "minister" of "foreign minister", "secretary" of
        # "secretary of state" (not "of" or "state", which would make every sentence a candidate).
        heads = {p.split(" of ")[0].split()[-1] for p in self.kb.offices}
        words |= {f for head in heads for f in inflections(head)}
        return frozenset(words)

    def __call__(self, work: Work) -> Work:
        return work.with_(mentions=resolve(self.kb, work.doc, work.article))
