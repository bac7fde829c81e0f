"""The portfolio table: a Qt model adapting the store's :class:`PortfolioRow` values.

One row per reviewed agreement, one column per fact (kind, counts) and per key clause type. The
model only adapts rows the store already computed; sorting and filtering live in
:mod:`desktop.portfolio.filter`, so the same rows can be shown sorted and filtered many ways
without asking the database again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from clause_library.store import KEY_CLAUSES, STATUS_LABELS, STATUS_RANK, KeyClause, PortfolioRow
from desktop.review.status import STYLES, status_icon

AnyIndex = QModelIndex | QPersistentModelIndex


class Role(IntEnum):
    """Custom data roles of :class:`PortfolioModel`."""

    #: the store's PortfolioRow of the row
    ROW = Qt.ItemDataRole.UserRole + 1
    #: a value that sorts the column correctly (numbers as numbers, statuses by severity)
    SORT = Qt.ItemDataRole.UserRole + 2
    #: the clause status ("red_flag" … "absent") in key-clause columns, else None
    STATUS = Qt.ItemDataRole.UserRole + 3
    #: the document's path as a string
    PATH = Qt.ItemDataRole.UserRole + 4


@dataclass(frozen=True)
class Column:
    """How one column shows and sorts a row."""

    header: str
    text: Callable[[PortfolioRow], str]
    sort: Callable[[PortfolioRow], Any]
    tooltip: str = ""
    clause_id: str | None = None
    numeric: bool = False


def kind_label(kind: str) -> str:
    return kind.replace("_", " ").capitalize() if kind else "Unknown"


def _count(name: str, header: str, tooltip: str) -> Column:
    return Column(
        header,
        lambda row: str(row.counts.get(name, 0)),
        lambda row: row.counts.get(name, 0),
        tooltip,
        numeric=True,
    )


def _clause(clause: KeyClause) -> Column:
    def text(row: PortfolioRow) -> str:
        status = row.status(clause.id)
        return "" if status == "absent" else STATUS_LABELS[status]

    return Column(
        clause.header,
        text,
        lambda row: STATUS_RANK[row.status(clause.id)],
        f"{clause.header} ({clause.id}): red flag, weak, missing, present or blank if not found",
        clause_id=clause.id,
    )


def build_columns(key_clauses: Sequence[KeyClause] = KEY_CLAUSES) -> tuple[Column, ...]:
    return (
        Column("Document", lambda r: r.name, lambda r: r.name.lower(), "File name"),
        Column("Kind", lambda r: kind_label(r.kind), lambda r: r.kind, "Kind of agreement"),
        Column(
            "Playbook",
            lambda r: r.playbook_title or r.playbook,
            lambda r: (r.playbook_title or r.playbook).lower(),
            "Playbook of the last review",
        ),
        Column(
            "Reviewed",
            lambda r: r.reviewed[:16].replace("T", " "),
            lambda r: r.reviewed,
            "When it was last reviewed (UTC)",
        ),
        _count("red_flag", "Red flags", "Clauses whose wording is a serious risk"),
        _count("weak", "Weak", "Clauses whose wording falls short of the playbook"),
        _count("missing", "Missing", "Clauses the playbook expects that the agreement lacks"),
        Column(
            "Open",
            lambda r: str(r.open_issues),
            lambda r: r.open_issues,
            "Issues not yet accepted or marked not applicable",
            numeric=True,
        ),
        *(_clause(c) for c in key_clauses),
    )


class PortfolioModel(QAbstractTableModel):
    """Reviewed agreements against key clause statuses. Replace the rows with :meth:`set_rows`
    (on the GUI thread) when the store has been queried again."""

    def __init__(
        self, parent: QObject | None = None, key_clauses: Sequence[KeyClause] = KEY_CLAUSES
    ) -> None:
        super().__init__(parent)
        self.columns = build_columns(key_clauses)
        self._rows: list[PortfolioRow] = []

    def set_rows(self, rows: Sequence[PortfolioRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> PortfolioRow:
        return self._rows[row]

    @property
    def rows(self) -> tuple[PortfolioRow, ...]:
        return tuple(self._rows)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        status = row.status(column.clause_id) if column.clause_id else None
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Role.SORT:
            return column.sort(row)
        if role == Role.ROW:
            return row
        if role == Role.PATH:
            return str(row.path)
        if role == Role.STATUS:
            return status
        if role == Qt.ItemDataRole.ToolTipRole:
            if status is not None:
                return f"{column.header}: {STATUS_LABELS[status]}"
            if index.column() == 0:
                return str(row.path)
            return None
        if role == Qt.ItemDataRole.DecorationRole and status in STYLES:
            return status_icon(status)
        if role == Qt.ItemDataRole.BackgroundRole and status in STYLES and status != "present":
            colour = QColor(STYLES[status].colour)
            colour.setAlpha(40)
            return colour
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.columns[section].tooltip
        return None

    def column_of(self, clause_id: str) -> int:
        for i, column in enumerate(self.columns):
            if column.clause_id == clause_id:
                return i
        raise KeyError(clause_id)
