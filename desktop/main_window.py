"""The main window: documents in tabs, menus, recent files, drag and drop, and the status bar.

The window owns the app-wide pieces — the engine (through :class:`EngineHost`), the decision
store and the settings — and hands them to each :class:`~desktop.review.tab.ReviewTab`. It is
shown before the engine exists: heavy modules are imported in the background or on first use.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QStyle,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.dialogs import show_error
from desktop.engine_host import EngineHost
from desktop.resources import APP_ICON, sample_agreement
from desktop.review.decisions import (
    Decision,
    DecisionStore,
    MemoryDecisionStore,
    SqliteDecisionStore,
)
from desktop.settings import DISPLAY_NAME, Settings
from desktop.worker import run_in_background

if TYPE_CHECKING:
    from clause_library.embed import EmbeddingCache
    from clause_library.engine import Engine
    from clause_library.review import Review
    from clause_library.store import ReviewStore
    from desktop.portfolio.widget import PortfolioWidget
    from desktop.review.tab import ReviewTab

OPEN_FILTER = "Agreements (*.docx *.pdf *.txt);;Word documents (*.docx);;PDF (*.pdf);;Text (*.txt)"
NOT_LEGAL_ADVICE_SHORT = "Not legal advice"


def _open_store(path: Path | None, author: str | None) -> ReviewStore:
    """Open (or create) the review database; on the writer thread."""
    from clause_library.store import ReviewStore

    return ReviewStore(path, author=author)


class WelcomePage(QWidget):
    """What an empty window shows: how to start, and the recent files."""

    openRequested = Signal()
    sampleRequested = Signal()
    recentRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        icon = QLabel(self)
        icon.setPixmap(QIcon(str(APP_ICON)).pixmap(QSize(96, 96)))
        icon.setFixedSize(96, 96)
        title = QLabel("Review an agreement", self)
        title.setObjectName("welcomeTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        text = QLabel(
            "Open a Word document, a PDF or a text file, or drop one on this window. "
            "Clause Review shows what is there, what is weak, what is a red flag and what is "
            "missing. Everything stays on this computer.", self,
        )
        text.setObjectName("welcomeText")
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        open_button = QPushButton("Open an agreement…", self)
        open_button.setObjectName("welcomeOpen")
        open_button.setDefault(True)
        open_button.clicked.connect(self.openRequested)
        self.sample_button = QPushButton("Open the sample agreement", self)
        self.sample_button.clicked.connect(self.sampleRequested)
        self.sample_button.setVisible(sample_agreement() is not None)
        self.recent_label = QLabel("Recent files", self)
        self.recent = QListWidget(self)
        self.recent.setObjectName("welcomeRecent")
        self.recent.setMaximumHeight(180)
        self.recent.itemActivated.connect(
            lambda item: self.recentRequested.emit(str(item.data(Qt.ItemDataRole.UserRole)))
        )
        note = QLabel(
            "Clause Review highlights clauses for a qualified reviewer. It is not legal advice.",
            self,
        )
        note.setObjectName("welcomeNote")
        note.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        column = QWidget(self)
        column.setMaximumWidth(560)
        inner = QVBoxLayout(column)
        inner.setSpacing(10)
        inner.addWidget(icon, 0, Qt.AlignmentFlag.AlignHCenter)
        inner.addWidget(title)
        inner.addWidget(text)
        inner.addSpacing(6)
        inner.addWidget(open_button)
        inner.addWidget(self.sample_button)
        inner.addSpacing(10)
        inner.addWidget(self.recent_label)
        inner.addWidget(self.recent)
        inner.addSpacing(10)
        inner.addWidget(note)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(column, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

    def set_recent(self, files: Iterable[str]) -> None:
        self.recent.clear()
        for name in files:
            item = QListWidgetItem(f"{Path(name).name}    —    {Path(name).parent}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setToolTip(name)
            self.recent.addItem(item)
        has = self.recent.count() > 0
        self.recent.setVisible(has)
        self.recent_label.setVisible(has)


class MainWindow(QMainWindow):
    """Documents in tabs over one engine, one decision store and the user's settings."""

    #: a tab was opened for a document
    tabOpened = Signal(object)
    #: a tab's analysis finished (the ReviewTab); screenshots and tests wait for this
    reviewReady = Signal(object)
    #: the review database is open (the ReviewStore), or could not be opened (None)
    storeReady = Signal(object)
    #: a write to the review database failed (its plain message; emitted from the writer thread)
    _storeWriteFailed = Signal(str)

    def __init__(
        self,
        engine: Engine | None = None,
        *,
        decisions: DecisionStore | None = None,
        settings: Settings | None = None,
        warm_up: bool = True,
        database: Path | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(DISPLAY_NAME)
        self.setWindowIcon(QIcon(str(APP_ICON)))
        self.setAcceptDrops(True)
        self.settings = settings or Settings()
        self.store: ReviewStore | None = None
        self._sqlite: SqliteDecisionStore | None = None
        if decisions is None:
            author = self.settings.reviewer_name or None
            self._sqlite = SqliteDecisionStore(
                lambda: _open_store(database, author),
                on_error=lambda error: self._storeWriteFailed.emit(str(error)),
            )
            decisions = self._sqlite
        self.decisions: DecisionStore = decisions
        self._storeWriteFailed.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self.host = EngineHost(
            engine, model_path=self.settings.model_path, cache=self._embedding_cache, parent=self
        )
        self.host.status.connect(self._model_status)
        self.host.failed.connect(self._engine_failed)
        self.host.engineReady.connect(self._check_exporter)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("documentTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.welcome = WelcomePage(self)
        self.welcome.openRequested.connect(self.open_dialog)
        self.welcome.sampleRequested.connect(self.open_sample)
        self.welcome.recentRequested.connect(lambda name: self.open_file(Path(name)))
        self.central = QStackedWidget(self)
        self.central.addWidget(self.welcome)
        self.central.addWidget(self.tabs)
        self.setCentralWidget(self.central)

        self._create_actions()
        self._create_menus()
        self._create_toolbar()
        self.model_label = QLabel(self)
        self.model_label.setObjectName("modelStatus")
        self.advice_label = QLabel(NOT_LEGAL_ADVICE_SHORT, self)
        self.advice_label.setObjectName("statusNotAdvice")
        self.advice_label.setToolTip(
            "Clause Review highlights clauses for a qualified reviewer. It is not legal advice."
        )
        self.statusBar().addPermanentWidget(self.model_label)
        self.statusBar().addPermanentWidget(self.advice_label)
        self._refresh_recent()
        self._update_actions()
        self._restore_window()
        self._open_store()
        self.host.start(warm_up=warm_up)

    # --- actions and menus --------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
        icon: QStyle.StandardPixmap | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _create_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self.open_action = self._action(
            "&Open…", self.open_dialog, QKeySequence.StandardKey.Open,
            "Open an agreement (.docx, .pdf or .txt)", sp.SP_DialogOpenButton,
        )
        self.sample_action = self._action(
            "Open the &Sample Agreement", self.open_sample, None,
            "Open the bundled fictional contractor agreement",
        )
        self.sample_action.setEnabled(sample_agreement() is not None)
        self.export_action = self._action(
            "&Export…", self.export_dialog, "Ctrl+E",
            "Write the annotated copy, the issues memo or the issue table",
            sp.SP_DialogSaveButton,
        )
        self.export_action.setEnabled(False)
        self.export_action.setToolTip("Export is not available")
        self._exporter_ok = False
        self.close_action = self._action(
            "&Close Tab", lambda: self.close_tab(self.tabs.currentIndex()),
            QKeySequence.StandardKey.Close, "Close this document",
        )
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.preferences_action = self._action(
            "&Preferences…", self.preferences_dialog, QKeySequence.StandardKey.Preferences,
            "Reviewer name, starting playbook, embedding model",
        )
        if self.preferences_action.shortcut().isEmpty():
            self.preferences_action.setShortcut(QKeySequence("Ctrl+,"))
        self.next_action = self._action(
            "&Next Open Issue", lambda: self._next_issue(True), "F8",
            "Go to the next weak, red-flag or missing point without a decision (F8)",
            sp.SP_ArrowDown,
        )
        self.previous_action = self._action(
            "&Previous Open Issue", lambda: self._next_issue(False), "Shift+F8",
            "Go to the previous open issue (Shift+F8)", sp.SP_ArrowUp,
        )
        self.decision_actions: dict[str, QAction] = {}
        for i, (decision, label) in enumerate(
            (("accepted", "&Accept"), ("needs_change", "Needs &Change"),
             ("not_applicable", "Not &Applicable")),
            start=1,
        ):
            self.decision_actions[decision] = self._action(
                label, lambda _=False, d=decision: self._decide(d), f"Ctrl+{i}",
                f"Decide the selected point: {label.replace('&', '').lower()}",
            )
        self.clear_decision_action = self._action(
            "C&lear Decision", lambda: self._decide(None), "Ctrl+0",
        )
        self.reanalyse_action = self._action(
            "Analyse &Again", self._reanalyse, "Ctrl+R",
            "Read and analyse the document again", sp.SP_BrowserReload,
        )
        self.cancel_action = self._action(
            "&Cancel Analysis", self._cancel, "Esc", "Stop the running analysis",
        )
        self.text_view_action = self._action(
            "&Text", lambda: self._set_view(0), "Ctrl+Shift+T", "Show the text of the document",
        )
        self.page_view_action = self._action(
            "&Pages", lambda: self._set_view(1), "Ctrl+Shift+P", "Show the PDF pages as printed",
        )
        self.clear_filters_action = self._action(
            "Show &All Findings", self._clear_filters, "Ctrl+Shift+A",
            "Clear the status, severity and word filters",
        )
        self.find_action = self._action(
            "&Filter Findings…", self._focus_filter, QKeySequence.StandardKey.Find,
        )
        self.about_action = self._action("&About Clause Review", self.about)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.open_action)
        self.recent_menu = QMenu("Open &Recent", self)
        file_menu.addMenu(self.recent_menu)
        file_menu.addAction(self.sample_action)
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.close_action)
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(self.find_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.preferences_action)
        view_menu = bar.addMenu("&View")
        view_menu.addAction(self.text_view_action)
        view_menu.addAction(self.page_view_action)
        view_menu.addSeparator()
        view_menu.addAction(self.clear_filters_action)
        view_menu.addSeparator()
        self._create_portfolio_dock()
        view_menu.addAction(self.portfolio_action)
        review_menu = bar.addMenu("&Review")
        review_menu.addAction(self.next_action)
        review_menu.addAction(self.previous_action)
        review_menu.addSeparator()
        for action in self.decision_actions.values():
            review_menu.addAction(action)
        review_menu.addAction(self.clear_decision_action)
        review_menu.addSeparator()
        review_menu.addAction(self.reanalyse_action)
        review_menu.addAction(self.cancel_action)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.about_action)

    def _create_toolbar(self) -> None:
        toolbar = QToolBar("Main", self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(18, 18))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.open_action)
        toolbar.addAction(self.export_action)
        toolbar.addSeparator()
        toolbar.addAction(self.previous_action)
        toolbar.addAction(self.next_action)
        self.addToolBar(toolbar)

    def _update_actions(self) -> None:
        tab = self.current_tab()
        has_review = tab is not None and tab.review is not None
        self.close_action.setEnabled(tab is not None)
        self.next_action.setEnabled(has_review)
        self.previous_action.setEnabled(has_review)
        for action in (*self.decision_actions.values(), self.clear_decision_action):
            action.setEnabled(has_review)
        self.reanalyse_action.setEnabled(tab is not None and not tab.busy)
        self.cancel_action.setEnabled(tab is not None and tab.busy)
        pdf = tab is not None and tab.pdf_view is not None
        self.text_view_action.setEnabled(pdf)
        self.page_view_action.setEnabled(pdf)
        self.clear_filters_action.setEnabled(has_review)
        self.find_action.setEnabled(has_review)
        self.export_action.setEnabled(self._exporter_ok and has_review)
        if not self._exporter_ok:
            self.export_action.setToolTip("Export is not available")
        elif not has_review:
            self.export_action.setToolTip("Export is available once a document is analysed")
        else:
            self.export_action.setToolTip(
                "Write the annotated copy, the issues memo or the issue table (Ctrl+E)"
            )

    # --- opening documents --------------------------------------------------------------------

    @property
    def engine(self) -> Engine | None:
        return self.host.engine

    def tab_list(self) -> list[ReviewTab]:
        from desktop.review.tab import ReviewTab

        return [
            w for i in range(self.tabs.count())
            if isinstance(w := self.tabs.widget(i), ReviewTab)
        ]

    def current_tab(self) -> ReviewTab | None:
        from desktop.review.tab import ReviewTab

        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, ReviewTab) else None

    def open_dialog(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, "Open agreement", self.settings.last_directory, OPEN_FILTER
        )
        self.open_files(Path(n) for n in names)

    def open_sample(self) -> None:
        sample = sample_agreement()
        if sample is not None:
            self.open_file(sample)

    def open_files(self, paths: Iterable[Path]) -> list[ReviewTab]:
        return [tab for path in paths if (tab := self.open_file(path)) is not None]

    def open_file(self, path: Path) -> ReviewTab | None:
        """Open ``path`` in a tab (or switch to the tab already showing it)."""
        from desktop.review.tab import ReviewTab

        path = Path(path).expanduser()
        resolved = path.resolve()
        for tab in self.tab_list():
            if tab.path.resolve() == resolved:
                self.tabs.setCurrentWidget(tab)
                return tab
        tab = ReviewTab(resolved, self.host, self.decisions, self.settings, self.tabs)
        tab.restore_splitter(self.settings.splitter_state("review"))
        tab.splitter.splitterMoved.connect(lambda *_: self._save_splitter(tab))
        tab.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        tab.analysisFinished.connect(lambda review: self._analysis_finished(tab, review))
        tab.analysisFailed.connect(lambda error: self._tab_failed(tab, error))
        tab.reviewChanged.connect(lambda review: self._update_actions())
        tab.documentRead.connect(self._update_actions)
        tab.stateChanged.connect(lambda state: self._update_actions())
        index = self.tabs.addTab(tab, resolved.name)
        self.tabs.setTabToolTip(index, str(resolved))
        self.tabs.setCurrentIndex(index)
        self.central.setCurrentWidget(self.tabs)
        self.settings.last_directory = str(resolved.parent)
        tab.start()
        self._update_actions()
        self.tabOpened.emit(tab)
        return tab

    def _analysis_finished(self, tab: ReviewTab, review: Review) -> None:
        self.settings.add_recent_file(tab.path)
        self._refresh_recent()
        self._update_actions()
        self.reviewReady.emit(tab)

    def _tab_failed(self, tab: ReviewTab, error: Exception) -> None:
        if tab.document is None:
            # nothing could be read: the tab has nothing to show
            show_error(self, f"Cannot open {tab.path.name}", error)
            if not tab.path.exists():
                self.settings.remove_recent_file(tab.path)
                self._refresh_recent()
            self.close_tab(self.tabs.indexOf(tab))
        else:
            show_error(self, f"Cannot analyse {tab.path.name}", error)
        self._update_actions()

    def close_tab(self, index: int) -> None:
        from desktop.review.tab import ReviewTab

        widget = self.tabs.widget(index)
        if widget is None:
            return
        if isinstance(widget, ReviewTab):
            widget.shutdown()
        self.tabs.removeTab(index)
        widget.deleteLater()
        if self.tabs.count() == 0:
            self.central.setCurrentWidget(self.welcome)
            self.setWindowTitle(DISPLAY_NAME)
        self._update_actions()

    def _tab_changed(self, index: int) -> None:
        tab = self.current_tab()
        self.setWindowTitle(f"{tab.path.name} — {DISPLAY_NAME}" if tab else DISPLAY_NAME)
        self._update_actions()

    def _refresh_recent(self) -> None:
        files = self.settings.recent_files
        self.recent_menu.clear()
        for name in files:
            action = self.recent_menu.addAction(Path(name).name)
            action.setToolTip(name)
            action.setStatusTip(name)
            action.triggered.connect(lambda _=False, n=name: self.open_file(Path(n)))
        if files:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear Menu", self._clear_recent)
        self.recent_menu.setEnabled(bool(files))
        self.welcome.set_recent(files)

    def _clear_recent(self) -> None:
        self.settings.clear_recent_files()
        self._refresh_recent()

    # --- drag and drop ------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_files(paths)

    # --- review commands ----------------------------------------------------------------------

    def _next_issue(self, forward: bool) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.next_issue(forward)

    def _decide(self, decision: Decision | None) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.set_decision(decision)

    def _reanalyse(self) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.start()
            self._update_actions()

    def _cancel(self) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.cancel()

    def _set_view(self, which: int) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.set_view(which)

    def _clear_filters(self) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.findings.clear_filters()

    def _focus_filter(self) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.findings.search.setFocus()
            tab.findings.search.selectAll()

    # --- the review database and the portfolio -----------------------------------------------

    def _create_portfolio_dock(self) -> None:
        self.portfolio_dock = QDockWidget("Portfolio", self)
        self.portfolio_dock.setObjectName("portfolioDock")
        self.portfolio_placeholder = QLabel("Opening the review database…", self.portfolio_dock)
        self.portfolio_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.portfolio_placeholder.setWordWrap(True)
        self.portfolio_dock.setWidget(self.portfolio_placeholder)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.portfolio_dock)
        self.portfolio_dock.hide()
        self.portfolio_action = self.portfolio_dock.toggleViewAction()
        self.portfolio_action.setText("P&ortfolio")
        self.portfolio_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.portfolio_action.setStatusTip("Every reviewed agreement, and search across them")
        self.portfolio: PortfolioWidget | None = None

    def _embedding_cache(self) -> EmbeddingCache | None:
        """The database's embedding cache (worker thread: waits for the database to open)."""
        if self._sqlite is None:
            return None
        try:
            return self._sqlite.wait_open().embedding_cache
        except Exception:  # noqa: BLE001 - no persistent cache; the window reports the error
            return None

    def _open_store(self) -> None:
        sqlite = self._sqlite
        if sqlite is None:
            self.portfolio_action.setEnabled(False)
            self.portfolio_placeholder.setText("No review database in this window.")
            return
        run_in_background(
            self, lambda job: sqlite.wait_open(), self._store_opened, self._store_failed
        )

    def _store_opened(self, store: ReviewStore) -> None:
        from desktop.portfolio.widget import PortfolioWidget

        self.store = store
        self.portfolio = PortfolioWidget(store, parent=self.portfolio_dock)
        self.portfolio.open_requested.connect(lambda path: self.open_file(Path(path)))
        self.portfolio_dock.setWidget(self.portfolio)
        self.reviewReady.connect(lambda tab: self._refresh_portfolio())
        self.storeReady.emit(store)

    def _refresh_portfolio(self) -> None:
        if self.portfolio is not None and self.portfolio_dock.isVisible():
            self.portfolio.refresh()

    def _store_failed(self, error: Exception) -> None:
        # decisions are kept for this session only (the SQLite store degrades to memory)
        self.decisions = MemoryDecisionStore()
        text = f"{error} Decisions are kept for this session only."
        self.portfolio_placeholder.setText(text)
        self.statusBar().showMessage(str(error))
        self.storeReady.emit(None)

    # --- engine and model state ---------------------------------------------------------------

    def _model_status(self, text: str) -> None:
        self.model_label.setText(text)

    def _engine_failed(self, error: Exception) -> None:
        show_error(self, "The language model could not be loaded", error)

    def _check_exporter(self) -> None:
        from desktop.export_dialog import exporter_available

        run_in_background(self, lambda job: exporter_available(), self._exporter_checked)

    def _exporter_checked(self, available: bool) -> None:
        self._exporter_ok = available
        self._update_actions()

    # --- dialogs ------------------------------------------------------------------------------

    def export_dialog(self) -> None:
        from desktop.export_dialog import ExportDialog

        tab = self.current_tab()
        if tab is None or tab.review is None or not self._exporter_ok:
            return
        dialog = ExportDialog(tab.review, self.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self._export(tab, dialog.out_dir(), dialog.formats(),
                                 dialog.include_resolved.isChecked())
        )
        dialog.open()

    def _export(self, tab: ReviewTab, out_dir: Path, formats: list[str],
                include_resolved: bool) -> None:
        from desktop.export_dialog import run_export

        review = tab.review
        if review is None:
            return
        self.statusBar().showMessage(f"Exporting {tab.path.name}…")
        run_export(
            self, review, tab.decision_records(),
            out_dir=out_dir,
            formats=formats,
            author=self.settings.reviewer_name,
            include_resolved=include_resolved,
            on_success=lambda paths: self._exported(out_dir, paths),
            on_failure=self._export_failed,
            on_progress=lambda stage, done, total: self.statusBar().showMessage(
                f"Exporting {done}/{total}…"
            ),
        )

    def _export_failed(self, error: Exception) -> None:
        self.statusBar().clearMessage()
        show_error(self, "Export failed", error)

    def _exported(self, out_dir: Path, paths: list[Path]) -> None:
        self.statusBar().showMessage(f"Exported {len(paths)} files to {out_dir}.", 10000)
        box = QMessageBox(
            QMessageBox.Icon.Information, "Export finished",
            f"Wrote {len(paths)} file{'s' if len(paths) != 1 else ''} to {out_dir}:\n\n"
            + "\n".join(p.name for p in paths),
            QMessageBox.StandardButton.Close, self,
        )
        box.setObjectName("exportFinished")
        open_folder = box.addButton("Open Folder", QMessageBox.ButtonRole.ActionRole)
        open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(out_dir)))
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def preferences_dialog(self) -> None:
        from desktop.preferences import PreferencesDialog

        engine = self.host.engine
        playbooks = [(p.id, p.title) for p in engine.playbooks] if engine else []
        dialog = PreferencesDialog(self.settings, playbooks, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._preferences_changed)
        dialog.open()

    def _preferences_changed(self) -> None:
        self.host.set_model_path(self.settings.model_path)
        self.statusBar().showMessage("Preferences saved.", 4000)

    def about(self) -> None:
        from clause_library import __version__
        from clause_library.review import NOT_LEGAL_ADVICE

        box = QMessageBox(self)
        box.setObjectName("aboutBox")
        box.setWindowTitle("About Clause Review")
        box.setIconPixmap(QIcon(str(APP_ICON)).pixmap(QSize(72, 72)))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(
            f"<h3>Clause Review {__version__}</h3>"
            "<p>An offline contract reviewer: it compares an agreement with a clause library and "
            "a playbook, and shows what is present, weak, a red flag or missing.</p>"
            f"<p><b>{NOT_LEGAL_ADVICE}</b></p>"
            "<p>Embedding model: all-MiniLM-L6-v2 (Apache 2.0). Matcher calibration fitted on "
            "CUAD (The Atticus Project, CC BY 4.0); no CUAD text ships with the product.</p>"
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # --- window state -------------------------------------------------------------------------

    def _restore_window(self) -> None:
        geometry = self.settings.window_geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1500, 920)
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)

    def _save_splitter(self, tab: ReviewTab) -> None:
        state = tab.splitter_state()
        self.settings.save_splitter_state("review", state)
        for other in self.tab_list():
            if other is not tab:
                other.restore_splitter(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.save_window(self.saveGeometry(), self.saveState())
        tab = self.current_tab()
        if tab is not None:
            self.settings.save_splitter_state("review", tab.splitter_state())
        for tab in self.tab_list():
            tab.shutdown()
        self.settings.sync()
        self.decisions.close()
        if self._sqlite is not None and self._sqlite is not self.decisions:
            self._sqlite.close()
        super().closeEvent(event)

    def status_text(self) -> str:
        return self.statusBar().currentMessage()
