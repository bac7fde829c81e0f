"""Sorting and filtering the portfolio without asking the database again.

The quick filters ("uncapped liability or no IP indemnity", …) are defined in the engine
(:data:`clause_library.store.QUICK_FILTERS`) so the CLI and tests can use the same rules; this
proxy only applies them together with a kind filter and a name filter.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel

from clause_library.store.portfolio import QuickFilter, quick_filter
from desktop.portfolio.model import PortfolioModel, Role


class PortfolioFilter(QSortFilterProxyModel):
    """Sorts by :attr:`Role.SORT` and keeps rows that pass the kind, quick and name filters."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(Role.SORT)
        self._kind: str | None = None
        self._quick: QuickFilter = quick_filter("all")
        self._text = ""

    @property
    def kind(self) -> str | None:
        return self._kind

    @property
    def quick(self) -> str:
        return self._quick.id

    def set_kind(self, kind: str | None) -> None:
        """Only agreements of ``kind`` ("vendor", "nda" …); None for every kind."""
        self._change(lambda: setattr(self, "_kind", kind or None))

    def set_quick_filter(self, filter_id: str) -> None:
        """One of :data:`clause_library.store.QUICK_FILTERS` by id ("all" to clear)."""
        chosen = quick_filter(filter_id)
        self._change(lambda: setattr(self, "_quick", chosen))

    def set_text(self, text: str) -> None:
        """Only agreements whose file name or folder contains ``text`` (any case)."""
        self._change(lambda: setattr(self, "_text", text.strip().lower()))

    def _change(self, apply: Callable[[], None]) -> None:
        self.beginFilterChange()
        apply()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        if not isinstance(model, PortfolioModel):
            return True
        row = model.row_at(source_row)
        if self._kind is not None and row.kind != self._kind:
            return False
        if self._text and self._text not in str(row.path).lower():
            return False
        return self._quick.accepts(row)
