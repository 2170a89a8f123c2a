"""A knowledge base for actor tests: the package tables plus a tiny people/roles fixture."""

from __future__ import annotations

import shutil
from pathlib import Path

from newsgraph.actors.kb import default_data_dir

PEOPLE = """# test fixture
id\tname\taliases\tgender
kim_jong_un\tKim Jong Un\tKim Jong-un\tm
vladimir_putin\tVladimir Putin\tVladimir Vladimirovich Putin\tm
donald_trump\tDonald Trump\tDonald J. Trump\tm
yevgeny_prigozhin\tYevgeny Prigozhin\tYevgeniy Prigozhin\tm
zelia_quorn\tZelia Quorn\t\tf
"""
ROLES = """# test fixture
person_id\taffiliation\tsector\ttitle\tstart\tend
kim_jong_un\tPRK\tGOV\tSupreme Leader of North Korea\t2011-12-17\t
vladimir_putin\tRUS\tGOV\tPresident of Russia\t2000-05-07\t2008-05-07
vladimir_putin\tRUS\tGOV\tPrime Minister of Russia\t2008-05-08\t2012-05-07
vladimir_putin\tRUS\tGOV\tPresident of Russia\t2012-05-07\t
donald_trump\tUSA\tGOV\tPresident of the United States\t2017-01-20\t2021-01-20
donald_trump\tUSA\tGOV\tPresident of the United States\t2025-01-20\t
yevgeny_prigozhin\tRUS\tMIL\tHead of the Wagner Group\t2014\t2023-08-23
zelia_quorn\tUN\tIGO\tUnder-Secretary-General\t2020\t
"""


def fixture_kb_dir(tmp: Path) -> Path:
    """The package's tables with people.tsv and roles.tsv replaced by the fixture."""
    for path in default_data_dir().glob("*.tsv"):
        if path.name not in ("people.tsv", "roles.tsv"):
            shutil.copy(path, tmp / path.name)
    (tmp / "people.tsv").write_text(PEOPLE, encoding="utf-8")
    (tmp / "roles.tsv").write_text(ROLES, encoding="utf-8")
    return tmp
