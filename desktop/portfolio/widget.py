"""The portfolio: every reviewed agreement against key clauses, and search across all of them.

``PortfolioWidget(store)`` is self-contained: put it in a dock or a tab and connect
:attr:`PortfolioWidget.open_requested` to the window's "open file". It never queries the database
on the GUI thread: :meth:`PortfolioWidget.refresh` and every search run a plain function
(:meth:`PortfolioWidget.loader`, ``store.search``) through a *runner* and show the answer when it
comes back. The default runner is the app's :func:`desktop.worker.run_in_background`; pass your
own (``runner(op, on_success, on_failure)``) to use another worker, or a synchronous one in tests.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from clause_library.store import (
    KEY_CLAUSES,
    QUICK_FILTERS,
    KeyClause,
    PortfolioRow,
    ReviewStore,
    SearchHit,
)
from desktop.portfolio.filter import PortfolioFilter
from desktop.portfolio.model import PortfolioModel, Role, kind_label
from desktop.portfolio.search import SearchPanel

#: runner(op, on_success, on_failure): run ``op()`` off the GUI thread, then call one of the
#: callbacks with its result or its exception on the GUI thread.
Runner = Callable[[Callable[[], Any], Callable[[Any], None], Callable[[Exception], None]], None]

SEARCH_LIMIT = 200


@dataclass(frozen=True)
class PortfolioData:
    """What one refresh loads: the rows and the kinds present among them."""

    rows: tuple[PortfolioRow, ...]
    kinds: tuple[str, ...]


def load_portfolio(store: ReviewStore) -> PortfolioData:
    """Query the store (on a worker thread; touches no widget)."""
    rows = tuple(store.portfolio())
    return PortfolioData(rows, tuple(sorted({row.kind for row in rows if row.kind})))


def search_portfolio(store: ReviewStore, query: str) -> tuple[str, list[SearchHit]]:
    """Search the store (on a worker thread); the query comes back with the hits so a late
    answer to an old query can be recognised."""
    return query, store.search(query, limit=SEARCH_LIMIT, prefix_last=True)


def synchronous_runner(
    op: Callable[[], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[Exception], None],
) -> None:
    """Run on the calling thread (tests, scripts); never in the app, where it would block."""
    try:
        result = op()
    except Exception as exc:  # noqa: BLE001 - handed to on_failure, as a worker would
        on_failure(exc)
        return
    on_success(result)


class PortfolioWidget(QWidget):
    """Reviewed agreements, sortable and filterable, with full-text search.

    Signals: ``open_requested(path)`` when a row or a search hit is activated;
    ``location_requested(path, start, end)`` right after it for a search hit, so the review
    can scroll to the clause once the file is open.
    """

    open_requested = Signal(str)
    location_requested = Signal(str, int, int)

    def __init__(
        self,
        store: ReviewStore,
        *,
        runner: Runner | None = None,
        key_clauses: Sequence[KeyClause] = KEY_CLAUSES,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("portfolio")
        self._store = store
        self._runner: Runner = runner or self._background
        self._loaded_once = False
        self.model = PortfolioModel(self, key_clauses)
        self.proxy = PortfolioFilter(self)
        self.proxy.setSourceModel(self.model)

        self.kind_box = QComboBox(self)
        self.kind_box.setAccessibleName("Kind of agreement")
        self.kind_box.addItem("All kinds", None)
        self.quick_box = QComboBox(self)
        self.quick_box.setAccessibleName("Quick filter")
        for item in QUICK_FILTERS:
            self.quick_box.addItem(item.label, item.id)
        self.name_box = QLineEdit(self)
        self.name_box.setPlaceholderText("Filter by file name or folder")
        self.name_box.setClearButtonEnabled(True)
        self.refresh_button = QToolButton(self)
        self.refresh_button.setText("Refresh")
        self.count_label = QLabel(self)
        bar = QHBoxLayout()
        bar.addWidget(self.kind_box)
        bar.addWidget(self.quick_box)
        bar.addWidget(self.name_box, 1)
        bar.addWidget(self.count_label)
        bar.addWidget(self.refresh_button)

        self.view = QTableView(self)
        self.view.setObjectName("portfolioTable")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionsMovable(True)
        self.view.setColumnWidth(0, 260)

        self.search = SearchPanel(self)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(bar)
        top_layout.addWidget(self.view)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("portfolioSplitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.search)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        self.kind_box.currentIndexChanged.connect(self._kind_chosen)
        self.quick_box.currentIndexChanged.connect(self._quick_chosen)
        self.name_box.textChanged.connect(self._name_typed)
        self.refresh_button.clicked.connect(self.refresh)
        self.view.activated.connect(self._row_activated)
        self.search.query_changed.connect(self._search)
        self.search.hit_activated.connect(self._hit_activated)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self._restore_state()

    # --- loading -------------------------------------------------------------------------------

    def loader(self) -> Callable[[], PortfolioData]:
        """The query one refresh runs: call it on a worker thread, give the result to
        :meth:`show_data` on the GUI thread."""
        return functools.partial(load_portfolio, self._store)

    def refresh(self) -> None:
        """Load the portfolio again in the background (after a review or a batch was stored)."""
        self.count_label.setText("Loading…")
        self.refresh_button.setEnabled(False)
        self._runner(self.loader(), self.show_data, self._load_failed)

    def show_data(self, data: PortfolioData) -> None:
        """Show freshly loaded rows, keeping the user's filters (GUI thread)."""
        self._loaded_once = True
        self.refresh_button.setEnabled(True)
        chosen = self.proxy.kind
        self.kind_box.blockSignals(True)
        self.kind_box.clear()
        self.kind_box.addItem("All kinds", None)
        for kind in data.kinds:
            self.kind_box.addItem(kind_label(kind), kind)
        index = self.kind_box.findData(chosen) if chosen else 0
        self.kind_box.setCurrentIndex(max(index, 0))
        self.kind_box.blockSignals(False)
        if chosen and index < 0:
            self.proxy.set_kind(None)
        self.model.set_rows(data.rows)
        self._update_count()

    def _load_failed(self, error: Exception) -> None:
        self.refresh_button.setEnabled(True)
        self.count_label.setText("Could not load the portfolio")
        self.count_label.setToolTip(str(error))

    def _background(
        self,
        op: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None],
    ) -> None:
        from desktop.worker import run_in_background

        run_in_background(self, lambda job: op(), on_success, on_failure)

    # --- filters -----------------------------------------------------------------------------

    def _kind_chosen(self, index: int) -> None:
        self.proxy.set_kind(self.kind_box.itemData(index))

    def _quick_chosen(self, index: int) -> None:
        self.proxy.set_quick_filter(str(self.quick_box.itemData(index)))

    def _name_typed(self, text: str) -> None:
        self.proxy.set_text(text)

    def set_quick_filter(self, filter_id: str) -> None:
        """Choose a quick filter by id, as a menu action might ("uncapped_or_no_ip_indemnity")."""
        self.quick_box.setCurrentIndex(self.quick_box.findData(filter_id))

    def _update_count(self) -> None:
        if not self._loaded_once:
            return
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        noun = "agreement" if total == 1 else "agreements"
        self.count_label.setToolTip("")
        self.count_label.setText(
            f"{total} {noun}" if shown == total else f"{shown} of {total} {noun}"
        )

    # --- opening -----------------------------------------------------------------------------

    def _row_activated(self, index: QModelIndex) -> None:
        path = self.proxy.data(index, Role.PATH)
        if path:
            self.open_requested.emit(str(path))

    def _hit_activated(self, hit: SearchHit) -> None:
        self.open_requested.emit(str(hit.path))
        if hit.start is not None and hit.end is not None:
            self.location_requested.emit(str(hit.path), hit.start, hit.end)

    # --- search ------------------------------------------------------------------------------

    def _search(self, query: str) -> None:
        if not query:
            self.search.show_hits("", [])
            return
        self._runner(
            functools.partial(search_portfolio, self._store, query),
            self._show_hits,
            lambda error: self.search.show_error(f"Search failed: {error}"),
        )

    def _show_hits(self, answer: tuple[str, list[SearchHit]]) -> None:
        query, hits = answer
        self.search.show_hits(query, hits)

    # --- state -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded_once:
            self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        self._save_state()
        super().hideEvent(event)

    def _restore_state(self) -> None:
        settings = QSettings()
        header = settings.value("portfolio/header")
        if isinstance(header, QByteArray):
            self.view.horizontalHeader().restoreState(header)
        splitter = settings.value("portfolio/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)

    def _save_state(self) -> None:
        settings = QSettings()
        settings.setValue("portfolio/header", self.view.horizontalHeader().saveState())
        settings.setValue("portfolio/splitter", self.splitter.saveState())
