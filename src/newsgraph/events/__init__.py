"""Events: clause-level coding in PLOVER and CAMEO (placeholder until the events issue lands)."""

from __future__ import annotations

from typing import ClassVar

from newsgraph.stages import Work

CODER_VERSION = "0.0.0"


class EventStage:
    name: ClassVar[str] = "events"
    needs: ClassVar[frozenset[str]] = frozenset({"doc", "mentions"})
    adds: ClassVar[frozenset[str]] = frozenset({"events"})

    @classmethod
    def load(cls) -> EventStage:
        return cls()

    def __call__(self, work: Work) -> Work:
        return work
