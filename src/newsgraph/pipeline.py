"""The pipeline: articles → language analysis → actors → events, and ingestion into the store."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import partial
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgraph.errors import InputProblem
from newsgraph.language import SelectivePipeline, fresh_model
from newsgraph.records import AnalysedArticle, Article
from newsgraph.selection import build_selector
from newsgraph.stages import Stage, Work, check_order
from newsgraph.store import Source, Store, StoredItem, Written

if TYPE_CHECKING:
    from spacy.language import Language

    from newsgraph.ingest.readers import RawArticle
    from newsgraph.workers import ParallelAnalyser


@dataclass(frozen=True)
class Options:
    """How to run the pipeline; passed explicitly so it can run in worker processes."""

    batch_size: int = 16
    workers: int = 1
    selective: bool = True  # parse only sentences that can carry an event (see language.py)
    actors: tuple[str, ...] = ()  # the user's actor files (actors/kb.py), loaded by every worker


def batched(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Consecutive lists of `size` items (the last may be shorter); never materialises the input."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def default_stages(nlp: Language, actors: tuple[str, ...] = ()) -> list[Stage]:
    """The standard analysis stages, in order (the actor stage also extends `nlp`)."""
    from newsgraph.actors import ActorStage
    from newsgraph.events import EventStage
    from newsgraph.events.context import ContextStage

    actor_stage = ActorStage.load(user_files=actors)
    actor_stage.extend(nlp)
    return [actor_stage, EventStage.load(), ContextStage.load()]


class Analyser:
    """Runs spaCy and the analysis stages over a stream of articles, model loaded once."""

    def __init__(self, stages: Sequence[Stage] | None = None, options: Options | None = None):
        self.options = options or Options()
        self.nlp = fresh_model()
        self.stages = (
            list(stages) if stages is not None else default_stages(self.nlp, self.options.actors)
        )
        check_order(self.stages)
        selector = build_selector(self.stages, self.nlp) if self.options.selective else None
        self.selective = SelectivePipeline(self.nlp, selector) if selector else None
        self.timings: dict[str, float] = {"language": 0.0} | {s.name: 0.0 for s in self.stages}

    @property
    def version(self) -> str:
        """Identifies the analysis (coder and knowledge versions) for idempotent re-runs."""
        return analysis_version(self.options.actors)

    def selection_counts(self) -> dict[str, int]:
        """Sentences parsed and skipped so far (empty when not selective)."""
        if self.selective is None:
            return {}
        c = self.selective.counts
        return {"parsed": c.parsed, "skipped": c.skipped}

    def analyse(self, articles: Iterable[Article]) -> Iterator[AnalysedArticle]:
        for batch in batched(articles, self.options.batch_size):
            yield from self.analyse_batch(batch)

    def analyse_batch(self, articles: Sequence[Article]) -> list[AnalysedArticle]:
        """Analyse a batch of articles (one spaCy batch), timing each stage.

        Articles in a language the English coder cannot read are returned with no mentions or
        events (stored and searchable, not coded).
        """
        from newsgraph.ingest.languages import is_coded

        coded = [a for a in articles if is_coded(a.language)]
        if len(coded) < len(articles):
            done = iter(self._analyse_coded(coded))
            return [
                next(done) if is_coded(a.language) else AnalysedArticle(a, (), ()) for a in articles
            ]
        return self._analyse_coded(articles)

    def _analyse_coded(self, articles: Sequence[Article]) -> list[AnalysedArticle]:
        if not articles:
            return []
        clock = time.perf_counter()
        texts = [a.text for a in articles]
        if self.selective is not None:
            docs = self.selective.analyse(texts, self.options.batch_size)
        else:
            docs = list(self.nlp.pipe(texts, batch_size=self.options.batch_size))
        now = time.perf_counter()
        self.timings["language"] += now - clock
        out = []
        for article, doc in zip(articles, docs, strict=True):
            work = Work(article=article, doc=doc)
            for stage in self.stages:
                work = stage(work)
                later = time.perf_counter()
                self.timings[stage.name] += later - now
                now = later
            out.append(AnalysedArticle(article=article, mentions=work.mentions, events=work.events))
        return out


# -- ingestion: read → clean → dedup → analyse → store ---------------------------------------

ProgressCallback = Callable[[int, int], None]  # (inputs done, inputs total)
MAX_OUTLET_TEXTS = 200  # recent articles per outlet compared for repeated boilerplate lines


def analysis_version(actors: Sequence[str] = ()) -> str:
    """The current analysis version, known without loading the model.

    A user's actor files change the analysis: their content's hash is part of the version, so
    re-ingesting with new or edited files analyses stored articles again.
    """
    from newsgraph.events import CODER_VERSION

    if not actors:
        return CODER_VERSION
    digest = hashlib.sha256()
    for path in actors:
        digest.update(Path(path).read_bytes())
    return f"{CODER_VERSION}+actors.{digest.hexdigest()[:12]}"


@dataclass(frozen=True)
class IngestOptions:
    """How to ingest: batch size (one transaction each), read limits, duplicate detection."""

    batch_size: int = 16
    max_bytes: int = 20 * 1024 * 1024
    near_duplicates: bool = True
    outlet_boilerplate: bool = True
    workers: int = 1  # analysis processes; the calling process stays the single writer
    selective: bool = True  # parse only sentences that can carry an event
    default_date: str | None = None  # YYYY-MM-DD for articles that carry no date of their own
    actors: tuple[str, ...] = ()  # the user's actor files (actors/kb.py)

    def analysis(self) -> Options:
        """The options of the analysers this ingest starts, in process or in workers."""
        return Options(batch_size=self.batch_size, selective=self.selective, actors=self.actors)


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
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
    sentences: dict[str, int] = field(default_factory=dict)  # sentences per analysis level
    peak_rss_kb: int = 0  # largest resident set of an analysis worker (0: analysed in-process)
    # new articles stored but not coded, by reason ("language de": not English)
    uncoded: dict[str, int] = field(default_factory=dict)

    @property
    def rejected(self) -> int:
        return len(self.problems)

    def summary(self) -> str:
        uncoded = ""
        if self.uncoded:
            reasons = ", ".join(f"{n} {why}" for why, n in sorted(self.uncoded.items()))
            uncoded = f"; {sum(self.uncoded.values())} stored but not coded ({reasons})"
        return (
            f"read {self.read} articles: {self.stored} stored ({self.near_duplicates} near "
            f"duplicates), {self.exact_duplicates} exact duplicates, {self.skipped} already "
            f"stored, {self.reanalysed} re-analysed{uncoded}; {self.rejected} inputs rejected"
        )

    def to_dict(self) -> dict[str, Any]:
        skip = {"problems", "timings", "sentences", "peak_rss_kb"}
        counts = {k: v for k, v in asdict(self).items() if k not in skip}
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
    options = options or IngestOptions()
    if options.actors:
        from newsgraph.actors import load_kb

        load_kb(None, options.actors)  # a bad actors file stops the run before it starts
    factory = analyser_factory or partial(Analyser, options=options.analysis())
    run = _IngestRun(store, analyser, factory, options)
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
    update_of: str | None = None
    # paragraphs an earlier article of the same outlet already carries: their events are coded
    # there, once, not again here (a background paragraph the outlet repeats in every story)
    repeated_spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class _Seen:
    """An article of an outlet as update and boilerplate detection compare it."""

    id: str
    lines: frozenset[str]  # normalised raw lines (`cleaning.line_keys`)
    paragraphs: frozenset[str]  # normalised cleaned paragraphs (`cleaning.paragraph_keys`)


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
        version = analyser.version if analyser is not None else analysis_version(options.actors)
        self.version = version
        self.report = IngestReport()
        self.pending: dict[str, _Pending] = {}  # content hash → article in the current batch
        self.loose_sources: list[Source] = []  # new sources of articles already stored
        self.run_hashes: dict[str, str] = {}  # content hash → article id, for this run
        self.run_ids: set[str] = set()
        self.outlet_seen: dict[str, list[_Seen]] = {}  # outlet → its recent articles, newest first
        self.linked: dict[str, list[tuple[str, frozenset[str]]]] = {}  # URL or given id → articles
        self.near = NearDuplicateIndex(store.near_duplicate_candidates, store.article_text)
        self.parallel: ParallelAnalyser[tuple[list[_Pending], list[Source]]] | None = None
        self.deferred_sources: list[Source] = []  # wait for the batches in flight to land
        self.held: tuple[list[_Pending], list[Source]] | None = None  # first batch, see _flush
        self.clock = {"read": 0.0, "store": 0.0}
        self.moved: dict[str, str] = {}  # article id → where another writer's race put it

    def run(self, paths: Iterable[str], progress: ProgressCallback | None) -> IngestReport:
        try:
            self._read_all(paths, progress)
            self._flush(final=True)
            if self.held is not None:
                self._analyse_here(*self.held)
                self.held = None
            if self.parallel is not None:
                for (batch, loose), analysed in self.parallel.drain():
                    self._write(batch, analysed, loose)
            if self.deferred_sources:
                self._write([], [], self.deferred_sources)
        except BaseException:  # an error, Ctrl-C or SIGTERM: stop the workers now, not later
            if self.parallel is not None:
                self.parallel.close(abort=True)
                self.parallel = None
            raise
        finally:
            if self.parallel is not None:
                self.parallel.close()
        self._collect_measures()
        return self.report

    def _read_all(self, paths: Iterable[str], progress: ProgressCallback | None) -> None:
        from newsgraph.ingest import ReadOptions, discover, read_input

        found, problems = discover(paths)
        self.report.problems.extend(problems)
        read_options = ReadOptions(max_bytes=self.options.max_bytes)
        started = time.perf_counter()
        for done, name in enumerate(found, start=1):
            for item in read_input(name, read_options):
                if isinstance(item, InputProblem):
                    self.report.problems.append(item)
                else:
                    self.report.read += 1
                    self._take(item)
                if len(self.pending) >= self.options.batch_size:
                    self.clock["read"] += time.perf_counter() - started
                    self._flush()
                    started = time.perf_counter()
            if progress is not None:
                progress(done, len(found))
        self.clock["read"] += time.perf_counter() - started

    def _collect_measures(self) -> None:
        timings: dict[str, float] = {"read": self.clock["read"]}
        if self.parallel is not None:
            timings |= self.parallel.timings
            self.report.sentences = dict(self.parallel.counts)
        elif self.analyser is not None:
            timings |= self.analyser.timings
            self.report.sentences = self.analyser.selection_counts()
        timings["store"] = self.clock["store"]
        self.report.timings = {k: round(v, 3) for k, v in timings.items()}
        if self.parallel is not None:
            self.report.peak_rss_kb = self.parallel.peak_rss_kb

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
        from newsgraph.ingest.cleaning import line_key, line_keys, paragraph_keys, repeated_lines
        from newsgraph.ingest.dedup import find_update, simhash
        from newsgraph.ingest.languages import is_coded

        article_id = self._free_id(raw.given_id or digest[:16], digest)
        seen = self._outlet_articles(raw.outlet) if raw.outlet else None
        repeated: frozenset[str] = frozenset()
        if seen and self.options.outlet_boilerplate:
            repeated = repeated_lines(raw.text, [s.lines for s in seen])
        built = build_article(raw, repeated, article_id, self.options.default_date)
        if isinstance(built, InputProblem):
            self.report.problems.append(built)
            return
        paragraphs = paragraph_keys(built.text)
        update_of = find_update(paragraphs, self._update_candidates(raw, seen or []))
        earlier = frozenset().union(*(s.paragraphs for s in seen or []))
        repeated_spans = tuple(
            (start, end)
            for start, end in built.paragraphs
            if line_key(built.text[start:end]) in earlier
        )
        if seen is not None:
            seen.insert(0, _Seen(built.id, line_keys(raw.text), paragraphs))
            del seen[MAX_OUTLET_TEXTS:]
        for key in _link_keys(raw):
            self.linked.setdefault(key, []).insert(0, (built.id, paragraphs))
        fingerprint = simhash(built.text)
        near = self.near.find(fingerprint, built.text) if self.options.near_duplicates else None
        self.near.add(built.id, fingerprint, built.text)
        self.run_hashes[digest] = built.id
        self.run_ids.add(built.id)
        self.report.stored += 1
        self.report.near_duplicates += near is not None
        if not is_coded(built.language):
            reason = f"not English: {built.language}"
            self.report.uncoded[reason] = self.report.uncoded.get(reason, 0) + 1
        self.pending[digest] = _Pending(
            built,
            replace(source, article_id=built.id),
            fingerprint,
            near.original_id if near else None,
            near.similarity if near else None,
            update_of=update_of,
            repeated_spans=repeated_spans,
        )

    def _free_id(self, wanted: str, digest: str) -> str:
        """`wanted` if no article has it, else the first free of `wanted-<digest prefix>`.

        The same id with different content (an updated story) keeps both articles, apart. A
        generated id may equal an id given to another article (`K-1a2b3c4d`), so each candidate
        is checked against this run and the store and lengthened, then numbered, until free:
        deterministic for the same inputs and store.
        """
        candidates = [wanted, *(f"{wanted}-{digest[:n]}" for n in (8, 12, 16, 24, len(digest)))]
        for candidate in candidates:
            if not self._id_taken(candidate):
                return candidate
        number = 2
        while self._id_taken(f"{wanted}-{digest}-{number}"):
            number += 1
        return f"{wanted}-{digest}-{number}"

    def _id_taken(self, article_id: str) -> bool:
        return article_id in self.run_ids or self.store.find_by_id(article_id) is not None

    def _outlet_articles(self, outlet: str) -> list[_Seen]:
        """The outlet's recent articles (stored, then of this run), loaded once per run."""
        from newsgraph.ingest.cleaning import line_keys, paragraph_keys

        seen = self.outlet_seen.get(outlet)
        if seen is None:
            seen = self.outlet_seen[outlet] = [
                _Seen(i, line_keys(raw), paragraph_keys(text))
                for i, raw, text in self.store.outlet_articles(outlet, MAX_OUTLET_TEXTS)
            ]
        return seen

    def _update_candidates(
        self, raw: RawArticle, seen: list[_Seen]
    ) -> list[tuple[str, frozenset[str]]]:
        """Earlier articles this one may update: same URL or given id, then same outlet."""
        from newsgraph.ingest.cleaning import paragraph_keys

        found: dict[str, frozenset[str]] = {}
        for key in _link_keys(raw):
            for article_id, paragraphs in self.linked.get(key, []):
                found.setdefault(article_id, paragraphs)
        if raw.url or raw.given_id:
            for article_id, text in self.store.articles_read_as(raw.url, raw.given_id):
                if article_id not in found:
                    found[article_id] = paragraph_keys(text)
        for s in seen:
            found.setdefault(s.id, s.paragraphs)
        return list(found.items())

    def _flush(self, final: bool = False) -> None:
        """Send the pending batch to analysis; write what has come back, in input order."""
        batch = list(self.pending.values())
        loose = self.loose_sources
        self.pending = {}
        self.loose_sources = []
        if not batch:
            if self.held is not None:
                self._analyse_here(*self.held)  # the only batch of the run
                self.held = None
            if self.parallel is not None and self.parallel.in_flight:
                self.deferred_sources.extend(loose)
            elif loose:
                self._write([], [], loose)
            return
        if self.options.workers > 1 and self.analyser is None:
            if self.parallel is None and self.held is None and not final:
                self.held = (batch, loose)  # one batch alone is not worth starting workers
                return
            if self.parallel is None and self.held is not None:
                from newsgraph.workers import ParallelAnalyser

                self.parallel = ParallelAnalyser(self.options.workers, self.options.analysis())
                held, self.held = self.held, None
                self._submit(*held)
            if self.parallel is not None:
                self._submit(batch, loose)
                return
        self._analyse_here(batch, loose)

    def _submit(self, batch: list[_Pending], loose: list[Source]) -> None:
        assert self.parallel is not None
        articles = [p.article for p in batch]
        for (done, done_loose), analysed in self.parallel.submit((batch, loose), articles):
            self._write(done, analysed, done_loose)

    def _analyse_here(self, batch: list[_Pending], loose: list[Source]) -> None:
        if self.analyser is None:
            self.analyser = self.factory()
        self._write(batch, list(self.analyser.analyse([p.article for p in batch])), loose)

    def _write(
        self, batch: list[_Pending], analysed: list[AnalysedArticle], loose: list[Source]
    ) -> None:
        """One transaction for the batch's articles, then the sources of their earlier copies."""
        started = time.perf_counter()
        written = self.store.write_batch(
            [
                StoredItem(
                    analysed=_without_repeated(result, p.repeated_spans),
                    source=p.source,
                    simhash=p.simhash,
                    duplicate_of=self.moved.get(p.duplicate_of or "", p.duplicate_of),
                    similarity=p.similarity,
                    analysed_version=self.version,
                    extra_sources=tuple(p.extra_sources),
                    update_of=p.update_of,
                )
                for p, result in zip(batch, analysed, strict=True)
            ]
        )
        if loose:
            self.store.add_sources(
                [replace(s, article_id=self.moved.get(s.article_id, s.article_id)) for s in loose]
            )
        self.clock["store"] += time.perf_counter() - started
        self._settle_races(batch, written)

    def _settle_races(self, batch: list[_Pending], written: list[Written]) -> None:
        """Count what another process stored first; rename and analyse again what lost its id."""
        renamed = []
        for p, w in zip(batch, written, strict=True):
            if w.outcome == "merged":  # the same text, stored meanwhile by another process
                self.moved[p.article.id] = self.run_hashes[p.article.content_hash] = w.article_id
                self.report.stored -= 1
                self.report.near_duplicates -= p.duplicate_of is not None
                self.report.exact_duplicates += 1
            elif w.outcome == "id_taken":  # another text took this id meanwhile: keep both
                new_id = self._free_id(p.article.id, p.article.content_hash)
                self.moved[p.article.id] = self.run_hashes[p.article.content_hash] = new_id
                renamed.append(
                    replace(
                        p,
                        article=replace(p.article, id=new_id),
                        source=replace(p.source, article_id=new_id),
                        extra_sources=[replace(s, article_id=new_id) for s in p.extra_sources],
                    )
                )
        if renamed:
            self._analyse_here(renamed, [])


def _without_repeated(
    result: AnalysedArticle, spans: tuple[tuple[int, int], ...]
) -> AnalysedArticle:
    """The analysis less the events stated in paragraphs an earlier article already carries."""
    if not spans:
        return result
    kept = tuple(e for e in result.events if not any(a <= e.start and e.end <= b for a, b in spans))
    return replace(result, events=kept)


def _link_keys(raw: RawArticle) -> list[str]:
    """Keys under which an article's later versions find it: its URL and its given id."""
    return [k for k in (raw.url and f"url:{raw.url}", raw.given_id and f"id:{raw.given_id}") if k]
