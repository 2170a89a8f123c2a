"""Actor resolution on short texts: chains, metonyms, sectors, roles at a date, places, unknowns."""

from __future__ import annotations

from typing import Any

import pytest

from actors_fixture import fixture_kb_dir
from conftest import actor_runner
from newsgraph.actors import ActorStage, mention_index
from newsgraph.language import fresh_model
from newsgraph.records import Mention


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return actor_runner(ActorStage.load(fixture_kb_dir(tmp_path_factory.mktemp("kb"))))


def by_text(mentions: list[Mention], text: str) -> list[Mention]:
    return [m for m in mentions if m.text == text]


def test_alias_chain_links_surname_and_honorific(run: Any) -> None:
    ms = run("Kim Jong-un arrived on Tuesday. Mr Kim met officials. Later Kim left by train.")
    kims = [m for m in ms if "Kim" in m.text]
    assert len(kims) == 3
    assert {m.actor_id for m in kims} == {"person:kim_jong_un"}
    assert all(m.code == "PRKGOV" for m in kims)
    assert kims[1].method == "alias-chain"


def test_unknown_person_is_kept_and_chained(run: Any) -> None:
    ms = run("Gorvan Tillisk, a trader, said prices rose. Tillisk added that buyers waited.")
    first = by_text(ms, "Gorvan Tillisk")[0]
    assert first.kind == "unresolved" and first.entity_type == "PERSON"
    assert first.actor_id == "unresolved:PERSON:gorvan tillisk"
    assert by_text(ms, "Tillisk")[0].actor_id == first.actor_id


def test_metonym_acts_but_capital_as_location_is_a_place(run: Any) -> None:
    ms = run("The Kremlin rejected the offer. Talks were held in Moscow. Moscow warned Kyiv.")
    assert by_text(ms, "Kremlin")[0].code == "RUSGOV"
    moscows = by_text(ms, "Moscow")
    assert moscows[0].kind == "place" and moscows[0].country == "RUS"
    assert moscows[1].code == "RUSGOV" and moscows[1].method == "metonym"
    assert by_text(ms, "Kyiv")[0].code == "UKRGOV"


def test_nationality_with_sector_noun_and_coordination(run: Any) -> None:
    ms = run("Russian officials met Ukrainian forces. U.S. and Iraqi officials signed a deal.")
    assert by_text(ms, "Russian officials")[0].code == "RUSGOV"
    assert by_text(ms, "Ukrainian forces")[0].code == "UKRMIL"
    assert by_text(ms, "U.S.")[0].code == "USAGOV"
    assert by_text(ms, "Iraqi officials")[0].code == "IRQGOV"


def test_bare_sector_noun_has_no_country(run: Any) -> None:
    ms = run("Troops fired on the protesters.")
    troops = by_text(ms, "Troops")[0]
    assert troops.country is None and troops.code == "MIL" and troops.method == "sector-noun"
    assert by_text(ms, "protesters")[0].sectors[0] == "CVL"


def test_role_at_the_date_the_sentence_speaks_of(run: Any) -> None:
    ms = run("In 2017 Donald Trump threatened North Korea.", published="2023-09-14")
    assert by_text(ms, "Donald Trump")[0].code == "USAGOV"
    ms = run("Former US president Donald Trump spoke on Monday.", published="2023-09-14")
    trump = by_text(ms, "Donald Trump")[0]
    assert trump.country == "USA" and trump.code == "USAELI"
    assert trump.role_title and trump.role_title.startswith("former")
    ms = run("Donald Trump spoke on Monday.", published="2025-03-01")
    assert by_text(ms, "Donald Trump")[0].code == "USAGOV"


def test_role_description_resolves_to_the_holder(run: Any) -> None:
    ms = run("Vladimir Putin met envoys. The Russian leader then left.")
    leader = next(m for m in ms if m.text.endswith("leader"))
    assert leader.actor_id == "person:vladimir_putin" and leader.code == "RUSGOV"
    ms = run("North Korea’s leader will visit next week.")
    assert next(m for m in ms if m.text.endswith("leader")).actor_id == "person:kim_jong_un"


def test_possessive_and_determiner_are_trimmed(run: Any) -> None:
    text = "North Korea’s missiles worried the Kremlin."
    ms = run(text)
    nk = ms[0]
    assert (nk.text, text[nk.start : nk.end], nk.code) == ("North Korea", "North Korea", "PRK")
    assert by_text(ms, "Kremlin")


def test_places_and_things_are_not_actors(run: Any) -> None:
    ms = run("A Storm Shadow missile hit the port of Sevastopol in Crimea.")
    shadow = by_text(ms, "Storm Shadow")[0]
    assert shadow.kind == "thing" and shadow.code == ""
    sev = by_text(ms, "Sevastopol")[0]
    assert (sev.kind, sev.country, sev.code) == ("place", "UKR", "")
    assert by_text(ms, "Crimea")[0].country == "UKR"


def test_organisation_person_affiliation(run: Any) -> None:
    ms = run("Zelia Quorn urged calm. NATO agreed.")
    assert by_text(ms, "Zelia Quorn")[0].code == "IGOUNO"
    assert by_text(ms, "NATO")[0].code == "IGOWSTNAT"


def test_mention_index_maps_tokens(run: Any) -> None:
    nlp = fresh_model()
    text = "Russian officials met."
    doc = nlp(text)
    m = run(text)[0]
    index = mention_index(doc, [m])
    assert index[0] is m and index[1] is m and 2 not in index
