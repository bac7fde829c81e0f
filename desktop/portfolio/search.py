"""Full-text search across every reviewed agreement: a search box and a list of hits.

The panel knows nothing of the database: it says what to search for
(:attr:`SearchPanel.query_changed`, after the user pauses typing) and shows the hits it is given.
The portfolio widget runs the query in the background, so typing never waits on SQLite.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from clause_library.store import SearchHit

AnyIndex = QModelIndex | QPersistentModelIndex

#: Roles: the SearchHit of a row.
HIT_ROLE = Qt.ItemDataRole.UserRole + 1

#: Milliseconds of quiet typing before a search runs.
DEBOUNCE_MS = 250


def where_label(hit: SearchHit) -> str:
    parts = []
    if hit.page:
        parts.append(f"p. {hit.page}")
    if hit.heading:
        parts.append(hit.heading)
    return " · ".join(parts)


class SearchHitsModel(QAbstractTableModel):
    """Hits of the last search: document, clause types found there, where, and the snippet."""

    HEADERS = ("Document", "Clause type", "Where", "Text")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit_at(self, row: int) -> SearchHit:
        return self._hits[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == HIT_ROLE:
            return hit
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                hit.name,
                ", ".join(hit.clause_types) or "—",
                where_label(hit),
                hit.snippet,
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(hit.path) if column == 0 else hit.snippet
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None


class SearchPanel(QWidget):
    """A search box over the hits table.

    ``query_changed(text)`` is emitted once typing pauses (empty text: clear); show the answer
    with :meth:`show_hits`. ``hit_activated(hit)`` when the user opens a hit.
    """

    query_changed = Signal(str)
    hit_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QLineEdit(self)
        self.box.setPlaceholderText('Search clause text in all agreements (words, "a phrase", OR)')
        self.box.setClearButtonEnabled(True)
        self.box.setAccessibleName("Search all agreements")
        self.status = QLabel(self)
        self.model = SearchHitsModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((200, 200, 120)):
            self.view.setColumnWidth(column, width)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        layout.addWidget(self.status)
        layout.addWidget(self.view)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit_query)
        self.box.textChanged.connect(lambda _: self._timer.start())
        self.box.returnPressed.connect(self._emit_query)
        self.view.activated.connect(self._activated)

    @property
    def text(self) -> str:
        return self.box.text()

    def _emit_query(self) -> None:
        self._timer.stop()
        self.query_changed.emit(self.box.text().strip())

    def show_hits(self, query: str, hits: Sequence[SearchHit]) -> None:
        """Show ``hits`` if they answer what the box says now (a late answer is ignored)."""
        if query != self.box.text().strip():
            return
        self.model.set_hits(hits)
        if not query:
            self.status.setText("")
        elif hits:
            documents = len({hit.document_id for hit in hits})
            self.status.setText(
                f"{len(hits)} clause{'s' if len(hits) != 1 else ''} in {documents} "
                f"agreement{'s' if documents != 1 else ''}"
            )
        else:
            self.status.setText("No clause matches.")

    def show_error(self, message: str) -> None:
        self.status.setText(message)

    def _activated(self, index: QModelIndex) -> None:
        self.hit_activated.emit(self.model.hit_at(index.row()))
