"""The CAMEO code table with its PLOVER mapping, quad class and Goldstein score (data/cameo.tsv)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)


@dataclass(frozen=True)
class CameoEntry:
    """One CAMEO code and what it means in the other ontologies."""

    code: str
    label: str
    quad_class: int  # 1 verbal coop … 4 material conflict
    penta_class: int  # 0 neutral statement/appeal, then as quad_class
    goldstein: float
    plover_type: str
    plover_mode: str | None
    plover_context: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


@lru_cache(maxsize=1)
def load_cameo() -> dict[str, CameoEntry]:
    """Every CAMEO code in the package's cameo.tsv, keyed by code."""
    text = resources.files("newsgraph").joinpath("data", "cameo.tsv").read_text(encoding="utf-8")
    table: dict[str, CameoEntry] = {}
    header_seen = False
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        code, label, quad, penta, goldstein, ptype, mode, context = line.split("\t")
        table[code] = CameoEntry(
            code=code,
            label=label,
            quad_class=int(quad),
            penta_class=int(penta),
            goldstein=float(goldstein),
            plover_type=ptype,
            plover_mode=mode or None,
            plover_context=context or None,
        )
    return table
