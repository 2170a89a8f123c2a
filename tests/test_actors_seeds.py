"""End to end on ../shared/seeds: the actor checks of issue 3, through the default `Analyser`."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from conftest import SEEDS, make_article, needs_shared
from newsgraph.actors import ActorStage
from newsgraph.pipeline import Analyser, Options
from newsgraph.records import Mention
from newsgraph.stages import Work

pytestmark = [needs_shared(SEEDS), pytest.mark.slow]


def seed_articles() -> list[Any]:
    out = []
    for path in sorted(Path(SEEDS).glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        published = "2023-09-14"
        if text.startswith(" date "):  # "<space>date YYYY-MM-DD<space>" header: not story text
            published = text[6:16]
            text = text[17:]
        out.append(make_article(text, published=published, id=path.stem))
    return out


@pytest.fixture(scope="module")
def mentions() -> dict[str, list[Mention]]:
    """Mentions by text through the default pipeline (real people data, selective mode on)."""
    by_text: dict[str, list[Mention]] = defaultdict(list)
    for analysed in Analyser().analyse(seed_articles()):
        for m in analysed.mentions:
            by_text[m.text].append(m)
    return by_text


def codes(mentions: dict[str, list[Mention]], text: str) -> set[str]:
    assert text in mentions, f"{text!r} not found among {sorted(mentions)}"
    return {m.code for m in mentions[text]}


def test_kim_is_one_person_coded_prkgov(mentions: dict[str, list[Mention]]) -> None:
    kims = [m for t in ("Kim Jong-un", "Kim Jong Un", "Mr Kim", "Kim") for m in mentions.get(t, [])]
    assert {m.actor_id for m in kims} == {"person:kim_jong_un"}
    assert {m.code for m in kims} == {"PRKGOV"}
    assert {"Kim Jong-un", "Kim Jong Un", "Kim"} <= {m.text for m in kims}


def test_putin_and_the_russian_leader(mentions: dict[str, list[Mention]]) -> None:
    for text in ("Putin", "Vladimir Putin", "the Russian leader", "Russian leader"):
        if text in mentions:
            assert codes(mentions, text) == {"RUSGOV"}, text
    leaders = [m for t, ms in mentions.items() if t.endswith("leader") for m in ms]
    assert any(m.actor_id == "person:vladimir_putin" for m in leaders)


def test_capitals_and_seats(mentions: dict[str, list[Mention]]) -> None:
    assert codes(mentions, "Kremlin") == {"RUSGOV"}
    assert "RUSGOV" in codes(mentions, "Moscow")
    assert "PRKGOV" in codes(mentions, "Pyongyang")
    for text, country in (
        ("Beijing", "CHN"),
        ("China", "CHN"),
        ("Chinese", "CHN"),
        ("Washington", "USA"),
        ("America", "USA"),
        ("US", "USA"),
    ):
        assert {m.country for m in mentions[text]} == {country}, text
    assert codes(mentions, "China") == {"CHN"} and codes(mentions, "Chinese") == {"CHN"}


def test_wagner_fleet_weapons_places(mentions: dict[str, list[Mention]]) -> None:
    wagner = mentions["Wagner"][0]
    assert (wagner.kind, wagner.country) == ("group", "RUS")
    assert {m.country for m in mentions["Yevgeny Prigozhin"]} == {"RUS"}
    assert codes(mentions, "Black Sea Fleet") == {"RUSMIL"}
    assert {m.kind for m in mentions["Storm Shadow"]} == {"thing"}
    sev = mentions["Sevastopol"][0]
    assert (sev.kind, sev.country) == ("place", "UKR")


@pytest.mark.parametrize("selective", [True, False])
def test_every_named_entity_is_a_mention(selective: bool) -> None:
    from newsgraph.actors.resolve import NAME_LABELS

    analyser = Analyser(options=Options(selective=selective))
    stage = next(s for s in analyser.stages if isinstance(s, ActorStage))
    for article in seed_articles():
        if analyser.selective is not None:
            doc = analyser.selective.analyse([article.text])[0]
        else:
            doc = analyser.nlp(article.text)
        found = stage(Work(article=article, doc=doc))
        covered = {i for m in found.mentions for i in range(m.start, m.end)}
        for ent in doc.ents:
            if ent.label_ in NAME_LABELS:
                assert any(i in covered for i in range(ent.start_char, ent.end_char)), ent.text


def test_prigozhin_stays_coded_with_wagner_after_his_death(
    mentions: dict[str, list[Mention]],
) -> None:
    prigozhin = mentions["Prigozhin"] + mentions["Yevgeny Prigozhin"]
    assert {(m.country, m.code) for m in prigozhin} == {("RUS", "RUSMIL")}
    assert not [m for m in mentions["Moon"] if m.kind == "person"]  # "land on the Moon"
