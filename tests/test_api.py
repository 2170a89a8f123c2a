"""The public API stays small, imports stay light, stage order is checked at build time."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from typing import ClassVar

import pytest

import newsgraph
from newsgraph.stages import StageOrderError, Work, check_order

PUBLIC = {
    "ActorRef",
    "AnalysedArticle",
    "Analyser",
    "Article",
    "Event",
    "EventFilter",
    "IngestOptions",
    "IngestReport",
    "Location",
    "Mention",
    "Options",
    "Store",
    "Transfer",
    "__version__",
    "ingest_paths",
    "list_events",
    "open_store",
    "summarise_events",
}


def test_public_api_is_exactly_the_documented_names() -> None:
    assert set(newsgraph.__all__) == PUBLIC
    for name in PUBLIC:
        assert hasattr(newsgraph, name)


@pytest.mark.parametrize(
    "code",
    ["import newsgraph", "from newsgraph.cli import main"],
)
def test_import_loads_no_language_model_library(code: str) -> None:
    heavy = ("spacy", "thinc", "trafilatura", "dateparser")
    probe = f"{code}; import sys; print([m for m in {heavy!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@dataclass(frozen=True)
class _Stage:
    name: ClassVar[str] = "x"
    needs: ClassVar[frozenset[str]] = frozenset()
    adds: ClassVar[frozenset[str]] = frozenset()

    def __call__(self, work: Work) -> Work:
        return work


class _Events(_Stage):
    name: ClassVar[str] = "events"
    needs: ClassVar[frozenset[str]] = frozenset({"doc", "mentions"})
    adds: ClassVar[frozenset[str]] = frozenset({"events"})


class _Actors(_Stage):
    name: ClassVar[str] = "actors"
    needs: ClassVar[frozenset[str]] = frozenset({"doc"})
    adds: ClassVar[frozenset[str]] = frozenset({"mentions"})


def test_stages_in_order_pass_and_out_of_order_fail_at_build_time() -> None:
    check_order([_Actors(), _Events()])
    with pytest.raises(StageOrderError, match="'events' needs \\['mentions'\\]"):
        check_order([_Events(), _Actors()])
