"""Personal names: titles skipped, the word a person is referred back by, name order."""

from __future__ import annotations

import pytest

from newsgraph.actors.kb import default_data_dir, read_tsv
from newsgraph.actors.names import NameWords, fold


@pytest.fixture(scope="module")
def names() -> NameWords:
    return NameWords.from_rows(read_tsv(default_data_dir() / "name_parts.tsv"))


def test_titles_and_honorifics_are_stripped(names: NameWords) -> None:
    assert names.bare("Mr Kim") == "Kim"
    assert names.bare("MR KIM") == "KIM"
    assert names.bare("Sheikh Tamim") == "Tamim"
    assert names.bare("Crown Prince Mohammed") == "Mohammed"
    assert names.bare("King") == "King"  # a lone title stays: there is no name to keep
    assert names.strip(["King", "Charles", "III"]) == ["Charles"]


@pytest.mark.parametrize(
    ("name", "countries", "key"),
    [
        ("Kim Jong Un", {"PRK"}, "Kim"),
        ("Kim Jong-un", set(), "Kim"),  # hyphenated given name: East Asian without a role
        ("Wang Yi", {"CHN"}, "Wang"),
        ("Xi Jinping", {"CHN"}, "Xi"),
        ("Choe Son Hui", {"PRK"}, "Choe"),
        ("Ban Ki-moon", set(), "Ban"),
        ("Lawrence Wong", {"SGP"}, "Wong"),  # Western given name first
        ("Tô Lâm", {"VNM"}, "Lâm"),  # Vietnamese: referred to by the given name
        ("Vladimir Putin", {"RUS"}, "Putin"),
        ("Tamim bin Hamad Al Thani", {"QAT"}, "Tamim"),
        ("King Salman", {"SAU"}, "Salman"),
        ("Emperor Naruhito", {"JPN"}, "Naruhito"),
        ("Mullah Omar", {"AFG"}, "Omar"),
        ("George W. Bush", {"USA"}, "Bush"),
        ("Bush Jr.", {"USA"}, "Bush"),
    ],
)
def test_reference_word(names: NameWords, name: str, countries: set[str], key: str) -> None:
    assert names.key(name, countries) == key


def test_keys_include_folded_spellings(names: NameWords) -> None:
    assert set(names.keys(["Tô Lâm", "To Lam"], {"VNM"})) == {"Lâm", "Lam"}
    assert fold("Tô") == "To"


def test_given_names_of_east_asian_names_are_never_keys(names: NameWords) -> None:
    keys = names.keys(["Kim Jong Un", "Kim Jong-un"], {"PRK"})
    assert "Un" not in keys and "Jong-un" not in keys
    assert "Yi" not in names.keys(["Wang Yi"], {"CHN"})


def test_titles_are_never_keys(names: NameWords) -> None:
    for name in ("Sheikh Tamim bin Hamad", "King Charles", "Crown Prince Mohammed bin Salman"):
        keys = names.keys([name])
        assert not {"Sheikh", "King", "Crown", "Prince"} & set(keys), name


def test_arabic_article_forms(names: NameWords) -> None:
    assert {"Assad", "al-Assad", "Al-Assad"} <= set(names.keys(["Bashar al-Assad"], {"SYR"}))
    assert names.article_forms("Al-Sheikh") == {"Sheikh", "al-Sheikh", "Al-Sheikh"}
    assert names.article_forms("Putin") == set()
    assert "Sheikh" not in names.keys(["Hussein al-Sheikh"], {"PSE"})  # a title is never a key
