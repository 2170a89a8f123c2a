"""Event context: modality, attribution, time, place, transfers (placeholder)."""

from __future__ import annotations

from typing import ClassVar

from newsgraph.stages import Work


class ContextStage:
    name: ClassVar[str] = "context"
    needs: ClassVar[frozenset[str]] = frozenset({"doc", "mentions", "events"})
    adds: ClassVar[frozenset[str]] = frozenset({"context"})

    @classmethod
    def load(cls) -> ContextStage:
        return cls()

    def __call__(self, work: Work) -> Work:
        return work
