"""Actors: resolve every mention to a canonical actor (placeholder until the actors issue lands)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from newsgraph.stages import Work

if TYPE_CHECKING:
    from spacy.language import Language


class ActorStage:
    """Finds actor mentions in a parsed article."""

    name: ClassVar[str] = "actors"
    needs: ClassVar[frozenset[str]] = frozenset({"doc"})
    adds: ClassVar[frozenset[str]] = frozenset({"mentions"})

    @classmethod
    def load(cls) -> ActorStage:
        return cls()

    def extend(self, nlp: Language) -> None:
        """Add the knowledge-base entity ruler ahead of the statistical NER."""

    def __call__(self, work: Work) -> Work:
        return work
