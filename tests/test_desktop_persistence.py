"""Decisions and notes persist in the review database across app restarts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop_fixtures import (
    WEAK_IP,
    desktop_app_fixture,  # noqa: F401 - a fixture
    engine_fixture,  # noqa: F401 - a fixture
    make_window_fixture,  # noqa: F401 - a fixture
    open_and_wait,
    settings_fixture,  # noqa: F401 - a fixture
    write_contractor_docx,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget

from desktop.main_window import MainWindow
from desktop.review.decisions import SqliteDecisionStore

NOTE = "Ask for a present assignment."


def test_decision_and_note_survive_a_restart(
    qtbot: Any, make_window: Callable[..., MainWindow], tmp_path: Path, settings: Any
) -> None:
    settings.reviewer_name = "Alex Morgan"
    path = write_contractor_docx(tmp_path)
    database = tmp_path / "reviews.sqlite3"

    first = make_window(database=database)
    assert isinstance(first.decisions, SqliteDecisionStore)
    tab = open_and_wait(qtbot, first, path)
    assert tab.review is not None
    finding = next(f for f in tab.review.findings if f.clause_id == WEAK_IP)
    gap = tab.review.gaps[0]
    sha = tab.review.document.sha256
    tab.findings.select_key(finding.key)
    qtbot.mouseClick(tab.detail.buttons["needs_change"], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(tab.detail.note, NOTE)
    tab.findings.select_key(gap.key)
    first.decision_actions["not_applicable"].trigger()
    record = first.decisions.get(sha, finding.key)
    assert record is not None and record.note == NOTE
    first.close()  # drains the writer and closes the database
    assert database.exists()

    second = make_window(database=database)
    qtbot.waitUntil(lambda: second.store is not None, timeout=10000)
    tab = open_and_wait(qtbot, second, path)
    tab.findings.select_key(finding.key)
    assert tab.detail.buttons["needs_change"].isChecked()
    assert tab.detail.note.toPlainText() == NOTE
    assert "Alex Morgan" in tab.detail.decided_by.text()
    tab.findings.select_key(gap.key)
    assert tab.detail.buttons["not_applicable"].isChecked()
    stored = second.decisions.for_document(sha)
    assert stored[finding.key].decision == "needs_change"
    assert stored[gap.key].decision == "not_applicable"

    # the portfolio lists the document and opens it
    dock = second.findChild(QDockWidget, "portfolioDock")
    assert dock is not None and second.portfolio is not None
    assert second.portfolio_action.isCheckable()
    second.portfolio_action.trigger()
    assert dock.isVisible()
    qtbot.waitUntil(lambda: second.portfolio is not None
                    and second.portfolio.model.rowCount() == 1, timeout=10000)
    second.close_tab(second.tabs.indexOf(tab))
    with qtbot.waitSignal(second.tabOpened, timeout=10000):
        second.portfolio.open_requested.emit(str(path))
    assert second.tabs.count() == 1


def test_unusable_database_falls_back_to_memory(
    qtbot: Any, make_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    database = tmp_path / "broken.sqlite3"
    database.write_bytes(b"this is not a database" * 100)
    window = make_window(database=database)
    qtbot.waitUntil(lambda: "damaged" in window.status_text(), timeout=10000)
    assert window.store is None
    assert not isinstance(window.decisions, SqliteDecisionStore)
