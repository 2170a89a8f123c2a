"""Stateless batch coding: JSON Lines texts in, one event record per line out, no database."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsgraph.errors import InputProblem
from newsgraph.records import Article

if TYPE_CHECKING:
    from newsgraph.pipeline import Analyser


@dataclass(frozen=True)
class CodedEvent:
    """One event found in one input document, as `newsgraph code` prints it."""

    doc_id: str
    record: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, **self.record}


def parse_line(line: str, number: int, source: str = "<stdin>") -> Article | InputProblem | None:
    """One input line as an Article; a problem when it cannot be coded; None when blank."""
    if not line.strip():
        return None

    def problem(reason: str, advice: str) -> InputProblem:
        return InputProblem(source, number, reason, advice)

    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return problem(f"not valid JSON ({exc.msg} at column {exc.colno})", "fix or drop the line")
    if not isinstance(item, dict):
        return problem("not a JSON object", 'write {"id": …, "text": …, "date": "YYYY-MM-DD"}')
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        return problem('no "text" string', 'give each line a non-empty "text" field')
    doc_id = item.get("id", number)
    if not isinstance(doc_id, (str, int)) or isinstance(doc_id, bool):
        return problem('"id" is not a string or number', "use a string id")
    date = item.get("date")
    if date is not None:
        if not isinstance(date, str):
            return problem('"date" is not a string', "write dates as YYYY-MM-DD")
        try:
            date = dt.date.fromisoformat(date[:10]).isoformat()
        except ValueError:
            return problem(f'"date" {date!r} is not YYYY-MM-DD', "fix the date or leave it out")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return Article(
        id=str(doc_id),
        text=text,
        raw_text=text,
        published=date,
        date_source="field" if date else "none",
        paragraphs=((0, len(text)),),
        content_hash=digest,
        source_path=source,
        source_line=number,
    )


def code_lines(
    lines: Iterable[str],
    analyser: Analyser | None = None,
    source: str = "<stdin>",
) -> Iterator[CodedEvent | InputProblem]:
    """Code every JSON Lines document; yields events in input order and problems as they occur.

    Streams: documents are analysed in batches by one Analyser (model loaded once), so tens of
    thousands of lines run in one process with bounded memory.
    """
    if analyser is None:
        from newsgraph.pipeline import Analyser

        analyser = Analyser()
    pending: list[InputProblem] = []

    def articles() -> Iterator[Article]:
        for number, line in enumerate(lines, start=1):
            parsed = parse_line(line, number, source)
            if isinstance(parsed, InputProblem):
                pending.append(parsed)
            elif parsed is not None:
                yield parsed

    for analysed in analyser.analyse(articles()):
        while pending:
            yield pending.pop(0)
        for event in analysed.events:
            yield CodedEvent(analysed.article.id, event.to_dict())
    yield from pending


def code_texts(
    items: Iterable[dict[str, Any]], analyser: Analyser | None = None
) -> Iterator[dict[str, Any]]:
    """Code parsed documents (`{"id", "text", "date"?}`): one dict per event, with doc_id."""
    lines = (json.dumps(item, ensure_ascii=False) for item in items)
    for out in code_lines(lines, analyser, source="<items>"):
        if isinstance(out, InputProblem):
            raise ValueError(out.message())
        yield out.to_dict()
