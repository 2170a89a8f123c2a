"""Updated and republished stories: both versions keep their full text, the later links back."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.conftest import assert_store_consistent
from tests.fake_analysis import FakeAnalyser

from newsgraph.ingest import content_hash
from newsgraph.ingest.dedup import find_update
from newsgraph.pipeline import ingest_paths
from newsgraph.store import Store, open_store

V1 = (
    "North Korea fired a ballistic missile into the sea off its east coast on Monday, officials "
    "in Seoul said, in the third launch this month."
)
ADDED = "The United States condemned the attack on Tuesday."
PARAGRAPHS = [
    "Heavy fighting broke out near the border town on Sunday, local officials said.",
    "Residents said they had heard explosions through the night and fled to nearby villages.",
    "The army said it had repelled an attack by armed men on two checkpoints.",
    "Aid groups said hundreds of families needed shelter, food and clean water.",
    "The defence minister said reinforcements had been sent to the area on Monday.",
    "Neighbouring countries called on both sides to respect the ceasefire agreed last year.",
    "The United Nations said it was sending a team to assess the humanitarian situation.",
    "Schools in the district will stay closed until the end of the week, the governor said.",
    "Opposition leaders demanded an inquiry into how the attackers reached the checkpoints.",
]
SIGNOFF = "Some information for this report came from Reuters."


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "t.db") as opened:
        yield opened
        assert_store_consistent(opened)


def _feed(path: Path, *items: dict[str, str]) -> str:
    path.write_text("\n".join(json.dumps(i) for i in items), encoding="utf-8")
    return str(path)


def _text(store: Store, article_id: str) -> str:
    found = store.article(article_id)
    assert found is not None, article_id
    return str(found["text"])


def test_update_keeps_the_story_it_repeats(tmp_path: Path, store: Store) -> None:
    """The reported repro: v2 = v1 + one line, same site; v2 lost v1's paragraph."""
    feed = _feed(
        tmp_path / "feed.jsonl",
        {"id": "v1", "site": "example.com", "text": V1},
        {"id": "v2", "site": "example.com", "text": f"{V1}\n\n{ADDED}"},
    )
    report = ingest_paths([feed], store, analyser=FakeAnalyser())
    assert (report.stored, report.rejected) == (2, 0)
    assert _text(store, "v2") == f"{V1}\n\n{ADDED}"
    assert _text(store, "v1") == V1
    v2 = store.article("v2")
    assert v2 is not None and v2["removed"] == [] and v2["update_of"] == "v1"
    v1 = store.article("v1")
    assert v1 is not None and v1["update_of"] is None and v1["updates"] == ["v2"]


def test_long_update_keeps_every_earlier_paragraph(tmp_path: Path, store: Store) -> None:
    """v1 with 4 paragraphs, v2 with the same 4 plus 5 new, same site: v2 keeps all 9."""
    v1, v2 = "\n\n".join(PARAGRAPHS[:4]), "\n\n".join(PARAGRAPHS)
    feed = _feed(
        tmp_path / "feed.jsonl",
        {"url": "https://example.com/a", "text": v1},
        {"url": "https://example.com/b", "text": v2},
    )
    ingest_paths([feed], store, analyser=FakeAnalyser())
    rows = {r["chars"]: r for r in store.articles()}
    assert sorted(rows) == [len(v1), len(v2)]
    later = rows[len(v2)]
    assert _text(store, later["id"]) == v2
    assert later["update_of"] == rows[len(v1)]["id"]


def test_update_is_found_by_url_or_given_id_across_runs(tmp_path: Path, store: Store) -> None:
    first = _feed(tmp_path / "a.jsonl", {"id": "K", "url": "https://x.org/k", "text": V1})
    ingest_paths([first], store, analyser=FakeAnalyser())
    again = _feed(tmp_path / "b.jsonl", {"id": "K", "text": f"{V1}\n\n{ADDED}"})
    ingest_paths([again], store, analyser=FakeAnalyser())
    later = [r for r in store.articles() if r["id"] != "K"]
    assert len(later) == 1 and later[0]["update_of"] == "K"
    # An unrelated story under another given id is not an update.
    other = _feed(tmp_path / "c.jsonl", {"id": "Z", "url": "https://x.org/k", "text": ADDED})
    ingest_paths([other], store, analyser=FakeAnalyser())
    assert (store.article("Z") or {})["update_of"] is None


def test_three_hundred_one_paragraph_copies_lose_no_body(tmp_path: Path, store: Store) -> None:
    """One-paragraph stories plus an added line (211 of 300 lost their body before)."""
    stories = [
        f"Officials in district {i} said on Monday that {200 + i} families had been moved to "
        f"shelters after the river burst its banks, and that roads to {i + 7} villages were closed."
        for i in range(10)
    ]
    items = [
        {
            "id": f"s{i}-{copy}",
            "site": "example.com",
            "text": f"{story}\n\nCopy {copy}: the mayor of district {i} visited shelter {copy}.",
        }
        for copy in range(30)
        for i, story in enumerate(stories)
    ]
    report = ingest_paths([_feed(tmp_path / "c.jsonl", *items)], store, analyser=FakeAnalyser())
    assert (report.read, report.stored, report.rejected) == (300, 300, 0)
    assert store.stats()["articles"] == 300
    lost = [i["id"] for i in items if _text(store, i["id"]) != i["text"]]
    assert lost == []


def test_versions_link_to_the_story_they_update(tmp_path: Path, store: Store) -> None:
    items = [
        {"id": "s-0", "site": "example.com", "text": V1},
        {"id": "other", "site": "example.com", "text": PARAGRAPHS[0]},
        {"id": "s-1", "site": "example.com", "text": f"{V1}\n\n{ADDED}"},
        {"id": "s-2", "site": "example.com", "text": f"{V1}\n\n{ADDED}\n\n{PARAGRAPHS[1]}"},
        {"id": "s-b", "site": "example.com", "text": f"{V1}\n\n{PARAGRAPHS[2]}"},
    ]
    ingest_paths([_feed(tmp_path / "v.jsonl", *items)], store, analyser=FakeAnalyser())
    linked = {r["id"]: r["update_of"] for r in store.articles()}
    # s-b holds all of s-0 but only half of s-1 and of s-2: it updates s-0.
    assert linked == {"s-0": None, "other": None, "s-1": "s-0", "s-2": "s-1", "s-b": "s-0"}
    assert all(_text(store, i["id"]) == i["text"] for i in items)


def test_outlet_signoff_still_goes_once_many_stories_carry_it(tmp_path: Path, store: Store) -> None:
    items = [
        {"site": "example.com", "text": "\n\n".join([*PARAGRAPHS[i : i + 2], SIGNOFF])}
        for i in range(0, 8, 2)  # four different stories (no paragraph shared)
    ]
    ingest_paths([_feed(tmp_path / "f.jsonl", *items)], store, analyser=FakeAnalyser())
    texts = [_text(store, r["id"]) for r in store.articles()]
    assert [SIGNOFF in t for t in texts] == [True, True, True, False]
    assert texts[3] == "\n\n".join(PARAGRAPHS[6:8])
    assert {r["update_of"] for r in store.articles()} == {None}


def test_find_update_prefers_the_latest_version() -> None:
    v1 = frozenset({"a", "b"})
    v2 = frozenset({"a", "b", "c"})
    v3 = frozenset({"a", "b", "c", "d"})
    assert find_update(v3, [("v2", v2), ("v1", v1)]) == "v2"
    assert find_update(frozenset({"a", "x", "y"}), [("v1", v1)]) is None  # half is not most
    assert find_update(frozenset({"x"}), []) is None


def test_show_and_articles_json_expose_update_of(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    feed = _feed(
        tmp_path / "feed.jsonl",
        {"id": "v1", "site": "example.com", "text": V1},
        {"id": "v2", "site": "example.com", "text": f"{V1}\n\n{ADDED}"},
    )
    with open_store(db) as store:
        ingest_paths([feed], store, analyser=FakeAnalyser())
    runner = CliRunner()
    from newsgraph.cli import main

    rows = json.loads(runner.invoke(main, ["articles", "--db", str(db), "--json"]).stdout)
    assert {r["id"]: r["update_of"] for r in rows} == {"v1": None, "v2": "v1"}
    shown = json.loads(runner.invoke(main, ["show", "v2", "--db", str(db), "--json"]).stdout)
    assert shown["update_of"] == "v1" and shown["text"] == f"{V1}\n\n{ADDED}"
    text = runner.invoke(main, ["show", "v1", "--db", str(db)]).stdout
    assert "updated by v2" in text and V1 in text
    assert "update of v1" in runner.invoke(main, ["show", "v2", "--db", str(db)]).stdout
    assert_store_consistent(db)


def test_a_version_1_database_gains_update_of(tmp_path: Path) -> None:
    import sqlite3

    from newsgraph.store.opening import split_sql
    from newsgraph.store.schema import MIGRATIONS

    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    for statement in split_sql(MIGRATIONS[0][1]):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO articles (id, content_hash, outlet, date_source, text, raw_text, paragraphs, "
        "removed, ingested_at) VALUES ('old', ?, 'example.com', 'none', ?, ?, ?, '[]', 'then')",
        (content_hash(V1), V1, V1, json.dumps([[0, len(V1)]])),
    )
    conn.execute("INSERT INTO article_sources (article_id, path) VALUES ('old', 'old.txt')")
    conn.commit()
    conn.close()
    with open_store(db) as store:
        assert store.stats()["schema_version"] == 2
        assert (store.article("old") or {})["update_of"] is None
        updated = _feed(tmp_path / "f.jsonl", {"site": "example.com", "text": f"{V1}\n\n{ADDED}"})
        ingest_paths([updated], store, analyser=FakeAnalyser())
        assert [r["update_of"] for r in store.articles()] == [None, "old"]
    assert_store_consistent(db)
