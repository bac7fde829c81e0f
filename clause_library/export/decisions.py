"""The reviewer's decision on one finding or gap, as the exporters (and the app's store) see it.

Decisions are kept apart from the :class:`~clause_library.review.Review` because the review is a
pure function of the document and the playbook, while decisions are the reviewer's own record;
they are joined only at export time, by :attr:`Finding.key` / :attr:`Gap.key`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol, cast

from clause_library.decisions import DECISION_STATUSES, DecisionStatus

#: How each status reads in a memo, a comment or a spreadsheet cell.
DECISION_LABELS: dict[str | None, str] = {
    None: "Open",
    "accepted": "Accepted as drafted",
    "needs_change": "Change requested",
    "not_applicable": "Not applicable",
}


@dataclass(frozen=True)
class Decision:
    """What the reviewer decided about one issue, and why.

    ``status`` None means the reviewer has looked (or written a note) but not decided yet.
    """

    status: DecisionStatus | None = None
    note: str = ""

    def __post_init__(self) -> None:
        # A typo in a stored status would silently drop an issue from every export.
        if self.status is not None and self.status not in DECISION_STATUSES:
            raise ValueError(
                f"unknown decision status {self.status!r}; expected one of "
                + ", ".join(DECISION_STATUSES)
            )

    @property
    def resolved(self) -> bool:
        """True when the issue needs no further action: accepted, or not applicable."""
        return self.status in ("accepted", "not_applicable")

    @property
    def label(self) -> str:
        return DECISION_LABELS[self.status]


#: The decision of an issue nobody has looked at yet.
UNDECIDED = Decision()


class DecisionLike(Protocol):
    """Anything with a status and a note: this module's :class:`Decision`, or the review
    store's history records, which carry more (who, when) than an export needs."""

    @property
    def status(self) -> str | None: ...

    @property
    def note(self) -> str: ...


Decisions = Mapping[str, DecisionLike]


def decision_for(decisions: Decisions | None, key: str) -> Decision:
    """The decision recorded under ``key`` as a :class:`Decision`, or :data:`UNDECIDED`."""
    if not decisions:
        return UNDECIDED
    found = decisions.get(key)
    if found is None:
        return UNDECIDED
    if isinstance(found, Decision):
        return found
    status = found.status or None
    note = found.note or ""
    if status is not None and status not in DECISION_STATUSES:
        raise ValueError(f"unknown decision status {status!r} for {key}")
    return Decision(cast(DecisionStatus, status), note)
