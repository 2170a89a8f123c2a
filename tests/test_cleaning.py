"""Cleaning: general rules remove page furniture, keep every story sentence, record removals."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import SEEDS, needs_shared

from newsgraph.ingest.cleaning import (
    boilerplate_shaped,
    clean,
    content_hash,
    line_keys,
    normalise,
    repeated_lines,
    split_units,
)

P1 = "The foreign ministers met in Geneva on Monday to discuss the ceasefire."
P2 = "Both delegations said the talks had been constructive and would continue."
P3 = "A further round is planned for next month, officials said. ■"


def test_edges_and_patterns_removed_story_kept() -> None:
    raw = "\n".join(
        [
            "Your browser does not support the <video> element.",
            "Read more of our coverage of the talks",
            P1,
            P2,
            P3,
            "This article appeared in the Europe section of the print edition",
            "Five things to watch this winter",
            "Copyright © Example Media 2024. All rights reserved.",
        ]
    )
    cleaned = clean(raw)
    assert cleaned.text == "\n\n".join([P1, P2, P3.removesuffix(" ■")])
    assert [r.line for r in cleaned.removed] == [1, 2, 6, 7, 8]
    reasons = {r.line: r.reason for r in cleaned.removed}
    assert reasons[1] == "media player fallback"
    assert reasons[8] == "copyright notice"
    assert reasons[7].startswith("not a sentence")


def test_non_sentence_line_in_the_middle_is_kept() -> None:
    raw = "\n".join([P1, "A subheading without punctuation", P2])
    cleaned = clean(raw)
    assert "A subheading without punctuation" in cleaned.text
    assert cleaned.removed == ()


def test_title_repeated_at_top_is_removed() -> None:
    cleaned = clean(f"Talks In Geneva\n{P1}", title="Talks in Geneva")
    assert cleaned.text == P1 and cleaned.removed[0].reason == "repeats the title"


def test_hard_wrapped_paragraphs_are_joined() -> None:
    raw = (
        "The foreign ministers met in Geneva on Monday to discuss\n"
        "the ceasefire and the exchange of prisoners between the\n"
        "two countries.\n\n" + P2
    )
    units = split_units(raw)
    assert [u.line for u in units] == [1, 5]
    cleaned = clean(raw)
    assert cleaned.text.startswith("The foreign ministers met in Geneva on Monday to discuss the")
    assert len(cleaned.paragraphs) == 2 and cleaned.removed == ()


SIGNOFF = "Some information for this report came from Reuters."
FOOTER = "Follow the Example Herald for more"
PEER_STORIES = [
    "Farmers protested against the new subsidy rules outside parliament on Tuesday.",
    "The central bank kept its main interest rate unchanged for a third month.",
    "Floods closed the main highway north of the capital after two days of rain.",
    "The football federation named a new coach for the national team on Friday.",
]


def _peers(*lines: str, count: int = 3) -> list[frozenset[str]]:
    """`line_keys` of `count` different three-paragraph stories, each carrying `lines`."""
    return [
        line_keys(
            "\n".join(
                [
                    story,
                    f"Officials in district {i} said the decision would be reviewed next year.",
                    f"The ministry for region {i} declined to comment on the plans on Monday.",
                    *lines,
                ]
            )
        )
        for i, story in enumerate(PEER_STORIES[:count])
    ]


def test_boilerplate_shape() -> None:
    assert boilerplate_shaped(normalise(SIGNOFF))  # a sign-off sentence
    assert boilerplate_shaped(normalise(FOOTER))  # short, no sentence
    assert boilerplate_shaped("(reporting by jane doe; editing by john roe)")
    assert not boilerplate_shaped(normalise(P1))  # story prose, however short
    assert not boilerplate_shaped(normalise("The United States condemned the attack on Tuesday."))
    assert not boilerplate_shaped(normalise(" ".join(["Follow"] * 31)))  # too long


def test_repeated_outlet_lines_need_three_different_stories() -> None:
    mine = "\n".join([P1, SIGNOFF, P2, P3, FOOTER])
    repeated = repeated_lines(mine, _peers(SIGNOFF, FOOTER))
    assert repeated == {normalise(SIGNOFF), normalise(FOOTER)}
    cleaned = clean(mine, repeated=repeated)
    assert cleaned.text == "\n\n".join([P1, P2, P3.removesuffix(" ■")])
    assert {r.reason for r in cleaned.removed} == {"repeated across the outlet's articles"}
    # One or two other stories are not evidence of boilerplate.
    assert repeated_lines(mine, _peers(SIGNOFF, FOOTER, count=2)) == frozenset()


def test_copies_and_updates_of_one_story_count_once() -> None:
    mine = "\n".join([P1, SIGNOFF, P2])
    # Three versions of one other story (each adds a paragraph): one story, not three.
    versions = [PEER_STORIES[0], P3, "Police said two people were detained.", PEER_STORIES[1]]
    updates = [line_keys("\n".join([*versions[: n + 1], SIGNOFF])) for n in range(3)]
    assert repeated_lines(mine, updates) == frozenset()
    # Copies of this article itself never count.
    assert repeated_lines(mine, [line_keys(mine)] * 5) == frozenset()


def test_story_prose_is_never_removed_for_repeating() -> None:
    background = "Russia invaded Ukraine in February 2022, starting the largest war in Europe."
    mine = "\n".join([P1, background, P2])
    assert repeated_lines(mine, _peers(background, count=4)) == frozenset()
    # A one-paragraph story and its update: the update keeps the story's paragraph.
    update = "\n".join([P1, "The United States condemned the attack on Tuesday."])
    assert repeated_lines(update, [line_keys(P1)] * 3 + _peers(P1)) == frozenset()


def test_all_non_prose_keeps_text_rather_than_dropping_it() -> None:
    cleaned = clean("Item one\nItem two\nItem three")
    assert cleaned.text == "Item one\n\nItem two\n\nItem three"


def test_content_hash_ignores_case_and_whitespace_only() -> None:
    assert content_hash("Kim  met\nPutin.") == content_hash("kim met putin.")
    assert content_hash("Kim met Putin.") != content_hash("Kim met Putin!")


@needs_shared(SEEDS)
def test_seed_002_cruft_removed_story_intact() -> None:
    raw = next(SEEDS.glob("002_*.txt")).read_text(encoding="utf-8")
    cleaned = clean(raw)
    lines = raw.splitlines()
    removed = {r.line for r in cleaned.removed}
    assert {1, 2, 10, 11, 12, 13, 14, 15, 16} <= removed
    assert removed.isdisjoint(range(3, 10))
    for line in lines[2:9]:
        assert line.strip().removesuffix("■").strip() in cleaned.text
    assert "Copyright" not in cleaned.text and "Published since" not in cleaned.text
    assert "<audio>" not in cleaned.text
    assert cleaned.text.endswith("shields its allies in Asia.")


VOCABULARY = [
    "the",
    "minister",
    "said",
    "troops",
    "border",
    "talks",
    "would",
    "resume",
    "after",
    "weeks",
    "of",
    "shelling",
    "near",
    "capital",
    "officials",
    "agreed",
    "to",
    "send",
    "aid",
    "and",
    "observers",
    "on",
    "friday",
]
WORDS = st.sampled_from(VOCABULARY)
SENTENCE = st.lists(WORDS, min_size=5, max_size=14).map(lambda ws: " ".join(ws).capitalize() + ".")
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=3).map(" ".join)
JUNK = st.lists(WORDS, min_size=1, max_size=7).map(lambda ws: " ".join(ws).title())


@settings(max_examples=120, deadline=None)
@given(
    st.lists(PARAGRAPH, min_size=3, max_size=8),
    st.lists(JUNK, max_size=3),
    st.lists(JUNK, max_size=3),
)
def test_middle_sentences_never_removed(story: list[str], head: list[str], tail: list[str]) -> None:
    raw = "\n".join([*head, *story, *tail])
    cleaned = clean(raw)
    for paragraph in story:
        assert paragraph in cleaned.text
    for start, end in cleaned.paragraphs:
        assert 0 <= start < end <= len(cleaned.text)
        assert cleaned.text[start:end].strip() == cleaned.text[start:end]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=500))
def test_clean_never_crashes_and_offsets_are_valid(raw: str) -> None:
    cleaned = clean(raw)
    assert cleaned.text == "\n\n".join(cleaned.text[s:e] for s, e in cleaned.paragraphs)
    for r in cleaned.removed:
        assert 1 <= r.line <= max(1, len(raw.splitlines()))
    assert not re.search(r"\n{3,}", cleaned.text)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(PARAGRAPH, min_size=1, max_size=4),
    st.lists(st.lists(st.one_of(PARAGRAPH, JUNK), min_size=1, max_size=5), max_size=8),
    st.lists(st.integers(min_value=0, max_value=3), max_size=8),
)
def test_outlet_repeats_never_take_story_prose(
    story: list[str], peers: list[list[str]], borrowed: list[int]
) -> None:
    """However the outlet's other articles repeat this story's paragraphs, none is removed."""
    others = [
        line_keys("\n".join([*peer, story[i % len(story)]]))
        for peer, i in zip(peers, borrowed, strict=False)
    ]
    raw = "\n".join(story)
    repeated = repeated_lines(raw, others)
    assert all(boilerplate_shaped(k) for k in repeated)
    cleaned = clean(raw, repeated=repeated)
    for paragraph in story:
        assert paragraph in cleaned.text
