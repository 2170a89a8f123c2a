"""Ingestion: read inputs, clean them into `Article` records, and spot duplicates.

`read_articles` is the whole read → clean step for callers that do not need the store; the
pipeline's `ingest_paths` adds deduplication, outlet-wide boilerplate and storage.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from newsgraph.errors import InputProblem
from newsgraph.ingest.cleaning import clean, content_hash, normalise
from newsgraph.ingest.dates import find_dateline
from newsgraph.ingest.languages import identify
from newsgraph.ingest.readers import RawArticle, ReadOptions, discover, read_input
from newsgraph.records import Article

__all__ = [
    "RawArticle",
    "ReadOptions",
    "build_article",
    "content_hash",
    "discover",
    "normalise",
    "read_articles",
    "read_input",
]


def build_article(
    raw: RawArticle,
    repeated: frozenset[str] = frozenset(),
    article_id: str | None = None,
    default_date: str | None = None,
) -> Article | InputProblem:
    """Clean a raw article into an `Article`; a problem if nothing of the story is left.

    `default_date` (the user's `ingest --date`) dates an article that neither its metadata nor
    a dateline in its text dates.
    """
    cleaned = clean(raw.text, title=raw.title, repeated=repeated)
    if not cleaned.text.strip():
        return InputProblem(
            raw.source_path,
            raw.source_line,
            "nothing but boilerplate is left after cleaning",
            "check that this is an article",
        )
    digest = content_hash(raw.text)
    published, date_source = raw.published, raw.date_source
    if published is None:
        published = find_dateline(raw.text)
        date_source = "text" if published else "none"
    if published is None and default_date:
        published, date_source = default_date, "option"
    return Article(
        id=article_id or raw.given_id or digest[:16],
        text=cleaned.text,
        raw_text=raw.text,
        title=raw.title,
        url=raw.url,
        outlet=raw.outlet,
        published=published,
        date_source=date_source,
        language=raw.language or identify(cleaned.text),
        paragraphs=cleaned.paragraphs,
        removed=cleaned.removed,
        content_hash=digest,
        source_path=raw.source_path,
        source_line=raw.source_line,
    )


def read_articles(
    paths: Iterable[str], options: ReadOptions | None = None
) -> Iterator[Article | InputProblem]:
    """Read and clean every article under `paths` (no store, no deduplication)."""
    found, problems = discover(paths)
    yield from problems
    for name in found:
        for item in read_input(name, options):
            yield item if isinstance(item, InputProblem) else build_article(item)
