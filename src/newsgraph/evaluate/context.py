"""What a scorer gets: where the gold files are, and the one shared pipeline to analyse with."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsgraph.errors import UsageError
from newsgraph.records import AnalysedArticle, Article

Analyse = Callable[[Sequence[Article]], list[AnalysedArticle]]


@dataclass(frozen=True)
class ScoreContext:
    """Passed to every scorer; `analyse` runs the shared Analyser (model loaded once)."""

    gold_dir: Path
    analyse: Analyse

    @property
    def shared_dir(self) -> Path:
        """The shared folder around the gold folder (corpora live there, e.g. corpora/voa)."""
        return self.gold_dir.parent

    def gold_file(self, name: str) -> Path:
        """The path of a gold file, or a clear error saying where it was looked for."""
        path = self.gold_dir / name
        if not path.is_file():
            raise UsageError(
                f"cannot find gold file {name} in {self.gold_dir}; pass --gold DIR pointing at "
                "the folder that holds it (../shared/gold in a checkout)"
            )
        return path
