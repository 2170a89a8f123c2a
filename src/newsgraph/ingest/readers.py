"""Readers: turn files, folders, globs and stdin into raw articles or clear input problems.

Readers never raise for bad input; each bad item becomes an `InputProblem` and the rest go on.
"""

from __future__ import annotations

import glob
import json
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsgraph.errors import InputProblem
from newsgraph.ingest.dates import iso_date
from newsgraph.records import DateSource

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
STDIN = "-"
TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}

# Field aliases for JSON objects, most specific first.
TEXT_FIELDS = ("text", "body", "content", "article", "story")
TITLE_FIELDS = ("title", "headline")
DATE_FIELDS = ("published", "pub_date", "date", "published_at", "publication_date", "datetime")
URL_FIELDS = ("url", "link")
OUTLET_FIELDS = ("outlet", "source", "publisher", "site", "sitename")
ID_FIELDS = ("id", "article_id", "guid")
LANG_FIELDS = ("lang", "language")

# Metadata lines at the head of a text file: `title: …`, `url: …`, `outlet: …`, `date: …`.
_META_KEYS = {
    "title": "title",
    "headline": "title",
    "url": "url",
    "link": "url",
    "outlet": "outlet",
    "source": "outlet",
    "publisher": "outlet",
    "date": "published",
    "published": "published",
    "id": "id",
    "lang": "language",
    "language": "language",
}
_META_LINE = re.compile(r"^\s*([A-Za-z_]+)\s*:\s*(\S.*?)\s*$")
# ` date 2023-09-14 It is …`: a date marker, maybe without a colon, maybe sharing a line with
# the story's first words.
_DATE_MARKER = re.compile(
    r"^\s*(?:date|published)\s*:?\s+(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.]+Z?)?(?=\s|$)[ \t]*", re.I
)
_GLOB_CHARS = re.compile(r"[*?\[]")


@dataclass(frozen=True)
class RawArticle:
    """An article as read, before cleaning: story text plus whatever metadata came with it."""

    text: str
    source_path: str
    source_line: int | None = None
    given_id: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    date_source: DateSource = "none"
    language: str | None = None


@dataclass(frozen=True)
class ReadOptions:
    """Limits for reading; passed explicitly so workers share them."""

    max_bytes: int = DEFAULT_MAX_BYTES


Item = RawArticle | InputProblem


def discover(paths: Iterable[str]) -> tuple[list[str], list[InputProblem]]:
    """Expand files, folders (recursively), globs and `-` into a list of inputs to read."""
    found: list[str] = []
    problems: list[InputProblem] = []
    for raw in paths:
        if raw == STDIN:
            found.append(STDIN)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*") if p.is_file() and not _hidden(p.relative_to(path))
            )
            if not files:
                problems.append(
                    InputProblem(raw, None, "the folder holds no files", "check the path")
                )
            found.extend(str(p) for p in files)
        elif path.is_file():
            found.append(raw)
        elif _GLOB_CHARS.search(raw):
            matches = sorted(m for m in glob.glob(raw, recursive=True) if Path(m).is_file())
            if not matches:
                problems.append(
                    InputProblem(raw, None, "the pattern matches no files", "check the pattern")
                )
            found.extend(matches)
        else:
            problems.append(
                InputProblem(raw, None, "no such file or folder", "check the path and try again")
            )
    # The same file named twice (e.g. by a folder and a glob) is read once.
    return list(dict.fromkeys(found)), problems


def _hidden(relative: Path) -> bool:
    """Dot-files and dot-folders (.git, .DS_Store) are not articles."""
    return any(part.startswith(".") for part in relative.parts)


def read_input(name: str, options: ReadOptions | None = None) -> Iterator[Item]:
    """Read one file (or stdin for `-`), yielding raw articles and problems."""
    options = options or ReadOptions()
    if name == STDIN:
        data = sys.stdin.buffer.read(options.max_bytes + 1)
        label = "<stdin>"
    else:
        label = name
        try:
            size = Path(name).stat().st_size
            if size > options.max_bytes:
                yield _too_big(label, options.max_bytes)
                return
            data = Path(name).read_bytes()
        except OSError as exc:
            yield InputProblem(label, None, f"cannot open it ({exc.strerror})", "check permissions")
            return
    if len(data) > options.max_bytes:
        yield _too_big(label, options.max_bytes)
        return
    yield from read_bytes(data, label, _suffix(name))


def read_bytes(data: bytes, label: str, suffix: str = "") -> Iterator[Item]:
    """Decode and parse the bytes of one input; the format comes from the suffix or is sniffed."""
    if _looks_binary(data):
        yield InputProblem(
            label, None, "binary file, not text", "give text, HTML, JSON or JSON Lines files"
        )
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        yield InputProblem(
            label,
            line,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            "convert the file to UTF-8, e.g. `iconv -f latin1 -t utf-8`",
        )
        return
    if not text.strip():
        yield InputProblem(label, None, "the file is empty", "remove it or add the article text")
        return
    kind = _kind(suffix, text)
    if kind == "jsonl":
        yield from _read_jsonl(text, label)
    elif kind == "json":
        yield from _read_json(text, label)
    elif kind == "html":
        yield _read_html(text, label)
    else:
        yield _read_text(text, label)


def _too_big(label: str, limit: int) -> InputProblem:
    return InputProblem(
        label,
        None,
        f"file is larger than the {limit // (1024 * 1024)} MB limit",
        "split it or raise the limit with --max-size",
    )


def _suffix(name: str) -> str:
    return "" if name == STDIN else Path(name).suffix.lower()


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB mean this is not text."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(head) > 0.05


def _kind(suffix: str, text: str) -> str:
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    return _sniff(text)


def _sniff(text: str) -> str:
    """Guess the format of text with no telling suffix (stdin, odd file names)."""
    head = text.lstrip()[:2048].lower()
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        try:
            json.loads(text)
        except json.JSONDecodeError:
            return "jsonl"
        return "json"
    if head.startswith("<") and re.search(r"<(html|body|p|div|article|!doctype)\b", head):
        return "html"
    return "text"


def _read_text(text: str, label: str) -> Item:
    """Plain text, optionally headed by metadata lines (`title: …`, ` date 2023-09-14 …`)."""
    meta: dict[str, str] = {}
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        marker = _DATE_MARKER.match(line)
        if marker and "published" not in meta:
            meta["published"] = marker.group(1)
            rest = line[marker.end() :]
            if rest.strip():
                lines[i] = rest
                break
            i += 1
            continue
        m = _META_LINE.match(line)
        if m and m.group(1).lower() in _META_KEYS and _META_KEYS[m.group(1).lower()] not in meta:
            meta[_META_KEYS[m.group(1).lower()]] = m.group(2)
            i += 1
            continue
        break
    body = "\n".join(lines[i:]).strip("\n")
    if not body.strip():
        return InputProblem(label, None, "no story text after the metadata lines", "add the text")
    published = iso_date(meta["published"]) if "published" in meta else None
    return RawArticle(
        text=body,
        source_path=label,
        given_id=meta.get("id"),
        title=meta.get("title"),
        url=meta.get("url"),
        outlet=meta.get("outlet") or _host(meta.get("url")),
        published=published,
        date_source="metadata" if published else "none",
        language=_lang(meta.get("language")),
    )


def _read_html(html: str, label: str) -> Item:
    """Main text and metadata of a web page, via trafilatura, one paragraph a line."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not str(text).strip():
        return InputProblem(
            label, None, "no article text found in the HTML", "check it is an article page"
        )
    raw_date = getattr(doc, "date", None)
    published = iso_date(str(raw_date)) if raw_date else None
    return RawArticle(
        text=str(text),
        source_path=label,
        title=_str(getattr(doc, "title", None)),
        url=_str(getattr(doc, "url", None)),
        outlet=_str(getattr(doc, "sitename", None)) or _host(_str(getattr(doc, "url", None))),
        published=published,
        date_source="html" if published else "none",
        language=_lang(_str(getattr(doc, "language", None))),
    )


def _read_jsonl(text: str, label: str) -> Iterator[Item]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputProblem(
                label,
                number,
                f"not valid JSON ({exc.msg} at column {exc.colno})",
                "fix or remove the line; the other lines were read",
            )
            continue
        yield _from_object(value, label, number)


def _read_json(text: str, label: str) -> Iterator[Item]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        yield InputProblem(
            label,
            exc.lineno,
            f"not valid JSON ({exc.msg} at column {exc.colno})",
            "fix the file, or use JSON Lines so one bad record does not spoil the rest",
        )
        return
    if isinstance(value, dict) and not any(k in value for k in TEXT_FIELDS):
        # A wrapper such as {"articles": [...]}: use its one list of objects.
        lists = [v for v in value.values() if isinstance(v, list)]
        if len(lists) == 1:
            value = lists[0]
    if isinstance(value, list):
        for index, entry in enumerate(value, start=1):
            yield _from_object(entry, label, None, index)
    else:
        yield _from_object(value, label, None)


def _from_object(value: Any, label: str, line: int | None, index: int | None = None) -> Item:
    """One JSON object → a raw article, using the common field aliases."""
    where = f" (item {index})" if index is not None else ""
    if not isinstance(value, Mapping):
        return InputProblem(
            label, line, f"expected a JSON object{where}, got {type(value).__name__}", "skip it"
        )
    text = _first(value, TEXT_FIELDS)
    if text is None or not text.strip():
        return InputProblem(
            label,
            line,
            f"the object{where} has no text (looked for {', '.join(TEXT_FIELDS)})",
            "add the article text in a `text` field",
        )
    raw_date = _first(value, DATE_FIELDS)
    published = iso_date(raw_date) if raw_date else None
    given = value.get(next((k for k in ID_FIELDS if value.get(k) is not None), "id"))
    return RawArticle(
        text=text,
        source_path=label,
        source_line=line if line is not None else index,
        given_id=None if given is None else str(given),
        title=_first(value, TITLE_FIELDS),
        url=_first(value, URL_FIELDS),
        outlet=_outlet(value) or _host(_first(value, URL_FIELDS)),
        published=published,
        date_source="field" if published else "none",
        language=_lang(_first(value, LANG_FIELDS)),
    )


def _first(obj: Mapping[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        v = obj.get(key)
        if isinstance(v, str) and v.strip():
            return v
        if isinstance(v, int | float) and not isinstance(v, bool):
            return str(v)
    return None


def _outlet(obj: Mapping[str, Any]) -> str | None:
    for key in OUTLET_FIELDS:
        v = obj.get(key)
        if isinstance(v, str) and v.strip():
            return v.strip()
        if isinstance(v, Mapping):  # {"source": {"name": "…"}} as in common news APIs
            name = v.get("name")
            if isinstance(name, str) and name.strip():
                return name.strip()
    return None


def _host(url: str | None) -> str | None:
    """The site of a URL (`https://www.example.com/a` → `example.com`), standing for the outlet."""
    if not url:
        return None
    host = urlsplit(url.strip()).hostname
    return host.removeprefix("www.") if host else None


def _str(value: object) -> str | None:
    return str(value).strip() or None if value else None


def _lang(value: str | None) -> str | None:
    """`en-US`, `EN`, `en_GB` → `en`."""
    if not value:
        return None
    code = re.split(r"[-_]", value.strip())[0].lower()
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None
