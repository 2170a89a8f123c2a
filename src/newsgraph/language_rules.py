"""Fast stand-ins for the model's rule components: spaCy's attribute ruler and lemmatizer.

Same rules, same tables, same annotations (tests compare them token by token with spaCy's own);
they work from token arrays, ask spaCy once per distinct word, and annotate given token ranges
of a doc, so that `language.SelectivePipeline` runs them once per article over its parsed
sentences instead of once per sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

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
        self.word_keys = [self.vocab.strings.add(w) for w in self.by_word]

    def __call__(self, doc: Doc) -> Doc:
        return self.apply(doc, [(0, len(doc))])

    def apply(self, doc: Doc, ranges: Sequence[tuple[int, int]]) -> Doc:
        """Annotate the tokens of the ranges as if each range were a doc of its own.

        The tag table leaves untagged tokens (outside the ranges) as they are; an exception
        counts only where its whole pattern lies inside one range.
        """
        self._apply_tag_table(doc)
        self._apply_exceptions(doc, _range_ids(len(doc), ranges))
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

    def _apply_exceptions(self, doc: Doc, range_of: list[int]) -> None:
        import numpy
        from spacy.attrs import LOWER
        from spacy.tokens._retokenize import set_token_attrs

        found: set[tuple[int, int, int]] = set()  # (exception, start, end)
        lower = doc.to_array([LOWER]).reshape(-1)
        for i in numpy.isin(lower, self.word_keys).nonzero()[0].tolist():
            for exc, pat in self.by_word[self.vocab.strings[int(lower[i])]]:
                end = i + len(pat)
                if (
                    end <= len(doc)
                    and range_of[i] >= 0
                    and range_of[i] == range_of[end - 1]
                    and all(_token_matches(doc[i + k], cond) for k, cond in enumerate(pat))
                ):
                    found.add((exc, i, end))
        for match_id, start, end in self.matcher(doc, allow_missing=True):
            if range_of[start] >= 0 and range_of[start] == range_of[end - 1]:
                found.add((int(self.vocab.strings[match_id]), start, end))
        for exc, start, end in sorted(found, key=lambda m: (self.exceptions[m[0]][0], m[1], m[2])):
            order, attrs, index = self.exceptions[exc]
            token = doc[start:end][index]
            row = self.tag_table.get(token.tag, {})
            keep = {k: v for k, v in attrs.items() if k not in row or row[k][0] < order}
            if keep:
                set_token_attrs(token, keep)


class FastLemmatizer:
    """spaCy's rule lemmatizer with one lookup per distinct (word, POS, morphology) per process.

    spaCy's lemmatizer visits every token in Python and caches only the words its rules reach
    (not proper nouns nor base forms); its answer depends on nothing but the word, the POS and
    the morphology, so every distinct triple is asked once and the doc is written in one array.
    """

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = _with_index_sets(lemmatizer)
        self.strings = lemmatizer.vocab.strings
        self.cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        return self.apply(doc, [(0, len(doc))])

    def apply(self, doc: Doc, ranges: Sequence[tuple[int, int]]) -> Doc:
        """Lemmatize the tokens of the ranges (those of a parsed sentence), no others."""
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if not len(doc):
            return doc
        arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = arr[:, 3].copy()
        cache = self.cache
        range_of = _range_ids(len(doc), ranges)
        for i, (orth, pos, morph, lemma) in enumerate(arr.tolist()):
            if lemma or range_of[i] < 0:
                continue
            key = (orth, pos, morph)
            found = cache.get(key)
            if found is None:
                found = cache[key] = self.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))  # type: ignore[arg-type]
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def _range_ids(length: int, ranges: Sequence[tuple[int, int]]) -> list[int]:
    """For each token, the index of the range that holds it, or -1."""
    out = [-1] * length
    for k, (start, end) in enumerate(ranges):
        out[start:end] = [k] * (end - start)
    return out


def _with_index_sets(lemmatizer: Any) -> Any:
    """A copy of the lemmatizer whose word index per POS is a set, not the model's list.

    spaCy's rules test each candidate form with `form in index`, a scan of a list of thousands
    of words: about a tenth of a millisecond per new word. Same tables, same answers.
    """
    import copy

    from spacy.lookups import Lookups

    if "lemma_index" not in lemmatizer.lookups.tables:
        return lemmatizer
    lookups = Lookups()
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        if name == "lemma_index":
            lookups.add_table(name, {pos: frozenset(words) for pos, words in table.items()})
        else:
            lookups.set_table(name, table)
    fast = copy.copy(lemmatizer)
    fast.lookups = lookups
    fast.cache = {}
    # spaCy binds `lemmatize` to the mode's method at creation: bind it to the copy, not the
    # original (whose tables still hold lists)
    fast.lemmatize = getattr(fast, f"{fast.mode}_lemmatize")
    return fast


FAST_STEPS: dict[str, Callable[[Any], Any]] = {
    "attribute_ruler": FastAttributeRuler,
    # spaCy's own when it is to overwrite lemmas (the fast one only fills missing ones)
    "lemmatizer": lambda p: p if p.overwrite else FastLemmatizer(p),
}


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
