"""The actor knowledge base: countries, metonyms, organisations, groups, people, sectors, things.

Read once per process from the TSV files in `newsgraph/data/actors/` (each names its sources in
its header). Everything the resolver looks up is a plain dict built here, so resolution never
iterates over the knowledge base.

Users add or override actors with their own TSV files (`--actors FILE`, env NEWSGRAPH_ACTORS) in
the shapes of the shipped people, roles, organisations (and groups) and metonyms tables; the
header row says which (USER_SHAPES). They go through the same loader: a user's row replaces the
shipped row with the same id (alias for metonyms), a user's roles replace the shipped roles of
that person, and a user's aliases win over any shipped alias. A bad row is a UsageError naming
the file and line: an actors file is configuration, so the run does not start.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from newsgraph.actors.names import NameWords
from newsgraph.errors import UsageError
from newsgraph.records import ActorKind

# Party offices that lead a one-party state: they match a title naming the ruling party.
PARTY_OFFICES = frozenset({"general secretary", "first secretary"})


@dataclass(frozen=True)
class Entry:
    """One thing the knowledge base can name: an actor, a place or a weapon."""

    key: str  # the entity-ruler pattern id, unique across the KB
    actor_id: str  # Mention.actor_id: state:RUS, org:NATO, group:WAGNER, person:<id> …
    name: str
    kind: ActorKind
    country: str | None
    sectors: tuple[str, ...]
    code: str
    label: str  # entity label the ruler assigns: GPE, NORP, ORG, PERSON, FAC, LOC, PRODUCT
    use: str = ""  # demonym | capital | seat | place for the entries of those tables


@dataclass(frozen=True)
class Role:
    """A position a person held: affiliation (country code or organisation id) between dates."""

    person_id: str
    affiliation: str
    sector: str
    title: str
    start: str  # ISO date, padded to a full day ("2012" → "2012-01-01")
    end: str  # ISO date, "9999-12-31" when current
    office: str = ""  # lower-case head of a "<office> of <own country>" title, else ""
    group: str = ""  # actor id of a KB group the title names ("Head of Wagner Group")


@dataclass
class KnowledgeBase:
    """All lookup tables, keyed for O(1) resolution."""

    entries: dict[str, Entry] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # alias as written → entry key
    folded: dict[str, str] = field(default_factory=dict)  # lower-case alias → entry key
    countries: dict[str, Entry] = field(default_factory=dict)  # code → state entry
    iso3: dict[str, str] = field(default_factory=dict)  # ISO3 (and code) → code
    organisations: dict[str, Entry] = field(default_factory=dict)  # org id → entry
    roles: dict[str, tuple[Role, ...]] = field(default_factory=dict)  # person id → roles
    chain_keys: dict[str, tuple[str, ...]] = field(default_factory=dict)  # person id → ref words
    surnames: dict[str, list[str]] = field(default_factory=dict)  # reference word → person ids
    names: NameWords = field(default_factory=NameWords)
    # role description phrase → country ("" = any) → offices, preferred first
    offices: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    office_words: int = 0  # the longest phrase of `offices`, in words
    office_prefixes: set[str] = field(default_factory=set)  # every leading part of a phrase
    sector_forms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # word(s) → sectors
    collective: frozenset[str] = frozenset()  # sector words that act without a plural or "the"
    holders: dict[str, list[Role]] = field(default_factory=dict)  # country code → roles held
    # actor id → (start, end, code, sectors) periods when a group or organisation is coded otherwise
    dated_codes: dict[str, list[tuple[str, str, str, tuple[str, ...]]]] = field(
        default_factory=dict
    )

    def code_at(self, entry: Entry, when: tuple[str, str]) -> tuple[str, tuple[str, ...]]:
        """The entry's code and sectors during `when` (a date range; empty: the table's)."""
        lo, hi = when
        for start, end, code, sectors in self.dated_codes.get(entry.actor_id, ()):
            if lo and start <= hi and end >= lo:
                return code, sectors
        return entry.code, entry.sectors

    def add(self, entry: Entry, aliases: list[str], override: bool = False) -> None:
        """Register an entry; a taken alias keeps its first owner (table order = priority)
        unless `override` (a user's row), which takes the entry key and its aliases."""
        if override:
            self.entries[entry.key] = entry
        else:
            self.entries.setdefault(entry.key, entry)
        for alias in aliases:
            for variant in _variants(alias):
                folded = len(variant) > 3 and not variant.isupper()
                if override:
                    self.aliases[variant] = entry.key
                    if folded:
                        self.folded[variant.lower()] = entry.key
                    continue
                self.aliases.setdefault(variant, entry.key)
                if folded:
                    self.folded.setdefault(variant.lower(), entry.key)

    def lookup(self, text: str) -> Entry | None:
        """The entry named exactly by `text` (case-insensitive for names longer than 3 letters)."""
        key = self.aliases.get(text)
        if key is None and len(text) > 3:
            key = self.folded.get(text.lower())
        return None if key is None else self.entries[key]

    def code_of(self, affiliation: str) -> str | None:
        """A country code for an ISO3 or country code; None for an organisation id."""
        return self.iso3.get(affiliation)

    def offices_for(self, phrase: str, country: str) -> tuple[str, ...]:
        """The offices a role description names in `country` ("leader", DEU → chancellor)."""
        by_country = self.offices.get(phrase, {})
        return by_country.get(country) or by_country.get("", ())

    def _names_country(self, text: str, country: str) -> bool:
        entry = self.lookup(text[4:] if text.startswith("the ") else text)
        if entry is None or entry.country != country:
            return False
        # The state itself, or the body that governs it ("the Palestinian National Authority").
        return entry.kind == "state" or (entry.kind == "organisation" and "GOV" in entry.sectors)

    def parse_title(self, title: str, affiliation: str) -> tuple[str, str]:
        """(office, group actor id) of a role title; see `Role.office` and `Role.group`."""
        country = self.code_of(affiliation)
        office, group = "", ""
        at = title.find(" of ")
        while at > 0:
            head, tail = title[:at], title[at + 4 :]
            own = country is not None and self._names_country(tail, country)
            party = head.lower() in PARTY_OFFICES and "Party" in tail
            if not office and (own or party):
                office = head.lower()
            entry = self.lookup(tail[4:] if tail.startswith("the ") else tail)
            if not group and entry is not None and entry.kind == "group":
                group = entry.actor_id
            at = title.find(" of ", at + 4)
        return office, group


def _variants(alias: str) -> Iterator[str]:
    """The alias, without a leading "the", and with straight/curly apostrophes swapped."""
    base = alias[4:] if alias.startswith(("the ", "The ")) else alias
    for form in {alias, base}:
        yield form
        if "'" in form:
            yield form.replace("'", "’")
        if "’" in form:
            yield form.replace("’", "'")


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a data file: `#` comment lines, then a header row, then tab-separated rows."""
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            cells += [""] * (len(header) - len(cells))
            rows.append(dict(zip(header, cells, strict=False)))
    return rows


# The shipped tables a user's file may extend, told apart by the columns its header names.
USER_SHAPES: dict[str, frozenset[str]] = {
    "roles.tsv": frozenset({"person_id", "affiliation", "sector", "title", "start", "end"}),
    "organisations.tsv": frozenset({"id", "name", "aliases", "kind", "country", "sectors", "code"}),
    "people.tsv": frozenset({"id", "name", "aliases"}),
    "metonyms.tsv": frozenset({"alias", "target", "sectors", "use"}),
}
USER_COLUMNS = frozenset().union(*USER_SHAPES.values(), {"gender", "note"})
USER_REQUIRED: dict[str, tuple[str, ...]] = {
    "roles.tsv": ("person_id", "affiliation", "sector", "title"),
    "organisations.tsv": ("id", "name", "kind", "code"),
    "people.tsv": ("id", "name"),
    "metonyms.tsv": ("alias", "use"),
}
USER_KEYS = {"roles.tsv": "person_id", "people.tsv": "id", "organisations.tsv": "id"}
USER_KEYS |= {"groups.tsv": "id", "metonyms.tsv": "alias"}
METONYM_USES = frozenset({"capital", "seat", "place"})
PARTIAL_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
WHERE = "_where"  # a user row's "FILE line N", kept for the messages of later checks


def user_error(where: str, reason: str, advice: str) -> UsageError:
    return UsageError(f"cannot read {where}: {reason}; {advice}")


def read_user_actors(paths: Sequence[str]) -> dict[str, list[dict[str, str]]]:
    """A user's actor rows by the shipped table they extend, each row checked on its own.

    Raises UsageError naming the file and line of the first bad row or header.
    """
    tables: dict[str, list[dict[str, str]]] = {}
    for path in paths:
        file = Path(path)
        if not file.is_file():
            raise user_error(path, "no such file", "give the path of an actors TSV file")
        header: list[str] | None = None
        shape = ""
        with file.open(encoding="utf-8") as f:
            for number, line in enumerate(f, start=1):
                line = line.rstrip("\r\n")
                if not line.strip() or line.startswith("#"):
                    continue
                cells = [c.strip() for c in line.split("\t")]
                where = f"{path} line {number}"
                if set(cells) <= USER_COLUMNS:  # a header row: a table (re)starts here
                    shape = next((t for t, cols in USER_SHAPES.items() if cols <= set(cells)), "")
                    header = cells if shape else None
                if header is None:
                    raise user_error(
                        where,
                        f"{cells!r} is not the header row of an actor table",
                        "start each table with the header row of people.tsv, roles.tsv, "
                        "organisations.tsv or metonyms.tsv (see docs/actors.example.tsv)",
                    )
                if cells is header:
                    continue
                if len(cells) > len(header):
                    raise user_error(
                        where,
                        f"{len(cells)} cells for {len(header)} columns",
                        "separate cells with one tab each and put no tab inside a cell",
                    )
                row = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))
                row[WHERE] = where
                _check_user_row(shape, row)
                table = "groups.tsv" if row.get("kind") == "group" else shape
                tables.setdefault(table, []).append(row)
    return tables


def _check_user_row(shape: str, row: dict[str, str]) -> None:
    """The checks a row passes on its own (references to other rows are checked by load_kb)."""
    where = row[WHERE]
    for column in USER_REQUIRED[shape]:
        if not row.get(column):
            raise user_error(where, f"the {column} cell is empty", f"fill in {column}")
    if shape == "roles.tsv":
        for column in ("start", "end"):
            if row[column] and not PARTIAL_DATE.fullmatch(row[column]):
                raise user_error(
                    where,
                    f"{column} date {row[column]!r} is not YYYY, YYYY-MM or YYYY-MM-DD",
                    "write the date in ISO form, or leave end empty for a current role",
                )
        if row["start"] and row["end"] and _pad(row["start"], False) > _pad(row["end"], True):
            raise user_error(where, "the role ends before it starts", "check the two dates")
    if shape == "organisations.tsv" and row["kind"] not in ("organisation", "group"):
        raise user_error(
            where, f"kind {row['kind']!r} is not organisation or group", "use one of the two"
        )
    if shape == "metonyms.tsv" and row["use"] not in METONYM_USES:
        raise user_error(
            where,
            f"use {row['use']!r} is not one of {', '.join(sorted(METONYM_USES))}",
            "use capital or seat for a government's seat, place for a region",
        )


def _merge(
    shipped: list[dict[str, str]], user: list[dict[str, str]], key: str
) -> list[dict[str, str]]:
    """The user's rows first, then the shipped rows whose key no user row has."""
    taken = {r[key] for r in user}
    return user + [r for r in shipped if r[key] not in taken]


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


def _pad(date: str, end: bool) -> str:
    if not date:
        return "9999-12-31" if end else "0000-01-01"
    parts = date.split("-")
    if len(parts) == 1:
        return f"{date}-12-31" if end else f"{date}-01-01"
    if len(parts) == 2:
        return f"{date}-28" if end else f"{date}-01"
    return date


def inflections(noun: str) -> set[str]:
    """Singular and regular plural surface forms of a sector noun (last word inflected)."""
    head, _, last = noun.rpartition(" ")
    forms = {last, last + "s", last + "es"}
    if last.endswith("y") and last[-2:-1] not in "aeiou":
        forms.add(last[:-1] + "ies")
    if last.endswith("man"):
        forms.add(last[:-3] + "men")
    if last.endswith("person"):
        forms.add(last[:-6] + "people")
    return {f"{head} {f}" if head else f for f in forms}


def sector_name(country_name: str, sectors: tuple[str, ...]) -> str:
    """The canonical name of a country's sector actor: "Russia (GOV)"."""
    return f"{country_name} ({'|'.join(sectors)})" if sectors else country_name


def default_data_dir() -> Path:
    return Path(str(resources.files("newsgraph") / "data" / "actors"))


@lru_cache(maxsize=4)
def load_kb(data_dir: Path | None = None, user_files: tuple[str, ...] = ()) -> KnowledgeBase:
    """The knowledge base from `data_dir` (default: the package data) and a user's actor files
    (see the module docstring), read once per process."""
    d = data_dir or default_data_dir()
    kb = KnowledgeBase()
    user = read_user_actors(user_files)

    def table(name: str) -> list[dict[str, str]]:
        path = d / name
        rows = read_tsv(path) if path.exists() else []
        return _merge(rows, user[name], USER_KEYS[name]) if name in user else rows

    def check(row: dict[str, str], ok: bool, reason: str, advice: str) -> None:
        if not ok and WHERE in row:
            raise user_error(row[WHERE], reason, advice)

    countries = table("countries.tsv")
    for r in countries:
        code = r["code"]
        if r["iso3"]:
            kb.iso3.setdefault(r["iso3"], code)
        kb.iso3.setdefault(code, code)
    for r in countries:  # names first: a country's name beats another table's alias
        code = r["code"]
        entry = Entry(
            f"country:{r['iso3'] or code}",
            f"state:{code}",
            r["name"],
            "state",
            code,
            (),
            code,
            "GPE",
        )
        kb.add(entry, [r["name"], *_split(r["aliases"])])
        if r["status"] == "state":  # the state's own row names it, not a dependency's
            kb.countries[code] = kb.entries[entry.key]
        else:
            kb.countries.setdefault(code, kb.entries[entry.key])
    for r in countries:
        code = r["code"]
        canonical = kb.countries[code].name if code in kb.countries else r["name"]
        entry = Entry(
            f"demonym:{r['iso3'] or code}",
            f"state:{code}",
            canonical,
            "state",
            code,
            (),
            code,
            "NORP",
            "demonym",
        )
        kb.add(entry, _split(r["demonyms"]))
    for r in table("blocs.tsv"):  # coded like states; aliases exact ("the West", not "West")
        code = r["code"]
        kb.iso3.setdefault(code, code)
        for use, label, cell in (("", "GPE", r["aliases"]), ("demonym", "NORP", r["demonyms"])):
            key = f"bloc-{use or 'name'}:{code}"
            kb.entries.setdefault(
                key, Entry(key, f"state:{code}", r["name"], "state", code, (), code, label, use)
            )
            for alias in _split(cell):
                kb.aliases.setdefault(alias, key)
                kb.aliases.setdefault(alias.replace("'", "’"), key)
    kinds: tuple[tuple[str, ActorKind, str], ...] = (
        ("organisations.tsv", "organisation", "org"),
        ("groups.tsv", "group", "group"),
    )
    for name, kind, prefix in kinds:
        for r in table(name):
            country = kb.code_of(r["country"]) if r["country"] else None
            check(
                r,
                country is not None or not r["country"],
                f"country {r['country']!r} is not a country code the knowledge base knows",
                "use an ISO 3166 alpha-3 code (FRA) or a CAMEO code from countries.tsv",
            )
            sectors = tuple(_split(r["sectors"]))
            entry = Entry(
                f"{prefix}:{r['id']}",
                f"{prefix}:{r['id']}",
                r["name"],
                kind,
                country,
                sectors,
                r["code"],
                "ORG",
            )
            kb.add(entry, [r["name"], *_split(r["aliases"])], override=WHERE in r)
            if prefix == "org":
                kb.organisations[r["id"]] = entry
    for r in table("dated_codes.tsv"):
        kb.dated_codes.setdefault(r["id"], []).append(
            (r["start"], r["end"] or "9999-12-31", r["code"], tuple(_split(r["sectors"])))
        )
    for r in table("metonyms.tsv"):
        target, use = r["target"], r["use"]
        sectors = tuple(_split(r["sectors"]))
        org = kb.organisations.get(target)
        if use == "place":
            country = kb.code_of(target) if target else None
            entry = Entry(
                f"place:{r['alias']}",
                f"place:{country or '-'}:{r['alias'].lower()}",
                r["alias"],
                "place",
                country,
                (),
                "",
                "LOC",
                "place",
            )
        elif org is not None:
            entry = Entry(
                f"metonym:{r['alias']}",
                org.actor_id,
                org.name,
                org.kind,
                None,
                org.sectors,
                org.code,
                "GPE" if use == "capital" else "FAC",
                use,
            )
        else:
            country = kb.code_of(target)
            check(
                r,
                country is not None,
                f"target {target!r} is neither a country code nor an organisation id",
                "name a country code (FRA) or an organisation's id from organisations.tsv",
            )
            if country is None:
                continue
            name = sector_name(kb.countries[country].name, sectors)
            entry = Entry(
                f"metonym:{r['alias']}",
                f"state:{country}:{'|'.join(sectors)}",
                name,
                "state",
                country,
                sectors,
                country + (sectors[0] if sectors else ""),
                "GPE" if use == "capital" else "FAC",
                use,
            )
        kb.add(entry, [r["alias"]], override=WHERE in r)
    kb.names = NameWords.from_rows(table("name_parts.tsv"))
    people: dict[str, list[str]] = {}
    for r in table("people.tsv"):
        pid = r["id"]
        people[pid] = [r["name"], *_split(r["aliases"])]
        entry = Entry(f"person:{pid}", f"person:{pid}", r["name"], "person", None, (), "", "PERSON")
        kb.add(entry, people[pid], override=WHERE in r)
    roles: dict[str, list[Role]] = {}
    for r in table("roles.tsv"):
        check(
            r,
            r["person_id"] in people,
            f"person_id {r['person_id']!r} is in no people table",
            "add the person to a people file (id, name, aliases) or fix the id",
        )
        check(
            r,
            kb.code_of(r["affiliation"]) is not None or r["affiliation"] in kb.organisations,
            f"affiliation {r['affiliation']!r} is neither a country code nor an organisation id",
            "name a country code (FRA) or an organisation's id from organisations.tsv",
        )
        office, group = kb.parse_title(r["title"], r["affiliation"])
        role = Role(
            r["person_id"],
            r["affiliation"],
            r["sector"],
            r["title"],
            _pad(r["start"], False),
            _pad(r["end"], True),
            office,
            group,
        )
        roles.setdefault(role.person_id, []).append(role)
        country = kb.code_of(role.affiliation) or role.affiliation
        kb.holders.setdefault(country, []).append(role)
    kb.roles = {pid: tuple(sorted(rs, key=lambda x: x.start)) for pid, rs in roles.items()}
    for pid, names in people.items():
        held = {kb.code_of(role.affiliation) or "" for role in kb.roles.get(pid, ())}
        kb.chain_keys[pid] = kb.names.keys(names, held)
        for word in kb.chain_keys[pid]:
            kb.surnames.setdefault(word, []).append(pid)
    for r in table("offices.tsv"):
        for phrase in _split(r["phrases"]):
            kb.offices.setdefault(phrase, {})[r["country"]] = tuple(_split(r["offices"]))
            kb.office_words = max(kb.office_words, len(phrase.split()))
            kb.office_prefixes.update(phrase[:n] for n in range(1, len(phrase) + 1))
    collective = set()
    for r in table("sectors.tsv"):
        sectors = tuple(_split(r["sectors"]))
        for form in inflections(r["noun"]):
            kb.sector_forms.setdefault(form, sectors)
        if "collective" in r.get("note", ""):
            collective.add(r["noun"])
    kb.collective = frozenset(collective)
    for r in table("things.tsv"):
        entry = Entry(
            f"thing:{r['id']}", f"thing:{r['id']}", r["name"], "thing", None, (), "", "PRODUCT"
        )
        kb.add(entry, [r["name"], *_split(r["aliases"])])
    return kb
