"""The actor knowledge base tables: loading, codes, aliases, sector forms, roles."""

from __future__ import annotations

from pathlib import Path

import pytest

from actors_fixture import fixture_kb_dir
from conftest import ORGANISATION_IDS
from newsgraph.actors.kb import default_data_dir, inflections, load_kb, read_tsv


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return load_kb(fixture_kb_dir(tmp_path_factory.mktemp("kb")))


def test_every_table_names_its_sources() -> None:
    for name in ("countries", "metonyms", "organisations", "sectors", "groups", "things"):
        text = (default_data_dir() / f"{name}.tsv").read_text(encoding="utf-8")
        assert text.startswith("#") and "Source" in text.split("\n\n")[0][:2000], name


def test_all_iso_countries_and_historical_states(kb) -> None:  # type: ignore[no-untyped-def]
    assert len(kb.countries) >= 200
    assert kb.lookup("North Korea").code == "PRK"
    assert kb.lookup("the US") is None or kb.lookup("US").code == "USA"
    assert kb.lookup("US").code == "USA" and kb.lookup("America").code == "USA"
    assert kb.lookup("Soviet Union").code == "USR"  # CAMEO's code, not ISO's SUN
    assert kb.lookup("Puerto Rico").code == "USA"  # PLOVER folds dependencies into the state
    assert kb.lookup("North Korean").use == "demonym"


def test_case_sensitive_short_aliases(kb) -> None:  # type: ignore[no-untyped-def]
    assert kb.lookup("us") is None  # the pronoun is not the United States
    assert kb.lookup("ukraine").code == "UKR"  # longer names fold case


def test_metonyms_and_organisations(kb) -> None:  # type: ignore[no-untyped-def]
    assert kb.lookup("Kremlin").code == "RUSGOV"
    assert kb.lookup("Pentagon").code == "USAMIL"
    assert kb.lookup("Crimea").kind == "place" and kb.lookup("Crimea").country == "UKR"
    assert kb.lookup("NATO").code == "IGOWSTNAT"
    for org in ORGANISATION_IDS:
        assert org in kb.organisations, org
    wagner = kb.lookup("Wagner")
    assert (wagner.kind, wagner.country) == ("group", "RUS")
    assert kb.lookup("Storm Shadow").kind == "thing"


def test_sector_forms_cover_plurals() -> None:
    assert {"troop", "troops"} <= inflections("troop")
    assert "militiamen" in inflections("militiaman")
    assert "armed forces" in inflections("armed force")
    kb = load_kb()
    assert kb.sector_forms["officials"] == ("GOV",)
    assert kb.sector_forms["mercenaries"][0] == "MIL"


def test_roles_are_padded_and_sorted(kb) -> None:  # type: ignore[no-untyped-def]
    roles = kb.roles["vladimir_putin"]
    assert [r.start for r in roles] == sorted(r.start for r in roles)
    prig = kb.roles["yevgeny_prigozhin"][0]
    assert (prig.start, prig.end) == ("2014-01-01", "2023-08-23")
    assert kb.roles["kim_jong_un"][0].end == "9999-12-31"
    assert "Kim" in kb.chain_keys["kim_jong_un"]


def test_read_tsv_skips_comments_and_pads(tmp_path: Path) -> None:
    p = tmp_path / "t.tsv"
    p.write_text("# c\na\tb\tc\n1\t2\n", encoding="utf-8")
    assert read_tsv(p) == [{"a": "1", "b": "2", "c": ""}]
