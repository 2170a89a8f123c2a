"""Numbered schema migrations; the store applies the ones a database has not seen yet."""

from __future__ import annotations

MIGRATIONS: tuple[tuple[int, str], ...] = (
    (
        1,
        """
        CREATE TABLE articles (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            content_hash TEXT NOT NULL UNIQUE,
            url TEXT,
            outlet TEXT,
            title TEXT,
            published TEXT,
            date_source TEXT NOT NULL,
            language TEXT,
            text TEXT NOT NULL,
            raw_text TEXT NOT NULL,
            paragraphs TEXT NOT NULL,
            removed TEXT NOT NULL,
            simhash INTEGER,
            duplicate_of TEXT REFERENCES articles(id),
            similarity REAL,
            analysed_version TEXT,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX articles_outlet ON articles(outlet);
        CREATE INDEX articles_published ON articles(published);
        CREATE TABLE simhash_bands (
            band INTEGER NOT NULL,
            value INTEGER NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
        );
        CREATE INDEX simhash_bands_lookup ON simhash_bands(band, value);
        CREATE TABLE article_sources (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            path TEXT NOT NULL,
            line INTEGER NOT NULL DEFAULT 0,
            given_id TEXT,
            url TEXT,
            outlet TEXT,
            title TEXT,
            PRIMARY KEY (article_id, path, line)
        );
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='rowid'
        );
        CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        END;
        CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TABLE actors (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            country TEXT,
            sectors TEXT NOT NULL,
            code TEXT NOT NULL,
            entity_type TEXT
        );
        CREATE TABLE mentions (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            sentence INTEGER NOT NULL,
            text TEXT NOT NULL,
            actor_id TEXT NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            country TEXT,
            sectors TEXT NOT NULL,
            code TEXT NOT NULL,
            confidence REAL NOT NULL,
            method TEXT NOT NULL,
            entity_type TEXT NOT NULL,
            role_title TEXT,
            PRIMARY KEY (article_id, start, end)
        );
        CREATE INDEX mentions_actor ON mentions(actor_id);
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            sentence INTEGER NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            plover_type TEXT NOT NULL,
            cameo_code TEXT NOT NULL,
            quad_class INTEGER NOT NULL,
            goldstein REAL NOT NULL,
            modality TEXT,
            date TEXT,
            is_background INTEGER,
            coder_version TEXT NOT NULL,
            record TEXT NOT NULL
        );
        CREATE INDEX events_article ON events(article_id, sentence);
        CREATE INDEX events_type ON events(plover_type);
        CREATE INDEX events_date ON events(date);
        CREATE TABLE event_actors (
            event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            position INTEGER NOT NULL,
            code TEXT NOT NULL,
            actor_id TEXT NOT NULL,
            country TEXT,
            PRIMARY KEY (event_id, role, position)
        );
        CREATE INDEX event_actors_code ON event_actors(code);
        CREATE INDEX event_actors_country ON event_actors(country);
        """,
    ),
    (
        2,
        """
        ALTER TABLE articles ADD COLUMN update_of TEXT REFERENCES articles(id);
        CREATE INDEX articles_update_of ON articles(update_of);
        CREATE INDEX articles_duplicate_of ON articles(duplicate_of);
        CREATE INDEX article_sources_given_id ON article_sources(given_id);
        CREATE INDEX article_sources_url ON article_sources(url);
        """,
    ),
)
