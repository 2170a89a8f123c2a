"""newsgraph: news articles in, source-attributed political event data out.

Heavy modules (spaCy, the knowledge base) load on first use, so `import newsgraph` stays fast.
"""

from __future__ import annotations

from newsgraph.pipeline import Analyser, IngestOptions, IngestReport, Options, ingest_paths
from newsgraph.queries import list_events, summarise_events
from newsgraph.records import ActorRef, AnalysedArticle, Article, Event, Location, Mention, Transfer
from newsgraph.store import EventFilter, Store, open_store

__version__ = "0.1.0"

__all__ = [
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
]
