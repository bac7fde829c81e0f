"""Error dialogs that never block the event loop.

Engine errors (:class:`~clause_library.errors.ClauseReviewError`) carry a sentence a lawyer can
act on, so the dialog shows exactly that. Anything else is a bug: the dialog says so and keeps the
traceback under "Show Details" for the bug report. Dialogs are opened with ``open()`` rather than
``exec()`` so that background work, timers and tests keep running while one is up.
"""

from __future__ import annotations

import traceback

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

UNEXPECTED = (
    "Clause Review ran into a problem it did not expect. Your decisions and notes are kept; "
    "you can carry on with other documents. Please report this with the details below."
)


def error_text(error: BaseException | str) -> tuple[str, str]:
    """The message to show and the details (a traceback for bugs, empty for user errors)."""
    from clause_library.errors import ClauseReviewError

    if isinstance(error, str):
        return error, ""
    if isinstance(error, ClauseReviewError):
        return str(error) or type(error).__name__, ""  # the engine's own words, unaltered
    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return UNEXPECTED, details


def show_error(parent: QObject | None, title: str, error: BaseException | str) -> QMessageBox:
    """Open a warning dialog for ``error`` without blocking; returns the (self-deleting) box."""
    window = parent.window() if isinstance(parent, QWidget) else None
    message, details = error_text(error)
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, window
    )
    box.setObjectName("errorDialog")
    box.setTextFormat(Qt.TextFormat.PlainText)
    if details:
        box.setDetailedText(details)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
