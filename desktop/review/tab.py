"""One open agreement: its text, its findings, the detail of the selected one, and the work behind.

Opening a document takes two background steps. Reading is quick, and the text appears as soon
as it is done; analysis (embedding every sentence) may take a while, shown by a progress strip
with a Cancel button. The review itself — findings and gaps for a playbook — is cheap and is
recomputed on the GUI thread whenever the reviewer changes the playbook, without re-embedding.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.engine_host import EngineHost
from desktop.review.decisions import Decision, DecisionRecord, DecisionStore
from desktop.review.detail_panel import DetailPanel
from desktop.review.document_view import DocumentTextView
from desktop.review.findings_view import FindingsPanel
from desktop.review.model import Item
from desktop.review.pdf_view import PdfPageView
from desktop.settings import AUTO_PLAYBOOK, Settings
from desktop.worker import Job, run_in_background

if TYPE_CHECKING:
    from clause_library.document import Document
    from clause_library.engine import Engine
    from clause_library.match import Analysis
    from clause_library.review import Finding, Review

KIND_NAMES = {
    "vendor": "vendor / SaaS agreement",
    "contractor": "contractor / consulting agreement",
    "data_licence": "data licence",
    "model_licence": "AI model or API licence",
    "nda": "non-disclosure agreement",
}
#: below this the detected kind is shown as a guess to check
LOW_CONFIDENCE = 0.6

STAGES = {
    "read": "Reading the document",
    "model": "Loading the language model and the clause library",
    "segment": "Finding the clauses",
    "embed": "Embedding",
    "score": "Scoring against the clause library",
}


def stage_text(stage: str, done: int, total: int) -> str:
    """E.g. "Embedding 120/674 sentences"."""
    label = STAGES.get(stage, stage.capitalize())
    if stage == "embed" and total:
        return f"{label} {done}/{total} sentences"
    return f"{label}…"


def stage_percent(stage: str, done: int, total: int) -> int | None:
    """Overall progress, or None while the length of a step is unknown."""
    if stage == "read":
        return 2
    if stage == "segment":
        return None  # next comes embedding the sentences (and the library, for another model)
    if stage == "embed":
        return 10 + round(80 * done / max(total, 1))
    if stage == "score":
        return 92 + round(8 * done / max(total, 1))
    return None


def _analyze(job: Job[tuple[Analysis, Review]], host: EngineHost, engine: Engine,
             document: Document, playbook: str,
             decisions: DecisionStore | None = None,
             our_party: str = "") -> tuple[Analysis, Review]:
    """The worker side of an analysis (no widgets here).

    The document's stored decisions are brought into memory first, so they are there when the
    review is shown.
    """
    if decisions is not None:
        decisions.load(document.sha256)
    if not host.wait_prepared(0):
        # the start-up warm-up is still loading the model; a document whose vectors are all in
        # the database is analysed without it, and one that needs it waits for that load
        job.report("model", 0, 0)
    analysis = engine.analyze(document, progress=job.report, cancelled=job.cancelled)
    return analysis, engine.review(analysis, playbook, our_party)


class ProgressStrip(QWidget):
    """Stage, progress bar and Cancel; or, when work stopped, why and a retry button."""

    cancelRequested = Signal()
    retryRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressStrip")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.label = QLabel(self)
        self.label.setObjectName("progressLabel")
        self.bar = QProgressBar(self)
        self.bar.setObjectName("progressBar")
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(260)
        self.cancel = QPushButton("Cancel", self)
        self.cancel.setObjectName("cancelButton")
        self.cancel.setToolTip("Stop the analysis (Esc)")
        self.cancel.clicked.connect(self.cancelRequested)
        self.retry = QPushButton("Analyse again", self)
        self.retry.setObjectName("retryButton")
        self.retry.clicked.connect(self.retryRequested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)
        layout.addWidget(self.retry)
        self.retry.hide()

    def busy(self, text: str, percent: int | None) -> None:
        self.label.setText(text)
        if percent is None:
            self.bar.setRange(0, 0)
        else:
            self.bar.setRange(0, 100)
            self.bar.setValue(percent)
        self.bar.show()
        self.cancel.show()
        self.cancel.setEnabled(True)
        self.retry.hide()
        self.setProperty("state", "busy")
        self._restyle()
        self.show()

    def stopped(self, text: str) -> None:
        self.label.setText(text)
        self.bar.hide()
        self.cancel.hide()
        self.retry.show()
        self.setProperty("state", "stopped")
        self._restyle()
        self.show()

    def _restyle(self) -> None:
        self.style().unpolish(self)
        self.style().polish(self)


class ReviewTab(QWidget):
    """The review workspace for one document."""

    #: the document was read and its text is shown
    documentRead = Signal()
    #: analysis finished: the Review
    analysisFinished = Signal(object)
    #: reading or analysis failed (not cancelled): the exception
    analysisFailed = Signal(object)
    #: the review shown changed (analysis finished or another playbook): the Review
    reviewChanged = Signal(object)
    #: a line for the status bar
    message = Signal(str)
    #: "reading", "analysing", "ready", "cancelled", "failed" or "closed"
    stateChanged = Signal(str)

    def __init__(
        self,
        path: Path,
        host: EngineHost,
        decisions: DecisionStore,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewTab")
        self.path = Path(path)
        self.host = host
        self.decisions = decisions
        self.settings = settings
        self.document: Document | None = None
        self.analysis: Analysis | None = None
        self.review: Review | None = None
        self._state = "new"
        self.error: Exception | None = None
        self._job: Job[tuple[Analysis, Review]] | None = None
        self._read_job: Job[Document] | None = None
        self._playbook = settings.playbook
        self._analysed_playbook = self._playbook
        #: the party we act for, by a name the document defines ("" reads it as usual)
        self._our_party = ""
        self._syncing = False

        # header: file, playbook, detected kind, view switch
        self.file_label = QLabel(self.path.name, self)
        self.file_label.setObjectName("fileLabel")
        self.playbook_combo = QComboBox(self)
        self.playbook_combo.setObjectName("playbookCombo")
        self.playbook_combo.setToolTip(
            "The playbook says which clauses this kind of agreement needs and which are red "
            "flags for our side. Changing it updates the gaps at once."
        )
        self.playbook_combo.setEnabled(False)
        self.playbook_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.playbook_combo.activated.connect(self._playbook_chosen)
        self.party_combo = QComboBox(self)
        self.party_combo.setObjectName("partyCombo")
        self.party_combo.setToolTip(
            "The party we act for. Automatic reads it from the playbook's names and the wording; "
            "choosing a party reads the agreement from its side (a confidentiality letter, for "
            "instance, can be reviewed for the discloser or for the recipient)."
        )
        self.party_combo.setEnabled(False)
        self.party_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.party_combo.activated.connect(self._party_chosen)
        self.kind_label = QLabel(self)
        self.kind_label.setObjectName("kindLabel")
        self.text_button = QToolButton(self)
        self.text_button.setText("Text")
        self.text_button.setObjectName("textViewButton")
        self.text_button.setToolTip("Show the text with its structure (Ctrl+Shift+T)")
        self.page_button = QToolButton(self)
        self.page_button.setText("Pages")
        self.page_button.setObjectName("pageViewButton")
        self.page_button.setToolTip("Show the PDF pages as printed (Ctrl+Shift+P)")
        self.view_group = QButtonGroup(self)
        for i, button in enumerate((self.text_button, self.page_button)):
            button.setCheckable(True)
            self.view_group.addButton(button, i)
        self.text_button.setChecked(True)
        self.view_group.idClicked.connect(self.set_view)
        self.text_button.hide()
        self.page_button.hide()
        header = QWidget(self)
        header.setObjectName("reviewHeader")
        header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        head = QHBoxLayout(header)
        head.setContentsMargins(10, 6, 10, 6)
        head.addWidget(self.file_label)
        head.addSpacing(16)
        playbook_label = QLabel("Playbook:", header)
        playbook_label.setBuddy(self.playbook_combo)
        head.addWidget(playbook_label)
        head.addWidget(self.playbook_combo)
        head.addSpacing(8)
        party_label = QLabel("We act for:", header)
        party_label.setBuddy(self.party_combo)
        head.addWidget(party_label)
        head.addWidget(self.party_combo)
        head.addSpacing(8)
        head.addWidget(self.kind_label)
        head.addStretch(1)
        head.addWidget(self.text_button)
        head.addWidget(self.page_button)

        self.progress = ProgressStrip(self)
        self.progress.cancelRequested.connect(self.cancel)
        self.progress.retryRequested.connect(self.reanalyse)
        self.progress.hide()

        self.findings = FindingsPanel(self)
        self.text_view = DocumentTextView(self)
        self.pdf_view: PdfPageView | None = None
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.text_view)
        self.detail = DetailPanel(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("reviewSplitter")
        self.splitter.addWidget(self.findings)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([410, 760, 430])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(self.progress)
        layout.addWidget(self.splitter, 1)

        self.findings.currentItemChanged.connect(self._item_selected)
        self.findings.tree.clicked.connect(self._tree_clicked)
        self.text_view.findingClicked.connect(self._finding_clicked)
        self.detail.decisionEdited.connect(self._decision_edited)
        self.detail.message.connect(self.message)

    @property
    def state(self) -> str:
        return self._state

    @state.setter
    def state(self, value: str) -> None:
        if value != self._state:
            self._state = value
            self.stateChanged.emit(value)

    # --- the work -----------------------------------------------------------------------------

    def start(self) -> None:
        """Read the document, then analyse it; both in the background."""
        self.state = "reading"
        self.error = None
        self.progress.busy(stage_text("read", 0, 1), stage_percent("read", 0, 1))
        self.detail.show_overview(None, state="Reading…",
                                  explanation="The document opens in a moment.")
        path = self.path
        host = self.host
        self._read_job = run_in_background(
            self, lambda job: host.read(path), self._document_read, self._failed
        )

    def _document_read(self, document: Document) -> None:
        self.document = document
        self.text_view.show_document(document)
        if document.format == "pdf":
            self._show_pdf(document)
        self.documentRead.emit()
        self.analyse()

    def _show_pdf(self, document: Document) -> None:
        if self.pdf_view is None:
            self.pdf_view = PdfPageView(self)
            self.pdf_view.findingClicked.connect(self._finding_clicked)
            self.stack.addWidget(self.pdf_view)
        if self.pdf_view.load(self.path, document):
            self.text_button.show()
            self.page_button.show()
            self.set_view(1)

    def analyse(self) -> None:
        """Start (or restart) the analysis of the document already read."""
        document = self.document
        if document is None:
            self.start()
            return
        self.state = "analysing"
        self.kind_label.setText("Detecting the kind of agreement…")
        self.progress.busy("Waiting for the clause library to load…", None)
        self.detail.show_overview(
            None, state="Analysing…",
            explanation="The findings appear when the analysis is finished. You can read the "
            "document meanwhile.",
        )
        self.host.when_ready(lambda engine: self._start_analysis(engine, document))

    def _start_analysis(self, engine: Engine, document: Document) -> None:
        if self.state != "analysing" or document is not self.document:
            return
        if self.playbook_combo.count() == 0:
            self._fill_playbooks()
        playbook = self._valid_playbook(engine, self._playbook)
        self._analysed_playbook = playbook
        self._our_party = our_party = self.settings.our_party(document.sha256)
        self.progress.busy(stage_text("segment", 0, 1), None)
        self._job = run_in_background(
            self,
            lambda job: _analyze(
                job, self.host, engine, document, playbook, self.decisions, our_party
            ),
            self._analysed,
            self._failed,
            self._progress,
        )

    def _progress(self, stage: str, done: int, total: int) -> None:
        if self.state != "analysing":
            return
        if stage == "segment":
            self.progress.busy("Embedding the clauses…", None)
            return
        self.progress.busy(stage_text(stage, done, total), stage_percent(stage, done, total))

    def _analysed(self, result: tuple[Analysis, Review]) -> None:
        self._job = None
        analysis, review = result
        engine = self.host.engine
        if self._playbook != self._analysed_playbook and engine is not None:
            # the reviewer chose another playbook while the analysis ran
            chosen = self._valid_playbook(engine, self._playbook)
            review = engine.review(analysis, chosen, self._our_party)
        self.analysis = analysis
        self.state = "ready"
        self.progress.hide()
        self._show_review(review)
        self.message.emit(self._summary(review))
        self.analysisFinished.emit(review)

    def _failed(self, error: Exception) -> None:
        from clause_library.errors import CancelledError

        self._job = None
        if isinstance(error, CancelledError):
            self.state = "cancelled"
            self.progress.stopped("Analysis cancelled. The findings are not shown.")
            self.detail.show_overview(
                None, state="Analysis cancelled",
                explanation="Choose Analyse again (Ctrl+R) to review this document.",
            )
            self.message.emit(f"Analysis of {self.path.name} cancelled.")
            return
        self.state = "failed"
        self.error = error
        message = str(error) if error.args else type(error).__name__
        self.progress.stopped(f"Could not analyse the document: {message}")
        self.detail.show_overview(
            None, state="Analysis failed",
            explanation=f"The document could not be analysed: {message}",
        )
        self.analysisFailed.emit(error)

    def cancel(self) -> None:
        """Stop the running analysis (it stops between batches of sentences)."""
        if self._job is not None and not self._job.done:
            self._job.cancel()
            self.progress.busy("Cancelling…", None)
            self.progress.cancel.setEnabled(False)

    def reanalyse(self) -> None:
        self.cancel()
        self.analyse()

    @property
    def busy(self) -> bool:
        return self.state in ("reading", "analysing")

    def shutdown(self) -> None:
        """The tab is closing: stop its work (its late results are dropped)."""
        self.cancel()
        self.state = "closed"

    # --- playbook -----------------------------------------------------------------------------

    @staticmethod
    def _valid_playbook(engine: Engine, playbook: str) -> str:
        if playbook != AUTO_PLAYBOOK and all(p.id != playbook for p in engine.playbooks):
            return AUTO_PLAYBOOK
        return playbook

    def _fill_playbooks(self) -> None:
        engine = self.host.engine
        if engine is None:
            return
        self._syncing = True
        try:
            self.playbook_combo.clear()
            self.playbook_combo.addItem("Automatic", AUTO_PLAYBOOK)
            for playbook in engine.playbooks:
                self.playbook_combo.addItem(playbook.title, playbook.id)
                self.playbook_combo.setItemData(
                    self.playbook_combo.count() - 1, playbook.description,
                    Qt.ItemDataRole.ToolTipRole,
                )
            index = self.playbook_combo.findData(self._playbook)
            self.playbook_combo.setCurrentIndex(max(index, 0))
        finally:
            self._syncing = False
        self.playbook_combo.setEnabled(True)

    def _playbook_chosen(self, index: int) -> None:
        if self._syncing:
            return
        self.set_playbook(str(self.playbook_combo.itemData(index)))

    @property
    def playbook_choice(self) -> str:
        """The playbook id chosen, or "auto"."""
        return self._playbook

    def set_playbook(self, playbook: str) -> None:
        """Review the same analysis under another playbook (cheap: no re-embedding)."""
        engine = self.host.engine
        self._playbook = playbook
        self.settings.playbook = playbook
        if self.analysis is None or engine is None:
            return
        review = engine.review(self.analysis, playbook, self._our_party)
        self._show_review(review)
        self.message.emit(f"Playbook: {review.playbook.title}. {self._summary(review)}")

    # --- the party we act for -----------------------------------------------------------------

    @property
    def our_party(self) -> str:
        """The name of the party chosen as ours, or "" when the sides are read as usual."""
        return self._our_party

    def _party_chosen(self, index: int) -> None:
        if self._syncing:
            return
        self.set_our_party(str(self.party_combo.itemData(index) or ""))

    def set_our_party(self, name: str) -> None:
        """Review the same analysis with the party called ``name`` as ours ("" for automatic);
        cheap, like a change of playbook, and remembered for this document."""
        engine = self.host.engine
        if self.analysis is None or engine is None:
            return
        self._our_party = name
        self.settings.set_our_party(self.analysis.document.sha256, name)
        playbook = self._valid_playbook(engine, self._playbook)
        review = engine.review(self.analysis, playbook, name)
        self._show_review(review)
        from clause_library.report import parties_line

        reading = parties_line(review) if review.parties else "The sides are not read."
        self.message.emit(f"{reading}. {self._summary(review)}")

    def _sync_party_combo(self, review: Review) -> None:
        from clause_library.parties import PRONOUNS, full_name

        self._syncing = True
        try:
            self.party_combo.clear()
            ours = [n for n in review.parties.us if n.lower() not in PRONOUNS]
            automatic = f"Automatic: {ours[0]}" if ours and not review.our_party else "Automatic"
            self.party_combo.addItem(automatic, "")
            for names in review.party_names:
                # a party the document calls only "you" by the full name it gives it
                named = [n for n in names if n.lower() not in PRONOUNS] or [
                    full_name(review.document.text, names) or names[0]
                ]
                self.party_combo.addItem(" / ".join(named[:2]), named[0])
                self.party_combo.setItemData(
                    self.party_combo.count() - 1,
                    "Read as ours: " + ", ".join(f"“{n}”" for n in names),
                    Qt.ItemDataRole.ToolTipRole,
                )
            index = self.party_combo.findData(review.our_party) if review.our_party else 0
            self.party_combo.setCurrentIndex(max(index, 0))
        finally:
            self._syncing = False
        self.party_combo.setEnabled(bool(review.party_names))

    def _sync_playbook_combo(self, review: Review) -> None:
        self._syncing = True
        try:
            auto = self._playbook == AUTO_PLAYBOOK
            self.playbook_combo.setItemText(0, f"Automatic: {review.playbook.title}")
            wanted = AUTO_PLAYBOOK if auto else review.playbook.id
            index = self.playbook_combo.findData(wanted)
            self.playbook_combo.setCurrentIndex(max(index, 0))
        finally:
            self._syncing = False
        from clause_library.report import parties_line

        kind = review.kind
        name = KIND_NAMES.get(kind.kind, kind.kind.replace("_", " "))
        if kind.confidence < LOW_CONFIDENCE:
            self.kind_label.setText(f"Detected: {name}? ({kind.confidence:.0%}, please check)")
            self.kind_label.setProperty("low", True)
        else:
            self.kind_label.setText(f"Detected: {name} ({kind.confidence:.0%} confidence)")
            self.kind_label.setProperty("low", False)
        self.kind_label.setToolTip(
            "How sure the tool is of the kind of agreement, from its title and wording:\n"
            + "\n".join(
                f"{KIND_NAMES.get(k, k)}: {v:.1f}"
                for k, v in sorted(kind.scores.items(), key=lambda kv: -kv[1])
            )
            + (f"\n\n{parties_line(review)}" if review.parties else "")
        )
        self.kind_label.style().unpolish(self.kind_label)
        self.kind_label.style().polish(self.kind_label)

    # --- showing a review ---------------------------------------------------------------------

    def _show_review(self, review: Review) -> None:
        self.review = review
        self.decisions.save_review(review)  # in the background, before any decision on it
        sha = review.document.sha256
        decisions = self.decisions.for_document(sha)
        self._sync_playbook_combo(review)
        self._sync_party_combo(review)
        self.findings.set_review(review, decisions)
        self.text_view.set_findings(review.findings)
        if self.pdf_view is not None:
            self.pdf_view.set_findings(review.findings)
        item = self.findings.current_item()
        if item is not None:
            self.detail.show_item(item, review, self.decisions.get(sha, item.key))
        else:
            self.detail.show_overview(review)
        self.reviewChanged.emit(review)

    @staticmethod
    def _summary(review: Review) -> str:
        # (the engine's modules are loaded by the time there is a review to count)
        from clause_library.review import review_counts_line

        return f"{review_counts_line(review)}."

    def set_view(self, which: int) -> None:
        """0: the text; 1: the PDF pages (PDF documents only)."""
        if which == 1 and self.pdf_view is not None:
            self.stack.setCurrentWidget(self.pdf_view)
            self.page_button.setChecked(True)
        else:
            self.stack.setCurrentWidget(self.text_view)
            self.text_button.setChecked(True)
        item = self.findings.current_item()
        if item is not None and item.status != "missing":
            self._reveal(item, flash=False)

    @property
    def showing_pages(self) -> bool:
        return self.pdf_view is not None and self.stack.currentWidget() is self.pdf_view

    # --- selection and navigation -------------------------------------------------------------

    def _item_selected(self, item: Item | None) -> None:
        review = self.review
        if review is None:
            return
        if item is None:
            self.detail.show_overview(review)
            return
        self.detail.show_item(item, review, self.decisions.get(review.document.sha256, item.key))
        if item.status != "missing":
            self._reveal(item, flash=True)
        else:
            cursor = self.text_view.textCursor()
            cursor.clearSelection()
            self.text_view.setTextCursor(cursor)

    def _reveal(self, finding: Finding, *, flash: bool) -> None:
        self.text_view.select_span(finding.start, finding.end, flash=flash)
        if self.pdf_view is not None:
            self.pdf_view.show_span(finding.start, finding.end, flash=flash)

    def _tree_clicked(self, index: object) -> None:
        item = self.findings.current_item()
        if item is not None and item.status != "missing":
            self._reveal(item, flash=True)

    def _finding_clicked(self, key: str) -> None:
        self.findings.select_key(key)

    def select_key(self, key: str) -> bool:
        return self.findings.select_key(key)

    def next_issue(self, forward: bool = True) -> Item | None:
        """Go to the next (previous) undecided issue; None when there is none left."""
        if self.review is None:
            return None
        item = self.findings.select_next_issue(forward)
        if item is None:
            self.message.emit("No open issues left: every weak, red-flag and missing item "
                              "shown has a decision.")
        return item

    # --- decisions ----------------------------------------------------------------------------

    def set_decision(self, decision: Decision | None) -> None:
        """Decide the selected item (the same decision again clears it; None clears)."""
        if decision is None:
            self.detail.set_decision(None)
        else:
            self.detail.toggle_decision(decision)

    def _decision_edited(self, key: str, decision: Decision | None, note: str) -> None:
        if self.review is None:
            return
        sha = self.review.document.sha256
        old = self.decisions.get(sha, key) or DecisionRecord()
        record = old.with_changes(decision=decision, note=note, author=self.settings.reviewer_name)
        self.decisions.put(sha, key, record)
        self.findings.update_decision(key, record)
        self.detail.record_saved(record)

    def decision_records(self) -> dict[str, DecisionRecord]:
        if self.review is None:
            return {}
        return dict(self.decisions.for_document(self.review.document.sha256))

    # --- splitter -----------------------------------------------------------------------------

    def splitter_state(self) -> QByteArray:
        return self.splitter.saveState()

    def restore_splitter(self, state: QByteArray | None) -> None:
        if state is not None:
            self.splitter.restoreState(state)
