"""Article-level inference of an attack's author (events/discourse.py, events/conflicts.py)."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import make_article
from newsgraph.events.conflicts import ArticleIndex, conflict_dyads, load_rules
from newsgraph.events.discourse import is_weapon_token
from newsgraph.records import ActorRef, Event


@pytest.fixture(scope="module")
def analyser() -> Any:
    from newsgraph.pipeline import Analyser

    return Analyser()


def attacks(analyser: Any, text: str) -> list[Event]:
    (result,) = analyser.analyse([make_article(text)])
    return [e for e in result.events if e.plover_type == "ASSAULT"]


def codes(refs: tuple[ActorRef, ...]) -> set[str]:
    return {(r.country or r.code)[:3] for r in refs}


def hitting(events: list[Event], recipient: str) -> Event:
    """The attack on `recipient` whose quote starts with a weapon, not the war sentence."""
    found = [e for e in events if recipient in codes(e.recipients) and e.instrument]
    assert found, [(e.quote, e.actors, e.recipients) for e in events]
    return found[0]


def test_storm_shadow_fired_by_the_side_at_war(analyser: Any) -> None:
    text = (
        "Russia's war in Ukraine entered its third year. "
        "A British Storm Shadow missile struck the headquarters of Russia's Black Sea Fleet."
    )
    e = hitting(attacks(analyser, text), "RUS")
    assert codes(e.actors) == {"UKR"}
    (actor,) = e.actors
    assert actor.inferred and actor.code == "UKR"
    # the inferred actor points at its evidence, in the first sentence
    assert actor.start is not None and text[actor.start : actor.end] == "Ukraine"
    assert e.instrument is not None
    assert e.instrument["name"] == "Storm Shadow" and e.instrument["country"] == "GBR"
    assert text[e.instrument["start"] : e.instrument["end"]] == e.instrument["text"]
    assert e.to_dict()["actors"][0]["inferred"] is True
    assert e.to_dict()["instrument"]["country"] == "GBR"


def test_maker_nationality_replaced_and_sibling_clause_follows(analyser: Any) -> None:
    text = (
        "Russia's invasion of Ukraine continues. Iranian drones hit Kyiv overnight, killing "
        "three people."
    )
    events = [e for e in attacks(analyser, text) if e.instrument]
    assert events
    for e in events:
        assert codes(e.actors) == {"RUS"} and all(a.inferred for a in e.actors)
        assert e.instrument is not None and e.instrument["country"] == "IRN"


def test_nationality_kept_without_a_conflict_in_the_article(analyser: Any) -> None:
    # "Iranian drones" alone may well be Iran's: nothing in the article says otherwise
    e = hitting(attacks(analyser, "Iranian drones hit Kyiv overnight."), "UKR")
    assert codes(e.actors) == {"IRN"} and not any(a.inferred for a in e.actors)


def test_made_in_is_never_the_attacker(analyser: Any) -> None:
    e = hitting(attacks(analyser, "US-made HIMARS destroyed a Russian ammunition depot."), "RUS")
    assert "USA" not in codes(e.actors)
    assert e.instrument is not None and e.instrument["country"] == "USA"


def test_two_adversaries_leave_the_attacker_open(analyser: Any) -> None:
    text = (
        "Russia's invasion of Ukraine began in 2022. Belarus's attacks on Ukraine followed. "
        "A missile struck a power plant in Ukraine's capital on Monday."
    )
    e = hitting(attacks(analyser, text), "UKR")
    assert not e.actors


@pytest.mark.parametrize(
    ("text", "word", "weapon"),
    [
        ("A drone attack hit Kyiv.", "drone", True),
        ("Storm Shadow missiles hit Sevastopol.", "Shadow", True),
        ("Russian missiles hit Kyiv.", "missiles", True),
        ("Ukraine expanded its nuclear and ballistic missile programs.", "missile", False),
        ("Iran opened a drone factory.", "drone", False),
        ("Hamas fighters attacked the base.", "fighters", False),
        ("A suicide bomber attacked the base.", "bomber", False),
    ],
)
def test_weapon_words(analyser: Any, text: str, word: str, weapon: bool) -> None:
    from newsgraph.actors import resolve

    doc = analyser.nlp(text)
    index = ArticleIndex(doc, resolve(analyser.stages[0].kb, doc, make_article(text)), load_rules())
    (tok,) = [t for t in doc if t.text == word]
    assert is_weapon_token(index, tok) is weapon


def test_a_group_stands_for_its_side(analyser: Any) -> None:
    # Hamas and Gaza are one adversary of Israel; Hezbollah makes a second one
    war = "Israel's war against Hamas in Gaza goes on. Israeli strikes on Gaza killed dozens."
    e = hitting(attacks(analyser, f"{war} A rocket hit Tel Aviv on Monday."), "ISR")
    assert [a.actor_id for a in e.actors] == ["group:HAMAS"] and e.actors[0].inferred
    both = f"{war} Hezbollah's attacks on Israel continued. A rocket hit Tel Aviv on Monday."
    assert not hitting(attacks(analyser, both), "ISR").actors


def test_weapon_fired_by_a_named_actor_in_the_sentence(analyser: Any) -> None:
    text = "The missiles fired by the Israeli military struck an arms depot of the Syrian army."
    e = hitting(attacks(analyser, text), "SYR")
    assert codes(e.actors) == {"ISR"} and all(a.inferred for a in e.actors)


def test_weapon_participle_names_its_user(analyser: Any) -> None:
    events = attacks(analyser, "Israeli-made drones used by Azerbaijan hit Stepanakert.")
    e = next(e for e in events if e.instrument)
    assert codes(e.actors) == {"AZE"} and all(a.inferred for a in e.actors)
    assert e.instrument is not None and e.instrument["country"] == "ISR"


def test_refs_are_evidence_by_default() -> None:
    ref = ActorRef(text="Russia", name="Russia", actor_id="state:RUS", country="RUS",
                   sector=None, code="RUS")  # fmt: skip
    assert ref.to_dict()["inferred"] is False


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Russia's full-scale invasion of Ukraine shook Europe.", {"RUS", "UKR"}),
        ("The invasion of Ukraine by Russia shook Europe.", {"RUS", "UKR"}),
        ("The war between Armenia and Azerbaijan ended in 2020.", {"ARM", "AZE"}),
        ("China's support for Russia's war effort in Ukraine grew.", {"RUS", "UKR"}),
    ],
)
def test_conflict_phrases(analyser: Any, text: str, pair: set[str]) -> None:
    from newsgraph.actors import resolve

    article = make_article(text)
    doc = analyser.nlp(text)
    mentions = resolve(analyser.stages[0].kb, doc, article)
    dyads = conflict_dyads(ArticleIndex(doc, mentions, load_rules()), [], set())
    assert {frozenset({d.a.party, d.b.party}) for d in dyads} == {frozenset(pair)}


@pytest.mark.parametrize(
    "text",
    [
        "The war in Ukraine entered its third year.",  # no aggressor named
        "NATO condemned the attack.",  # a condemnation names no side
        "Ukraine's defence of its own territory continues.",
        "The European Union's trade war with China escalated.",  # figurative wars
        "Russia's war of words with Ukraine escalated.",
    ],
)
def test_no_conflict_without_two_sides(analyser: Any, text: str) -> None:
    from newsgraph.actors import resolve

    doc = analyser.nlp(text)
    mentions = resolve(analyser.stages[0].kb, doc, make_article(text))
    assert conflict_dyads(ArticleIndex(doc, mentions, load_rules()), [], set()) == []


def test_inference_is_visible_in_exports(tmp_path: Any) -> None:
    import io
    import json

    from newsgraph.export import POLECAT_COLUMNS, write_export
    from newsgraph.records import AnalysedArticle
    from newsgraph.store import Source, StoredItem, open_store

    text = "Russia's war in Ukraine goes on. A missile struck Russia."
    article = make_article(text)
    ukr = ActorRef("Ukraine", "Ukraine", "state:UKR", "UKR", None, "UKR", 16, 23, inferred=True)
    rus = ActorRef("Russia", "Russia", "state:RUS", "RUS", None, "RUS", 50, 56)
    missile = {"text": "A missile", "name": "missile", "country": None, "start": 33, "end": 42}
    event = Event(
        id="e1", article_id=article.id, sentence=1, quote=text[33:56], start=33, end=56,
        actors=(ukr,), recipients=(rus,), plover_type="ASSAULT", plover_mode=None,
        plover_context=None, cameo_code="190", quad_class=4, goldstein=-10.0, rule="t",
        coder_version="t", instrument=missile,
    )  # fmt: skip
    with open_store(tmp_path / "t.db") as store:
        store.write_batch(
            [StoredItem(AnalysedArticle(article, (), (event,)), Source(article.id, "x"))]
        )
        out = io.StringIO()
        write_export(store, "polecat", out)
        header, row = (line.split("\t") for line in out.getvalue().splitlines())
        assert header == POLECAT_COLUMNS
        cells = dict(zip(POLECAT_COLUMNS, row, strict=True))
        assert cells["Actor Inferred"] == "1" and cells["Instrument"] == "A missile"
        out = io.StringIO()
        write_export(store, "jsonl", out)
        (line,) = out.getvalue().splitlines()
        record = json.loads(line)
        assert record["actors"][0]["inferred"] is True
        assert record["recipients"][0]["inferred"] is False
        assert record["instrument"]["name"] == "missile"
