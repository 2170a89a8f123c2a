"""Readers for the gold files behind `newsgraph eval`: PETR-2 XML, PentaClass TSV, BIO NER."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsgraph.errors import UsageError


@dataclass(frozen=True)
class Coding:
    """One gold CAMEO coding: an event code with its source and target actor codes."""

    event: str  # CAMEO code, e.g. "042" or "0352"
    source: str  # actor code, e.g. "USAGOV", "IGOUNO", "---REB"
    target: str


@dataclass(frozen=True)
class Petr2Sentence:
    """A PETR-2 validation record: the sentence, its date and its gold codings (maybe none)."""

    id: str
    date: str | None  # ISO YYYY-MM-DD
    text: str
    codings: tuple[Coding, ...]


@dataclass(frozen=True)
class ClassSentence:
    """A PentaClass sentence with its label (0 neutral … 4 material conflict)."""

    id: str
    text: str
    label: int


@dataclass(frozen=True)
class NerSentence:
    """A BIO-tagged sentence rebuilt as text, with each token's character span in that text."""

    id: str
    text: str
    tokens: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]  # (start, end) of each token in `text`
    roles: tuple[str, ...]  # per token: "S" source, "T" target, "R" reciprocal, "" outside


# Records are self-closed `<Sentence …/>` followed by siblings up to `</Sentence>`, or open tags;
# the file also holds '#' banner comments, so it is read with patterns rather than an XML parser.
_SENTENCE = re.compile(r"<Sentence\b([^>]*?)/?>(.*?)</Sentence>", re.S)
_ATTR = re.compile(r'([A-Za-z_][\w-]*)\s*=\s*"([^"]*)"')
_CODING = re.compile(r"<EventCoding\b([^>]*?)/?>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_PARSE = re.compile(r"<Parse>.*?</Parse>", re.S)
_BANNER = re.compile(r"^[ \t]*#(?:[#\s].*)?$", re.M)  # "# note" lines, not "#hashtag" text


def _attrs(fragment: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in _ATTR.findall(fragment)}


def _iso_date(value: str | None) -> str | None:
    if value and re.fullmatch(r"\d{8}", value):
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return None


def parse_petr2(content: str, source: str = "<petr2>") -> list[Petr2Sentence]:
    """Parse PETR-2 validation records; sentences marked evaluate="false" are skipped."""
    content = _PARSE.sub("", _COMMENT.sub("", _BANNER.sub("", content)))
    sentences: list[Petr2Sentence] = []
    for match in _SENTENCE.finditer(content):
        attrs = _attrs(match.group(1))
        if attrs.get("evaluate", "true").lower() == "false":
            continue
        body = match.group(2)
        text_match = _TEXT.search(body)
        if text_match is None:
            raise UsageError(
                f"cannot read {source}: sentence {attrs.get('id', '?')!r} has no <Text>; "
                "check that the file is the PETR-2 validation file"
            )
        codings = []
        for coding in _CODING.finditer(body):
            c = _attrs(coding.group(1))
            if "eventcode" in c:
                codings.append(
                    Coding(
                        c["eventcode"].strip(),
                        c.get("sourcecode", "---"),
                        c.get("targetcode", "---"),
                    )
                )
        text = " ".join(html.unescape(text_match.group(1)).split())
        sentences.append(
            Petr2Sentence(
                id=attrs.get("id", f"petr2-{len(sentences)}"),
                date=_iso_date(attrs.get("date")),
                text=text,
                codings=tuple(codings),
            )
        )
    return sentences


def parse_pentaclass(lines: Iterable[str], source: str = "<pentaclass>") -> list[ClassSentence]:
    """Parse `text<TAB>label` lines; blank lines are ignored, a bad label is an error."""
    out: list[ClassSentence] = []
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        text, sep, label = line.rpartition("\t")
        if not sep or label.strip() not in {"0", "1", "2", "3", "4"}:
            raise UsageError(
                f"cannot read {source} line {number}: expected 'text<TAB>label' with label 0-4; "
                "check that the file is the ConfliBERT PentaClass file"
            )
        out.append(ClassSentence(id=f"penta-{number}", text=text.strip(), label=int(label)))
    return out


# Tokens glued to the previous one / to the next one when the sentence text is rebuilt.
_NO_SPACE_BEFORE = frozenset(
    {
        ".",
        ",",
        ";",
        ":",
        "!",
        "?",
        ")",
        "]",
        "}",
        "%",
        "”",
        "'s",
        "n't",
        "'re",
        "'ve",
        "'ll",
        "'d",
        "'m",
    }
)
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "€", "£", "“", "‘"})
_APOSTROPHES = frozenset({"’", "´", "'", "ʼ"})


def _is_split_letter(token: str) -> bool:
    """A lone accented letter the gold tokeniser split out of a word ("Jos é", "K ı r ı kkale")."""
    return len(token) == 1 and not token.isascii() and unicodedata.category(token).startswith("L")


def _joins(prev: str, token: str, nxt: str) -> bool:
    """Whether `token` is glued to both neighbours ("Japanese-drafted", "06:00", "EU’s")."""
    if token in {"-", "/"}:
        return prev[-1:].isalnum() and nxt[:1].isalnum()
    if token in {":", "."}:
        return prev[-1:].isdigit() and nxt[:1].isdigit()
    if token == ",":  # thousands separator: "77 , 000"
        return prev.isdigit() and len(prev) <= 3 and nxt.isdigit() and len(nxt) == 3
    return token in _APOSTROPHES and nxt in {"s", "t"}


def detokenise(tokens: Iterable[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Rebuild readable text from gold tokens, keeping each token's character span."""
    toks = list(tokens)
    glued = [False] * len(toks)  # glued[i]: no space between token i-1 and token i
    for i in range(1, len(toks)):
        prev, token = toks[i - 1], toks[i]
        if i + 1 < len(toks) and _joins(prev, token, toks[i + 1]):
            glued[i] = glued[i + 1] = True
        if prev in _NO_SPACE_AFTER or token in _NO_SPACE_BEFORE:
            glued[i] = True
        if (_is_split_letter(token) and prev[-1:].isalpha()) or (
            _is_split_letter(prev) and token[:1].islower()
        ):
            glued[i] = True
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for i, token in enumerate(toks):
        if i and not glued[i]:
            parts.append(" ")
            pos += 1
        spans.append((pos, pos + len(token)))
        parts.append(token)
        pos += len(token)
    return "".join(parts), tuple(spans)


def parse_ner(lines: Iterable[str], source: str = "<ner>") -> list[NerSentence]:
    """Parse one-token-a-line BIO files (tags O, B-/I- S, T, R); blank lines end sentences."""
    out: list[NerSentence] = []
    tokens: list[str] = []
    roles: list[str] = []

    def flush() -> None:
        if tokens:
            text, spans = detokenise(tokens)
            out.append(NerSentence(f"ner-{len(out) + 1}", text, tuple(tokens), spans, tuple(roles)))
            tokens.clear()
            roles.clear()

    for number, line in enumerate(lines, start=1):
        fields = line.split()
        if not fields:
            flush()
            continue
        if len(fields) != 2:
            raise UsageError(
                f"cannot read {source} line {number}: expected 'token tag', got {line.strip()!r}; "
                "check that the file is the ConfliBERT NER file"
            )
        token, tag = fields
        role = tag[2:] if tag[:2] in {"B-", "I-"} else ""
        if tag != "O" and role not in {"S", "T", "R"}:
            raise UsageError(
                f"cannot read {source} line {number}: unknown tag {tag!r}; expected O or B-/I- "
                "with S, T or R"
            )
        tokens.append(token)
        roles.append(role)
    flush()
    return out


def _read(path: Path) -> str:
    if not path.is_file():
        raise UsageError(
            f"cannot find gold file {path}; pass --gold DIR, the folder with the gold files"
        )
    return path.read_text(encoding="utf-8")


def read_petr2(path: Path) -> list[Petr2Sentence]:
    """Read `petr2_gsr_validation.xml`."""
    return parse_petr2(_read(path), str(path))


def read_pentaclass(path: Path) -> list[ClassSentence]:
    """Read `conflibert_cameo_class_train.tsv`."""
    return parse_pentaclass(_read(path).splitlines(), str(path))


def read_ner(path: Path) -> list[NerSentence]:
    """Read `conflibert_cameo_ner_train.txt`."""
    return parse_ner(_read(path).splitlines(), str(path))
