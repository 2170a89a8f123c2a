"""The clause coder on short sentences written here, with hand-made actor mentions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from conftest import make_article
from newsgraph.events import CODER_VERSION, EventStage
from newsgraph.records import Event, Mention
from newsgraph.stages import Work

# name -> (kind, country, sectors, code): the actors these tests talk about
ACTORS: dict[str, tuple[str, str | None, tuple[str, ...], str]] = {
    "Russia": ("state", "RUS", (), "RUS"),
    "Ukraine": ("state", "UKR", (), "UKR"),
    "Iran": ("state", "IRN", (), "IRN"),
    "Jordan": ("state", "JOR", (), "JOR"),
    "United States": ("state", "USA", (), "USA"),
    "North Korea": ("state", "PRK", (), "PRK"),
    "South Korea": ("state", "KOR", (), "KOR"),
    "Kim": ("person", "PRK", ("GOV",), "PRKGOV"),
    "Putin": ("person", "RUS", ("GOV",), "RUSGOV"),
    "Trump": ("person", "USA", ("GOV",), "USAGOV"),
    "Russian": ("state", "RUS", (), "RUS"),
    "Kharkiv": ("place", "UKR", (), ""),
    "Iranian": ("state", "IRN", (), "IRN"),
    "Lavrov": ("person", "RUS", ("GOV",), "RUSGOV"),
    "Shoigu": ("person", "RUS", ("GOV",), "RUSGOV"),
}


@pytest.fixture(scope="module")
def nlp() -> Any:
    from newsgraph.language import load_model

    return load_model()


@pytest.fixture(scope="module")
def stage() -> EventStage:
    return EventStage.load()


def mentions_for(text: str, article_id: str) -> list[Mention]:
    """A mention for every listed actor name found in the text (longest names first)."""
    out: list[Mention] = []
    taken: set[int] = set()
    for name in sorted(ACTORS, key=len, reverse=True):
        start = text.find(name)
        while start >= 0:
            span = set(range(start, start + len(name)))
            if not span & taken:
                kind, country, sectors, code = ACTORS[name]
                taken |= span
                out.append(
                    Mention(
                        article_id,
                        start,
                        start + len(name),
                        name,
                        0,
                        f"test:{name}",
                        name,
                        kind,
                        country,
                        sectors,
                        code,
                        1.0,
                        "test",
                        "GPE",
                    )
                )
            start = text.find(name, start + 1)
    return out


def code(text: str, nlp: Any, stage: EventStage) -> list[Event]:
    article = make_article(text)
    work = Work(article=article, doc=nlp(text), mentions=tuple(mentions_for(text, article.id)))
    return list(stage(work).events)


def codes(refs: Sequence[Any]) -> list[str]:
    return [r.code or r.text for r in refs]


def only(events: list[Event], root: str) -> Event:
    found = [e for e in events if e.cameo_code.startswith(root)]
    assert len(found) == 1, [(e.cameo_code, e.rule) for e in events]
    return found[0]


def test_two_events_in_one_sentence(nlp: Any, stage: EventStage) -> None:
    events = code("Kim arrived by train and met Putin.", nlp, stage)
    meet = only(events, "04" if len(events) == 1 else "040")
    assert "RUSGOV" in codes(meet.recipients) and "PRKGOV" in codes(meet.actors)
    assert {e.cameo_code for e in events} >= {"040"}


def test_compound_actors_of_an_agreement_are_reciprocal(nlp: Any, stage: EventStage) -> None:
    e = only(code("The United States and Jordan agreed to hold talks.", nlp, stage), "03")
    assert e.cameo_code == "036"  # agreeing to meet, not just agreeing
    assert set(codes(e.actors)) == {"USA", "JOR"} == set(codes(e.recipients))
    assert e.extra["reciprocal"] is True


def test_reported_event_is_coded_not_the_saying(nlp: Any, stage: EventStage) -> None:
    events = code("Officials said Russia attacked Ukrainian positions near Kharkiv.", nlp, stage)
    assert [e.plover_type for e in events] == ["ASSAULT"]
    assert codes(events[0].actors) == ["RUS"]
    assert events[0].quote.startswith("Russia attacked")


def test_passive_agent_is_the_actor(nlp: Any, stage: EventStage) -> None:
    e = only(code("The village was struck by a Russian missile.", nlp, stage), "19")
    assert codes(e.actors) == ["RUS"]
    assert e.recipients and e.recipients[0].text == "The village"


def test_nominal_attack_on_a_named_target(nlp: Any, stage: EventStage) -> None:
    text = "The attack on Russia's Black Sea Fleet has exposed its defences."
    e = only(code(text, nlp, stage), "19")
    assert e.rule.startswith("noun:") and codes(e.recipients) == ["RUS"]


def test_threat_to_attack_is_a_threat_with_the_attack_target(nlp: Any, stage: EventStage) -> None:
    events = code("North Korea periodically threatens to incinerate South Korea.", nlp, stage)
    assert [e.cameo_code for e in events] == ["138"]  # no separate ASSAULT event
    assert codes(events[0].actors) == ["PRK"] and codes(events[0].recipients) == ["KOR"]


def test_sanctions_placed_on_a_country(nlp: Any, stage: EventStage) -> None:
    text = "Russia was a signatory of the sanctions regime that was placed on North Korea."
    e = only(code(text, nlp, stage), "16")
    assert e.plover_type == "SANCTION" and codes(e.recipients) == ["PRK"]
    assert "sanctions regime" in e.quote


def test_imposed_sanctions(nlp: Any, stage: EventStage) -> None:
    e = only(code("The United States imposed sanctions on Iran.", nlp, stage), "16")
    assert codes(e.actors) == ["USA"] and codes(e.recipients) == ["IRN"]
    assert e.trigger == "imposed sanctions"


def test_pronoun_takes_the_nearest_compatible_antecedent(nlp: Any, stage: EventStage) -> None:
    events = code("Putin spoke at length. Later he met Kim in Vladivostok.", nlp, stage)
    meet = only(events, "04")
    assert "RUSGOV" in codes(meet.actors) and "PRKGOV" in codes(meet.recipients)


def test_the_two_leaders_are_the_last_two_people(nlp: Any, stage: EventStage) -> None:
    events = code("Kim travelled to see Putin. The two leaders met on Wednesday.", nlp, stage)
    meet = [e for e in events if e.trigger.startswith("met")]
    assert meet and set(codes(meet[0].actors)) == {"PRKGOV", "RUSGOV"}


def test_clause_without_any_actor_is_no_event(nlp: Any, stage: EventStage) -> None:
    assert code("Prices attacked new highs as markets rallied.", nlp, stage) == []


def test_record_fields_and_provenance(nlp: Any, stage: EventStage) -> None:
    text = "Trump threatened to totally destroy Kim's regime. Putin met Kim."
    article = make_article(text)
    events = code(text, nlp, stage)
    assert events
    for e in events:
        assert text[e.start : e.end] == e.quote
        assert e.coder_version == CODER_VERSION and e.rule
        ts, te = e.extra["trigger_start"], e.extra["trigger_end"]
        assert e.start <= ts < te <= e.end and text[ts:te] in e.trigger
        assert e.article_id == article.id and e.modality is None
    threat = only(events, "13")
    assert codes(threat.actors) == ["USAGOV"] and threat.recipients[0].country == "PRK"
    assert sum(e.extra["main"] for e in events if e.sentence == 0) == 1
    assert [e.id for e in events] == [e.id for e in code(text, nlp, stage)]  # stable ids
    assert len({e.id for e in events}) == len(events)


def test_compound_actors_agreeing_on_a_thing_are_reciprocal(nlp: Any, stage: EventStage) -> None:
    e = only(code("Russia and Ukraine agreed on the draft text of a deal.", nlp, stage), "03")
    assert set(codes(e.actors)) == {"RUS", "UKR"} == set(codes(e.recipients))


def test_one_phrase_naming_two_countries_acts_both_ways(nlp: Any, stage: EventStage) -> None:
    e = only(code("Russian and Iranian forces agreed to cooperate.", nlp, stage), "03")
    assert sorted(codes(e.actors)) == ["IRN", "RUS"] == sorted(codes(e.recipients))


def test_act_without_recipient_is_done_in_its_place(nlp: Any, stage: EventStage) -> None:
    e = only(code("Russia declared a ceasefire in Kharkiv on Monday.", nlp, stage), "08")
    assert [r.text for r in e.recipients] == ["Kharkiv"] and e.recipients[0].country == "UKR"
    e = only(code("Russia declared a ceasefire in the morning.", nlp, stage), "08")
    assert e.recipients == ()


def test_rejected_proposal_is_done_to_its_author(nlp: Any, stage: EventStage) -> None:
    e = only(code("Iran rejected Russia's proposal to hold talks.", nlp, stage), "12")
    assert codes(e.recipients) == ["RUS"]
    e = only(code("Iran rejected the call of the United States.", nlp, stage), "12")
    assert codes(e.recipients) == ["USA"]


def test_considering_an_act_is_done_to_its_recipient(nlp: Any, stage: EventStage) -> None:
    e = only(code("Russia is considering sending aid to Iran.", nlp, stage), "01")
    assert codes(e.actors) == ["RUS"] and codes(e.recipients) == ["IRN"]
    # another act told after a participle is not what the first one is about
    events = code("Russia freed two soldiers, ending a standoff with Ukraine.", nlp, stage)
    assert "UKR" not in codes(only(events, "08").recipients)


def test_a_place_given_to_or_left_is_the_recipient(nlp: Any, stage: EventStage) -> None:
    e = only(code("Russia suspended aid deliveries to Kharkiv.", nlp, stage), "16")
    assert [r.text for r in e.recipients] == ["Kharkiv"]
    e = only(code("Russia will meet Iran in Kharkiv.", nlp, stage), "04")
    assert "Kharkiv" not in [r.text for r in e.recipients]  # where they meet is no party


def test_a_stretch_of_a_place_is_the_setting(nlp: Any, stage: EventStage) -> None:
    e = only(code("Ukraine declared a curfew in parts of Kharkiv.", nlp, stage), "17")
    assert [r.text for r in e.recipients] == ["parts of Kharkiv"]


def test_investigation_into_is_done_to_what_is_investigated(nlp: Any, stage: EventStage) -> None:
    e = only(code("Ukraine launched an investigation into the Russian company.", nlp, stage), "09")
    assert [r.text for r in e.recipients] == ["the Russian company"]


def test_calling_for_sanctions_against_a_country(nlp: Any, stage: EventStage) -> None:
    events = code("Ukraine called for sanctions against Iran.", nlp, stage)
    main = next(e for e in events if e.extra["main"])
    assert codes(main.recipients) == ["IRN"]


def test_the_means_of_an_act_is_not_its_recipient(nlp: Any, stage: EventStage) -> None:
    e = only(code("Ukraine lifted the state of emergency in Kharkiv.", nlp, stage), "08")
    assert [r.text for r in e.recipients] == ["Kharkiv"]
    e = only(code("Russia opened its borders to Iran.", nlp, stage), "08")
    assert codes(e.recipients) == ["IRN"]


def test_subject_of_a_controlling_verb_acts_in_its_complement(nlp: Any, stage: EventStage) -> None:
    e = only(code("Russia and Iran failed to reach an agreement.", nlp, stage), "05")
    assert set(codes(e.actors)) == {"RUS", "IRN"}


def test_a_rejected_request_is_named_with_its_author(nlp: Any, stage: EventStage) -> None:
    e = only(code("Iran rejected a request by Russia to hold talks.", nlp, stage), "12")
    assert codes(e.recipients) == ["RUS"] and e.recipients[0].text.startswith("a request by")


def test_force_is_done_to_unnamed_targets(nlp: Any, stage: EventStage) -> None:
    e = only(code("Russia carried out attacks against military targets.", nlp, stage), "19")
    assert [r.text for r in e.recipients] == ["military targets"]


def test_a_statement_is_about_its_topic(nlp: Any, stage: EventStage) -> None:
    e = only(code("Putin expressed optimism about a deal with Iran.", nlp, stage), "01")
    assert codes(e.recipients) == ["IRN"]  # the phrase about the topic, named by its actor


def test_a_topic_that_names_no_actor_is_no_recipient(nlp: Any, stage: EventStage) -> None:
    e = only(code("Putin expressed optimism at a bipartisan deal.", nlp, stage), "01")
    assert e.recipients == ()
    e = only(code("Putin rolled out the red carpet for Kim.", nlp, stage), "04")
    # the carpet is part of the idiom, no one's party (hosting is joint: Putin is one too)
    assert set(codes(e.recipients)) == {"PRKGOV", "RUSGOV"}
    e = only(code("Russia rejected the criticism.", nlp, stage), "12")
    assert e.recipients == ()


def test_weapons_are_no_parties(nlp: Any, stage: EventStage) -> None:
    e = only(code("Kim praised the new submarines.", nlp, stage), "05")
    assert e.recipients == ()
    e = only(code("Russia shot down two drones over Kharkiv.", nlp, stage), "19")
    assert [r.text for r in e.recipients] == ["two drones"]  # but they can be struck


def test_phrasal_verb_takes_its_object_after_the_particle(nlp: Any, stage: EventStage) -> None:
    e = only(code("The rebels in Ukraine laid down their weapons.", nlp, stage), "08")
    assert e.cameo_code == "0873"


def test_aid_reduced_to_a_country(nlp: Any, stage: EventStage) -> None:
    e = only(code("Russia reduced humanitarian aid to Iran.", nlp, stage), "16")
    assert e.cameo_code == "162" and codes(e.recipients) == ["IRN"]


def test_subject_of_a_predicate_adjective_acts(nlp: Any, stage: EventStage) -> None:
    e = only(code("Russia and Iran were guilty of violating the ceasefire.", nlp, stage), "1")
    assert set(codes(e.actors)) == {"RUS", "IRN"}


def test_responsibility_for_an_attack_is_towards_its_target(nlp: Any, stage: EventStage) -> None:
    e = only(code("Iran claimed responsibility for the attack on Russia.", nlp, stage), "01")
    assert codes(e.recipients) == ["RUS"]


def test_a_statement_addressed_to_someone_is_not_about_its_topic(
    nlp: Any, stage: EventStage
) -> None:
    e = only(
        code("Iran expressed condolences to Russia over the attack on Ukraine.", nlp, stage), "01"
    )
    assert codes(e.recipients) == ["RUS"]


def test_a_name_takes_no_of_phrase_of_common_nouns(nlp: Any, stage: EventStage) -> None:
    e = only(code("Russia rejected allegations by Iran of espionage.", nlp, stage), "01")
    assert [r.text for r in e.recipients] == ["Iran"]


def test_captives_held_by_the_actor_are_the_recipients(nlp: Any, stage: EventStage) -> None:
    e = only(code("Russia said it will release two sailors held by it.", nlp, stage), "08")
    assert [r.text for r in e.recipients] == ["two sailors"]


def test_the_charge_is_not_part_of_the_accused(nlp: Any, stage: EventStage) -> None:
    e = only(code("Russia accused the Iranian army of mass killings.", nlp, stage), "11")
    assert [r.text for r in e.recipients] == ["the Iranian army"]


def test_people_sent_to_a_country_are_not_the_recipients(nlp: Any, stage: EventStage) -> None:
    e = only(code("Russia sent senior officials to Iran.", nlp, stage), "07")
    assert codes(e.recipients) == ["IRN"]


def test_a_refused_request_is_named_with_its_author(nlp: Any, stage: EventStage) -> None:
    e = only(code("Iran refused a request from Russia.", nlp, stage), "12")
    assert codes(e.recipients) == ["RUS"] and e.recipients[0].text == "a request from Russia"


def test_a_participant_ends_before_a_trailing_date(nlp: Any, stage: EventStage) -> None:
    text = "Iran expressed condolences to the families of the sailors killed in Kharkiv last month."
    e = only(code(text, nlp, stage), "01")
    assert e.recipients and e.recipients[0].text.endswith("in Kharkiv")


def test_resigning_an_office_is_towards_its_country(nlp: Any, stage: EventStage) -> None:
    e = only(code("Putin resigned as president of Ukraine.", nlp, stage), "08")
    assert codes(e.recipients) == ["UKR"]


def test_the_two_leaders_are_two_parties(nlp: Any, stage: EventStage) -> None:
    text = (
        "Kim met Putin in the spring. Kim told Putin he would help. "
        "Lavrov and Shoigu took part in the talks. Before that, the two leaders met in Moscow."
    )
    e = next(e for e in code(text, nlp, stage) if e.sentence == 3)
    assert sorted(codes(e.actors)) == ["PRKGOV", "RUSGOV"]  # not Lavrov and Shoigu
    assert sorted(a.name for a in e.actors) == ["Kim", "Putin"]  # the most mentioned of each


def test_a_count_of_people_is_an_actor(nlp: Any, stage: EventStage) -> None:
    e = only(code("Russia released hundreds of prisoners.", nlp, stage), "08")
    assert [r.text for r in e.recipients] == ["hundreds of prisoners"]


def test_a_name_the_recogniser_missed_is_still_a_party(nlp: Any, stage: EventStage) -> None:
    e = only(code("Russia accused Pablo Emilio Moncayo of treason.", nlp, stage), "11")
    assert [r.text for r in e.recipients] == ["Pablo Emilio Moncayo"]


def test_a_denied_charge_is_done_to_its_author(nlp: Any, stage: EventStage) -> None:
    e = only(code("Russia denied charges by Ukraine that it shelled Kharkiv.", nlp, stage), "016")
    assert codes(e.recipients) == ["UKR"]


def test_money_given_to_a_country_sector(nlp: Any, stage: EventStage) -> None:
    e = only(code("Russia gave $2 million to Iran's farm sector.", nlp, stage), "07")
    assert codes(e.recipients) == ["IRN"]


def test_a_visited_place_is_the_host(nlp: Any, stage: EventStage) -> None:
    e = only(code("Putin will visit Kharkiv next week.", nlp, stage), "04")
    assert [r.text for r in e.recipients] == ["Kharkiv"]


def test_helping_a_country_do_something_helps_the_country(nlp: Any, stage: EventStage) -> None:
    events = code("Russia sent aid to help North Korea cope with the floods.", nlp, stage)
    e = next(e for e in events if e.rule == "verb:070:help")
    assert codes(e.recipients) == ["PRK"]


def test_mediation_is_done_to_the_parties_between(nlp: Any, stage: EventStage) -> None:
    text = "Jordan launched a mediation effort to end the rift between Iran and Russia."
    e = only(code(text, nlp, stage), "04")
    assert codes(e.actors) == ["JOR"] and sorted(codes(e.recipients)) == ["IRN", "RUS"]


def test_a_force_posture_is_not_done_to_ones_own_army(nlp: Any, stage: EventStage) -> None:
    e = only(code("Russia mobilized the army for an assault on Ukraine.", nlp, stage), "15")
    assert codes(e.recipients) == ["UKR"]


def test_a_curfew_in_part_of_a_named_city(nlp: Any, stage: EventStage) -> None:
    e = only(code("Russia imposed a curfew in parts of the city of Kharkiv.", nlp, stage), "17")
    assert [r.text for r in e.recipients] == ["parts of the city of Kharkiv"]


def test_condemned_threats_are_done_to_their_author(nlp: Any, stage: EventStage) -> None:
    text = "Iran condemned the act of aggression and the threats made by Russia."
    e = only(code(text, nlp, stage), "11")
    assert codes(e.recipients) == ["RUS"]


def test_a_description_in_apposition_is_not_the_name(nlp: Any, stage: EventStage) -> None:
    e = only(code("Russia sent a platoon to Jordan, its first mission abroad.", nlp, stage), "07")
    assert [r.text for r in e.recipients] == ["Jordan"]


def test_a_relative_clause_inside_a_phrase_describes(nlp: Any, stage: EventStage) -> None:
    text = (
        "Iran lifted sanctions against a unit of a Russian company that was accused of smuggling."
    )
    e = only(code(text, nlp, stage), "08")
    assert [r.text for r in e.recipients] == ["a unit of a Russian company"]


def test_a_threat_to_shell_a_place(nlp: Any, stage: EventStage) -> None:
    e = only(code("Iran threatened to shell Kharkiv.", nlp, stage), "13")
    assert [r.text for r in e.recipients] == ["Kharkiv"]


def test_something_returned_to_a_party(nlp: Any, stage: EventStage) -> None:
    e = only(code("Iran returned the smuggled monkeys to Russia.", nlp, stage), "08")
    assert e.cameo_code == "084" and codes(e.recipients) == ["RUS"]
    assert not code("Putin returned to Russia on Monday.", nlp, stage)  # travel, not yielding


def test_a_withdrawal_is_done_to_the_place_left(nlp: Any, stage: EventStage) -> None:
    e = only(code("Russia completed its withdrawal of troops from Ukraine.", nlp, stage), "08")
    assert codes(e.actors) == ["RUS"] and codes(e.recipients) == ["UKR"]


def test_some_of_a_group_is_acted_upon(nlp: Any, stage: EventStage) -> None:
    e = only(code("Iran expelled some of the Russian journalists.", nlp, stage), "16")
    assert [r.text for r in e.recipients] == ["some of the Russian journalists"]


def test_sanctions_in_relation_to_a_country(nlp: Any, stage: EventStage) -> None:
    e = only(code("Russia imposed sanctions in relation to Iran.", nlp, stage), "16")
    assert codes(e.recipients) == ["IRN"]


def test_released_soldiers_are_acted_upon(nlp: Any, stage: EventStage) -> None:
    e = only(code("Russia will not release the soldiers.", nlp, stage), "08")
    assert [r.text for r in e.recipients] == ["the soldiers"]


def test_an_unnamed_town_is_the_setting(nlp: Any, stage: EventStage) -> None:
    e = only(code("Iran declared a state of siege in the town.", nlp, stage), "17")
    assert [r.text for r in e.recipients] == ["the town"]


def test_a_place_after_the_object_belongs_to_it(nlp: Any, stage: EventStage) -> None:
    e = only(code("Russia stormed a police headquarters in eastern Kharkiv.", nlp, stage), "19")
    assert [r.text for r in e.recipients] == ["a police headquarters in eastern Kharkiv"]
    e = only(code("Russia killed two soldiers by the river in Kharkiv.", nlp, stage), "19")
    assert [r.text for r in e.recipients] == ["two soldiers"]  # not next to the object


def test_the_venue_of_a_meeting_is_no_party(nlp: Any, stage: EventStage) -> None:
    e = only(code("Putin met Trump at the Kremlin on Monday.", nlp, stage), "04")
    assert sorted(r.text for r in e.recipients) == ["Putin", "Trump"]


def test_both_is_not_part_of_the_first_party(nlp: Any, stage: EventStage) -> None:
    e = only(code("Jordan lifted sanctions against both Iran and Russia.", nlp, stage), "08")
    assert [r.text for r in e.recipients] == ["Iran", "Russia"]


def test_refuge_sought_in_a_country(nlp: Any, stage: EventStage) -> None:
    e = only(code("Thousands of Iranian families sought refuge in Jordan.", nlp, stage), "02")
    assert e.cameo_code == "0233" and codes(e.recipients) == ["JOR"]


def test_troops_sent_to_a_mission_in_a_country_go_to_the_country(
    nlp: Any, stage: EventStage
) -> None:
    text = "Jordan is sending troops to the peacekeeping force in Kharkiv."
    e = only(code(text, nlp, stage), "07")
    assert [r.text for r in e.recipients] == ["Kharkiv"]


def test_a_cessation_of_hostilities_is_a_ceasefire(nlp: Any, stage: EventStage) -> None:
    e = only(code("Russia declared a cessation of hostilities in Ukraine.", nlp, stage), "08")
    assert e.cameo_code == "0871"


def test_aircraft_named_by_model_are_no_parties(nlp: Any, stage: EventStage) -> None:
    e = only(code("Kim praised the Tu-95 bombers and the pilots.", nlp, stage), "05")
    assert [r.text for r in e.recipients] == ["the pilots"]


def test_let_free_releases(nlp: Any, stage: EventStage) -> None:
    e = only(code("Iran let free activists.", nlp, stage), "08")
    assert e.cameo_code == "084" and [r.text for r in e.recipients] == ["activists"]


def test_refugees_parsed_as_a_clause_are_still_accepted(nlp: Any, stage: EventStage) -> None:
    text = "Jordan will not accept Iranian refugees fleeing a new spate of violence."
    e = only(code(text, nlp, stage), "07")
    assert codes(e.recipients) == ["IRN"]


def test_deaths_from_a_natural_hazard_are_no_attack(nlp: Any, stage: EventStage) -> None:
    assert code("Floods killed 40 people in Jordan last week.", nlp, stage) == []
    text = "The quake struck on Friday. Officials said 300 people were killed in Jordan."
    assert [e for e in code(text, nlp, stage) if e.cameo_code[:2] in {"18", "19", "20"}] == []
    text = "Iran said it had sent help, a day after the worst storm to hit Jordan in years."
    assert [e for e in code(text, nlp, stage) if e.cameo_code[:2] in {"18", "19", "20"}] == []
    text = (
        "Jordan said it had accepted rescue teams from Iran and Russia, two days after the"
        " strongest earthquake to hit the country in a century."
    )
    assert [e for e in code(text, nlp, stage) if e.cameo_code[:2] in {"18", "19", "20"}] == []
    e = only(code("Russia killed 40 people in Kharkiv.", nlp, stage), "19")  # still an attack
    assert codes(e.actors) == ["RUS"]


def test_an_offer_of_help_is_not_made_to_each_other(nlp: Any, stage: EventStage) -> None:
    e = only(code("Iran and Jordan also offered help.", nlp, stage), "03")
    assert set(codes(e.actors)) == {"IRN", "JOR"} and codes(e.recipients) == []
    assert e.extra["reciprocal"] is False


def test_a_noun_a_clause_modifies_acts_only_if_it_is_a_party(nlp: Any, stage: EventStage) -> None:
    text = "Russia and Iran are negotiating contracts that would send Iranian drones to Ukraine."
    e = only(code(text, nlp, stage), "07")
    assert codes(e.actors) == ["IRN"] and codes(e.recipients) == ["UKR"]


def test_a_jet_armed_with_missiles_is_no_aid(nlp: Any, stage: EventStage) -> None:
    text = "Putin was shown bombers and a fighter armed with a hypersonic missile."
    assert [e for e in code(text, nlp, stage) if e.cameo_code.startswith("07")] == []


def test_strikes_on_a_place_are_attacks_not_labour_strikes(nlp: Any, stage: EventStage) -> None:
    e = only(code("Russian strikes on Kharkiv continued overnight.", nlp, stage), "19")
    assert codes(e.actors) == ["RUS"] and e.rule.startswith("noun:190")
    labour = code("Teachers began a strike in Jordan.", nlp, stage)
    assert [e.cameo_code for e in labour] == ["143"]


def test_a_vow_to_retaliate_is_a_threat(nlp: Any, stage: EventStage) -> None:
    e = only(code("Iran will retaliate against Jordan.", nlp, stage), "13")
    assert e.cameo_code == "138" and codes(e.recipients) == ["JOR"]
    done = code("Ukraine retaliated by shelling Russian positions.", nlp, stage)
    assert [e.cameo_code for e in done] == ["194"]
