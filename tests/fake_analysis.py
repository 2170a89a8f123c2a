"""A model-free analyser for ingest tests: returns articles with no mentions or events."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from newsgraph.records import AnalysedArticle, Article


class FakeAnalyser:
    """Stands in for `pipeline.Analyser` where only ingestion is under test."""

    def __init__(self, version: str = "test-1") -> None:
        self.version = version
        self.seen: list[str] = []
        self.timings: dict[str, float] = {}

    def selection_counts(self) -> dict[str, int]:
        return {}

    def analyse(self, articles: Iterable[Article]) -> Iterator[AnalysedArticle]:
        for article in articles:
            self.seen.append(article.id)
            yield AnalysedArticle(article=article)
