"""What the review database hands back: frozen values the CLI, the exporters and the app can hold.

They are read from the database, not from a live :class:`~clause_library.review.Review`, so a
view can show a document reviewed months ago without reading or analysing it again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from clause_library.decisions import Decision

#: The status of one clause type in one review: the worst finding, "missing" for a playbook gap,
#: "absent" when the clause was neither found nor expected.
ClauseStatus = Literal["red_flag", "weak", "present", "missing", "absent"]
STATUS_RANK: dict[str, int] = {"absent": 0, "present": 1, "weak": 2, "missing": 3, "red_flag": 4}
STATUS_LABELS: dict[str, str] = {
    "red_flag": "Red flag",
    "weak": "Weak",
    "present": "Present",
    "missing": "Missing",
    "absent": "Not found",
}


@dataclass(frozen=True)
class DocumentRecord:
    """One version of an agreement, identified by the SHA-256 of its file."""

    id: int
    sha256: str
    path: Path
    name: str
    format: str
    kind: str | None
    title: str
    pages: int | None
    characters: int
    first_seen: str
    last_seen: str
    #: the version that was at the same path before this one (its decisions were carried over)
    previous_id: int | None


@dataclass(frozen=True)
class StoredReview:
    """One stored review of a document under a playbook."""

    id: int
    document_id: int
    sha256: str
    path: Path
    name: str
    playbook: str
    playbook_title: str
    kind: str
    library_version: str
    model_id: str
    created: str
    counts: Mapping[str, int]
    severity_counts: Mapping[str, int]


@dataclass(frozen=True)
class StoredFinding:
    """A finding (or, with status "missing", a gap) as stored with its review."""

    id: int
    review_id: int
    key: str
    clause_id: str
    title: str
    family: str
    status: str
    severity: str
    score: float | None
    start: int | None
    end: int | None
    text: str
    heading_path: tuple[str, ...]
    page: int | None
    segment_id: str | None
    required: bool | None = None

    @property
    def is_gap(self) -> bool:
        return self.status == "missing"


@dataclass(frozen=True)
class DecisionRecord:
    """One row of the decision history: a :class:`Decision` and where and when it was written.

    ``carried_from`` is set when the row was copied from an earlier version of the document (or
    from a finding whose place changed): it is the id of the row it came from, whose author and
    time it keeps; ``recorded_at`` is when this row was written.
    """

    id: int
    document_id: int
    review_id: int | None
    decision: Decision
    recorded_at: str
    carried_from: int | None = None

    @property
    def key(self) -> str:
        return self.decision.key

    @property
    def empty(self) -> bool:
        """No status and no note: the reviewer cleared the decision."""
        return self.decision.status is None and not self.decision.note.strip()


@dataclass(frozen=True)
class UnplacedDecision:
    """A decision that applies to no finding or gap of the document's current review.

    It is kept and listed so the reviewer can place it by hand (``place_decision``) or dismiss it:
    typically the clause was reworded in a new version, or the gap it was about has been filled.
    """

    record: DecisionRecord
    clause_id: str
    title: str
    #: the text of the finding the decision was about ("" for a gap)
    text: str
    #: the file name of the version where the decision was made
    document_name: str
    reason: str


@dataclass(frozen=True)
class SaveResult:
    """What :meth:`ReviewStore.save_review` did."""

    review: StoredReview
    #: False when the latest stored review of the document was identical and was reused
    new: bool
    #: decisions copied onto this review from an earlier version or an earlier place
    carried: tuple[DecisionRecord, ...] = ()


@dataclass(frozen=True)
class PortfolioRow:
    """One reviewed document of the portfolio: its latest review, summarised."""

    document_id: int
    review_id: int
    sha256: str
    path: Path
    name: str
    format: str
    kind: str
    pages: int | None
    playbook: str
    playbook_title: str
    reviewed: str
    counts: Mapping[str, int]
    severity_counts: Mapping[str, int]
    #: clause id -> status, for every clause type found or missing; others are "absent"
    statuses: Mapping[str, ClauseStatus] = field(default_factory=dict)
    #: weak and red-flag findings and gaps without an "accepted"/"not applicable" decision
    open_issues: int = 0
    #: findings and gaps with any current decision
    decided: int = 0

    def status(self, clause_id: str) -> ClauseStatus:
        return self.statuses.get(clause_id, "absent")

    def has(self, clause_id: str) -> bool:
        """The clause was found (whatever its wording)."""
        return self.status(clause_id) in ("present", "weak", "red_flag")


@dataclass(frozen=True)
class SearchHit:
    """A clause of a reviewed document that matches a full-text search."""

    document_id: int
    path: Path
    name: str
    kind: str
    segment_id: str
    start: int | None
    end: int | None
    heading: str
    page: int | None
    #: the matching text around the hit, the matched words between the markers given to search
    snippet: str
    #: titles of the clause types found in this clause by the document's current review
    clause_types: tuple[str, ...]
    clause_ids: tuple[str, ...]
    rank: float
