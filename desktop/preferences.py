"""Preferences: who the reviewer is, which playbook to start with, and which model to use."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
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

from desktop.settings import AUTO_PLAYBOOK, Settings


def model_folder_problem(folder: str) -> str:
    """Why ``folder`` is not a sentence-transformers model ("" when it looks like one)."""
    if not folder:
        return ""
    path = Path(folder).expanduser()
    if not path.is_dir():
        return "This folder does not exist."
    if not (path / "config.json").exists() and not (path / "modules.json").exists():
        return "This folder has no config.json: it is not a sentence-transformers model."
    return ""


class PreferencesDialog(QDialog):
    """Edits :class:`~desktop.settings.Settings`; the caller applies a changed model path."""

    def __init__(
        self,
        settings: Settings,
        playbooks: Sequence[tuple[str, str]] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle("Preferences")
        self.settings = settings

        self.reviewer = QLineEdit(settings.reviewer_name, self)
        self.reviewer.setObjectName("reviewerName")
        self.reviewer.setPlaceholderText("e.g. Alex Morgan")
        self.reviewer.setToolTip("Signs your decisions and notes, and the comments in exports")

        self.playbook = QComboBox(self)
        self.playbook.setObjectName("defaultPlaybook")
        self.playbook.addItem("Automatic (from the kind of agreement detected)", AUTO_PLAYBOOK)
        for playbook_id, title in playbooks:
            self.playbook.addItem(title, playbook_id)
        index = self.playbook.findData(settings.playbook)
        if index < 0 and settings.playbook != AUTO_PLAYBOOK:
            self.playbook.addItem(settings.playbook, settings.playbook)
            index = self.playbook.count() - 1
        self.playbook.setCurrentIndex(max(index, 0))

        self.model = QLineEdit(settings.model_path, self)
        self.model.setObjectName("modelPath")
        self.model.setPlaceholderText("The bundled model (all-MiniLM-L6-v2)")
        self.model.textChanged.connect(self._validate)
        browse = QPushButton("Choose…", self)
        browse.clicked.connect(self._browse)
        bundled = QPushButton("Use bundled", self)
        bundled.setToolTip("Go back to the model shipped with Clause Review")
        bundled.clicked.connect(self.model.clear)
        model_row = QHBoxLayout()
        model_row.addWidget(self.model, 1)
        model_row.addWidget(browse)
        model_row.addWidget(bundled)
        self.model_problem = QLabel(self)
        self.model_problem.setObjectName("modelProblem")
        self.model_problem.setStyleSheet("color: #8a3a00;")
        self.model_problem.setWordWrap(True)
        model_note = QLabel(
            "A folder holding a sentence-transformers model on this computer. Nothing is ever "
            "downloaded. A new model applies to documents analysed from now on.", self,
        )
        model_note.setWordWrap(True)
        model_note.setStyleSheet("color: #5b5b5b;")

        form = QFormLayout()
        form.addRow("Reviewer name:", self.reviewer)
        form.addRow("Start with playbook:", self.playbook)
        form.addRow("Embedding model:", model_row)
        form.addRow("", self.model_problem)
        form.addRow("", model_note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(620, self.sizeHint().height())
        self._validate()

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Choose a sentence-transformers model folder", self.model.text()
        )
        if folder:
            self.model.setText(folder)

    def _validate(self) -> None:
        problem = model_folder_problem(self.model.text().strip())
        self.model_problem.setText(problem)
        self.model_problem.setVisible(bool(problem))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def _accept(self) -> None:
        self.settings.reviewer_name = self.reviewer.text()
        self.settings.playbook = str(self.playbook.currentData())
        self.settings.model_path = self.model.text().strip()
        self.accept()
