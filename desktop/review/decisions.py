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

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Literal, Protocol

Decision = Literal["accepted", "needs_change", "not_applicable"]
DECISIONS: tuple[Decision, ...] = ("accepted", "needs_change", "not_applicable")
DECISION_LABELS: dict[str, str] = {
    "accepted": "Accepted",
    "needs_change": "Needs change",
    "not_applicable": "Not applicable",
}


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
