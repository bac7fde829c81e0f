"""The reviewer's decisions and notes, kept apart from the engine's findings.

A decision belongs to a finding or gap of one document version: it is keyed by the document's
sha256 and ``Finding.key`` / ``Gap.key``, so reopening the same file (or a copy of it) brings the
decisions back, and an edited file starts afresh. The GUI talks to a :class:`DecisionStore`; the
in-memory store serves the session, and a SQLite store under ``AppDataLocation`` can replace it
without touching the views.

Implementations must answer ``get``/``for_document`` from memory: the GUI thread calls them while
painting. A persistent store loads a document's decisions in the background when it is opened and
writes through a single writer thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

from clause_library.decisions import DECISION_STATUSES, DecisionStatus

if TYPE_CHECKING:
    from clause_library.decisions import Decision as CoreDecision
    from clause_library.review import Review
    from clause_library.store import ReviewStore

#: a decision's status, as the engine defines it
Decision = DecisionStatus
DECISIONS: tuple[Decision, ...] = DECISION_STATUSES


@dataclass(frozen=True)
class DecisionRecord:
    """What the reviewer decided about one finding or gap, and their note.

    ``decision`` is None when the reviewer wrote a note but has not decided yet. ``author`` is
    the reviewer name from the preferences (the comment author in exports).
    """

    decision: Decision | None = None
    note: str = ""
    author: str = ""
    updated: str = ""

    @property
    def is_empty(self) -> bool:
        return self.decision is None and not self.note.strip()

    def with_changes(
        self, *, decision: Decision | None, note: str, author: str
    ) -> DecisionRecord:
        return replace(
            self,
            decision=decision,
            note=note,
            author=author,
            updated=datetime.now(UTC).isoformat(timespec="seconds"),
        )


class DecisionStore(Protocol):
    """Where decisions live; see the module docstring for the threading contract."""

    def get(self, document_sha256: str, key: str) -> DecisionRecord | None: ...

    def put(self, document_sha256: str, key: str, record: DecisionRecord) -> None:
        """Store ``record``; an empty record (no decision, no note) removes the entry."""
        ...

    def for_document(self, document_sha256: str) -> Mapping[str, DecisionRecord]: ...

    def load(self, document_sha256: str) -> Mapping[str, DecisionRecord]:
        """Bring the document's stored decisions into memory (worker threads only)."""
        ...

    def save_review(self, review: Review) -> None:
        """Store the review shown (in the background) so decisions on it can be recorded."""
        ...

    def close(self) -> None:
        """Finish pending writes and release the store."""
        ...


class MemoryDecisionStore:
    """Decisions for the life of the process."""

    def __init__(self) -> None:
        self._records: dict[str, dict[str, DecisionRecord]] = {}

    def get(self, document_sha256: str, key: str) -> DecisionRecord | None:
        return self._records.get(document_sha256, {}).get(key)

    def put(self, document_sha256: str, key: str, record: DecisionRecord) -> None:
        records = self._records.setdefault(document_sha256, {})
        if record.is_empty:
            records.pop(key, None)
        else:
            records[key] = record

    def for_document(self, document_sha256: str) -> Mapping[str, DecisionRecord]:
        return dict(self._records.get(document_sha256, {}))

    def load(self, document_sha256: str) -> Mapping[str, DecisionRecord]:
        return self.for_document(document_sha256)

    def save_review(self, review: Review) -> None:
        """Nothing to store: decisions live for the session only."""

    def close(self) -> None:
        """Nothing to close."""


def _record(decision: CoreDecision) -> DecisionRecord:
    return DecisionRecord(
        decision=decision.status, note=decision.note, author=decision.author, updated=decision.at
    )


class SqliteDecisionStore:
    """Decisions kept in the review database, answered from memory.

    The database is opened by ``opener`` as the first task of ONE writer thread; every write
    (``save_review``, ``put``) queues behind it in order, so a document's review is always stored
    before a decision on it. :meth:`load` (worker threads only) reads a document's current
    decisions once. If the database cannot be opened, the store keeps decisions in memory only
    and :meth:`wait_open` raises the store's error. ``on_error`` is called (on the writer thread)
    with any error of a write.
    """

    def __init__(
        self,
        opener: Callable[[], ReviewStore],
        *,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        self._records: dict[str, dict[str, DecisionRecord]] = {}
        self._touched: dict[str, set[str]] = {}
        self._loaded: set[str] = set()
        self._lock = threading.Lock()
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="decision-writer")
        self._opened: Future[ReviewStore] = self._writer.submit(opener)
        self._closed = False
        self.on_error = on_error

    # --- the database -------------------------------------------------------------------------

    def wait_open(self, timeout: float | None = None) -> ReviewStore:
        """The opened store (blocks; never on the GUI thread); raises the store's error."""
        return self._opened.result(timeout)

    @property
    def store(self) -> ReviewStore | None:
        """The store if it is open, else None (never blocks)."""
        if self._opened.done() and self._opened.exception() is None:
            return self._opened.result()
        return None

    def _submit(self, fn: Callable[[ReviewStore], object]) -> None:
        if self._closed:
            return
        opened = self._opened

        def run() -> None:
            if opened.exception() is not None:
                return  # memory only
            try:
                fn(opened.result())
            except Exception as exc:  # noqa: BLE001 - reported, the writer goes on
                if self.on_error is not None:
                    self.on_error(exc)

        try:
            self._writer.submit(run)
        except RuntimeError:  # closed meanwhile (the window is quitting)
            pass

    def save_review(self, review: Review) -> None:
        """Store ``review`` in the background (before any later decision on it)."""
        self._submit(lambda store: store.save_review(review))

    def load(self, document_sha256: str) -> Mapping[str, DecisionRecord]:
        """Read the document's decisions from the database (worker threads only; once)."""
        with self._lock:
            if document_sha256 in self._loaded:
                return dict(self._records.get(document_sha256, {}))
        try:
            store = self.wait_open()
        except Exception:  # noqa: BLE001 - memory only; MainWindow reports the error
            stored: dict[str, CoreDecision] = {}
        else:
            if self._closed:
                stored = {}
            else:
                # on the writer, so the answer includes every write queued before it
                try:
                    stored = self._writer.submit(store.decisions, document_sha256).result()
                except RuntimeError:  # closed meanwhile
                    stored = {}
        with self._lock:
            records = self._records.setdefault(document_sha256, {})
            touched = self._touched.get(document_sha256, set())
            for key, decision in stored.items():
                if key not in touched:
                    records[key] = _record(decision)
            self._loaded.add(document_sha256)
            return dict(records)

    def close(self) -> None:
        """Finish the queued writes and close the database."""
        if self._closed:
            return
        self._closed = True
        self._writer.shutdown(wait=True)
        store = self.store
        if store is not None:
            store.close()

    # --- DecisionStore ------------------------------------------------------------------------

    def get(self, document_sha256: str, key: str) -> DecisionRecord | None:
        with self._lock:
            return self._records.get(document_sha256, {}).get(key)

    def put(self, document_sha256: str, key: str, record: DecisionRecord) -> None:
        with self._lock:
            records = self._records.setdefault(document_sha256, {})
            self._touched.setdefault(document_sha256, set()).add(key)
            if record.is_empty:
                records.pop(key, None)
            else:
                records[key] = record
        from clause_library.decisions import Decision as CoreDecisionType

        decision = CoreDecisionType(
            key, record.decision, record.note, record.author, record.updated
        )
        self._submit(lambda store: store.record_decision(document_sha256, decision))

    def for_document(self, document_sha256: str) -> Mapping[str, DecisionRecord]:
        with self._lock:
            return dict(self._records.get(document_sha256, {}))
