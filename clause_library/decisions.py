"""A reviewer's decision on a finding or a gap, and its note.

Decisions are keyed by :attr:`Finding.key <clause_library.review.Finding.key>` or
:attr:`Gap.key <clause_library.review.Gap.key>` within one document. The review store keeps every
decision ever made (an append-only history); exporters and views use the latest per key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

DecisionStatus = Literal["accepted", "needs_change", "not_applicable"]
DECISION_STATUSES: tuple[DecisionStatus, ...] = get_args(DecisionStatus)
DECISION_LABELS: dict[str, str] = {
    "accepted": "Accepted",
    "needs_change": "Needs change",
    "not_applicable": "Not applicable",
}


@dataclass(frozen=True)
class Decision:
    """What the reviewer decided about one finding or gap (``status`` None: a note only)."""

    key: str
    status: DecisionStatus | None = None
    note: str = ""
    author: str = ""
    at: str = ""

    @property
    def resolved(self) -> bool:
        """Accepted or not applicable: left out of exports unless asked for."""
        return self.status in ("accepted", "not_applicable")
