"""The pipeline: articles → language analysis → actors → events, and ingestion into the store."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING, Any

from newsgraph.errors import InputProblem
from newsgraph.language import load_model
from newsgraph.records import AnalysedArticle, Article
from newsgraph.stages import Stage, Work, check_order
from newsgraph.store import Source, Store, StoredItem

if TYPE_CHECKING:
    from spacy.language import Language

    from newsgraph.ingest.readers import RawArticle


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


# -- ingestion: read → clean → dedup → analyse → store ---------------------------------------

ProgressCallback = Callable[[int, int], None]  # (inputs done, inputs total)
MAX_OUTLET_TEXTS = 200  # recent articles per outlet compared for repeated boilerplate lines


def analysis_version() -> str:
    """The current analysis version, known without loading the model."""
    from newsgraph.events import CODER_VERSION

    return CODER_VERSION


@dataclass(frozen=True)
class IngestOptions:
    """How to ingest: batch size (one transaction each), read limits, duplicate detection."""

    batch_size: int = 16
    max_bytes: int = 20 * 1024 * 1024
    near_duplicates: bool = True
    outlet_boilerplate: bool = True


@dataclass
class IngestReport:
    """What an ingest run did; `problems` lists every rejected input, in order."""

    read: int = 0  # articles read from the inputs
    stored: int = 0  # new articles written
    exact_duplicates: int = 0  # copies of an article seen earlier in this run
    near_duplicates: int = 0  # new articles linked to an original (counted in `stored` too)
    skipped: int = 0  # already stored and analysed with the current version
    reanalysed: int = 0  # already stored, analysed again under a new version
    problems: list[InputProblem] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return len(self.problems)

    def summary(self) -> str:
        return (
            f"read {self.read} articles: {self.stored} stored ({self.near_duplicates} near "
            f"duplicates), {self.exact_duplicates} exact duplicates, {self.skipped} already "
            f"stored, {self.reanalysed} re-analysed; {self.rejected} inputs rejected"
        )

    def to_dict(self) -> dict[str, Any]:
        counts = {k: v for k, v in asdict(self).items() if k != "problems"}
        return counts | {
            "rejected": self.rejected,
            "problems": [asdict(p) | {"message": p.message()} for p in self.problems],
        }


def ingest_paths(
    paths: Iterable[str],
    store: Store,
    *,
    analyser: Analyser | None = None,
    analyser_factory: Callable[[], Analyser] | None = None,
    options: IngestOptions | None = None,
    progress: ProgressCallback | None = None,
) -> IngestReport:
    """Read, clean, deduplicate, analyse and store every article under `paths`.

    Idempotent: articles already stored and analysed with the current version are skipped (their
    new sources still recorded). Each batch is one transaction, so a killed run can be re-run.
    The analyser (and so the spaCy model) is created only if something needs analysing.
    """
    run = _IngestRun(store, analyser, analyser_factory or Analyser, options or IngestOptions())
    return run.run(paths, progress)


@dataclass
class _Pending:
    """An article waiting in the current batch, with everything needed to store it."""

    article: Article
    source: Source
    simhash: int | None = None
    duplicate_of: str | None = None
    similarity: float | None = None
    extra_sources: list[Source] = field(default_factory=list)


class _IngestRun:
    """The state of one ingest run: the pending batch, hashes and ids seen, outlet line sets."""

    def __init__(
        self,
        store: Store,
        analyser: Analyser | None,
        factory: Callable[[], Analyser],
        options: IngestOptions,
    ) -> None:
        from newsgraph.ingest.dedup import NearDuplicateIndex

        self.store = store
        self.analyser = analyser
        self.factory = factory
        self.options = options
        self.version = analyser.version if analyser is not None else analysis_version()
        self.report = IngestReport()
        self.pending: dict[str, _Pending] = {}  # content hash → article in the current batch
        self.loose_sources: list[Source] = []  # new sources of articles already stored
        self.run_hashes: dict[str, str] = {}  # content hash → article id, for this run
        self.run_ids: set[str] = set()
        self.outlet_keys: dict[str, list[frozenset[str]]] = {}
        self.near = NearDuplicateIndex(store.near_duplicate_candidates, store.article_text)

    def run(self, paths: Iterable[str], progress: ProgressCallback | None) -> IngestReport:
        from newsgraph.ingest import ReadOptions, discover, read_input

        found, problems = discover(paths)
        self.report.problems.extend(problems)
        read_options = ReadOptions(max_bytes=self.options.max_bytes)
        for done, name in enumerate(found, start=1):
            for item in read_input(name, read_options):
                if isinstance(item, InputProblem):
                    self.report.problems.append(item)
                else:
                    self.report.read += 1
                    self._take(item)
                if len(self.pending) >= self.options.batch_size:
                    self._flush()
            if progress is not None:
                progress(done, len(found))
        self._flush()
        return self.report

    def _take(self, raw: RawArticle) -> None:
        from newsgraph.ingest import content_hash

        digest = content_hash(raw.text)
        source = Source(
            article_id="",
            path=raw.source_path,
            line=raw.source_line or 0,
            given_id=raw.given_id,
            url=raw.url,
            outlet=raw.outlet,
            title=raw.title,
        )
        if digest in self.run_hashes:
            self.report.exact_duplicates += 1
            source = replace(source, article_id=self.run_hashes[digest])
            if digest in self.pending:
                self.pending[digest].extra_sources.append(source)
            else:
                self.loose_sources.append(source)
            return
        stored_id = self.store.find_by_hash(digest)
        if stored_id is not None:
            self.run_hashes[digest] = stored_id
            source = replace(source, article_id=stored_id)
            stored = self.store.article_record(stored_id)
            if self.store.analysed_version(stored_id) == self.version or stored is None:
                self.report.skipped += 1
                self.loose_sources.append(source)
            else:
                self.report.reanalysed += 1
                self.pending[digest] = _Pending(stored, source)
            return
        self._take_new(raw, digest, source)

    def _take_new(self, raw: RawArticle, digest: str, source: Source) -> None:
        from newsgraph.ingest import build_article
        from newsgraph.ingest.cleaning import line_keys, repeated_lines
        from newsgraph.ingest.dedup import simhash

        article_id = raw.given_id or digest[:16]
        if article_id in self.run_ids or self.store.find_by_id(article_id) is not None:
            # The same id with different content (an updated story): keep both, apart.
            article_id = f"{article_id}-{digest[:8]}"
        keys: list[frozenset[str]] | None = None
        if raw.outlet and self.options.outlet_boilerplate:
            keys = self.outlet_keys.get(raw.outlet)
            if keys is None:
                texts = self.store.outlet_lines(raw.outlet, MAX_OUTLET_TEXTS)
                keys = self.outlet_keys[raw.outlet] = [line_keys(t) for t in texts]
        repeated = repeated_lines(raw.text, keys) if keys else frozenset()
        built = build_article(raw, repeated, article_id)
        if isinstance(built, InputProblem):
            self.report.problems.append(built)
            return
        if keys is not None:
            keys.insert(0, line_keys(raw.text))
            del keys[MAX_OUTLET_TEXTS:]
        fingerprint = simhash(built.text)
        near = self.near.find(fingerprint, built.text) if self.options.near_duplicates else None
        self.near.add(built.id, fingerprint, built.text)
        self.run_hashes[digest] = built.id
        self.run_ids.add(built.id)
        self.report.stored += 1
        self.report.near_duplicates += near is not None
        self.pending[digest] = _Pending(
            built,
            replace(source, article_id=built.id),
            fingerprint,
            near.original_id if near else None,
            near.similarity if near else None,
        )

    def _flush(self) -> None:
        """Analyse the pending batch and write it in one transaction, with loose sources."""
        if self.pending:
            if self.analyser is None:
                self.analyser = self.factory()
            batch = list(self.pending.values())
            analysed = list(self.analyser.analyse([p.article for p in batch]))
            self.store.write_batch(
                [
                    StoredItem(
                        analysed=result,
                        source=p.source,
                        simhash=p.simhash,
                        duplicate_of=p.duplicate_of,
                        similarity=p.similarity,
                        analysed_version=self.version,
                        extra_sources=tuple(p.extra_sources),
                    )
                    for p, result in zip(batch, analysed, strict=True)
                ]
            )
            self.pending.clear()
        if self.loose_sources:
            self.store.add_sources(self.loose_sources)
            self.loose_sources.clear()
