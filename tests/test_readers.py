"""Readers: formats, metadata, aliases, and one clear problem per bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.errors import InputProblem
from newsgraph.ingest.dates import find_dateline, iso_date
from newsgraph.ingest.readers import RawArticle, ReadOptions, discover, read_bytes, read_input

STORY = (
    "Russia and North Korea held talks in Vladivostok on Tuesday. Both sides praised the meeting."
)


def one(items: list[RawArticle | InputProblem]) -> RawArticle:
    assert len(items) == 1 and isinstance(items[0], RawArticle), items
    return items[0]


def problems(items: list[RawArticle | InputProblem]) -> list[InputProblem]:
    return [i for i in items if isinstance(i, InputProblem)]


def test_text_metadata_lines() -> None:
    data = (
        f"title: Talks held\nurl: https://www.example.org/a/1\noutlet: Daily Example\n\n{STORY}\n"
    )
    raw = one(list(read_bytes(data.encode(), "a.txt", ".txt")))
    assert raw.title == "Talks held"
    assert raw.url == "https://www.example.org/a/1"
    assert raw.outlet == "Daily Example"
    assert raw.text == STORY
    assert raw.published is None and raw.date_source == "none"


def test_date_marker_sharing_the_first_line_keeps_the_story() -> None:
    data = f" date 2023-09-14 {STORY}\n\nSecond paragraph here.\n"
    raw = one(list(read_bytes(data.encode(), "a.txt", ".txt")))
    assert raw.published == "2023-09-14"
    assert raw.date_source == "metadata"
    assert raw.text.startswith("Russia and North Korea held talks")


def test_date_marker_on_its_own_line() -> None:
    raw = one(list(read_bytes(f"date: 2023-09-13\n{STORY}".encode(), "a.txt", ".txt")))
    assert raw.published == "2023-09-13"
    assert raw.text == STORY


def test_a_story_starting_with_the_word_date_is_not_metadata() -> None:
    text = "Date palms were damaged in the storm, officials said on Monday."
    raw = one(list(read_bytes(text.encode(), "a.txt", ".txt")))
    assert raw.text == text and raw.published is None


def test_jsonl_aliases_and_bad_line() -> None:
    good = {"headline": "H", "body": STORY, "pub_date": "2025-03-14 20:30:26Z", "id": 7}
    other = {"title": "T", "content": STORY + " More.", "source": {"name": "Wire"}, "lang": "en-GB"}
    data = "\n".join([json.dumps(good), '{"text": "broken", ', "", json.dumps(other)])
    items = list(read_bytes(data.encode(), "f.jsonl", ".jsonl"))
    bad = problems(items)
    assert len(bad) == 1
    assert bad[0].line == 2 and "not valid JSON" in bad[0].reason
    assert bad[0].message().startswith("cannot read f.jsonl line 2: not valid JSON")
    first, second = (i for i in items if isinstance(i, RawArticle))
    assert (first.title, first.published, first.date_source) == ("H", "2025-03-14", "field")
    assert first.given_id == "7" and first.source_line == 1
    assert (second.outlet, second.language, second.source_line) == ("Wire", "en", 4)


def test_json_object_without_text_is_a_problem() -> None:
    data = json.dumps([{"title": "no text here"}, {"text": STORY}])
    items = list(read_bytes(data.encode(), "f.json", ".json"))
    assert len(problems(items)) == 1 and "has no text" in problems(items)[0].reason
    assert one([i for i in items if isinstance(i, RawArticle)]).text == STORY


def test_json_wrapper_object_with_one_list() -> None:
    data = json.dumps({"articles": [{"text": STORY}, {"text": STORY + " Again."}]})
    assert len(list(read_bytes(data.encode(), "f.json", ".json"))) == 2


def test_outlet_falls_back_to_url_host() -> None:
    data = json.dumps({"text": STORY, "url": "https://www.voanews.com/a/x.html"})
    assert one(list(read_bytes(data.encode(), "f.json", ".json"))).outlet == "voanews.com"


def test_html_text_and_metadata() -> None:
    html = (
        "<html><head><title>Talks | Example</title>"
        '<meta property="og:site_name" content="Example News">'
        '<meta property="article:published_time" content="2023-09-13T10:00:00Z"></head>'
        f"<body><nav>Home</nav><article><h1>Talks</h1><p>{STORY}</p>"
        "<p>Officials from both countries said more meetings would follow next month.</p>"
        "</article></body></html>"
    )
    raw = one(list(read_bytes(html.encode(), "p.html", ".html")))
    assert raw.published == "2023-09-13" and raw.date_source == "html"
    assert raw.outlet == "Example News"
    lines = raw.text.splitlines()
    assert STORY in lines and any(line.startswith("Officials from both") for line in lines)


def test_html_without_text_is_a_problem() -> None:
    items = list(
        read_bytes(b"<html><body><script>var x;</script></body></html>", "p.html", ".html")
    )
    assert len(problems(items)) == 1 and "no article text" in problems(items)[0].reason


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x00\x01\x02binary\x00", "binary"),
        (b"", "empty"),
        (b"  \n\t\n ", "empty"),
        (b"caf\xe9 au lait and more text", "not valid UTF-8"),
    ],
)
def test_bad_bytes_give_one_problem(data: bytes, reason: str) -> None:
    items = list(read_bytes(data, "x.txt", ".txt"))
    assert len(items) == 1 and isinstance(items[0], InputProblem)
    assert reason in items[0].reason and items[0].advice


def test_size_limit(tmp_path: Path) -> None:
    f = tmp_path / "big.txt"
    f.write_text(STORY * 100)
    items = list(read_input(str(f), ReadOptions(max_bytes=1000)))
    assert len(items) == 1 and isinstance(items[0], InputProblem)
    assert "limit" in items[0].reason


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (json.dumps([{"text": STORY}]), "json"),
        (json.dumps({"text": STORY}) + "\n" + json.dumps({"text": STORY + "!"}), "jsonl"),
        (f"<!doctype html><html><body><p>{STORY}</p></body></html>", "html"),
        (STORY, "text"),
    ],
)
def test_sniffing_without_suffix(text: str, kind: str) -> None:
    items = list(read_bytes(text.encode(), "<stdin>", ""))
    expected = 2 if kind == "jsonl" else 1
    assert len(items) == expected and all(isinstance(i, RawArticle) for i in items)
    assert all(STORY in i.text for i in items if isinstance(i, RawArticle))


def test_discover_folder_glob_and_missing(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "sub" / "b.jsonl").write_text(json.dumps({"text": STORY}))
    (tmp_path / ".hidden").write_text("x")
    found, bad = discover([str(tmp_path), str(tmp_path / "*.txt"), str(tmp_path / "nope.txt")])
    assert sorted(Path(f).name for f in found) == ["a.txt", "b.jsonl"]
    assert len(bad) == 1 and bad[0].reason == "no such file or folder"


def test_iso_date_forms() -> None:
    assert iso_date("2025-03-14 20:30:26Z") == "2025-03-14"
    assert iso_date("Sep 14, 2023") == "2023-09-14"
    assert iso_date("14 September 2023") == "2023-09-14"
    assert iso_date("1694649600") == "2023-09-14"
    assert iso_date("2023-02-30") is None
    assert iso_date("soon") is None


def test_dateline_in_first_lines_only() -> None:
    assert find_dateline("MOSCOW, September 14, 2023 - Talks began.") == "2023-09-14"
    assert find_dateline("Talks began. " + "x " * 400 + "On May 1, 2020 things changed.") is None
    assert find_dateline("In May the leaders may meet again.") is None


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_reader_never_raises_on_arbitrary_bytes(data: bytes) -> None:
    for suffix in ("", ".txt", ".json", ".jsonl", ".html"):
        for item in read_bytes(data, "x", suffix):
            assert isinstance(item, RawArticle | InputProblem)
            if isinstance(item, RawArticle):
                assert item.text.strip()


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_text_reader_keeps_the_body(text: str) -> None:
    items = list(read_bytes(text.encode("utf-8", "surrogatepass"), "x.txt", ".txt"))
    assert len(items) == 1
