"""File > Export…: which redline notes to write, where, and signed by whom.

The writing itself is the engine's :func:`clause_library.export.export_review`, run through the
background worker like every other slow call. Whether the exporter is installed is checked in
the background at start-up (:func:`exporter_available`); until then the action stays disabled.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.review.decisions import DecisionRecord
from desktop.settings import Settings
from desktop.worker import FailureCallback, Job, ProgressCallback, run_in_background

if TYPE_CHECKING:
    from clause_library.review import Review

NOT_AVAILABLE = "Export is not available"

FORMAT_LABELS = {
    "docx": "Annotated Word copy: comments and tracked changes on the original",
    "memo": "Issues memo (.docx, .html and .md)",
    "csv": "Issue table (.csv)",
    "xlsx": "Issue table (Excel .xlsx)",
    "pdf": "Annotated PDF copy: highlights and notes on the original",
}


def exporter_available() -> bool:
    """Whether ``clause_library.export.export_review`` can be imported (call off the GUI thread)."""
    try:
        from clause_library import export
    except Exception:  # noqa: BLE001 - a half-installed exporter simply means "not available"
        return False
    return callable(getattr(export, "export_review", None))


def formats_for(source_format: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """All export formats, and those that make sense for an original of ``source_format``."""
    from clause_library import export

    every: tuple[str, ...] = tuple(getattr(export, "FORMATS", tuple(FORMAT_LABELS)))
    available = getattr(export, "available_formats", None)
    usable: tuple[str, ...] = tuple(available(source_format)) if callable(available) else every
    return every, usable


def engine_decisions(records: Mapping[str, DecisionRecord]) -> dict[str, Any]:
    """The reviewer's records as the exporter's ``Decisions`` (key -> Decision)."""
    from clause_library.export import Decision

    return {
        key: Decision(status=record.decision, note=record.note)
        for key, record in records.items()
        if not record.is_empty
    }


def run_export(
    parent: QObject,
    review: Review,
    records: Mapping[str, DecisionRecord],
    *,
    out_dir: Path,
    formats: list[str],
    author: str,
    include_resolved: bool,
    on_success: Callable[[list[Path]], None],
    on_failure: FailureCallback,
    on_progress: ProgressCallback | None = None,
) -> Job[list[Path]]:
    """Write the exports in the background; ``on_success`` receives the paths written."""
    snapshot = dict(records)

    def work(job: Job[list[Path]]) -> list[Path]:
        from clause_library.export import export_review

        return list(
            export_review(
                review,
                engine_decisions(snapshot),
                out_dir,
                formats=formats,
                author=author,
                include_resolved=include_resolved,
                progress=job.report,
            )
        )

    return run_in_background(parent, work, on_success, on_failure, on_progress)


class ExportDialog(QDialog):
    """Choose the formats, the folder and the author of the exported notes."""

    def __init__(self, review: Review, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export review")
        self.settings = settings
        document = review.document
        every, usable = formats_for(document.format)
        remembered = set(settings.export_formats) or {"memo", "docx", "pdf"}
        self.boxes: dict[str, QCheckBox] = {}
        formats = QVBoxLayout()
        for fmt in every:
            box = QCheckBox(FORMAT_LABELS.get(fmt, fmt), self)
            box.setObjectName(f"format_{fmt}")
            if fmt in usable:
                box.setChecked(fmt in remembered)
            else:
                box.setEnabled(False)
                box.setToolTip(f"Not available for a .{document.format} original")
            box.toggled.connect(self._validate)
            self.boxes[fmt] = box
            formats.addWidget(box)
        self.include_resolved = QCheckBox("Include points accepted or marked not applicable", self)
        formats.addWidget(self.include_resolved)

        self.folder = QLineEdit(self)
        self.folder.setObjectName("exportFolder")
        self.folder.setText(settings.export_directory or str(Path(document.path).parent))
        self.folder.textChanged.connect(self._validate)
        browse = QPushButton("Choose…", self)
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.author = QLineEdit(settings.reviewer_name, self)
        self.author.setObjectName("exportAuthor")
        self.author.setPlaceholderText("Your name, shown as the author of comments")

        form = QFormLayout()
        form.addRow("Write:", formats)
        form.addRow("Into folder:", folder_row)
        form.addRow("Comments by:", self.author)
        note = QLabel(
            "New files are written beside each other; the reviewed document itself is never "
            "changed.", self,
        )
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Export")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self._validate()

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Export into folder", self.folder.text())
        if folder:
            self.folder.setText(folder)

    def _validate(self) -> None:
        ok = bool(self.formats()) and bool(self.folder.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def formats(self) -> list[str]:
        return [fmt for fmt, box in self.boxes.items() if box.isChecked() and box.isEnabled()]

    def out_dir(self) -> Path:
        return Path(self.folder.text().strip()).expanduser()

    def _accept(self) -> None:
        self.settings.export_formats = self.formats()
        self.settings.export_directory = str(self.out_dir())
        if self.author.text().strip() != self.settings.reviewer_name:
            self.settings.reviewer_name = self.author.text()
        self.accept()
