"""The one catalogue of error types; every message says what, where, and what to do next."""

from __future__ import annotations

from dataclasses import dataclass


class NewsgraphError(Exception):
    """Base class for errors newsgraph reports to users."""


class UsageError(NewsgraphError):
    """The user asked for something that cannot be done as asked (exit code 2)."""


class StoreError(NewsgraphError):
    """The database cannot be opened or is not a newsgraph database."""


class ModelError(NewsgraphError):
    """The spaCy model is missing or unusable."""


@dataclass(frozen=True)
class InputProblem:
    """One rejected input item: reported, never raised, so the rest of a batch proceeds."""

    path: str
    line: int | None
    reason: str
    advice: str

    def message(self) -> str:
        where = self.path if self.line is None else f"{self.path} line {self.line}"
        return f"cannot read {where}: {self.reason}; {self.advice}"
