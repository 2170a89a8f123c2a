"""The benchmark's corpus builder and table (the timed runs themselves are not unit-tested)."""

from __future__ import annotations

import json
from pathlib import Path

from newsgraph.bench import build_corpus, format_table


def test_corpus_repeats_stories_as_distinct_copies(tmp_path: Path) -> None:
    source = tmp_path / "stories.jsonl"
    stories = [{"id": "a", "text": "One two three."}, {"id": "b", "text": "Four five."}]
    source.write_text("".join(json.dumps(s) + "\n" for s in stories), encoding="utf-8")
    out = tmp_path / "corpus.jsonl"
    articles, words = build_corpus(source, 5, out)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert articles == len(rows) == 5
    assert [r["id"] for r in rows] == ["a-0", "b-0", "a-1", "b-1", "a-2"]
    assert len({r["text"] for r in rows}) == 5  # duplicate detection must not drop copies
    assert rows[2]["text"].startswith("One two three.")
    assert words == sum(len(r["text"].split()) for r in rows)


def test_table_shows_ratio_stages_and_backend() -> None:
    def run(name: str, seconds: float) -> dict[str, object]:
        return {
            "seconds": seconds,
            "articles_per_s": 10 / seconds,
            "words_per_s": 100,
            "peak_rss_mb": 400.0,
            "stages": {"language": 1.5} if name == "newsgraph" else {},
            "sentences": {"parsed": 3, "skipped": 1} if name == "newsgraph" else {},
            "events": 7,
            "mentions": 9,
        }

    result = {
        "corpus": "c.jsonl",
        "articles": 10,
        "words": 100,
        "batch_size": 16,
        "model": "m",
        "baseline_matrices": "spaCy's",
        "machine": {"cores": 2, "memory_gb": 1.0, "python": "3.11"},
        "results": [
            {"processes": 1, "baseline": run("baseline", 2.0), "newsgraph": run("newsgraph", 1.6)}
            | {"ratio": 1.25}
        ],
    }
    table = format_table(result)
    assert "baseline matrices spaCy's" in table
    assert "1.25" in table and "language 1.5s" in table and "parsed 3 (75%)" in table
