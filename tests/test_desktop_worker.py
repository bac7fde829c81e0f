"""The background worker: results, errors and progress come back on the GUI thread."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from desktop_fixtures import close_dialogs, visible_dialogs
from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QApplication, QWidget

from clause_library.errors import CancelledError, CorruptDocumentError
from desktop.worker import Job, run_in_background, wait_for_background_work


@pytest.fixture(autouse=True)
def _drain() -> Any:
    yield
    wait_for_background_work(10000)
    close_dialogs()


def test_result_arrives_on_the_gui_thread(qtbot: Any, qapp: QApplication) -> None:
    parent = QObject()
    seen: dict[str, Any] = {}

    def work(job: Job[int]) -> int:
        seen["worker"] = threading.get_ident()
        return 6 * 7

    def done(result: int) -> None:
        seen["result"] = result
        seen["thread"] = QThread.currentThread()

    run_in_background(parent, work, done)
    qtbot.waitUntil(lambda: "result" in seen, timeout=5000)
    assert seen["result"] == 42
    assert seen["thread"] is qapp.thread()
    assert seen["worker"] != threading.get_ident()


def test_error_goes_to_on_failure(qtbot: Any) -> None:
    parent = QObject()
    errors: list[Exception] = []

    def work(job: Job[None]) -> None:
        raise CorruptDocumentError("deal.docx", "truncated zip")

    run_in_background(parent, work, lambda r: pytest.fail("no result expected"), errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], CorruptDocumentError)
    assert "deal.docx" in str(errors[0])


def test_progress_arrives_in_order(qtbot: Any) -> None:
    parent = QObject()
    stages: list[tuple[str, int, int]] = []
    results: list[str] = []

    def work(job: Job[str]) -> str:
        for i in range(1, 4):
            job.report("embed", i, 3)
        return "ok"

    run_in_background(parent, work, results.append, None, lambda *a: stages.append(a))
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert stages == [("embed", 1, 3), ("embed", 2, 3), ("embed", 3, 3)]


def test_cancel_stops_the_work(qtbot: Any) -> None:
    parent = QObject()
    errors: list[Exception] = []
    started = threading.Event()

    def work(job: Job[None]) -> None:
        started.set()
        while True:
            if job.cancelled():
                raise CancelledError()
            time.sleep(0.01)

    job = run_in_background(parent, work, lambda r: None, errors.append)
    assert started.wait(5)
    job.cancel()
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], CancelledError)
    assert job.done


def test_late_result_for_a_destroyed_parent_is_dropped(qtbot: Any) -> None:
    parent = QWidget()
    release = threading.Event()
    calls: list[object] = []

    job = run_in_background(parent, lambda job: release.wait(5), calls.append, calls.append)
    parent.deleteLater()
    qtbot.waitUntil(lambda: not _alive(parent), timeout=5000)
    release.set()
    assert job.wait(5)
    qtbot.wait(100)
    assert calls == []


def _alive(obj: QObject) -> bool:
    try:
        obj.objectName()
    except RuntimeError:
        return False
    return True


def test_unhandled_engine_error_is_shown_in_a_dialog(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)

    def work(job: Job[None]) -> None:
        raise CorruptDocumentError("deal.docx", "truncated zip")

    run_in_background(parent, work, lambda r: None)
    qtbot.waitUntil(lambda: bool(visible_dialogs()), timeout=5000)
    box = visible_dialogs()[0]
    assert "damaged or incomplete" in box.text()
    assert box.detailedText() == ""


def test_unexpected_error_says_it_is_a_bug_and_keeps_the_traceback(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)

    def work(job: Job[None]) -> None:
        raise ZeroDivisionError("boom")

    run_in_background(parent, work, lambda r: None)
    qtbot.waitUntil(lambda: bool(visible_dialogs()), timeout=5000)
    box = visible_dialogs()[0]
    assert "did not expect" in box.text()
    assert "ZeroDivisionError" in box.detailedText()
