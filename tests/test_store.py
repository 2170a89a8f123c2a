"""The store: schema, batched writes, sources, near-duplicate lookup, full-text search."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import make_article

from newsgraph.errors import StoreError
from newsgraph.records import AnalysedArticle
from newsgraph.store import SIMHASH_BANDS, Source, StoredItem, open_store, simhash_bands


def item(text: str, simhash: int | None = None, **fields: object) -> StoredItem:
    article = make_article(text, **fields)
    return StoredItem(
        analysed=AnalysedArticle(article=article),
        source=Source(article_id=article.id, path="t.txt"),
        simhash=simhash,
        analysed_version="v1",
    )


def test_wal_and_migrations(tmp_path: Path) -> None:
    with open_store(tmp_path / "a.db") as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.stats()["schema_version"] >= 1
    with open_store(tmp_path / "a.db") as again:  # re-opening does not re-run migrations
        assert again.stats()["articles"] == 0


def test_write_batch_sources_and_views(tmp_path: Path) -> None:
    with open_store(tmp_path / "a.db") as store:
        a = item("Kim met Putin at the Vostochny Cosmodrome.", title="Summit")
        b = item("Morocco accepted rescue teams from Spain.", published=None)
        extra = Source(article_id=a.analysed.article.id, path="copy.jsonl", line=3, given_id="x")
        store.write_batch([a, StoredItem(**{**a.__dict__, "extra_sources": (extra,)}), b])
        rows = store.articles()
        assert [r["title"] for r in rows] == ["Summit", None]  # dated first
        assert rows[0]["sources"] == 2
        full = store.article(a.analysed.article.id[:6])  # unique prefix
        assert full is not None and {s["path"] for s in full["sources"]} == {"t.txt", "copy.jsonl"}
        assert store.find_by_hash(a.analysed.article.content_hash) == a.analysed.article.id
        assert store.analysed_version(a.analysed.article.id) == "v1"
        record = store.article_record(b.analysed.article.id)
        assert record is not None and record.text == b.analysed.article.text
        assert store.stats()["articles"] == 2


def test_failed_batch_leaves_nothing(tmp_path: Path) -> None:
    with open_store(tmp_path / "a.db") as store:
        store.write_batch([item("A first article about talks.")])
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages + 2}")  # a disk that is nearly full
        big = [item(f"Article {i} about talks. " + "word " * 4000) for i in range(3)]
        with pytest.raises(StoreError, match="database or disk is full; free disk space"):
            store.write_batch([item("A small second article."), *big])
        assert store.stats()["articles"] == 1  # the earlier batch stays, nothing of this one


def test_near_duplicate_candidates_share_a_band(tmp_path: Path) -> None:
    base = 0x0123_4567_89AB_CDEF
    near = base ^ 0b1010_0000_0000_0001  # 3 bits apart
    far = ~base & (2**64 - 1)  # every bit differs
    with open_store(tmp_path / "a.db") as store:
        store.write_batch([item("Original story text.", simhash=base)])
        assert [i for i, _ in store.near_duplicate_candidates(near)] != []
        assert store.near_duplicate_candidates(far) == []
        assert store.near_duplicate_candidates(base)[0][1] == base
    assert len(simhash_bands(base)) == SIMHASH_BANDS


def test_search_ranks_and_tolerates_bad_syntax(tmp_path: Path) -> None:
    with open_store(tmp_path / "a.db") as store:
        store.write_batch(
            [item("Kim visited the cosmodrome."), item("The earthquake hit Morocco's mountains.")]
        )
        hits = store.search("cosmodrome")
        assert len(hits) == 1 and "[cosmodrome]" in hits[0]["snippet"]
        assert len(store.search("Morocco's \"")) == 1
        assert store.search('"') == []
