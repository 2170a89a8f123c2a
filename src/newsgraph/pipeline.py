"""The pipeline: articles → language analysis → actors → events, and ingestion into the store."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.language import load_model
from newsgraph.records import AnalysedArticle, Article
from newsgraph.stages import Stage, Work, check_order

if TYPE_CHECKING:
    from spacy.language import Language


@dataclass(frozen=True)
class Options:
    """How to run the pipeline; passed explicitly so it can run in worker processes."""

    batch_size: int = 16
    workers: int = 1


def default_stages(nlp: Language) -> list[Stage]:
    """The standard analysis stages, in order (the actor stage also extends `nlp`)."""
    from newsgraph.actors import ActorStage
    from newsgraph.events import EventStage
    from newsgraph.events.context import ContextStage

    actor_stage = ActorStage.load()
    actor_stage.extend(nlp)
    return [actor_stage, EventStage.load(), ContextStage.load()]


class Analyser:
    """Runs spaCy and the analysis stages over a stream of articles, model loaded once."""

    def __init__(self, stages: Sequence[Stage] | None = None, options: Options | None = None):
        self.options = options or Options()
        self.nlp = load_model()
        self.stages = list(stages) if stages is not None else default_stages(self.nlp)
        check_order(self.stages)

    @property
    def version(self) -> str:
        """Identifies the analysis (coder and knowledge versions) for idempotent re-runs."""
        from newsgraph.events import CODER_VERSION

        return CODER_VERSION

    def analyse(self, articles: Iterable[Article]) -> Iterator[AnalysedArticle]:
        pairs = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.options.batch_size):
            work = Work(article=article, doc=doc)
            for stage in self.stages:
                work = stage(work)
            yield AnalysedArticle(article=article, mentions=work.mentions, events=work.events)
