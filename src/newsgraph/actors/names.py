"""Personal names: honorifics and titles to skip, and the short form a person is referred back by.

News refers back to a person by one word: the surname of a Western name ("Putin"), the family
name that comes first in Chinese, Korean and Vietnamese names ("Kim", "Xi", "Wang"), the given
name of an Arabic name built with bin/ibn ("Sheikh Tamim", "Prince Mohammed"), or a single-word
name itself ("Lula", "Naruhito"). Titles ("King", "Sheikh", "General") and honorifics ("Mr") are
never such a word. The word lists live in `data/actors/name_parts.tsv`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


def fold(word: str) -> str:
    """The word without diacritics ("Tô" → "To"), to compare romanisations."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class NameWords:
    """The special words of personal names (see name_parts.tsv for what each kind means)."""

    honorifics: frozenset[str] = frozenset()
    titles: frozenset[str] = frozenset()
    particles: frozenset[str] = frozenset()
    suffixes: frozenset[str] = frozenset()
    family: frozenset[str] = frozenset()
    family_countries: frozenset[str] = frozenset()
    articles: frozenset[str] = frozenset()  # lower case: "al", "el", "ad" …

    @classmethod
    def from_rows(cls, rows: Iterable[dict[str, str]]) -> NameWords:
        kinds: dict[str, set[str]] = {}
        for r in rows:
            kinds.setdefault(r["kind"], set()).add(r["word"])
        return cls(
            honorifics=frozenset(kinds.get("honorific", ())),
            titles=frozenset(kinds.get("title", ())),
            particles=frozenset(kinds.get("particle", ())),
            suffixes=frozenset(kinds.get("suffix", ())),
            family=frozenset(fold(w) for w in kinds.get("family", ())),
            family_countries=frozenset(kinds.get("family_country", ())),
            articles=frozenset(w.lower() for w in kinds.get("article", ())),
        )

    def _prefix_len(self, tokens: Sequence[str], i: int) -> int:
        """How many tokens from `i` form an honorific or title (0 if none), longest first."""
        for n in (3, 2, 1):
            if i + n <= len(tokens):
                words = " ".join(tokens[i : i + n])
                if words in self.titles or words in self.honorifics:
                    return n
                if n == 1 and (words.capitalize() in self.honorifics):  # "MR", "mr"
                    return 1
        return 0

    def strip(self, tokens: Sequence[str]) -> list[str]:
        """The name's own words: leading honorifics and titles and trailing suffixes dropped.

        At least one word is always kept, so "King" alone stays "King".
        """
        i = 0
        while i < len(tokens) - 1:
            n = self._prefix_len(tokens, i)
            if n == 0 or i + n >= len(tokens):
                break
            i += n
        end = len(tokens)
        while end - i > 1 and tokens[end - 1] in self.suffixes:
            end -= 1
        return list(tokens[i:end])

    def bare(self, text: str) -> str:
        """ "Mr Kim" → "Kim", "Sheikh Tamim" → "Tamim"; other text unchanged."""
        return " ".join(self.strip(text.split()))

    def family_first(self, tokens: Sequence[str], countries: Iterable[str] = ()) -> bool:
        """Whether a name (already stripped) writes the family name first.

        The first word must be a listed East Asian family name, and either the person held a
        role in a family-name-first country or the rest looks East Asian: a hyphenated given name
        ("Ban Ki-moon") or two short syllables ("Kim Jong Un", "Lee Hsien Loong").
        """
        if len(tokens) < 2 or fold(tokens[0]) not in self.family:
            return False
        if self.family_countries.intersection(countries):
            return True
        rest = tokens[1:]
        hyphenated = any("-" in t and t.split("-")[-1][:1].islower() for t in rest)
        syllables = len(rest) == 2 and all(len(t) <= 5 for t in rest)
        return hyphenated or syllables

    def key(self, name: str, countries: Iterable[str] = ()) -> str | None:
        """The one word that refers back to the person named `name`, or None."""
        tokens = self.strip(name.split())
        if not tokens:
            return None
        # Single names, bin/ibn names and family-name-first names are referred to by their first
        # word; other names by their last.
        first = len(tokens) == 1 or any(t in self.particles for t in tokens)
        word = tokens[0] if first or self.family_first(tokens, countries) else tokens[-1]
        if len(word) < 2 or word in self.titles or word in self.honorifics:
            return None
        return word

    def keys(self, names: Iterable[str], countries: Iterable[str] = ()) -> tuple[str, ...]:
        """The reference words of all of a person's names, with their diacritic-free forms."""
        country_set = frozenset(countries)
        out: set[str] = set()
        for name in names:
            word = self.key(name, country_set)
            if word is not None:
                out |= {word, fold(word), *self.article_forms(word)}
        return tuple(sorted(out - self.titles - self.honorifics))  # "al-Sheikh" ↛ "Sheikh"

    def article_forms(self, word: str) -> set[str]:
        """Arabic surnames with and without their article: "al-Assad" ↔ "Al-Assad", "Assad"."""
        head, dash, rest = word.partition("-")
        if not dash or head.lower() not in self.articles or not rest[:1].isupper():
            return set()
        return {rest, f"{head.lower()}-{rest}", f"{head.capitalize()}-{rest}"}
