"""The evaluation report: figures per gold file, checked against recorded floors."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any

from newsgraph.errors import UsageError


@dataclass(frozen=True)
class Metric:
    """One figure: its name within its group, its value, and the floor it must reach (if any)."""

    name: str
    value: float
    description: str
    floor: float | None = None

    @property
    def ok(self) -> bool | None:
        """True or False against the floor; None when no floor is recorded."""
        if self.floor is None:
            return None
        # Rounding keeps a figure printed as 0.600 from failing a 0.6 floor by float noise.
        return round(self.value, 6) >= self.floor


@dataclass(frozen=True)
class GroupResult:
    """The figures one scorer measured on one gold file."""

    name: str  # scorer name, the prefix of its metric keys ("petr2.root_accuracy")
    gold_file: str
    items: int  # sentences scored
    metrics: tuple[Metric, ...]
    details: dict[str, Any] = field(default_factory=dict)

    def metric(self, name: str) -> Metric:
        for m in self.metrics:
            if m.name == name:
                return m
        raise KeyError(f"{self.name} has no metric {name!r}")


@dataclass(frozen=True)
class EvalReport:
    """Everything `newsgraph eval` measured, with the floors applied."""

    groups: tuple[GroupResult, ...]
    coder_version: str
    seconds: float

    @property
    def ok(self) -> bool:
        return all(m.ok is not False for g in self.groups for m in g.metrics)

    def failures(self) -> list[str]:
        """The keys of the figures below their floors."""
        return [f"{g.name}.{m.name}" for g in self.groups for m in g.metrics if m.ok is False]

    def values(self) -> dict[str, float]:
        """All figures as a flat `{"group.metric": value}` mapping."""
        return {f"{g.name}.{m.name}": m.value for g in self.groups for m in g.metrics}

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "coder_version": self.coder_version,
            "seconds": round(self.seconds, 1),
            "failures": self.failures(),
            "groups": [
                {
                    "name": g.name,
                    "gold_file": g.gold_file,
                    "items": g.items,
                    "metrics": [
                        {
                            "name": m.name,
                            "value": round(m.value, 4),
                            "floor": m.floor,
                            "ok": m.ok,
                            "description": m.description,
                        }
                        for m in g.metrics
                    ],
                    "details": g.details,
                }
                for g in self.groups
            ],
        }


def load_floors(text: str | None = None) -> dict[str, float]:
    """The recorded floors (`data/floors.json`): `{"group.metric": minimum}`; '_' keys are notes."""
    if text is None:
        text = resources.files("newsgraph").joinpath("data/floors.json").read_text("utf-8")
    raw = json.loads(text)
    if not isinstance(raw, dict):
        raise UsageError("floors.json must hold one JSON object of 'group.metric': number")
    floors: dict[str, float] = {}
    for key, value in raw.items():
        if key.startswith("_"):
            continue
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise UsageError(f"floors.json: the floor for {key!r} is not a number ({value!r})")
        floors[key] = float(value)
    return floors


def apply_floors(group: GroupResult, floors: dict[str, float]) -> GroupResult:
    """The group with each metric's floor filled in from `floors`."""
    metrics = tuple(replace(m, floor=floors.get(f"{group.name}.{m.name}")) for m in group.metrics)
    return replace(group, metrics=metrics)


def format_table(report: EvalReport) -> str:
    """A readable table grouped by gold file: metric, value, floor, ok."""
    rows: list[tuple[str, str, str, str]] = []
    lines: list[str] = []
    width = max((len(m.name) for g in report.groups for m in g.metrics), default=6)
    width = max(width, len("metric"))
    header = f"  {'metric':<{width}}  {'value':>6}  {'floor':>6}  ok"
    for g in report.groups:
        lines.append(f"{g.gold_file}  ({g.name}, {g.items} sentences)")
        lines.append(header)
        for m in g.metrics:
            floor = f"{m.floor:.3f}" if m.floor is not None else "-"
            ok = {True: "ok", False: "FAIL", None: ""}[m.ok]
            rows.append((m.name, f"{m.value:.3f}", floor, ok))
            lines.append(f"  {m.name:<{width}}  {m.value:>6.3f}  {floor:>6}  {ok}".rstrip())
        lines.append("")
    failures = report.failures()
    verdict = (
        "all floors hold"
        if not failures
        else f"{len(failures)} below floor: " + ", ".join(failures)
    )
    lines.append(f"coder {report.coder_version}, {report.seconds:.1f}s: {verdict}")
    return "\n".join(lines)
