"""Evaluation against gold data: readers, scorers and `run_eval`, behind `newsgraph eval`.

A scorer is a function `(ScoreContext) -> GroupResult`; to add one, add a line to `SCORERS`
naming it and its `module:function` (imported only when run, so nothing heavy loads at import).
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from newsgraph.errors import UsageError
from newsgraph.evaluate.context import ScoreContext
from newsgraph.evaluate.report import EvalReport, GroupResult, apply_floors, load_floors
from newsgraph.records import AnalysedArticle, Article

if TYPE_CHECKING:
    from newsgraph.pipeline import Analyser

__all__ = ["SCORERS", "EvalReport", "GroupResult", "ScoreContext", "run_eval", "scorer_names"]

SCORERS: dict[str, str] = {
    "petr2": "newsgraph.evaluate.scorers:score_petr2",
    "pentaclass": "newsgraph.evaluate.scorers:score_pentaclass",
    "ner": "newsgraph.evaluate.scorers:score_ner",
    "modality": "newsgraph.evaluate.modality:score_modality",
}


def scorer_names() -> list[str]:
    return list(SCORERS)


def _load_scorer(target: str) -> Callable[[ScoreContext], GroupResult]:
    module, _, func = target.partition(":")
    return cast(
        Callable[[ScoreContext], GroupResult], getattr(importlib.import_module(module), func)
    )


def run_eval(
    gold_dir: Path | str,
    *,
    only: Iterable[str] | None = None,
    analyser: Analyser | None = None,
    floors: dict[str, float] | None = None,
) -> EvalReport:
    """Run the pipeline over the gold sentences and score it; floors default to data/floors.json."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise UsageError(
            f"cannot find the gold folder {gold_dir}; "
            "pass --gold DIR (../shared/gold in a checkout)"
        )
    names = list(only) if only else scorer_names()
    unknown = [n for n in names if n not in SCORERS]
    if unknown:
        raise UsageError(
            f"no scorer named {', '.join(unknown)}; choose from {', '.join(scorer_names())}"
        )
    if floors is None:
        floors = load_floors()
    started = time.perf_counter()  # includes loading the model and the knowledge base
    if analyser is None:
        from newsgraph.pipeline import Analyser

        analyser = Analyser()
    shared = analyser

    def analyse(articles: Sequence[Article]) -> list[AnalysedArticle]:
        return list(shared.analyse(articles))

    ctx = ScoreContext(gold_dir=gold_dir, analyse=analyse)
    groups = tuple(apply_floors(_load_scorer(SCORERS[n])(ctx), floors) for n in names)
    return EvalReport(groups, analyser.version, time.perf_counter() - started)
