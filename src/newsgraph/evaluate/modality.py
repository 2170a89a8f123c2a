"""The modality scorer: the project's own VOA gold (`data/gold/modality_voa.tsv`) behind `eval`.

The gold references VOA sentences by story id and character offsets (the text is not copied);
the scorer re-reads the stories, runs the modality classifier on each gold trigger token
(independently of whether the event coder finds an event there) and reports per-class precision
and recall and macro-F1. It also reports how many gold triggers the event coder covers.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import cast

from newsgraph.errors import UsageError
from newsgraph.evaluate.context import ScoreContext
from newsgraph.evaluate.metrics import PRF, macro_f1, per_class, ratio
from newsgraph.evaluate.report import GroupResult, Metric
from newsgraph.records import MODALITIES, Article, Modality

GOLD_NAME = "modality_voa.tsv"
VOA_PATH = Path("corpora") / "voa" / "voa_stories.jsonl"
CLASSES: tuple[Modality, ...] = MODALITIES


@dataclass(frozen=True)
class GoldModality:
    """One gold judgement: a trigger in a VOA sentence and the modality a reader gives it."""

    story_id: str
    sent_start: int
    sent_end: int
    trigger_start: int
    trigger_end: int
    trigger: str
    modality: Modality
    line: int


def parse_gold(lines: Iterable[str], source: str = GOLD_NAME) -> list[GoldModality]:
    """Rows of the gold TSV (comments start with '#'; the first other line is the header)."""
    rows: list[GoldModality] = []
    header_seen = False
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        cells = line.split("\t")
        if len(cells) != 7 or cells[6] not in CLASSES:
            raise UsageError(
                f"{source} line {number}: expected 7 tab-separated cells ending in one of "
                f"{', '.join(CLASSES)}; fix the line"
            )
        sid, s0, s1, t0, t1, word, label = cells
        rows.append(
            GoldModality(
                sid, int(s0), int(s1), int(t0), int(t1), word, cast(Modality, label), number
            )
        )
    return rows


def read_gold() -> list[GoldModality]:
    """The packaged modality gold."""
    text = resources.files("newsgraph").joinpath(f"data/gold/{GOLD_NAME}").read_text("utf-8")
    return parse_gold(text.splitlines())


def read_stories(path: Path) -> dict[str, str]:
    """Story id → text of the VOA corpus."""
    if not path.is_file():
        raise UsageError(
            f"cannot find the VOA corpus at {path}; pass --gold pointing at shared/gold"
        )
    stories: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                obj = json.loads(line)
                stories[str(obj["id"])] = str(obj["text"])
    return stories


def check_references(rows: Sequence[GoldModality], stories: dict[str, str]) -> list[str]:
    """Problems with gold references: unknown stories or offsets that no longer resolve."""
    problems: list[str] = []
    for r in rows:
        text = stories.get(r.story_id)
        if text is None:
            problems.append(f"line {r.line}: no story {r.story_id}")
        elif not (r.sent_start <= r.trigger_start < r.trigger_end <= r.sent_end <= len(text)):
            problems.append(f"line {r.line}: offsets out of range")
        elif text[r.trigger_start : r.trigger_end] != r.trigger:
            problems.append(f"line {r.line}: trigger offsets do not point at {r.trigger!r}")
    return problems


def modality_result(
    rows: Sequence[GoldModality], predicted: Sequence[Modality], covered: int
) -> GroupResult:
    """Per-class precision/recall, macro-F1 and the coder's coverage of the gold triggers."""
    index = {c: i for i, c in enumerate(CLASSES)}
    counts = per_class(
        [index[p] for p in predicted], [index[r.modality] for r in rows], range(len(CLASSES))
    )
    by_name: dict[str, PRF] = {CLASSES[i]: prf for i, prf in counts.items()}
    metrics = [Metric("macro_f1", macro_f1(counts), "macro-F1 over the six modality classes")]
    for name, prf in by_name.items():
        metrics.append(Metric(f"{name}.precision", prf.precision, f"precision of {name}"))
        metrics.append(Metric(f"{name}.recall", prf.recall, f"recall of {name}"))
    metrics.append(
        Metric(
            "coder_coverage",
            ratio(covered, len(rows)),
            "share of gold triggers inside an event the coder found",
        )
    )
    confusion: dict[str, dict[str, int]] = {c: dict.fromkeys(CLASSES, 0) for c in CLASSES}
    for r, p in zip(rows, predicted, strict=True):
        confusion[r.modality][p] += 1
    details = {
        "per_class": {k: v.to_dict() for k, v in by_name.items()},
        "confusion_gold_by_predicted": confusion,
        "covered": covered,
    }
    return GroupResult("modality", GOLD_NAME, len(rows), tuple(metrics), details)


def score_modality(ctx: ScoreContext) -> GroupResult:
    """Run the classifier on every gold trigger and the coder on every gold sentence."""
    from newsgraph.events.modality import classify, load_cues
    from newsgraph.language import load_model

    rows = read_gold()
    stories = read_stories(ctx.shared_dir / VOA_PATH)
    problems = check_references(rows, stories)
    if problems:
        raise UsageError(f"{GOLD_NAME}: {'; '.join(problems[:5])}; recompute the offsets")
    sentences = sorted({(r.story_id, r.sent_start, r.sent_end) for r in rows})
    texts = [stories[sid][s0:s1] for sid, s0, s1 in sentences]
    nlp = load_model()
    cues = load_cues()
    docs = {key: doc for key, doc in zip(sentences, nlp.pipe(texts), strict=True)}
    predicted: list[Modality] = []
    for r in rows:
        doc = docs[(r.story_id, r.sent_start, r.sent_end)]
        span = doc.char_span(
            r.trigger_start - r.sent_start, r.trigger_end - r.sent_start, alignment_mode="expand"
        )
        token = span.root if span is not None else doc[0]
        predicted.append(classify(token, cues).modality)
    articles = [
        Article(
            id=f"{sid}:{s0}",
            text=text,
            raw_text=text,
            published=None,
            paragraphs=((0, len(text)),),
        )
        for (sid, s0, _s1), text in zip(sentences, texts, strict=True)
    ]
    spans: dict[str, list[tuple[int, int]]] = {}
    for analysed in ctx.analyse(articles):
        for e in analysed.events:
            t0 = int(e.extra.get("trigger_start", e.start))
            t1 = int(e.extra.get("trigger_end", e.end))
            spans.setdefault(analysed.article.id, []).append((t0, t1))
    covered = 0
    for r in rows:
        local0, local1 = r.trigger_start - r.sent_start, r.trigger_end - r.sent_start
        found = spans.get(f"{r.story_id}:{r.sent_start}", [])
        if any(a < local1 and local0 < b for a, b in found):
            covered += 1
    return modality_result(rows, predicted, covered)
