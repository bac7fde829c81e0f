"""The review database moves forward from any earlier schema without losing a reviewer's work.

Each earlier version is built by applying the first migrations only, filled with the rows that
version could hold (written with plain SQL, as the clause-review of that time would have), and
then opened with the current code.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from sqlite_utils import Database

from clause_library.store import (
    SCHEMA_VERSION,
    DamagedStoreError,
    NewerStoreError,
    ReviewStore,
    schema,
)
from clause_library.store.schema import migrate, schema_version

SHA = "ab" * 32
FINDING_TEXT = (
    "Supplier shall indemnify Customer against claims that the Software infringes patents."
)


def _fill_v1(conn: sqlite3.Connection) -> None:
    conn.execute(
        "INSERT INTO documents (id, sha256, path, name, format, kind, title, pages, characters, "
        "first_seen, last_seen) VALUES (1, ?, '/contracts/msa.docx', 'msa.docx', 'docx', "
        "'vendor', 'MSA', 3, 4000, '2026-01-05T10:00:00+00:00', '2026-01-05T10:00:00+00:00')",
        [SHA],
    )
    conn.execute(
        "INSERT INTO reviews (id, document_id, playbook, playbook_title, kind, library_version, "
        "model_id, created, signature, present, weak, red_flag, missing, high) "
        "VALUES (1, 1, 'vendor_customer', 'Vendor agreement', 'vendor', 'old', 'm@128', "
        "'2026-01-05T10:00:00+00:00', 'sig', 1, 0, 0, 1, 1)"
    )
    conn.execute(
        "INSERT INTO findings (review_id, key, clause_id, title, family, status, severity, score, "
        'start, "end", text, heading_path, page, segment_id) VALUES (1, '
        "'indemnification_ip@100-186', 'indemnification_ip', 'IP indemnity', 'risk', 'present', "
        "'info', 0.9, 100, 186, ?, '[\"9 Indemnities\"]', 2, 'cl9')",
        [FINDING_TEXT],
    )
    conn.execute(
        "INSERT INTO findings (review_id, key, clause_id, title, family, status, severity, "
        "text, heading_path, required) VALUES (1, 'insurance@missing', 'insurance', 'Insurance', "
        "'risk', 'missing', 'high', '', '[]', 1)"
    )
    conn.execute(
        "INSERT INTO decisions (document_id, review_id, key, status, note, author, at, "
        "recorded_at) VALUES (1, 1, 'insurance@missing', 'needs_change', 'ask for cover', "
        "'alice', '2026-01-06T09:00:00+00:00', '2026-01-06T09:00:00+00:00')"
    )


def _fill_v2(conn: sqlite3.Connection) -> None:
    _fill_v1(conn)
    vector = np.arange(4, dtype="<f4")
    conn.execute(
        "INSERT INTO embeddings (model_id, key, dim, vector) VALUES ('m@128', 'k1', 4, ?)",
        [vector.tobytes()],
    )


def _fill_v3(conn: sqlite3.Connection) -> None:
    _fill_v2(conn)
    # from version 3 on, a review stores the text of every clause
    conn.executemany(
        "INSERT INTO clauses (document_id, segment_id, start, \"end\", heading, page, text) "
        "VALUES (1, ?, ?, ?, ?, ?, ?)",
        [
            ("cl4", 10, 60, "4 Fees", 1, "Customer shall pay the fees within 30 days."),
            ("cl9", 100, 186, "9 Indemnities", 2, FINDING_TEXT),
        ],
    )


FILLERS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _fill_v1,
    2: _fill_v2,
    3: _fill_v3,
}


def test_every_earlier_version_has_a_filler() -> None:
    """A new migration needs a filler for the version before it (see schema.py)."""
    assert set(FILLERS) == set(range(1, SCHEMA_VERSION))


def test_a_new_file_gets_the_whole_schema(tmp_path: Path) -> None:
    store = ReviewStore(tmp_path / "new.sqlite3")
    assert store.schema_version == SCHEMA_VERSION
    tables = set(store.db.table_names())
    assert {"documents", "reviews", "findings", "decisions", "embeddings", "clauses"} <= tables
    assert store.db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()


def test_an_empty_existing_file_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "reviews.sqlite3"
    path.write_bytes(b"")
    with ReviewStore(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.portfolio() == []


@pytest.mark.parametrize("version", sorted(FILLERS))
def test_each_earlier_version_is_migrated_with_its_data(tmp_path: Path, version: int) -> None:
    path = tmp_path / f"v{version}.sqlite3"
    db = Database(path)
    assert migrate(db, target=version) == version
    FILLERS[version](db.conn)
    db.conn.commit()
    db.close()

    with ReviewStore(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        # the reviewer's decision and its audit trail survive
        assert store.decisions(SHA)["insurance@missing"].note == "ask for cover"
        (record,) = store.decision_history(SHA)
        assert (record.decision.author, record.decision.at) == (
            "alice",
            "2026-01-06T09:00:00+00:00",
        )
        # the review is in the portfolio
        (row,) = store.portfolio()
        assert row.name == "msa.docx"
        assert row.status("indemnification_ip") == "present"
        assert row.status("insurance") == "missing"
        assert row.open_issues == 1
        # documents reviewed before search existed are searchable by their findings' text
        (hit,) = store.search("infringes patents")
        assert hit.clause_ids == ("indemnification_ip",)
        assert hit.heading == "9 Indemnities"
        if version >= 2:
            cached = store.embedding_cache.get_many("m@128", ["k1"])
            assert cached["k1"].tolist() == [0.0, 1.0, 2.0, 3.0]
        if version >= 3:
            assert store.search("pay the fees")[0].heading == "4 Fees"
        # the cue cache starts empty and works
        assert store.embedding_cache.get_masks("v", ["k1"]) == {}
        store.embedding_cache.put_masks("v", {"k1": np.array([0, 5, 1 << 40])})
        assert store.embedding_cache.get_masks("v", ["k1"])["k1"].tolist() == [0, 5, 1 << 40]


def test_a_failed_migration_leaves_the_previous_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "reviews.sqlite3"
    db = Database(path)
    migrate(db, target=1)

    def broken(db: Database) -> None:
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(schema, "MIGRATIONS", (schema.MIGRATIONS[0], broken))
    with pytest.raises(RuntimeError):
        migrate(db, target=2)
    assert schema_version(db.conn) == 1
    assert "half_done" not in db.table_names()


def test_a_newer_database_is_refused_not_damaged(tmp_path: Path) -> None:
    path = tmp_path / "reviews.sqlite3"
    ReviewStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(NewerStoreError, match="newer version of clause-review"):
        ReviewStore(path)
    assert path.stat().st_size > 0  # left as it was


def test_a_file_that_is_not_a_database_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "reviews.sqlite3"
    path.write_bytes(b"this is a spreadsheet, honest" * 200)
    with pytest.raises(DamagedStoreError, match="damaged") as caught:
        ReviewStore(path)
    assert "move the file aside" in str(caught.value)
