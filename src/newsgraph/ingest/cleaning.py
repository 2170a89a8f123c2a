"""Cleaning: keep the story, drop page furniture, and record every removed line for audit.

Rules are general, never an outlet's exact strings: known boilerplate patterns (data file),
non-sentence lines in the runs at the start and end of an article (teasers, bylines, headlines),
a repeat of the title at the top, and boilerplate-shaped lines (short, not story prose) that the
same outlet repeats across several different stories. Story prose is never removed for being
repeated: an update or a republished copy shares its paragraphs with the earlier version.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from newsgraph.records import RemovedLine

# A story sentence ends in terminal punctuation, perhaps inside quotes or brackets, perhaps
# followed by an end-of-article mark such as "■".
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s*(?:[■□▪◼◾])?\s*$")
_END_MARK = re.compile(r"\s*[■□▪◼◾]\s*$")
_WORD = re.compile(r"\w+", re.U)
MIN_SENTENCE_WORDS = 4
# A block of lines is hard-wrapped prose (one paragraph) when most lines run on without
# terminal punctuation and none is longer than a typical wrap width.
WRAP_MAX_LINE = 100
WRAP_MIN_LINE = 30
# Outlet boilerplate: a line is removed for repeating only when it is boilerplate-shaped (at most
# this many words, and no sentence or a sign-off sentence) and at least MIN_REPEAT_ARTICLES other
# stories of the outlet carry it, none of them a copy or an update of this article or of another.
BOILERPLATE_MAX_WORDS = 30
MIN_REPEAT_ARTICLES = 3


@dataclass(frozen=True)
class Pattern:
    regex: re.Pattern[str]
    reason: str
    anywhere: bool


@dataclass(frozen=True)
class Unit:
    """A paragraph candidate: one line, or a hard-wrapped block joined into one."""

    line: int  # 1-based line number of its first line in the raw text
    text: str


@dataclass(frozen=True)
class Cleaned:
    """The cleaning result: story text, paragraph offsets into it, and what was removed."""

    text: str
    paragraphs: tuple[tuple[int, int], ...]
    removed: tuple[RemovedLine, ...]


@lru_cache(maxsize=1)
def boilerplate_patterns() -> tuple[Pattern, ...]:
    """The known boilerplate patterns from `data/boilerplate.yaml`, loaded once per process."""
    source = resources.files("newsgraph.data").joinpath("boilerplate.yaml").read_text("utf-8")
    data = yaml.safe_load(source)
    return tuple(
        Pattern(re.compile(p["pattern"], re.I), str(p["reason"]), p.get("where") == "anywhere")
        for p in data["patterns"]
    )


@lru_cache(maxsize=1)
def signoff_patterns() -> tuple[re.Pattern[str], ...]:
    """Sign-off sentence shapes (`signoffs` in `data/boilerplate.yaml`), loaded once per process."""
    source = resources.files("newsgraph.data").joinpath("boilerplate.yaml").read_text("utf-8")
    return tuple(re.compile(p, re.I) for p in yaml.safe_load(source)["signoffs"])


def normalise(text: str) -> str:
    """NFKC, case-folded, whitespace folded: the form used for hashes and comparisons."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def content_hash(text: str) -> str:
    """The identity of an article's content; equal for exact duplicates."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:32]


def line_key(line: str) -> str:
    return normalise(line)


def is_sentence(text: str) -> bool:
    """Looks like story prose: enough words and ends with terminal punctuation."""
    return bool(_SENTENCE_END.search(text)) and len(_WORD.findall(text)) >= MIN_SENTENCE_WORDS


def split_units(raw: str) -> list[Unit]:
    """Split raw text into paragraph candidates, joining hard-wrapped blocks."""
    units: list[Unit] = []
    block: list[tuple[int, str]] = []

    def flush() -> None:
        if not block:
            return
        if _is_wrapped([t for _, t in block]):
            units.append(Unit(block[0][0], " ".join(" ".join(t.split()) for _, t in block)))
        else:
            units.extend(Unit(n, " ".join(t.split())) for n, t in block)
        block.clear()

    for number, line in enumerate(raw.splitlines(), start=1):
        if line.strip():
            block.append((number, line))
        else:
            flush()
    flush()
    return units


def _is_wrapped(lines: list[str]) -> bool:
    if len(lines) < 2:
        return False
    if max(len(t.strip()) for t in lines) > WRAP_MAX_LINE:
        return False
    inner = lines[:-1]
    run_on = sum(
        1 for t in inner if len(t.strip()) >= WRAP_MIN_LINE and not _SENTENCE_END.search(t)
    )
    return run_on * 2 > len(inner)


def _pattern_reason(text: str, edge: bool) -> str | None:
    for p in boilerplate_patterns():
        if (p.anywhere or edge) and p.regex.search(text):
            return p.reason
    return None


def line_keys(raw: str) -> frozenset[str]:
    """The normalised paragraph candidates of a raw text, for outlet-wide repeat detection."""
    return frozenset(k for u in split_units(raw) if (k := line_key(u.text)))


@lru_cache(maxsize=65536)
def boilerplate_shaped(line: str) -> bool:
    """A line outlet boilerplate can take: short, and either no sentence or a sign-off sentence.

    Story prose (a full sentence about the news) is never boilerplate-shaped, however often the
    outlet repeats it: updates, republished copies and stock background paragraphs keep it.
    """
    words = len(_WORD.findall(line))
    if not 0 < words <= BOILERPLATE_MAX_WORDS:
        return False
    return not is_sentence(line) or any(p.search(line) for p in signoff_patterns())


def paragraph_keys(text: str) -> frozenset[str]:
    """The normalised paragraphs of a cleaned text (paragraphs are joined by blank lines)."""
    return frozenset(k for p in text.split("\n\n") if (k := line_key(p)))


@lru_cache(maxsize=4096)  # an outlet's recent articles are compared with every new one
def story_keys(keys: frozenset[str]) -> frozenset[str]:
    """The keys that are story prose (not boilerplate-shaped), or all of them when none is."""
    prose = frozenset(k for k in keys if not boilerplate_shaped(k))
    return prose or keys


def same_story(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two articles (line keys) are copies or versions of one story, not independent peers.

    They are when they share a line of story prose, or when the lines they share make up at
    least half of the shorter one.
    """
    shared = a & b
    if not shared:
        return False
    if 2 * len(shared) >= min(len(a), len(b)):
        return True
    return not all(boilerplate_shaped(k) for k in shared)


def repeated_lines(raw: str, others: Iterable[frozenset[str]]) -> frozenset[str]:
    """Line keys of `raw` that are outlet boilerplate, given the outlet's other articles.

    `others` are `line_keys` of the outlet's earlier articles, most recent first. A line counts
    when it is boilerplate-shaped and at least MIN_REPEAT_ARTICLES of those articles carry it,
    each a different story: not a copy or an update of this article, nor of one another (see
    `same_story`). So content shared with one or two articles, or with any number of copies of
    one story, is never removed.
    """
    mine = line_keys(raw)
    candidates = {k for k in mine if boilerplate_shaped(k)}
    if not candidates:
        return frozenset()
    peers = [t for t in others if not candidates.isdisjoint(t) and not same_story(mine, t)]
    found: set[str] = set()
    for key in candidates:
        stories: list[frozenset[str]] = []
        for theirs in peers:
            if key in theirs and not any(same_story(theirs, s) for s in stories):
                stories.append(theirs)
                if len(stories) >= MIN_REPEAT_ARTICLES:
                    found.add(key)
                    break
    return frozenset(found)


def clean(raw: str, title: str | None = None, repeated: frozenset[str] = frozenset()) -> Cleaned:
    """Remove what is not the story from `raw`; keep a record of each removed unit."""
    units = split_units(raw)
    units, truncated = _cut_truncated_tail(units)
    reasons: dict[int, str] = {}
    title_key = line_key(title) if title else None

    def edge_reason(u: Unit) -> str | None:
        key = line_key(u.text)
        if key in repeated:
            return "repeated across the outlet's articles"
        found = _pattern_reason(u.text, edge=True)
        if found:
            return found
        if title_key and key == title_key:
            return "repeats the title"
        if not is_sentence(u.text):
            return "not a sentence (edge)"
        return None

    # The runs of non-story units at the start and at the end.
    for order in (range(len(units)), range(len(units) - 1, -1, -1)):
        for i in order:
            if i in reasons:
                break
            why = edge_reason(units[i])
            if why is None:
                break
            reasons[i] = why
    # Lines that are never story anywhere: media fallbacks, outlet-wide repeats.
    for i, u in enumerate(units):
        if i not in reasons:
            key = line_key(u.text)
            why = "repeated across the outlet's articles" if key in repeated else None
            why = why or _pattern_reason(u.text, edge=False)
            if why:
                reasons[i] = why
    kept = [u for i, u in enumerate(units) if i not in reasons]
    if not kept:
        # Nothing looked like prose (a list, a short note): keep all but known boilerplate
        # rather than silently dropping the article.
        reasons = {
            i: r
            for i, u in enumerate(units)
            if (r := _pattern_reason(u.text, edge=True)) is not None
        }
        kept = [u for i, u in enumerate(units) if i not in reasons]
    texts = [u.text for u in kept]
    if texts:
        texts[-1] = _END_MARK.sub("", texts[-1])
    text, paragraphs = join_paragraphs(texts)
    removed = tuple(RemovedLine(units[i].line, units[i].text, reasons[i]) for i in sorted(reasons))
    return Cleaned(text=text, paragraphs=paragraphs, removed=removed + truncated)


# The end of a sentence inside a paragraph: terminal punctuation, closing quotes, then space.
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’»)\]]*\s+")


def _cut_truncated_tail(units: list[Unit]) -> tuple[list[Unit], tuple[RemovedLine, ...]]:
    """A last paragraph cut off mid-sentence loses only the broken fragment, not its sentences.

    "Talks resumed on Monday. Both sides said they would" keeps "Talks resumed on Monday." and
    records "Both sides said they would" as removed; a last line with no complete sentence is
    left to the edge rules.
    """
    if not units or is_sentence(units[-1].text) or _pattern_reason(units[-1].text, edge=True):
        return units, ()
    last = units[-1]
    breaks = list(_SENTENCE_BREAK.finditer(last.text))
    if not breaks:
        return units, ()
    head, tail = last.text[: breaks[-1].end()].rstrip(), last.text[breaks[-1].end() :]
    if not is_sentence(head) or not tail.strip():
        return units, ()
    cut = RemovedLine(last.line, tail, "truncated sentence (edge)")
    return [*units[:-1], Unit(last.line, head)], (cut,)


def join_paragraphs(texts: list[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Join paragraphs with a blank line; return the text and each paragraph's offsets."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for t in texts:
        spans.append((pos, pos + len(t)))
        pos += len(t) + 2
    return "\n\n".join(texts), tuple(spans)
