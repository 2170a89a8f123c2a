"""Integrity and spot-fact tests for the people and roles tables of the actor knowledge base."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from importlib import resources
from itertools import pairwise
from pathlib import Path

import pycountry
import pytest

from conftest import ORGANISATION_IDS

# The date the tables are accurate to; an end date after it would be a guess about the future.
AS_OF = date(2026, 11, 22)
SECTORS = frozenset(
    {"GOV", "MIL", "COP", "OPP", "REB", "LEG", "JUD", "IGO", "BUS", "MED", "CVL", "SPY"}
)
PEOPLE_COLUMNS = ["id", "name", "aliases", "gender"]
ROLE_COLUMNS = ["person_id", "affiliation", "sector", "title", "start", "end"]
# Titles that several people hold at once; every other title has one holder at a time.
MULTI_HOLDER = re.compile(r"Deputy|Vice|Spokesperson|Adviser|Aide|Senator|Co-Leader|War Cabinet")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _data_dir() -> Path:
    return Path(str(resources.files("newsgraph") / "data" / "actors"))


def _read(name: str) -> tuple[list[str], list[str], list[list[str]]]:
    """Return (leading comment lines, header, rows) of a TSV whose comments start with '#'."""
    lines = (_data_dir() / name).read_text(encoding="utf-8").splitlines()
    comments: list[str] = []
    while lines and lines[0].startswith("#"):
        comments.append(lines.pop(0))
    header = lines.pop(0).split("\t")
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    return comments, header, rows


@pytest.fixture(scope="module")
def people() -> dict[str, dict[str, str]]:
    _, header, rows = _read("people.tsv")
    return {r[0]: dict(zip(header, r, strict=True)) for r in rows}


@pytest.fixture(scope="module")
def roles() -> list[dict[str, str]]:
    _, header, rows = _read("roles.tsv")
    return [dict(zip(header, r, strict=True)) for r in rows]


def _end(role: dict[str, str]) -> date:
    return date.fromisoformat(role["end"]) if role["end"] else AS_OF


def holder(roles: list[dict[str, str]], title: str, on: str) -> list[str]:
    """Ids of the people holding `title` on the ISO date `on` (end date exclusive)."""
    day = date.fromisoformat(on)
    return [
        r["person_id"]
        for r in roles
        if r["title"] == title and date.fromisoformat(r["start"]) <= day < _end(r)
    ]


@pytest.mark.parametrize(
    ("name", "columns"), [("people.tsv", PEOPLE_COLUMNS), ("roles.tsv", ROLE_COLUMNS)]
)
def test_files_have_source_header_and_exact_columns(name: str, columns: list[str]) -> None:
    comments, header, _ = _read(name)
    assert "Wikipedia" in comments[1] and "Phoenix.Countries.actors.txt" in "".join(comments)
    assert header == columns
    text = (_data_dir() / name).read_text(encoding="utf-8").splitlines()
    body = [line for line in text if line and not line.startswith("#")]
    bad = [line for line in body if len(line.split("\t")) != len(columns)]
    assert not bad


def test_people_ids_names_aliases_and_gender(people: dict[str, dict[str, str]]) -> None:
    _, _, rows = _read("people.tsv")
    assert len(rows) == len(people), "duplicate person ids"
    for pid, p in people.items():
        assert re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)*", pid), pid
        assert p["name"] and p["name"] == p["name"].strip(), pid
        assert p["gender"] in {"m", "f"}, pid
        aliases = p["aliases"].split("|") if p["aliases"] else []
        assert all(a and a == a.strip() for a in aliases), pid
        assert len(set(aliases)) == len(aliases) and p["name"] not in aliases, pid
        # Bare surnames are derived by the resolver; listing them would only add ambiguity.
        assert p["name"].split()[-1] not in aliases, pid


def test_every_role_is_well_formed(
    roles: list[dict[str, str]], people: dict[str, dict[str, str]]
) -> None:
    for r in roles:
        assert r["person_id"] in people, r
        aff = r["affiliation"]
        assert aff in ORGANISATION_IDS or pycountry.countries.get(alpha_3=aff) is not None, r
        assert r["sector"] in SECTORS, r
        assert r["title"] and r["title"] == r["title"].strip(), r
        assert ISO_DATE.fullmatch(r["start"]), r
        assert r["end"] == "" or ISO_DATE.fullmatch(r["end"]), r
        start = date.fromisoformat(r["start"])
        assert start <= _end(r) <= AS_OF, r


def test_every_person_has_a_role(
    roles: list[dict[str, str]], people: dict[str, dict[str, str]]
) -> None:
    assert set(people) == {r["person_id"] for r in roles}


def overlaps(roles: list[dict[str, str]]) -> list[tuple[str, str, str]]:
    """(title, earlier holder, later holder) for single-holder offices held by two at once."""
    terms: dict[str, list[tuple[date, date, str]]] = defaultdict(list)
    for r in roles:
        if not MULTI_HOLDER.search(r["title"]):
            terms[r["title"]].append((date.fromisoformat(r["start"]), _end(r), r["person_id"]))
    found = []
    for title, spans in terms.items():
        spans.sort()
        # A successor may take office on the day the predecessor's term ends.
        found += [(title, a[2], b[2]) for a, b in pairwise(spans) if b[0] < a[1]]
    return found


def test_single_holder_offices_do_not_overlap(roles: list[dict[str, str]]) -> None:
    assert not overlaps(roles)


def test_overlap_check_catches_a_shifted_date() -> None:
    title = "President of the United States"
    rows = [
        {"person_id": "a", "title": title, "start": "2017-01-20", "end": "2021-01-20"},
        {"person_id": "b", "title": title, "start": "2021-01-19", "end": ""},
        {"person_id": "c", "title": "Vice President of X", "start": "2017-01-20", "end": ""},
    ]
    assert overlaps(rows) == [(title, "a", "b")]
    rows[1]["start"] = "2021-01-20"
    assert not overlaps(rows)


@pytest.mark.parametrize(
    ("title", "on", "expected"),
    [
        ("President of the United States", "2017-06-01", "donald_trump"),
        ("President of the United States", "2022-06-01", "joe_biden"),
        ("President of the United States", "2025-06-01", "donald_trump"),
        ("Prime Minister of the United Kingdom", "2022-10-01", "liz_truss"),
        ("Prime Minister of the United Kingdom", "2024-07-05", "keir_starmer"),
        ("President of Russia", "2010-01-01", "dmitry_medvedev"),
        ("Prime Minister of Russia", "2010-01-01", "vladimir_putin"),
        ("President of Russia", "2024-01-01", "vladimir_putin"),
        ("Supreme Leader of North Korea", "2015-01-01", "kim_jong_un"),
        ("Supreme Leader of North Korea", "2005-01-01", "kim_jong_il"),
        ("Foreign Minister of North Korea", "2023-01-01", "choe_son_hui"),
        ("Prime Minister of Israel", "2021-12-01", "naftali_bennett"),
        ("Prime Minister of Japan", "2025-11-01", "sanae_takaichi"),
        ("Chancellor of Germany", "2025-06-01", "friedrich_merz"),
        ("Foreign Minister of Ukraine", "2023-01-01", "dmytro_kuleba"),
        ("Defence Minister of Russia", "2025-01-01", "andrei_belousov"),
        ("Commander-in-Chief of the Armed Forces of Ukraine", "2022-06-01", "valerii_zaluzhnyi"),
        ("Commander-in-Chief of the Armed Forces of Ukraine", "2025-01-01", "oleksandr_syrskyi"),
        ("Chief of the General Staff of Russia", "2020-01-01", "valery_gerasimov"),
        ("Supreme Leader of Iran", "2020-01-01", "ali_khamenei"),
        ("President of Iran", "2025-01-01", "masoud_pezeshkian"),
        ("Secretary-General of the United Nations", "2010-01-01", "ban_ki_moon"),
        ("Secretary General of NATO", "2025-01-01", "mark_rutte"),
        (
            "Director General of the International Atomic Energy Agency",
            "2020-06-01",
            "rafael_grossi",
        ),
        ("President of the European Commission", "2010-01-01", "jose_manuel_barroso"),
        ("President of Brazil", "2024-01-01", "lula_da_silva"),
        ("President of South Korea", "2023-01-01", "yoon_suk_yeol"),
        ("Prime Minister of India", "2010-01-01", "manmohan_singh"),
        ("President of Syria", "2025-06-01", "ahmed_al_sharaa"),
        ("Secretary-General of Hezbollah", "2020-01-01", "hassan_nasrallah"),
        ("King of Saudi Arabia", "2010-01-01", "king_abdullah"),
        ("Prime Minister of Saudi Arabia", "2023-01-01", "mohammed_bin_salman"),
        ("Emir of Qatar", "2020-01-01", "tamim_bin_hamad"),
    ],
)
def test_office_holder_on_a_date(
    roles: list[dict[str, str]], title: str, on: str, expected: str
) -> None:
    assert holder(roles, title, on) == [expected]


def test_roles_carry_country_and_sector_in_the_right_columns(roles: list[dict[str, str]]) -> None:
    def role(pid: str, title: str) -> dict[str, str]:
        return next(r for r in roles if r["person_id"] == pid and r["title"] == title)

    wagner = role("yevgeny_prigozhin", "Head of Wagner Group")
    assert (wagner["affiliation"], wagner["sector"], wagner["end"]) == ("RUS", "MIL", "2023-08-23")
    sinwar = role("yahya_sinwar", "Head of the Hamas Political Bureau")
    assert (sinwar["affiliation"], sinwar["sector"]) == ("PSE", "REB")
    vdl = role("ursula_von_der_leyen", "President of the European Commission")
    assert (vdl["affiliation"], vdl["sector"], vdl["start"], vdl["end"]) == (
        "EUC",
        "IGO",
        "2019-12-01",
        "",
    )
    kim = role(
        "kim_yo_jong", "Vice Department Director of the Workers' Party of Korea Central Committee"
    )
    assert (kim["affiliation"], kim["sector"]) == ("PRK", "GOV")
    lavrov = role("sergey_lavrov", "Foreign Minister of Russia")
    assert (lavrov["start"], lavrov["end"]) == ("2004-03-09", "")


def test_aliases_news_uses(people: dict[str, dict[str, str]]) -> None:
    def aliases(pid: str) -> list[str]:
        return people[pid]["aliases"].split("|")

    assert "Kim Jong-un" in aliases("kim_jong_un")
    assert {"Volodymyr Zelensky", "Volodymyr Zelenskiy"} <= set(aliases("volodymyr_zelenskyy"))
    assert "MBS" in aliases("mohammed_bin_salman")
    assert "Lula" in aliases("lula_da_silva")
    assert "AMLO" in aliases("andres_manuel_lopez_obrador")
    assert "Recep Tayyip Erdogan" in aliases("recep_tayyip_erdogan")
    assert people["kim_yo_jong"]["gender"] == "f" and people["kim_jong_un"]["gender"] == "m"


# Heads of state and government of the countries the brief names, checked on 1 January and
# 1 July of every year since 2000: a title covered less often than this has lost its data.
COVERED = [
    "President of the United States",
    "Secretary of State of the United States",
    "Secretary of Defense of the United States",
    "Prime Minister of the United Kingdom",
    "Foreign Secretary of the United Kingdom",
    "Defence Secretary of the United Kingdom",
    "President of France",
    "Prime Minister of France",
    "Chancellor of Germany",
    "President of Germany",
    "Prime Minister of Italy",
    "Prime Minister of Canada",
    "President of Mexico",
    "President of Argentina",
    "President of Brazil",
    "President of Russia",
    "Prime Minister of Russia",
    "Foreign Minister of Russia",
    "Defence Minister of Russia",
    "President of China",
    "Premier of China",
    "Prime Minister of Japan",
    "President of South Korea",
    "Supreme Leader of North Korea",
    "Prime Minister of India",
    "President of Indonesia",
    "Prime Minister of Australia",
    "President of South Africa",
    "President of Turkey",
    "King of Saudi Arabia",
    "President of Ukraine",
    "Prime Minister of Ukraine",
    "Supreme Leader of Iran",
    "President of Iran",
    "Prime Minister of Israel",
    "Defence Minister of Israel",
    "President of the United Arab Emirates",
    "Emir of Qatar",
    "Emir of Kuwait",
    "Prime Minister of Bahrain",
    "Sultan of Oman",
    "Secretary-General of the United Nations",
]


@pytest.mark.parametrize("title", COVERED)
def test_required_offices_are_covered_since_2000(roles: list[dict[str, str]], title: str) -> None:
    days = [f"{y}-{m}-01" for y in range(2000, AS_OF.year + 1) for m in ("01", "07")]
    days = [d for d in days if date.fromisoformat(d) <= AS_OF]
    held = [d for d in days if holder(roles, title, d)]
    assert len(held) / len(days) >= 0.95, sorted(set(days) - set(held))
