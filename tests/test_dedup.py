"""Near-duplicate detection: simhash distance plus an edit-ratio check."""

from __future__ import annotations

import itertools
import json
import random

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import VOA, needs_shared

from newsgraph.ingest.dedup import (
    MAX_HAMMING,
    NearDuplicateIndex,
    hamming,
    shingles,
    simhash,
    similarity,
)

ORIGINAL = (
    "Russian President Vladimir Putin said on Wednesday that Russia would help North Korea "
    "develop satellites, as he hosted leader Kim Jong Un at the Vostochny Cosmodrome in the "
    "Russian Far East. The two leaders held talks for about four hours, including a one-on-one "
    "session, and Kim later raised a toast at a dinner. The United States had warned before "
    "the summit that North Korea would pay a price if it sold weapons to Russia. Japan and "
    "South Korea said they were watching the meeting closely and would respond together."
)
SYNDICATED = ORIGINAL.replace("develop satellites", "build satellites").replace(
    "watching the meeting closely", "closely watching the meeting"
)
UNRELATED = (
    "Morocco said on Sunday it had accepted offers of search and rescue teams from Spain, "
    "Britain, Qatar and the United Arab Emirates, two days after the strongest earthquake to "
    "hit the country in more than a century. The magnitude 6.8 quake struck late on Friday in "
    "the High Atlas mountains south-west of Marrakech, killing more than two thousand people."
)


def test_syndicated_copy_is_close_and_unrelated_is_far() -> None:
    assert hamming(simhash(ORIGINAL), simhash(SYNDICATED)) <= MAX_HAMMING
    assert hamming(simhash(ORIGINAL), simhash(UNRELATED)) > 10
    assert similarity(ORIGINAL, SYNDICATED) > 0.95
    assert similarity(ORIGINAL, UNRELATED) < 0.6


def test_simhash_ignores_case_and_spacing() -> None:
    assert simhash(ORIGINAL) == simhash(ORIGINAL.upper().replace(" ", "  "))


def test_shingles_of_short_text() -> None:
    assert shingles("") == []
    assert shingles("Kim met Putin") == ["kim met", "met putin"]
    assert shingles("Kim") == ["kim"]
    assert len(shingles("a b c d e")) == 4


def _index(stored: dict[str, str]) -> NearDuplicateIndex:
    fingerprints = {k: simhash(v) for k, v in stored.items()}
    return NearDuplicateIndex(candidates=lambda _f: list(fingerprints.items()), text_of=stored.get)


def test_index_finds_stored_and_pending_originals() -> None:
    index = _index({"orig": ORIGINAL})
    found = index.find(simhash(SYNDICATED), SYNDICATED)
    assert found is not None and found.original_id == "orig" and found.similarity > 0.95
    assert index.find(simhash(UNRELATED), UNRELATED) is None
    pending = _index({})
    pending.add("first", simhash(SYNDICATED), SYNDICATED)
    hit = pending.find(simhash(ORIGINAL), ORIGINAL)
    assert hit is not None and hit.original_id == "first"


@needs_shared(VOA)
def test_voa_unrelated_stories_are_far_apart_and_edited_copies_close() -> None:
    texts = [json.loads(line)["text"] for line in VOA.read_text(encoding="utf-8").splitlines()]
    prints = [simhash(t) for t in texts]
    closest = min(hamming(a, b) for a, b in itertools.combinations(prints, 2))
    assert closest > 2 * MAX_HAMMING
    rng = random.Random(7)
    found = 0
    for text, fingerprint in zip(texts, prints, strict=True):
        words = text.split()
        for _ in range(3):
            words[rng.randrange(len(words))] = "changed"
        found += hamming(fingerprint, simhash(" ".join(words))) <= MAX_HAMMING
    assert found / len(texts) >= 0.95


def test_ratio_check_rejects_a_fingerprint_collision() -> None:
    index = NearDuplicateIndex(
        candidates=lambda _f: [("other", simhash(ORIGINAL))], text_of=lambda _i: UNRELATED
    )
    assert index.find(simhash(ORIGINAL), ORIGINAL) is None


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 2**64 - 1), st.integers(0, 2**64 - 1))
def test_hamming_is_a_metric(a: int, b: int) -> None:
    assert hamming(a, b) == hamming(b, a)
    assert (hamming(a, b) == 0) == (a == b)
    assert 0 <= hamming(a, b) <= 64


@given(st.text(alphabet=st.sampled_from("abc xyz\n.,é"), max_size=300))
def test_simhash_sets_the_bits_most_shingle_hashes_set(text: str) -> None:
    """The vectorised fingerprint equals its definition, bit by bit."""
    from newsgraph.ingest.dedup import _hash64, shingles

    hashes = [_hash64(s) for s in shingles(text)]
    expected = sum(
        1 << bit for bit in range(64) if 2 * sum(h >> bit & 1 for h in hashes) > len(hashes)
    )
    assert simhash(text) == expected
