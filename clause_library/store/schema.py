"""The review database's schema, built by numbered migrations.

The database records a reviewer's work, so it is never rebuilt or thrown away: a newer
clause-review moves an older file forward one migration at a time. ``PRAGMA user_version`` holds
the number of migrations applied; migration ``n`` (1-based) is ``MIGRATIONS[n - 1]``. Each runs in
its own ``BEGIN IMMEDIATE`` transaction together with the version bump, so a crash or a second
process starting at the same moment leaves the file at one version or the next, never between.

Rules for a new migration: append a function, never edit one that has shipped; write plain SQL
(what sqlite-utils would generate may change between its versions); and add a case to
``tests/test_store_migrations.py`` that fills the previous version with data and checks the data
survives.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from sqlite_utils import Database

Migration = Callable[[Database], None]


def _v1_reviews(db: Database) -> None:
    """Documents, reviews, findings and the append-only decision history."""
    db.executescript(
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            path TEXT NOT NULL,
            name TEXT NOT NULL,
            format TEXT NOT NULL,
            kind TEXT,
            title TEXT NOT NULL DEFAULT '',
            pages INTEGER,
            characters INTEGER NOT NULL DEFAULT 0,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            previous_id INTEGER REFERENCES documents(id)
        );
        CREATE INDEX documents_path ON documents(path);

        CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            playbook TEXT NOT NULL,
            playbook_title TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT '',
            kind_confidence REAL,
            library_version TEXT NOT NULL,
            model_id TEXT NOT NULL,
            created TEXT NOT NULL,
            signature TEXT NOT NULL,
            present INTEGER NOT NULL DEFAULT 0,
            weak INTEGER NOT NULL DEFAULT 0,
            red_flag INTEGER NOT NULL DEFAULT 0,
            missing INTEGER NOT NULL DEFAULT 0,
            critical INTEGER NOT NULL DEFAULT 0,
            high INTEGER NOT NULL DEFAULT 0,
            medium INTEGER NOT NULL DEFAULT 0,
            low INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX reviews_document ON reviews(document_id, id);

        -- findings and gaps (status 'missing', no offsets) of one review
        CREATE TABLE findings (
            id INTEGER PRIMARY KEY,
            review_id INTEGER NOT NULL REFERENCES reviews(id),
            key TEXT NOT NULL,
            clause_id TEXT NOT NULL,
            title TEXT NOT NULL,
            family TEXT NOT NULL,
            status TEXT NOT NULL,
            severity TEXT NOT NULL,
            score REAL,
            start INTEGER,
            "end" INTEGER,
            text TEXT NOT NULL DEFAULT '',
            heading_path TEXT NOT NULL DEFAULT '[]',
            page INTEGER,
            segment_id TEXT,
            required INTEGER,
            UNIQUE (review_id, key)
        );
        CREATE INDEX findings_clause ON findings(clause_id, status);

        -- append-only: the latest row per (document_id, key) is the current decision
        CREATE TABLE decisions (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            review_id INTEGER REFERENCES reviews(id),
            key TEXT NOT NULL,
            status TEXT CHECK (status IS NULL OR status IN
                ('accepted', 'needs_change', 'not_applicable')),
            note TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            carried_from INTEGER REFERENCES decisions(id)
        );
        CREATE INDEX decisions_document_key ON decisions(document_id, key, id);
        CREATE INDEX decisions_carried_from ON decisions(carried_from);
        CREATE TRIGGER decisions_append_only_update BEFORE UPDATE ON decisions
        BEGIN
            SELECT RAISE(ABORT, 'decisions are an append-only history');
        END;
        CREATE TRIGGER decisions_append_only_delete BEFORE DELETE ON decisions
        BEGIN
            SELECT RAISE(ABORT, 'decisions are an append-only history');
        END;
        """
    )


def _v2_embedding_cache(db: Database) -> None:
    """Sentence vectors by text hash and model, so an unchanged text is never embedded twice.

    A rowid table, not WITHOUT ROWID: a 1.5 kB vector is too large for the cells of a
    WITHOUT ROWID b-tree and spills into overflow pages (4.7 kB a vector with 4 kB pages,
    against 1.7 kB here with the 8 kB pages the store creates).
    """
    db.executescript(
        """
        CREATE TABLE embeddings (
            id INTEGER PRIMARY KEY,
            model_id TEXT NOT NULL,
            key TEXT NOT NULL,
            dim INTEGER NOT NULL,
            vector BLOB NOT NULL,
            UNIQUE (model_id, key)
        );
        """
    )


def _v3_search(db: Database) -> None:
    """Clause text of every document with a full-text index, for search across the portfolio.

    Documents reviewed before this version have no clause text stored; their finding texts are
    indexed instead (one row per clause that held a finding) until they are reviewed again.
    """
    db.executescript(
        """
        CREATE TABLE clauses (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            segment_id TEXT NOT NULL,
            start INTEGER,
            "end" INTEGER,
            heading TEXT NOT NULL DEFAULT '',
            page INTEGER,
            text TEXT NOT NULL,
            UNIQUE (document_id, segment_id)
        );
        CREATE VIRTUAL TABLE clauses_fts USING fts5(
            text, heading, content='clauses', content_rowid='id',
            tokenize='porter unicode61 remove_diacritics 2'
        );
        -- the indexed terms (porter stems), to turn a typed prefix into the stem it reaches
        CREATE VIRTUAL TABLE clauses_vocab USING fts5vocab(clauses_fts, row);
        CREATE TRIGGER clauses_fts_insert AFTER INSERT ON clauses BEGIN
            INSERT INTO clauses_fts(rowid, text, heading) VALUES (new.id, new.text, new.heading);
        END;
        CREATE TRIGGER clauses_fts_delete AFTER DELETE ON clauses BEGIN
            INSERT INTO clauses_fts(clauses_fts, rowid, text, heading)
            VALUES ('delete', old.id, old.text, old.heading);
        END;
        CREATE TRIGGER clauses_fts_update AFTER UPDATE ON clauses BEGIN
            INSERT INTO clauses_fts(clauses_fts, rowid, text, heading)
            VALUES ('delete', old.id, old.text, old.heading);
            INSERT INTO clauses_fts(rowid, text, heading) VALUES (new.id, new.text, new.heading);
        END;

        -- backfill from the findings of each document's latest review
        INSERT INTO clauses (document_id, segment_id, start, "end", heading, page, text)
        SELECT r.document_id, f.segment_id, min(f.start), max(f."end"),
               coalesce((SELECT group_concat(value, ' > ') FROM json_each(f.heading_path)), ''),
               min(f.page), group_concat(f.text, ' … ')
        FROM findings f
        JOIN reviews r ON r.id = f.review_id
        WHERE f.segment_id IS NOT NULL AND f.text != ''
          AND r.id = (SELECT max(id) FROM reviews WHERE document_id = r.document_id)
        GROUP BY r.document_id, f.segment_id;
        """
    )


def _v4_cue_cache(db: Database) -> None:
    """Which cues of which clause types each text matched, by library version and text hash,
    so that re-analysing an unchanged document skips the lexical search as it skips the model.
    ``masks`` is the zlib-compressed little-endian int64 bit mask per clause type."""
    db.executescript(
        """
        CREATE TABLE cue_masks (
            id INTEGER PRIMARY KEY,
            library_version TEXT NOT NULL,
            key TEXT NOT NULL,
            masks BLOB NOT NULL,
            UNIQUE (library_version, key)
        );
        """
    )


#: Every migration, in order. Append only.
MIGRATIONS: tuple[Migration, ...] = (
    _v1_reviews,
    _v2_embedding_cache,
    _v3_search,
    _v4_cue_cache,
)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: Database, target: int = SCHEMA_VERSION) -> int:
    """Apply the pending migrations up to ``target``; return the version reached.

    The caller checks that the file is not newer than :data:`SCHEMA_VERSION` first. ``target``
    below the latest is for tests that build every earlier version.
    """
    conn = db.conn
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # read under the write lock: another process may have migrated meanwhile
            current = schema_version(conn)
            if current >= target:
                conn.execute("COMMIT")
                return current
            MIGRATIONS[current](db)
            conn.execute(f"PRAGMA user_version = {current + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
