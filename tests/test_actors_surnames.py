"""Bare surnames of people in office, namesakes told apart, and codes that change over time."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import actor_runner
from newsgraph.actors import ActorStage


@pytest.fixture(scope="module")
def run() -> Any:
    return actor_runner(ActorStage.load())


def code_of(mentions: list[Any], text: str) -> str:
    found = [m.code for m in mentions if m.text == text]
    assert found, f"no mention {text!r} among {[m.text for m in mentions]}"
    return str(found[0])


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        # NER finds no entity in "Zelenskyy", and tags "Scholz" and "Erdogan" as places.
        ("Zelenskyy thanked the donors for the new aid package.", "Zelenskyy", "UKRGOV"),
        ("Scholz met Erdogan in Berlin on Friday.", "Scholz", "DEUGOV"),
        ("Scholz met Erdogan in Berlin on Friday.", "Erdogan", "TURGOV"),
    ],
)
def test_a_bare_surname_of_someone_in_office_resolves(
    run: Any, text: str, name: str, code: str
) -> None:
    assert code_of(run(text, "2023-05-01"), name) == code


def test_a_namesake_named_in_full_keeps_his_own_identity(run: Any) -> None:
    mentions = run(
        "Alexis Sanchez, the Chilean striker, scored twice. Sanchez celebrated with fans.",
        "2023-05-01",
    )
    assert [m.code for m in mentions if m.text == "Sanchez"] == [""]
    assert code_of(run("Sanchez said Spain would send more troops.", "2023-05-01"), "Sanchez") == (
        "ESPGOV"
    )


def test_a_surname_of_someone_out_of_office_stays_unresolved(run: Any) -> None:
    # Scholz left office in May 2025: a bare "Scholz" in 2026 is no longer the chancellor.
    codes = [
        m.code for m in run("Scholz met Erdogan in Berlin.", "2026-06-01") if m.text == "Scholz"
    ]
    assert codes in ([], [""])


@pytest.mark.parametrize(
    ("published", "code"), [("2023-05-01", "AFGGOV"), ("2019-05-01", "AFGREB")]
)
def test_the_taliban_govern_afghanistan_from_august_2021(
    run: Any, published: str, code: str
) -> None:
    mentions = run("The Taliban arrested three journalists in Kabul.", published)
    assert code_of(mentions, "Taliban") == code


def test_a_sentence_about_2010_codes_the_taliban_as_rebels(run: Any) -> None:
    mentions = run("In 2010, the Taliban attacked a NATO convoy.", "2023-05-01")
    assert code_of(mentions, "Taliban") == "AFGREB"
