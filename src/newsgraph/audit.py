"""Blind precision audits: a random sample of stored events as a judging sheet, and its score.

`sample_sheet(store, n, seed)` draws events at random (seeded, so a sheet can be re-drawn) and
writes for each what a judge needs and nothing more: the event's fields, its quote, the sentence
around it and the article's title, outlet, date and neighbouring sentences. The judge fills the
`judgement` fields by reading; `score_sheet(rows)` turns a judged sheet into per-field precision.

Fields judged (true, false, or null when the question does not apply): `is_event` (a political
event the sentence reports, of any modality), `type` (PLOVER type and CAMEO root right), `actors`,
`recipients`, `direction` (who acts on whom, not reversed), `modality`, `date`. An event is fully
right when it is an event and no judged field is false. `asserted_precision` is the share of
events marked asserted that are events and really asserted (modality right).
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterable, Iterator
from typing import Any

from newsgraph.errors import UsageError
from newsgraph.store import Store

JUDGED = ("is_event", "type", "actors", "recipients", "direction", "modality", "date")
EVENT_FIELDS = (
    "id",
    "article_id",
    "plover_type",
    "cameo_code",
    "quad_class",
    "actors",
    "recipients",
    "modality",
    "attributed_to",
    "date",
    "date_granularity",
    "date_inferred",
    "is_background",
    "location",
    "trigger",
    "confidence",
)
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def _sentences(text: str) -> list[tuple[int, int]]:
    """Rough sentence spans of an article, for showing a judge the context of a quote."""
    spans: list[tuple[int, int]] = []
    start = 0
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        for m in _SENTENCE_END.finditer(para.group(0)):
            end = para.start() + m.start()
            spans.append((start, end))
            start = para.start() + m.end()
        spans.append((start, para.end()))
    return [s for s in spans if s[1] > s[0]]


def _party(ref: dict[str, Any]) -> dict[str, Any]:
    return {k: ref.get(k) for k in ("text", "name", "code", "inferred")}


def sample_sheet(store: Store, n: int, seed: int) -> list[dict[str, Any]]:
    """`n` events drawn at random with `seed`, each with its context and empty judgements."""
    if n < 1:
        raise UsageError("--sample must be at least 1")
    ids = [str(r[0]) for r in store.conn.execute("SELECT id FROM events ORDER BY id")]
    if not ids:
        raise UsageError("the database holds no events; ingest articles first")
    chosen = random.Random(seed).sample(ids, min(n, len(ids)))
    rows = []
    for event_id in chosen:
        (record,) = store.conn.execute(
            "SELECT record FROM events WHERE id = ?", (event_id,)
        ).fetchone()
        event = json.loads(record)
        article = store.article(event["article_id"]) or {}
        text = str(article.get("text") or "")
        spans = _sentences(text)
        i = next((k for k, (a, b) in enumerate(spans) if a <= event["start"] < b), None)
        sentence = text[spans[i][0] : spans[i][1]] if i is not None else event["quote"]
        rows.append(
            {
                "event": {
                    k: (
                        [_party(r) for r in event.get(k) or []]
                        if k in {"actors", "recipients"}
                        else event.get(k)
                    )
                    for k in EVENT_FIELDS
                },
                "quote": event["quote"],
                "sentence": sentence,
                "context": {
                    "title": article.get("title"),
                    "outlet": article.get("outlet"),
                    "published": article.get("published"),
                    "before": text[spans[i - 1][0] : spans[i - 1][1]] if i else None,
                    "after": (
                        text[spans[i + 1][0] : spans[i + 1][1]]
                        if i is not None and i + 1 < len(spans)
                        else None
                    ),
                },
                "judgement": dict.fromkeys(JUDGED) | {"note": ""},
            }
        )
    return rows


def read_sheet(lines: Iterable[str], name: str) -> Iterator[dict[str, Any]]:
    """The rows of a judged sheet; a line that is not a judged row is a usage error."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UsageError(f"{name} line {number}: not valid JSON ({exc.msg})") from exc
        if not isinstance(row, dict) or not isinstance(row.get("judgement"), dict):
            raise UsageError(f"{name} line {number}: no judgement object; is this a sheet?")
        for key in JUDGED:
            if row["judgement"].get(key) not in (True, False, None):
                raise UsageError(f"{name} line {number}: {key} must be true, false or null")
        yield row


def score_sheet(rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Per-field precision of a judged sheet, its fully-right share and asserted precision."""
    rows = [r for r in rows if r["judgement"].get("is_event") is not None]
    if not rows:
        raise UsageError("no judged rows (is_event is null everywhere): judge the sheet first")
    fields: dict[str, dict[str, Any]] = {}
    for key in JUDGED:
        judged = [r["judgement"][key] for r in rows if r["judgement"].get(key) is not None]
        right = sum(1 for v in judged if v)
        fields[key] = {
            "judged": len(judged),
            "right": right,
            "precision": round(right / len(judged), 3) if judged else None,
        }

    def fully(r: dict[str, Any]) -> bool:
        j = r["judgement"]
        return bool(j["is_event"]) and not any(j.get(k) is False for k in JUDGED)

    asserted = [r for r in rows if r["event"].get("modality") == "asserted"]
    real = [
        r
        for r in asserted
        if r["judgement"]["is_event"] and r["judgement"].get("modality") is not False
    ]
    return {
        "judged": len(rows),
        "fully_right": sum(1 for r in rows if fully(r)),
        "fully_right_share": round(sum(1 for r in rows if fully(r)) / len(rows), 3),
        "asserted": len(asserted),
        "asserted_precision": round(len(real) / len(asserted), 3) if asserted else None,
        "fields": fields,
    }
