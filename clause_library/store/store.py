"""The review database: reviews, the reviewer's decisions, the embedding cache, search.

One SQLite file under the user's data directory (``reviews.sqlite3``). A reviewer's decisions are
records, so every decision is written in its own transaction the moment it is made, nothing is
ever updated or deleted in the decision history (the schema refuses it), and the file runs in WAL
mode with ``synchronous=FULL``: a crash, a kill or a power cut loses at most the decision being
written. A review is written with its findings, its clause text and any decisions carried over to
it in one transaction, so a batch killed half-way leaves only complete reviews.

One :class:`ReviewStore` may be shared by threads (calls are serialised by a lock) and several
processes may open the same file at once (the CLI's batch while the app is open): WAL lets readers
proceed while one process writes, and writers wait for each other up to ``timeout`` seconds.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, get_args

from sqlite_utils import Database

from clause_library.decisions import Decision, DecisionStatus
from clause_library.paths import user_data_dir
from clause_library.review import Review
from clause_library.store.cache import SqliteEmbeddingCache
from clause_library.store.carry import Source, Target, place
from clause_library.store.errors import (
    DamagedStoreError,
    NewerStoreError,
    StoreError,
    UnknownDocumentError,
)
from clause_library.store.portfolio import portfolio_rows
from clause_library.store.records import (
    DecisionRecord,
    DocumentRecord,
    PortfolioRow,
    SaveResult,
    SearchHit,
    StoredFinding,
    StoredReview,
    UnplacedDecision,
)
from clause_library.store.schema import SCHEMA_VERSION, migrate, schema_version
from clause_library.store.search import search_clauses

DATABASE_NAME = "reviews.sqlite3"
DECISION_STATUSES: tuple[str, ...] = get_args(DecisionStatus)
#: Key of the history rows that record "the reviewer dismissed this unplaced decision".
DISMISSED_KEY = "~dismissed"
#: Previous versions followed when collecting decisions to carry (guards a pathological chain).
MAX_VERSION_DEPTH = 50
_DECISION_COLUMNS = (
    "id, document_id, review_id, key, status, note, author, at, recorded_at, carried_from"
)


def default_database_path() -> Path:
    return user_data_dir() / DATABASE_NAME


def now() -> str:
    """UTC time with milliseconds: decisions made in the same second stay distinguishable."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (some containers, services)
        return ""


class ReviewStore:
    """The review database at ``path`` (default: ``user_data_dir()/reviews.sqlite3``).

    Opening creates the file or migrates it to the current schema. ``author`` is written on
    decisions that carry none (the reviewer name from the app's preferences; by default the
    login name).
    """

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        author: str | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.path = Path(path) if path is not None else default_database_path()
        self.author = author if author is not None else _login_name()
        self._lock = threading.RLock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(self.path, f"its folder cannot be created ({exc}).") from exc
        try:
            conn = sqlite3.connect(str(self.path), timeout=timeout, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(self.path, f"it cannot be opened ({exc}).") from exc
        try:
            self.db = Database(conn, execute_plugins=False)
            if conn.execute("PRAGMA page_count").fetchone()[0] == 0:
                # a new file (these only take effect before its first table and before WAL):
                # 8 kB pages hold five float32 vectors each where 4 kB pages hold two; with
                # incremental auto-vacuum the pages freed when stale vectors are dropped can
                # be handed back to the disk (:meth:`release_free_pages`)
                conn.execute("PRAGMA page_size = 8192")
                conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            version = schema_version(conn)
            if version > SCHEMA_VERSION:
                raise NewerStoreError(self.path, version, SCHEMA_VERSION)
            if version < SCHEMA_VERSION:
                migrate(self.db)
        except sqlite3.DatabaseError as exc:
            conn.close()
            if any(word in str(exc) for word in ("not a database", "malformed", "corrupt")):
                raise DamagedStoreError(self.path, str(exc)) from exc
            raise self._plain(exc) from exc
        except BaseException:
            conn.close()
            raise
        self.embedding_cache = SqliteEmbeddingCache(self)

    # --- connection ---------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            try:
                self.db.conn.execute("PRAGMA optimize")
            except sqlite3.Error:
                pass  # only an optimisation
            self.db.conn.close()

    def __enter__(self) -> ReviewStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        with self._lock:
            return schema_version(self.db.conn)

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (``BEGIN IMMEDIATE``) so that two processes
        writing at the same time wait for each other instead of failing half-way."""
        with self._lock:
            conn = self.db.conn
            if conn.in_transaction:  # nested in this thread's own write: part of it
                yield conn
                return
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise self._plain(exc) from exc
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.OperationalError):
                    raise self._plain(exc) from exc
                raise

    def _plain(self, exc: sqlite3.Error) -> StoreError:
        """What a failed write means to the user (nothing was written: the change is whole or
        absent)."""
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            message = "another program kept it busy for too long; try again."
        elif "full" in text:
            message = "the disk is full; free some space and try again."
        elif "readonly" in text or "read-only" in text:
            message = "it is read-only; check the file's permissions."
        else:
            message = f"it could not be used ({exc})."
        return StoreError(self.path, message)

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: several queries see the same state while another process writes."""
        with self._lock:
            conn = self.db.conn
            if conn.in_transaction:  # already inside this thread's transaction
                yield conn
                return
            conn.execute("BEGIN")
            try:
                yield conn
            finally:
                if conn.in_transaction:
                    conn.execute("COMMIT")

    # --- documents and reviews -----------------------------------------------------------------

    def save_review(self, review: Review) -> SaveResult:
        """Store ``review`` with its findings, gaps and clause text, in one transaction.

        A review identical to the document's latest stored one (same playbook, library, model and
        findings) is not stored again. A new review receives the decisions that no longer apply
        to a finding of this document: those of the previous version of the file (same path,
        different content) and those whose finding moved. See :mod:`clause_library.store.carry`.
        """
        document = review.document
        stamp = now()
        path = _absolute(document.path)
        items = _item_rows(review)
        signature = _signature(review, items)
        with self.write() as conn:
            row = conn.execute(
                "SELECT id FROM documents WHERE sha256 = ?", [document.sha256]
            ).fetchone()
            if row is None:
                previous = conn.execute(
                    "SELECT id FROM documents WHERE path = ? ORDER BY last_seen DESC, id DESC "
                    "LIMIT 1",
                    [str(path)],
                ).fetchone()
                document_id = int(
                    conn.execute(
                        "INSERT INTO documents (sha256, path, name, format, kind, title, pages, "
                        "characters, first_seen, last_seen, previous_id) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [
                            document.sha256,
                            str(path),
                            path.name,
                            document.format,
                            review.kind.kind,
                            document.title,
                            document.page_count,
                            len(document.text),
                            stamp,
                            stamp,
                            previous[0] if previous else None,
                        ],
                    ).lastrowid
                    or 0
                )
            else:
                document_id = int(row[0])
                conn.execute(
                    "UPDATE documents SET path = ?, name = ?, kind = ?, last_seen = ? WHERE id = ?",
                    [str(path), path.name, review.kind.kind, stamp, document_id],
                )
            latest = conn.execute(
                "SELECT id, signature FROM reviews WHERE document_id = ? ORDER BY id DESC LIMIT 1",
                [document_id],
            ).fetchone()
            if latest is not None and latest[1] == signature:
                return SaveResult(self._stored_review(conn, int(latest[0])), new=False)
            review_id = self._insert_review(conn, document_id, review, signature, items)
            carried = self._carry_over(conn, document_id, review_id, review)
            stored = self._stored_review(conn, review_id)
        return SaveResult(stored, new=True, carried=carried)

    def _insert_review(
        self,
        conn: sqlite3.Connection,
        document_id: int,
        review: Review,
        signature: str,
        items: list[dict[str, Any]],
    ) -> int:
        counts = review.counts()
        severity = review.severity_counts()
        review_id = int(
            conn.execute(
                "INSERT INTO reviews (document_id, playbook, playbook_title, kind, "
                "kind_confidence, library_version, model_id, created, signature, present, weak, "
                "red_flag, missing, critical, high, medium, low) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    document_id,
                    review.playbook.id,
                    review.playbook.title,
                    review.kind.kind,
                    round(review.kind.confidence, 4),
                    review.library_version,
                    review.model_id,
                    review.created,
                    signature,
                    counts["present"],
                    counts["weak"],
                    counts["red_flag"],
                    counts["missing"],
                    severity["critical"],
                    severity["high"],
                    severity["medium"],
                    severity["low"],
                ],
            ).lastrowid
            or 0
        )
        if items:
            self.db.table("findings").insert_all({**item, "review_id": review_id} for item in items)
        conn.execute("DELETE FROM clauses WHERE document_id = ?", [document_id])
        conn.executemany(
            'INSERT INTO clauses (document_id, segment_id, start, "end", heading, page, text) '
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (document_id, c.id, c.start, c.end, c.path, c.page, c.text)
                for c in review.analysis.segmentation.clauses
            ],
        )
        return review_id

    def document(self, sha256: str) -> DocumentRecord | None:
        with self._lock:
            return self._document(self.db.conn, "sha256 = ?", sha256)

    def document_by_id(self, document_id: int) -> DocumentRecord | None:
        with self._lock:
            return self._document(self.db.conn, "id = ?", document_id)

    def _document(
        self, conn: sqlite3.Connection, where: str, value: object
    ) -> DocumentRecord | None:
        row = conn.execute(
            "SELECT id, sha256, path, name, format, kind, title, pages, characters, first_seen, "
            f"last_seen, previous_id FROM documents WHERE {where}",
            [value],
        ).fetchone()
        if row is None:
            return None
        return DocumentRecord(
            id=row[0],
            sha256=row[1],
            path=Path(row[2]),
            name=row[3],
            format=row[4],
            kind=row[5],
            title=row[6],
            pages=row[7],
            characters=row[8],
            first_seen=row[9],
            last_seen=row[10],
            previous_id=row[11],
        )

    def latest_review(self, sha256: str) -> StoredReview | None:
        """The document's last stored review (what reopening it shows)."""
        with self._lock:
            row = self.db.conn.execute(
                "SELECT r.id FROM reviews r JOIN documents d ON d.id = r.document_id "
                "WHERE d.sha256 = ? ORDER BY r.id DESC LIMIT 1",
                [sha256],
            ).fetchone()
            return self._stored_review(self.db.conn, int(row[0])) if row else None

    def latest_review_at(self, path: str | Path) -> StoredReview | None:
        """The last review of whatever version of a file was last reviewed at ``path``."""
        with self._lock:
            row = self.db.conn.execute(
                "SELECT r.id FROM reviews r JOIN documents d ON d.id = r.document_id "
                "WHERE d.path = ? ORDER BY d.last_seen DESC, r.id DESC LIMIT 1",
                [str(_absolute(Path(path)))],
            ).fetchone()
            return self._stored_review(self.db.conn, int(row[0])) if row else None

    def reviews(self, sha256: str) -> list[StoredReview]:
        """Every stored review of one document, oldest first."""
        with self._lock:
            ids = self.db.conn.execute(
                "SELECT r.id FROM reviews r JOIN documents d ON d.id = r.document_id "
                "WHERE d.sha256 = ? ORDER BY r.id",
                [sha256],
            ).fetchall()
            return [self._stored_review(self.db.conn, int(i)) for (i,) in ids]

    def review(self, review_id: int) -> StoredReview:
        with self._lock:
            return self._stored_review(self.db.conn, review_id)

    def _stored_review(self, conn: sqlite3.Connection, review_id: int) -> StoredReview:
        row = conn.execute(
            "SELECT r.id, r.document_id, d.sha256, d.path, d.name, r.playbook, r.playbook_title, "
            "r.kind, r.library_version, r.model_id, r.created, r.present, r.weak, r.red_flag, "
            "r.missing, r.critical, r.high, r.medium, r.low "
            "FROM reviews r JOIN documents d ON d.id = r.document_id WHERE r.id = ?",
            [review_id],
        ).fetchone()
        if row is None:
            raise KeyError(review_id)
        return StoredReview(
            id=row[0],
            document_id=row[1],
            sha256=row[2],
            path=Path(row[3]),
            name=row[4],
            playbook=row[5],
            playbook_title=row[6],
            kind=row[7],
            library_version=row[8],
            model_id=row[9],
            created=row[10],
            counts=dict(zip(("present", "weak", "red_flag", "missing"), row[11:15], strict=True)),
            severity_counts=dict(
                zip(("critical", "high", "medium", "low"), row[15:19], strict=True)
            ),
        )

    def findings(self, review_id: int) -> list[StoredFinding]:
        """Findings and gaps of a stored review, in document order (gaps last)."""
        with self._lock:
            rows = self.db.conn.execute(
                "SELECT id, review_id, key, clause_id, title, family, status, severity, score, "
                'start, "end", text, heading_path, page, segment_id, required '
                "FROM findings WHERE review_id = ? ORDER BY start IS NULL, start, clause_id",
                [review_id],
            ).fetchall()
        return [
            StoredFinding(
                id=r[0],
                review_id=r[1],
                key=r[2],
                clause_id=r[3],
                title=r[4],
                family=r[5],
                status=r[6],
                severity=r[7],
                score=r[8],
                start=r[9],
                end=r[10],
                text=r[11],
                heading_path=tuple(json.loads(r[12] or "[]")),
                page=r[13],
                segment_id=r[14],
                required=None if r[15] is None else bool(r[15]),
            )
            for r in rows
        ]

    # --- decisions -----------------------------------------------------------------------------

    def record_decision(
        self, sha256: str, decision: Decision, *, review_id: int | None = None
    ) -> DecisionRecord:
        """Append ``decision`` to the document's history and commit it at once.

        An empty ``at`` becomes now and an empty ``author`` the store's author. A decision with no
        status and no note clears the current one (the cleared decision stays in the history).
        """
        if decision.status is not None and decision.status not in DECISION_STATUSES:
            raise ValueError(
                f"unknown decision status {decision.status!r}; expected one of "
                + ", ".join(DECISION_STATUSES)
            )
        decision = replace(decision, at=decision.at or now(), author=decision.author or self.author)
        with self.write() as conn:
            document_id = self._document_id(conn, sha256)
            if review_id is None:
                row = conn.execute(
                    "SELECT max(id) FROM reviews WHERE document_id = ?", [document_id]
                ).fetchone()
                review_id = row[0] if row else None
            return self._insert_decision(conn, document_id, review_id, decision)

    def decisions(self, sha256: str) -> dict[str, Decision]:
        """The current decision per key (the latest; cleared ones left out)."""
        with self._lock:
            row = self.db.conn.execute(
                "SELECT id FROM documents WHERE sha256 = ?", [sha256]
            ).fetchone()
            if row is None:
                return {}
            current = self._current(self.db.conn, int(row[0]))
        return {key: record.decision for key, record in current.items()}

    def decision_history(self, sha256: str, key: str | None = None) -> list[DecisionRecord]:
        """Every decision row of the document (or of one key), oldest first: the audit trail."""
        with self._lock:
            conn = self.db.conn
            document_id = self._document_id(conn, sha256)
            sql = f"SELECT {_DECISION_COLUMNS} FROM decisions WHERE document_id = ?"
            params: list[object] = [document_id]
            if key is not None:
                sql += " AND key = ?"
                params.append(key)
            return [_decision_record(r) for r in conn.execute(sql + " ORDER BY id", params)]

    def unplaced_decisions(
        self, sha256: str, review_id: int | None = None
    ) -> list[UnplacedDecision]:
        """Decisions on this document or its earlier versions that apply to no finding or gap
        of its latest review (or of ``review_id``): never dropped, listed here instead."""
        with self.snapshot() as conn:
            document_id = self._document_id(conn, sha256)
            if review_id is None:
                row = conn.execute(
                    "SELECT max(id) FROM reviews WHERE document_id = ?", [document_id]
                ).fetchone()
                review_id = row[0] if row else None
            findings = conn.execute(
                "SELECT key, clause_id, status FROM findings WHERE review_id = ?", [review_id]
            ).fetchall()
            keys = {f[0] for f in findings}
            found = {f[1] for f in findings if f[2] != "missing"}
            out: list[UnplacedDecision] = []
            for record in self._pending(conn, document_id, keys):
                source = self._source(conn, record)
                name_row = conn.execute(
                    "SELECT name FROM documents WHERE id = ?", [record.document_id]
                ).fetchone()
                if source.is_gap:
                    reason = (
                        "the clause it was about is no longer missing"
                        if source.clause_id in found
                        else "the playbook of this review does not ask for that clause"
                    )
                elif record.document_id != document_id:
                    reason = "the clause's text changed or was removed in this version"
                else:
                    reason = "this review did not find that clause there"
                title_row = conn.execute(
                    "SELECT title FROM findings f JOIN reviews r ON r.id = f.review_id "
                    "WHERE r.document_id = ? AND f.key = ? ORDER BY f.id DESC LIMIT 1",
                    [record.document_id, record.key],
                ).fetchone()
                out.append(
                    UnplacedDecision(
                        record=record,
                        clause_id=source.clause_id,
                        title=title_row[0] if title_row else source.clause_id,
                        text=source.text,
                        document_name=name_row[0] if name_row else "",
                        reason=reason,
                    )
                )
        return out

    def place_decision(
        self, sha256: str, record_id: int, key: str, *, review_id: int | None = None
    ) -> DecisionRecord:
        """The reviewer puts an unplaced decision on finding or gap ``key`` of this document."""
        with self.write() as conn:
            document_id = self._document_id(conn, sha256)
            source = _decision_record(
                conn.execute(
                    f"SELECT {_DECISION_COLUMNS} FROM decisions WHERE id = ?", [record_id]
                ).fetchone()
            )
            return self._insert_decision(
                conn,
                document_id,
                review_id,
                replace(source.decision, key=key),
                carried_from=record_id,
            )

    def dismiss_decision(self, sha256: str, record_id: int) -> DecisionRecord:
        """The reviewer no longer wants an unplaced decision listed (it stays in the history)."""
        with self.write() as conn:
            document_id = self._document_id(conn, sha256)
            return self._insert_decision(
                conn,
                document_id,
                None,
                Decision(key=DISMISSED_KEY, author=self.author, at=now()),
                carried_from=record_id,
            )

    def _document_id(self, conn: sqlite3.Connection, sha256: str) -> int:
        row = conn.execute("SELECT id FROM documents WHERE sha256 = ?", [sha256]).fetchone()
        if row is None:
            raise UnknownDocumentError(self.path, sha256)
        return int(row[0])

    def _insert_decision(
        self,
        conn: sqlite3.Connection,
        document_id: int,
        review_id: int | None,
        decision: Decision,
        *,
        carried_from: int | None = None,
    ) -> DecisionRecord:
        recorded = now()
        cursor = conn.execute(
            "INSERT INTO decisions (document_id, review_id, key, status, note, author, at, "
            "recorded_at, carried_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                document_id,
                review_id,
                decision.key,
                decision.status,
                decision.note,
                decision.author,
                decision.at,
                recorded,
                carried_from,
            ],
        )
        return DecisionRecord(
            id=int(cursor.lastrowid or 0),
            document_id=document_id,
            review_id=review_id,
            decision=decision,
            recorded_at=recorded,
            carried_from=carried_from,
        )

    def _current(self, conn: sqlite3.Connection, document_id: int) -> dict[str, DecisionRecord]:
        rows = conn.execute(
            f"SELECT {_DECISION_COLUMNS} FROM decisions WHERE id IN "
            "(SELECT max(id) FROM decisions WHERE document_id = ? GROUP BY key)",
            [document_id],
        ).fetchall()
        records = (_decision_record(r) for r in rows)
        return {r.key: r for r in records if not r.empty and r.key != DISMISSED_KEY}

    def _carried_ids(self, conn: sqlite3.Connection, document_id: int) -> set[int]:
        rows = conn.execute(
            "SELECT carried_from FROM decisions WHERE document_id = ? AND carried_from IS NOT NULL",
            [document_id],
        ).fetchall()
        return {int(r[0]) for r in rows}

    def _previous_id(self, conn: sqlite3.Connection, document_id: int) -> int | None:
        row = conn.execute(
            "SELECT previous_id FROM documents WHERE id = ?", [document_id]
        ).fetchone()
        return int(row[0]) if row and row[0] is not None else None

    def _live(
        self, conn: sqlite3.Connection, document_id: int, depth: int = 0
    ) -> list[DecisionRecord]:
        """Decisions in force for a document: its own current ones and those inherited from
        earlier versions that were never carried or dismissed here."""
        carried = self._carried_ids(conn, document_id)
        own = [r for r in self._current(conn, document_id).values() if r.id not in carried]
        previous = self._previous_id(conn, document_id)
        if previous is None or depth >= MAX_VERSION_DEPTH:
            return own
        inherited = [r for r in self._live(conn, previous, depth + 1) if r.id not in carried]
        return own + inherited

    def _pending(
        self, conn: sqlite3.Connection, document_id: int, keys: set[str]
    ) -> list[DecisionRecord]:
        """Live decisions that apply to none of ``keys`` (the keys of one review)."""
        carried = self._carried_ids(conn, document_id)
        own = [
            r
            for r in self._current(conn, document_id).values()
            if r.id not in carried and r.key not in keys
        ]
        previous = self._previous_id(conn, document_id)
        inherited = (
            [r for r in self._live(conn, previous, 1) if r.id not in carried]
            if previous is not None
            else []
        )
        return own + inherited

    def _source(self, conn: sqlite3.Connection, record: DecisionRecord) -> Source:
        """What a decision was about: the finding it was keyed to, in its own document."""
        row = conn.execute(
            "SELECT f.clause_id, f.text, f.status FROM findings f "
            "JOIN reviews r ON r.id = f.review_id "
            "WHERE r.document_id = ? AND f.key = ? ORDER BY f.id DESC LIMIT 1",
            [record.document_id, record.key],
        ).fetchone()
        if row is None:
            clause_id = record.key.split("@", 1)[0]
            return Source(record.id, clause_id, "", record.key.endswith("@missing"))
        return Source(record.id, row[0], row[1], row[2] == "missing")

    def _carry_over(
        self, conn: sqlite3.Connection, document_id: int, review_id: int, review: Review
    ) -> tuple[DecisionRecord, ...]:
        targets = [
            Target(f.key, f.clause_id, f.start, f.end, f.text, False) for f in review.findings
        ] + [Target(g.key, g.clause_id, None, None, "", True) for g in review.gaps]
        pending = self._pending(conn, document_id, {t.key for t in targets})
        if not pending:
            return ()
        sources = [self._source(conn, record) for record in pending]
        taken = set(self._current(conn, document_id))
        placed = place(sources, targets, review.document.text, taken)
        carried: list[DecisionRecord] = []
        for record in pending:
            key = placed.get(record.id)
            if key is not None:
                carried.append(
                    self._insert_decision(
                        conn,
                        document_id,
                        review_id,
                        replace(record.decision, key=key),
                        carried_from=record.id,
                    )
                )
        return tuple(carried)

    # --- portfolio and search ------------------------------------------------------------------

    def portfolio(self, *, review_ids: Sequence[int] | None = None) -> list[PortfolioRow]:
        """The latest review of every current document (one per path), or of ``review_ids``."""
        with self.snapshot() as conn:
            return portfolio_rows(conn, review_ids)

    def search(
        self,
        query: str,
        *,
        limit: int = 50,
        clause_id: str | None = None,
        marks: tuple[str, str] = ("«", "»"),
        prefix_last: bool = False,
    ) -> list[SearchHit]:
        """Clauses of current documents matching ``query`` (words, "a phrase", OR, prefix*),
        best first; ``clause_id`` keeps clauses where that clause type was found. A query with
        no searchable words returns nothing; ``prefix_last`` is for search as you type."""
        with self.snapshot() as conn:
            return search_clauses(
                conn,
                query,
                limit=limit,
                clause_id=clause_id,
                marks=marks,
                prefix_last=prefix_last,
            )

    # --- housekeeping ----------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows per table (diagnostics, benchmarks)."""
        with self._lock:
            conn = self.db.conn
            return {
                table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                for table in ("documents", "reviews", "findings", "decisions", "embeddings")
            }

    def size_bytes(self) -> int:
        """Bytes on disk, the write-ahead log included."""
        total = 0
        for suffix in ("", "-wal"):
            file = self.path.with_name(self.path.name + suffix)
            if file.exists():
                total += file.stat().st_size
        return total

    def release_free_pages(self) -> None:
        """Hand the database file's free pages back to the disk. Only a file created with
        incremental auto-vacuum (every file this version creates) can shrink this way; in an
        older one the free pages are reused by later writes instead. Does nothing inside a
        write of this thread's."""
        with self._lock:
            conn = self.db.conn
            if conn.in_transaction:
                return
            free = int(conn.execute("PRAGMA freelist_count").fetchone()[0])
            if free and int(conn.execute("PRAGMA auto_vacuum").fetchone()[0]) == 2:
                try:
                    # run to the end: stepped from Python, the pragma frees one page a step
                    conn.executescript("PRAGMA incremental_vacuum;")
                except sqlite3.OperationalError as exc:
                    raise self._plain(exc) from exc

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the database file (it is also done automatically)."""
        with self._lock:
            self.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _absolute(path: Path) -> Path:
    try:
        return path.expanduser().resolve()
    except OSError:
        return path.expanduser().absolute()


def _item_rows(review: Review) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        {
            "key": f.key,
            "clause_id": f.clause_id,
            "title": f.title,
            "family": f.family,
            "status": f.status,
            "severity": f.severity,
            "score": float(f.score),
            "start": f.start,
            "end": f.end,
            "text": f.text,
            "heading_path": json.dumps(list(f.place_path), ensure_ascii=False),
            "page": f.page,
            "segment_id": f.segment_id,
            "required": None,
        }
        for f in review.findings
    ]
    rows += [
        {
            "key": g.key,
            "clause_id": g.clause_id,
            "title": g.title,
            "family": g.family,
            "status": "missing",
            "severity": g.severity,
            "score": None,
            "start": None,
            "end": None,
            "text": "",
            "heading_path": "[]",
            "page": None,
            "segment_id": None,
            "required": int(g.required),
        }
        for g in review.gaps
    ]
    return rows


def _signature(review: Review, items: list[dict[str, Any]]) -> str:
    """Identifies a review's content, so reopening an unchanged document adds no new review."""
    payload = [
        review.playbook.id,
        review.library_version,
        review.model_id,
        sorted((i["key"], i["status"], i["severity"], i["score"]) for i in items),
    ]
    return hashlib.sha1(json.dumps(payload, default=str).encode("utf-8")).hexdigest()


def _decision_record(row: Sequence[Any]) -> DecisionRecord:
    """A history row selected as ``_DECISION_COLUMNS``."""
    (
        record_id,
        document_id,
        review_id,
        key,
        status,
        note,
        author,
        at,
        recorded_at,
        carried_from,
    ) = tuple(row)
    return DecisionRecord(
        id=record_id,
        document_id=document_id,
        review_id=review_id,
        decision=Decision(key=key, status=status, note=note, author=author, at=at),
        recorded_at=recorded_at,
        carried_from=carried_from,
    )
