"""The findings panel: counts by status, filters, and the tree of findings and gaps.

The status counts double as filter switches (click "30 present" to hide what is fine), so the
first glance answers "how bad is it?" and the second click narrows the list to what matters.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.review.decisions import DecisionRecord
from desktop.review.model import (
    CLAUSE_COLUMN,
    DECISION_COLUMN,
    WHERE_COLUMN,
    FindingsFilter,
    FindingsModel,
    Item,
    Role,
)
from desktop.review.status import STATUSES, STYLES, status_icon

if TYPE_CHECKING:
    from clause_library.review import Review

SEVERITY_FILTERS = (
    ("info", "All severities"),
    ("low", "Low and above"),
    ("medium", "Medium and above"),
    ("high", "High and above"),
    ("critical", "Critical only"),
)


class StatusChip(QToolButton):
    """A count that is also a show/hide switch for its status."""

    def __init__(self, status: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = status
        self.setObjectName(f"chip_{status}")
        self.setProperty("chip", True)
        self.setCheckable(True)
        self.setChecked(True)
        self.setIcon(status_icon(status))
        self.setIconSize(QSize(16, 16))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.set_count(0)

    def set_count(self, count: int) -> None:
        st = STYLES[self.status]
        self.setText(f"{count} {st.label.lower() if count == 1 else st.plural}")
        self.setToolTip(
            f"{st.label}: {st.description}\nClick to {'hide' if self.isChecked() else 'show'} them."
        )


class FindingsPanel(QWidget):
    """Counts, filters and the findings tree of one review."""

    #: the selected Finding or Gap, or None
    currentItemChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findingsPanel")
        self.model = FindingsModel(self)
        self.proxy = FindingsFilter(self)
        self.proxy.setSourceModel(self.model)

        self.chips = {status: StatusChip(status, self) for status in STATUSES}
        self._chip_grid = QGridLayout()
        self._chip_grid.setSpacing(4)
        self._chip_columns = 0
        for chip in self.chips.values():
            chip.toggled.connect(self._statuses_changed)
        self._arrange_chips(len(self.chips))

        self.search = QLineEdit(self)
        self.search.setObjectName("findingsSearch")
        self.search.setPlaceholderText("Filter by words…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_text)
        self.severity = QComboBox(self)
        self.severity.setObjectName("severityFilter")
        for value, label in SEVERITY_FILTERS:
            self.severity.addItem(label, value)
        self.severity.setToolTip("Show only issues of at least this severity")
        self.severity.currentIndexChanged.connect(self._severity_changed)
        filters = QHBoxLayout()
        filters.setSpacing(4)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.severity)

        self.tree = QTreeView(self)
        self.tree.setObjectName("findingsTree")
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setIconSize(QSize(16, 16))
        self.tree.setIndentation(14)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(CLAUSE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(WHERE_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DECISION_COLUMN, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(DECISION_COLUMN, 26)
        self.tree.selectionModel().currentRowChanged.connect(self._current_changed)
        self.proxy.modelReset.connect(self._refresh_tree)
        self.proxy.layoutChanged.connect(self._refresh_tree)
        self.proxy.rowsInserted.connect(self._refresh_tree)

        self.empty = QLabel(self)
        self.empty.setObjectName("findingsEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        self.filters = QWidget(self)
        head = QVBoxLayout(self.filters)
        head.setContentsMargins(0, 0, 0, 0)
        head.setSpacing(6)
        head.addLayout(self._chip_grid)
        head.addLayout(filters)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.filters)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty, 1)
        self._set_empty_text("Findings appear here when the analysis is finished.")

    def _arrange_chips(self, columns: int) -> None:
        """One row of four counts, or two rows of two when the panel is narrow."""
        if columns == self._chip_columns:
            return
        self._chip_columns = columns
        for i, chip in enumerate(self.chips.values()):
            self._chip_grid.removeWidget(chip)
            self._chip_grid.addWidget(chip, i // columns, i % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = sum(chip.sizeHint().width() for chip in self.chips.values()) + 30
        self._arrange_chips(4 if event.size().width() >= wide else 2)

    def minimumSizeHint(self) -> QSize:
        return QSize(250, 200)

    # --- content ------------------------------------------------------------------------------

    def set_review(
        self, review: Review | None, decisions: Mapping[str, DecisionRecord] | None = None
    ) -> None:
        """Show ``review``, keeping the selection when the same item is still there."""
        keep = self.current_key()
        self.model.set_review(review, decisions)
        counts = self.model.counts()
        for status, chip in self.chips.items():
            chip.set_count(counts[status])
        if review is None:
            self._set_empty_text("Findings appear here when the analysis is finished.")
        if keep:
            self.select_key(keep, reveal=False)

    def update_decision(self, key: str, record: DecisionRecord | None) -> None:
        self.model.update_decision(key, record)

    def _set_empty_text(self, text: str) -> None:
        self.empty.setText(text)
        self._refresh_tree()

    def _refresh_tree(self, *args: object) -> None:
        """Span family rows across the columns and keep everything expanded."""
        for row in range(self.proxy.rowCount()):
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
        self.tree.expandAll()
        has_rows = self.proxy.rowCount() > 0
        reviewed = self.model.review is not None
        if reviewed and not has_rows:
            self.empty.setText(
                "Nothing matches the filters." if self.model.rowCount() else "No clauses found."
            )
        self.filters.setVisible(reviewed)  # no counts of zero before there is a review
        self.tree.setVisible(has_rows)
        self.empty.setVisible(not has_rows)

    # --- filters ------------------------------------------------------------------------------

    def _statuses_changed(self) -> None:
        shown = {s for s, chip in self.chips.items() if chip.isChecked()}
        for status, chip in self.chips.items():
            chip.set_count(self.model.counts()[status])
        self.proxy.set_statuses(shown)

    def _severity_changed(self) -> None:
        self.proxy.set_min_severity(str(self.severity.currentData()))

    def set_status_visible(self, status: str, visible: bool) -> None:
        self.chips[status].setChecked(visible)

    def clear_filters(self) -> None:
        for chip in self.chips.values():
            chip.setChecked(True)
        self.search.clear()
        self.severity.setCurrentIndex(0)

    # --- selection ----------------------------------------------------------------------------

    def current_item(self) -> Item | None:
        index = self.tree.currentIndex()
        item = index.data(Role.ITEM) if index.isValid() else None
        return item

    def current_key(self) -> str | None:
        item = self.current_item()
        return item.key if item is not None else None

    def select_key(self, key: str, *, reveal: bool = True) -> bool:
        """Select the item ``key``; with ``reveal``, relax the filters that hide it."""
        source = self.model.index_for_key(key)
        if not source.isValid():
            return False
        index = self.proxy.mapFromSource(source)
        if not index.isValid() and reveal:
            item = self.model.item_for_key(key)
            self.search.clear()
            self.severity.setCurrentIndex(0)
            if item is not None:
                self.chips[item.status].setChecked(True)
            index = self.proxy.mapFromSource(source)
        if not index.isValid():
            return False
        self.tree.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.tree.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def visible_items(self) -> list[Item]:
        """Items the filters let through, in document order."""
        out: list[Item] = []
        for item in self.model.items():
            index = self.proxy.mapFromSource(self.model.index_for_key(item.key))
            if index.isValid():
                out.append(item)
        return out

    def open_issues(self) -> list[Item]:
        """Visible weak, red-flag and missing items the reviewer has not decided yet."""
        return [
            item for item in self.visible_items()
            if item.status != "present" and not self._decided(item.key)
        ]

    def _decided(self, key: str) -> bool:
        record = self.model.decision(key)
        return record is not None and record.decision is not None

    def select_next_issue(self, forward: bool = True) -> Item | None:
        """Move to the next (or previous) open issue in document order, wrapping around."""
        issues = self.open_issues()
        if not issues:
            return None
        order = {item.key: i for i, item in enumerate(self.model.items())}
        current = self.current_key()
        position = order.get(current, -1) if current else -1
        if forward:
            after = [i for i in issues if order[i.key] > position]
            target = after[0] if after else issues[0]
        else:
            before = [i for i in issues if order[i.key] < position] if position >= 0 else []
            target = before[-1] if before else issues[-1]
        self.select_key(target.key)
        return target

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        item = current.data(Role.ITEM) if current.isValid() else None
        self.currentItemChanged.emit(item)
