"""Near-duplicate detection: 64-bit simhash over word shingles, confirmed by an edit ratio.

Syndicated copies with small edits (a changed headline word, an added sentence) land within a
few bits of each other; the rapidfuzz ratio then rules out unrelated texts that collide.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from newsgraph.ingest.cleaning import normalise, story_keys

# Measured on the VOA corpus (89 stories, ~600 words; see tests/test_dedup.py): with word
# pairs, unrelated stories are >= 17 bits apart, while copies with 5 of ~600 words changed are
# within 7 bits 99% of the time (10 changed: 87%). Short texts are noisier: each shingle weighs
# more, so a copy of a 60-word brief with one word added can be 10 bits away and is missed.
SHINGLE = 2  # words per shingle
MAX_HAMMING = 7  # at most this many differing bits (the store's 8 bands find every such pair)
MIN_RATIO = 90.0  # rapidfuzz ratio (0-100) a candidate must reach to count as a near-duplicate
# An article updates an earlier one (same outlet, URL or given id) when it holds more than this
# share of the earlier one's story paragraphs.
UPDATE_MIN_SHARE = 0.5
_WORD = re.compile(r"\w+", re.U)


def _hash64(token: str) -> int:
    return int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest(), "big")


def shingles(text: str, size: int = SHINGLE) -> list[str]:
    words = _WORD.findall(normalise(text))
    if len(words) <= size:
        return [" ".join(words)] if words else []
    return [" ".join(words[i : i + size]) for i in range(len(words) - size + 1)]


def simhash(text: str) -> int:
    """A 64-bit locality-sensitive fingerprint: similar texts differ in few bits.

    Bit i is set when more shingle hashes have bit i set than clear (numpy does the counting).
    """
    import numpy

    hashes = numpy.array([_hash64(s) for s in shingles(text)], dtype=">u8")
    if not len(hashes):
        return 0
    bits = numpy.unpackbits(hashes.view(numpy.uint8).reshape(-1, 8), axis=1)  # MSB first
    ones = bits.sum(axis=0, dtype=numpy.int64)
    return sum(1 << (63 - i) for i in (2 * ones > len(hashes)).nonzero()[0].tolist())


def hamming(a: int, b: int) -> int:
    return (a ^ b).bit_count()


def similarity(a: str, b: str) -> float:
    """Edit similarity of two texts in [0, 1] (on their normalised forms)."""
    from rapidfuzz import fuzz

    return float(fuzz.ratio(normalise(a), normalise(b))) / 100.0


@dataclass(frozen=True)
class NearDuplicate:
    original_id: str
    similarity: float


@dataclass
class NearDuplicateIndex:
    """Finds the original of a near-duplicate among stored articles and those seen this run.

    `candidates` returns stored (id, simhash) pairs that may be within reach (the store's band
    lookup); `text_of` fetches a stored article's text to confirm.
    """

    candidates: Callable[[int], list[tuple[str, int]]]
    text_of: Callable[[str], str | None]
    max_hamming: int = MAX_HAMMING
    min_ratio: float = MIN_RATIO
    _pending: dict[str, tuple[int, str]] = field(default_factory=dict)

    def add(self, article_id: str, fingerprint: int, text: str) -> None:
        """Remember an article of this run that is not in the store yet."""
        self._pending[article_id] = (fingerprint, text)

    def find(self, fingerprint: int, text: str) -> NearDuplicate | None:
        """The closest earlier article this text nearly duplicates, if any."""
        pairs: Iterable[tuple[str, int]] = [
            *self.candidates(fingerprint),
            *((i, f) for i, (f, _) in self._pending.items()),
        ]
        distances = ((hamming(fingerprint, f), i) for i, f in pairs)
        close = sorted((d, i) for d, i in distances if d <= self.max_hamming)
        for _, other_id in close:
            mine = self._pending.get(other_id)
            other = mine[1] if mine is not None else self.text_of(other_id)
            if other is None:
                continue
            score = similarity(text, other)
            if score * 100 >= self.min_ratio:
                return NearDuplicate(other_id, round(score, 4))
        return None


def find_update(
    paragraphs: frozenset[str], earlier: Iterable[tuple[str, frozenset[str]]]
) -> str | None:
    """The earlier article this one updates (republishes with changes), if any.

    `paragraphs` and each earlier `(id, paragraph keys)` (most recent first) are normalised
    cleaned paragraphs. This article updates an earlier one when it holds more than
    UPDATE_MIN_SHARE of the earlier one's story paragraphs (boilerplate-shaped ones left aside
    while any prose is there); among several, the one it shares most with, the most recent on
    a tie (so v3 links to v2, which links to v1).
    """
    best: str | None = None
    best_shared = 0
    for other_id, theirs in earlier:
        wanted = story_keys(theirs)
        shared = len(paragraphs & wanted)
        if shared > UPDATE_MIN_SHARE * len(wanted) and shared > best_shared:
            best, best_shared = other_id, shared
    return best
