"""The portfolio: every reviewed agreement against the clauses procurement asks about first.

The batch report and the app's portfolio table show the same rows, built here from the review
database; the app adapts them to a Qt model and the batch writes them to a spreadsheet.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from clause_library.store.records import STATUS_RANK, ClauseStatus, PortfolioRow


@dataclass(frozen=True)
class KeyClause:
    """A clause type shown as a portfolio column, with a header short enough for a column."""

    id: str
    header: str


#: The clause types a portfolio and a batch report show as columns, in order.
KEY_CLAUSES: tuple[KeyClause, ...] = (
    KeyClause("ip_assignment", "IP assignment"),
    KeyClause("indemnification_ip", "IP indemnity"),
    KeyClause("limitation_of_liability", "Liability cap"),
    KeyClause("uncapped_liability", "Uncapped liability"),
    KeyClause("consequential_damages_exclusion", "Consequential damages"),
    KeyClause("ai_training_rights", "AI training rights"),
    KeyClause("confidentiality", "Confidentiality"),
    KeyClause("data_protection", "Data protection"),
    KeyClause("data_security", "Data security"),
    KeyClause("governing_law", "Governing law"),
    KeyClause("term_renewal", "Term / renewal"),
    KeyClause("termination_for_convenience", "Termination for convenience"),
    KeyClause("anti_assignment", "Anti-assignment"),
    KeyClause("change_of_control", "Change of control"),
    KeyClause("non_compete", "Non-compete"),
    KeyClause("exclusivity", "Exclusivity"),
    KeyClause("audit_rights", "Audit rights"),
    KeyClause("insurance", "Insurance"),
)


def uncapped_or_no_ip_indemnity(row: PortfolioRow) -> bool:
    """Liability is uncapped somewhere, or nobody indemnifies us against IP claims: the two
    exposures procurement escalates first."""
    return row.has("uncapped_liability") or not row.has("indemnification_ip")


@dataclass(frozen=True)
class QuickFilter:
    id: str
    label: str
    accepts: Callable[[PortfolioRow], bool]


QUICK_FILTERS: tuple[QuickFilter, ...] = (
    QuickFilter("all", "All agreements", lambda row: True),
    QuickFilter("red_flags", "With red flags", lambda row: row.counts.get("red_flag", 0) > 0),
    QuickFilter(
        "uncapped_or_no_ip_indemnity",
        "Uncapped liability or no IP indemnity",
        uncapped_or_no_ip_indemnity,
    ),
    QuickFilter("missing", "With missing clauses", lambda row: row.counts.get("missing", 0) > 0),
    QuickFilter("open", "With open issues", lambda row: row.open_issues > 0),
)


def quick_filter(filter_id: str) -> QuickFilter:
    for item in QUICK_FILTERS:
        if item.id == filter_id:
            return item
    raise KeyError(filter_id)


#: The latest review of each document; of the documents seen at one path, only the one seen last
#: (an edited file replaces its earlier version in the portfolio; reopening the earlier version
#: brings it back).
CURRENT_REVIEWS = """
current AS (
    SELECT review_id FROM (
        SELECT l.review_id,
               row_number() OVER (
                   PARTITION BY d.path ORDER BY d.last_seen DESC, l.review_id DESC
               ) AS rank
        FROM documents d
        JOIN (SELECT document_id, max(id) AS review_id FROM reviews GROUP BY document_id) l
          ON l.document_id = d.id
    ) WHERE rank = 1
)
"""
_CHOSEN_REVIEWS = "current AS (SELECT DISTINCT value AS review_id FROM json_each(?))"

_ISSUE_STATUSES = frozenset({"weak", "red_flag", "missing"})
_RESOLVED = frozenset({"accepted", "not_applicable"})


def portfolio_rows(
    conn: sqlite3.Connection, review_ids: Sequence[int] | None = None
) -> list[PortfolioRow]:
    """Rows for the current reviews (or exactly ``review_ids``), by document name."""
    if review_ids is None:
        cte, params = CURRENT_REVIEWS, []
    else:
        cte, params = _CHOSEN_REVIEWS, [json.dumps([int(i) for i in review_ids])]
    reviews = conn.execute(
        f"WITH {cte} "
        "SELECT r.id, r.document_id, d.sha256, d.path, d.name, d.format, r.kind, d.pages, "
        "r.playbook, r.playbook_title, r.created, r.present, r.weak, r.red_flag, r.missing, "
        "r.critical, r.high, r.medium, r.low "
        "FROM current c JOIN reviews r ON r.id = c.review_id "
        "JOIN documents d ON d.id = r.document_id ORDER BY d.name COLLATE NOCASE, d.path",
        params,
    ).fetchall()
    statuses: dict[int, dict[str, ClauseStatus]] = {}
    items: dict[int, list[tuple[str, str]]] = {}
    for review_id, key, clause_id, status in conn.execute(
        f"WITH {cte} SELECT f.review_id, f.key, f.clause_id, f.status "
        "FROM findings f JOIN current c ON c.review_id = f.review_id",
        params,
    ):
        per = statuses.setdefault(review_id, {})
        if STATUS_RANK[status] > STATUS_RANK[per.get(clause_id, "absent")]:
            per[clause_id] = status
        items.setdefault(review_id, []).append((key, status))
    decisions: dict[int, dict[str, str | None]] = {}
    for document_id, key, status, note in conn.execute(
        f"WITH {cte} "
        "SELECT document_id, key, status, note FROM decisions WHERE id IN ("
        "  SELECT max(id) FROM decisions WHERE document_id IN ("
        "    SELECT r.document_id FROM reviews r JOIN current c ON c.review_id = r.id)"
        "  GROUP BY document_id, key)",
        params,
    ):
        if status is not None or (note or "").strip():
            decisions.setdefault(document_id, {})[key] = status
    rows: list[PortfolioRow] = []
    for r in reviews:
        review_id, document_id = r[0], r[1]
        decided = decisions.get(document_id, {})
        keyed = items.get(review_id, [])
        rows.append(
            PortfolioRow(
                document_id=document_id,
                review_id=review_id,
                sha256=r[2],
                path=Path(r[3]),
                name=r[4],
                format=r[5],
                kind=r[6],
                pages=r[7],
                playbook=r[8],
                playbook_title=r[9],
                reviewed=r[10],
                counts=dict(zip(("present", "weak", "red_flag", "missing"), r[11:15], strict=True)),
                severity_counts=dict(
                    zip(("critical", "high", "medium", "low"), r[15:19], strict=True)
                ),
                statuses=statuses.get(review_id, {}),
                open_issues=sum(
                    1
                    for key, status in keyed
                    if status in _ISSUE_STATUSES and decided.get(key) not in _RESOLVED
                ),
                decided=sum(1 for key, _ in keyed if key in decided),
            )
        )
    return rows
