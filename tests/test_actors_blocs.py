"""Blocs as actors (data/actors/blocs.tsv): "the West", "Western officials", and what is not."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import make_article
from newsgraph.actors.kb import default_data_dir, load_kb


@pytest.fixture(scope="module")
def analyser() -> Any:
    from newsgraph.pipeline import Analyser

    return Analyser()


def codes(analyser: Any, text: str) -> dict[str, str]:
    """Mention text → code for every mention of the text."""
    (result,) = analyser.analyse([make_article(text)])
    return {m.text: m.code for m in result.mentions}


def test_table_names_its_sources() -> None:
    head = (default_data_dir() / "blocs.tsv").read_text(encoding="utf-8").split("\ncode\t")[0]
    assert head.startswith("#") and "Sources" in head and "CAMEO" in head


def test_the_west_is_a_bloc_not_the_bare_word() -> None:
    kb = load_kb()
    assert kb.lookup("the West") is not None and kb.lookup("the West").code == "WST"
    assert kb.lookup("Western").code == "WST"
    assert kb.lookup("West") is None  # "Kanye West", "West Point"


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        ("Western officials said the sanctions were working.", "Western officials", "WSTGOV"),
        ("The West must do more to help Ukraine.", "West", "WST"),
        ("Russia accused the West of prolonging the war.", "West", "WST"),
        ("Western governments imposed new sanctions on Moscow.", "Western governments", "WSTGOV"),
        ("The collective West was blamed by Moscow.", "collective West", "WST"),
    ],
)
def test_the_west_resolves(analyser: Any, text: str, mention: str, code: str) -> None:
    assert codes(analyser, text).get(mention) == code


@pytest.mark.parametrize(
    "text",
    [
        "Kanye West visited West Virginia.",
        "Rain fell over Western Australia and the Western Cape.",
        "Shelling hit western Ukraine.",
        "She sent money through Western Union.",
    ],
)
def test_not_the_west(analyser: Any, text: str) -> None:
    assert "WST" not in {c[:3] for c in codes(analyser, text).values()}
