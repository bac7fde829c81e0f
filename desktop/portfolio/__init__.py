"""The portfolio: reviewed agreements against key clauses, filters, and search across them all.

Plug-in point for the main window: ``PortfolioWidget(store)`` (see :mod:`.widget`).
"""

from __future__ import annotations

from desktop.portfolio.filter import PortfolioFilter
from desktop.portfolio.model import PortfolioModel, Role
from desktop.portfolio.search import SearchHitsModel, SearchPanel
from desktop.portfolio.widget import (
    PortfolioData,
    PortfolioWidget,
    Runner,
    load_portfolio,
    synchronous_runner,
)

__all__ = [
    "PortfolioData",
    "PortfolioFilter",
    "PortfolioModel",
    "PortfolioWidget",
    "Role",
    "Runner",
    "SearchHitsModel",
    "SearchPanel",
    "load_portfolio",
    "synchronous_runner",
]
