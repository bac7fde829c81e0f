"""``clause-review-app [FILE...]``: start the desktop app.

The window is shown first and everything slow happens after: the engine and the embedding model
load in the background, and the documents named on the command line (or the bundled sample
agreement) open once the event loop runs. ``--screenshot PNG`` opens the files, waits for the
analysis, saves a picture of the window and exits; it works under ``QT_QPA_PLATFORM=offscreen``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QThreadPool, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop.resources import APP_ICON, sample_agreement, style_sheet
from desktop.settings import configure_identity

if TYPE_CHECKING:
    from desktop.main_window import MainWindow
    from desktop.review.tab import ReviewTab

#: window size used for screenshots, so pictures are comparable
SCREENSHOT_SIZE = (1600, 1000)


def process_uptime() -> float:
    """Seconds since this process started (from /proc on Linux, else since this module loaded)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        start_ticks = int(fields[19])  # field 22 of stat(5), counted after the command name
        with open("/proc/uptime", encoding="ascii") as handle:
            uptime = float(handle.read().split()[0])
        return max(0.0, uptime - start_ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return time.perf_counter() - _LOADED


_LOADED = time.perf_counter()


def parse_args(argv: Sequence[str] | None = None) -> tuple[argparse.Namespace, list[str]]:
    """Our options, and the rest (left for Qt, e.g. ``-platform offscreen``)."""
    parser = argparse.ArgumentParser(
        prog="clause-review-app",
        description="Review agreements offline against a clause library and playbooks. "
        "Not legal advice.",
    )
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE",
                        help="agreements to open (.docx, .pdf, .txt); default: the sample")
    parser.add_argument("--screenshot", type=Path, metavar="PNG",
                        help="open the files, wait for the analysis, save the window, exit")
    parser.add_argument("--timing", action="store_true",
                        help="print when the window was shown and the first analysis finished")
    parser.add_argument("--timeout", type=float, default=600.0,
                        help="give up on --screenshot after this many seconds (default 600)")
    return parser.parse_known_args(argv)


def configure_application(app: QApplication) -> None:
    """Identity, icon and style sheet; called once for the app and once per test session."""
    configure_identity(app)
    app.setWindowIcon(QIcon(str(APP_ICON)))
    app.setStyleSheet(style_sheet())


class Screenshot(QObject):
    """Saves the window once the first document is analysed (or failed), then quits."""

    def __init__(self, window: MainWindow, path: Path, timeout: float, *, quit_app: bool = True
                 ) -> None:
        super().__init__(window)
        self.window = window
        self.path = path
        self.quit_app = quit_app
        self.ok = False
        self.saved = False
        self._tab: ReviewTab | None = None
        window.tabOpened.connect(self._tab_opened)
        window.reviewReady.connect(self._ready)
        QTimer.singleShot(round(timeout * 1000), self._give_up)

    def _tab_opened(self, tab: ReviewTab) -> None:
        if self._tab is None:
            self._tab = tab
            tab.analysisFailed.connect(lambda error: self._finish(ok=False))

    def no_documents(self) -> None:
        """Nothing to open: picture the empty window."""
        QTimer.singleShot(800, lambda: self._finish(ok=True))

    def _ready(self, tab: ReviewTab) -> None:
        if tab is not self._tab:
            return
        tab.next_issue(True)  # show one issue in the detail panel
        if tab.pdf_view is not None and tab.pdf_view.rendering:
            tab.pdf_view.pagesRendered.connect(lambda: self._later(ok=True))
        else:
            self._later(ok=True)

    def _later(self, *, ok: bool) -> None:
        # let the highlight flash fade and the layout settle
        QTimer.singleShot(1700, lambda: self._finish(ok=ok))

    def _give_up(self) -> None:
        if not self.saved:
            print("clause-review-app: the analysis did not finish in time", file=sys.stderr)
            self._finish(ok=False)

    def _finish(self, *, ok: bool) -> None:
        if self.saved:
            return
        self.saved = True
        self.ok = ok
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.window.grab().save(str(self.path))
        if self.quit_app:
            QApplication.exit(0 if ok else 1)


class _FirstPaint(QObject):
    """Prints when the window is first painted: what "shown" means to the user."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            print(f"window shown: {process_uptime():.2f} s after process start", file=sys.stderr)
            watched.removeEventFilter(self)
        return False


def _report_timing(window: MainWindow) -> None:
    window.installEventFilter(_FirstPaint(window))

    def first(tab: ReviewTab) -> None:
        print(f"first analysis finished: {process_uptime():.2f} s after process start",
              file=sys.stderr)
        window.reviewReady.disconnect(first)

    window.reviewReady.connect(first)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``clause-review-app``."""
    args, qt_args = parse_args(argv)
    app = QApplication([sys.argv[0], *qt_args])
    configure_application(app)
    from desktop.main_window import MainWindow

    window = MainWindow()
    if args.screenshot:
        window.resize(*SCREENSHOT_SIZE)
    window.show()
    if args.timing:
        _report_timing(window)
    files: list[Path] = list(args.files)
    if not files and (sample := sample_agreement()) is not None:
        files = [sample]
    shot = Screenshot(window, args.screenshot, args.timeout) if args.screenshot else None
    if files:
        QTimer.singleShot(0, lambda: window.open_files(files))
    elif shot is not None:
        shot.no_documents()
    status = app.exec()
    if shot is not None and not shot.ok:
        status = status or 1
    # Background jobs that cannot be cancelled (loading the model) must not outlive the
    # interpreter: give them a moment, then leave without waiting for them.
    pool = QThreadPool.globalInstance()
    pool.clear()
    if not pool.waitForDone(1500):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    return status


if __name__ == "__main__":
    sys.exit(main())
