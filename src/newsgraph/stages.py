"""The contract between analysis stages: what each needs and adds, checked at build time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from newsgraph.records import Article, Event, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True)
class Work:
    """One article on its way through the analysis stages."""

    article: Article
    doc: Doc
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()

    def with_(self, **changes: Any) -> Work:
        return replace(self, **changes)


class Stage(Protocol):
    """An analysis stage: a callable over Work that declares what it needs and adds."""

    name: ClassVar[str]
    needs: ClassVar[frozenset[str]]
    adds: ClassVar[frozenset[str]]

    def __call__(self, work: Work) -> Work: ...


BASE_FACTS = frozenset({"article", "doc"})


class StageOrderError(ValueError):
    """A pipeline was built with a stage before the stage that provides what it needs."""


def check_order(stages: Sequence[Stage]) -> None:
    """Fail at build time, not midway through a corpus, when stages are out of order."""
    available = set(BASE_FACTS)
    for stage in stages:
        missing = stage.needs - available
        if missing:
            raise StageOrderError(
                f"stage {stage.name!r} needs {sorted(missing)}, which no earlier stage adds; "
                "put the stages that add them first"
            )
        available |= stage.adds
