"""Fixtures and builders shared by the desktop tests (imported by tests/test_desktop_*.py).

Fixtures are defined as ``<name>_fixture`` with ``name=<name>``, so a test module imports them
(``from desktop_fixtures import window_fixture``) without shadowing its test parameters.

Loading the embedding model takes several seconds (and with a model other than the bundled one
the first analysis embeds the whole clause library), so every test shares ONE engine (:func:`shared_engine`, cached for the process)
and injects it into ``MainWindow(engine=...)``. Each test gets its own settings file, so no test
reads or writes the user's real settings.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import docx
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

if TYPE_CHECKING:
    from clause_library.engine import Engine
    from desktop.main_window import MainWindow
    from desktop.review.tab import ReviewTab

#: generous: the first analysis of the session may wait for the model to load
ANALYSIS_TIMEOUT_MS = int(os.environ.get("CLAUSE_REVIEW_TEST_TIMEOUT_MS", "240000"))


@functools.cache
def shared_engine() -> Engine:
    """The one engine of the test session, model loaded."""
    from clause_library.engine import Engine

    engine = Engine()
    engine.embedder.warm_up()
    return engine


@pytest.fixture(name="engine")
def engine_fixture() -> Engine:
    return shared_engine()


@pytest.fixture(name="desktop_app")
def desktop_app_fixture(qapp: QApplication, tmp_path: Path) -> QApplication:
    """The QApplication named and styled as the app is, with settings in a temporary folder."""
    from desktop.app import configure_application

    configure_application(qapp)
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    return qapp


@pytest.fixture(name="settings")
def settings_fixture(desktop_app: QApplication, tmp_path: Path) -> Any:
    from desktop.settings import Settings

    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture(name="make_window")
def make_window_fixture(
    qtbot: Any, engine: Engine, settings: Any
) -> Iterator[Callable[..., MainWindow]]:
    """Build main windows on the shared engine; they are closed and their work awaited after."""
    from desktop.main_window import MainWindow
    from desktop.worker import wait_for_background_work

    windows: list[MainWindow] = []

    def make(*, resize: bool = True, **kwargs: Any) -> MainWindow:
        kwargs.setdefault("engine", engine)
        kwargs.setdefault("settings", settings)
        window = MainWindow(**kwargs)
        qtbot.addWidget(window)
        if resize:
            window.resize(1500, 900)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        for tab in window.tab_list():
            tab.shutdown()
    wait_for_background_work(60000)
    close_dialogs()


@pytest.fixture(name="window")
def window_fixture(make_window: Callable[..., MainWindow]) -> MainWindow:
    return make_window()


def open_and_wait(qtbot: Any, window: MainWindow, path: Path) -> ReviewTab:
    """Open ``path`` and wait until its analysis is finished."""
    with qtbot.waitSignal(window.reviewReady, timeout=ANALYSIS_TIMEOUT_MS) as blocker:
        tab = window.open_file(path)
    assert tab is not None
    assert blocker.args == [tab]
    assert tab.review is not None
    return tab


def visible_dialogs() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


def close_dialogs() -> None:
    for box in visible_dialogs():
        box.close()


def normalised(text: str) -> str:
    return " ".join(text.replace("\u2029", " ").replace("\u2028", " ").split())


# --- documents --------------------------------------------------------------------------------

#: What the engine finds in :func:`write_contractor_docx` under the contractor playbook.
WEAK_IP = "ip_assignment"
PRESENT = ("confidentiality", "independent_contractor", "governing_law")
CONTRACTOR_GAPS = ("moral_rights_waiver", "trade_secret_notice")

CONTRACTOR_PARAGRAPHS = [
    ("Title", "CONSULTING AGREEMENT"),
    (None, "This Consulting Agreement is made between Acme Widgets, Inc. (the “Company”) and "
           "Jordan Lee, an independent contractor (“Contractor”)."),
    ("Heading 1", "1. Services"),
    (None, "1.1 Contractor shall perform the consulting services described in each statement "
           "of work."),
    ("Heading 1", "2. Intellectual Property"),
    (None, "2.1 Ownership. All Work Product shall be the sole and exclusive property of the "
           "Company. Contractor agrees to assign to the Company, upon the Company’s written "
           "request, all of Contractor’s right, title and interest in and to the Work Product."),
    ("Heading 1", "3. Confidentiality"),
    (None, "3.1 Contractor shall hold all Confidential Information in strict confidence, shall "
           "use it only to perform the Services, and shall not disclose it to any third party "
           "without the Company’s prior written consent."),
    ("Heading 1", "4. Relationship"),
    (None, "4.1 Contractor is an independent contractor and not an employee, partner or agent "
           "of the Company, and is responsible for all taxes on the fees."),
    ("Heading 1", "5. General"),
    (None, "5.1 Governing Law. This Agreement is governed by the laws of the State of Oregon, "
           "without regard to its conflict of laws rules."),
]


def write_contractor_docx(folder: Path, name: str = "consulting.docx") -> Path:
    """A small synthetic consulting agreement with one weak clause and known gaps."""
    document = docx.Document()
    for style, text in CONTRACTOR_PARAGRAPHS:
        if style == "Heading 1":
            document.add_heading(text, level=1)
        elif style:
            document.add_paragraph(text, style=style)
        else:
            document.add_paragraph(text)
    path = folder / name
    document.save(str(path))
    return path


def write_contractor_pdf(folder: Path, name: str = "consulting.pdf") -> Path:
    """The same agreement as a one-page text PDF (Helvetica, written by tests/pdfmaker.py)."""
    import textwrap

    from pdfmaker import make_pdf_bytes

    items: list[tuple[float, float, str, float]] = []
    y = 72.0
    for style, text in CONTRACTOR_PARAGRAPHS:
        size = 16.0 if style == "Title" else 12.0 if style else 10.0
        for line in textwrap.wrap(text, 95 if size == 10.0 else 70):
            items.append((72.0, y, line, size))
            y += size * 1.35
        y += 8.0
    path = folder / name
    path.write_bytes(make_pdf_bytes([items], title="Consulting Agreement"))
    return path
