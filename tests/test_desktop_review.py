"""The review workspace as a user meets it: open, read the findings, navigate, decide, switch
playbook, survive bad files. Documents are built by the tests; one engine serves the session."""

from __future__ import annotations

import itertools
import time
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from desktop_fixtures import (
    ANALYSIS_TIMEOUT_MS,
    CONTRACTOR_GAPS,
    PRESENT,
    WEAK_IP,
    close_dialogs,
    desktop_app_fixture,  # noqa: F401 - a fixture
    engine_fixture,  # noqa: F401 - a fixture
    make_window_fixture,  # noqa: F401 - a fixture
    normalised,
    open_and_wait,
    settings_fixture,  # noqa: F401 - a fixture
    visible_dialogs,
    window_fixture,  # noqa: F401 - a fixture
    write_contractor_docx,
    write_contractor_pdf,
)
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent, QFont, QHelpEvent, QTextCursor
from PySide6.QtWidgets import QMessageBox, QToolTip

from clause_library.review import POSSIBLE_BELOW
from desktop.main_window import MainWindow
from desktop.review.decisions import DecisionRecord, MemoryDecisionStore
from desktop.review.detail_panel import DetailPanel
from desktop.review.model import FindingsModel, Role, where_label
from desktop.review.tab import ReviewTab

pytestmark = pytest.mark.model


def tree_items(tab: ReviewTab) -> dict[str, dict[str, Any]]:
    """What the findings tree shows, by key: status, family row, title."""
    proxy = tab.findings.proxy
    out: dict[str, dict[str, Any]] = {}
    for row in range(proxy.rowCount()):
        family = proxy.index(row, 0)
        for child_row in range(proxy.rowCount(family)):
            index = proxy.index(child_row, 0, family)
            item = index.data(Role.ITEM)
            out[item.key] = {
                "clause_id": item.clause_id,
                "status": index.data(Role.STATUS),
                "title": index.data(Qt.ItemDataRole.DisplayRole),
                "family": family.data(Role.FAMILY),
                "has_icon": index.data(Qt.ItemDataRole.DecorationRole) is not None,
            }
    return out


def by_clause(tab: ReviewTab) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for shown in tree_items(tab).values():
        out.setdefault(shown["clause_id"], set()).add(shown["status"])
    return out


@pytest.fixture
def contractor_docx(tmp_path: Path) -> Path:
    return write_contractor_docx(tmp_path)


# --- opening and reading the findings -----------------------------------------------------------


def test_findings_tree_shows_the_expected_findings_and_gaps(
    qtbot: Any, window: MainWindow, contractor_docx: Path
) -> None:
    tab = open_and_wait(qtbot, window, contractor_docx)
    statuses = by_clause(tab)
    assert statuses[WEAK_IP] == {"weak"}
    for clause_id in PRESENT:
        assert statuses[clause_id] == {"present"}
    for clause_id in CONTRACTOR_GAPS:
        assert statuses[clause_id] == {"missing"}
    shown = tree_items(tab)
    assert all(s["has_icon"] for s in shown.values())
    ip = next(s for s in shown.values() if s["clause_id"] == WEAK_IP)
    assert ip["family"] == "ip" and ip["title"] == "IP assignment"
    # the counts double as filter switches and read as words, not only colours
    assert tab.findings.chips["weak"].text() == "1 weak"
    assert tab.findings.chips["missing"].text().endswith("missing")
    assert tab.review is not None
    assert tab.kind_label.text().startswith("Detected: contractor")
    assert "Contractor" in tab.playbook_combo.currentText()
    assert tab.progress.isHidden()
    assert tab.review.playbook.id == "contractor_company"


def test_document_view_shows_structure_and_marks_findings(
    qtbot: Any, window: MainWindow, contractor_docx: Path
) -> None:
    tab = open_and_wait(qtbot, window, contractor_docx)
    view = tab.text_view
    qdoc = view.document()
    title = qdoc.findBlock(view.to_view(0))
    assert title.text() == "CONSULTING AGREEMENT"
    assert title.blockFormat().alignment() & Qt.AlignmentFlag.AlignHCenter
    heading_offset = tab.document.text.index("2. Intellectual Property")
    cursor = QTextCursor(qdoc)
    cursor.setPosition(view.to_view(heading_offset) + 3)
    assert cursor.charFormat().fontWeight() >= QFont.Weight.Bold
    finding = next(f for f in tab.review.findings if f.clause_id == WEAK_IP)
    cursor.setPosition(view.to_view(finding.start) + 2)
    fmt = cursor.charFormat()
    assert fmt.underlineStyle() == fmt.UnderlineStyle.DashUnderline  # weak: dashed, not colour only
    assert view.findings_at(finding.start + 2)[0].key == finding.key


def test_tooltip_names_the_clause_type(
    qtbot: Any, window: MainWindow, contractor_docx: Path
) -> None:
    tab = open_and_wait(qtbot, window, contractor_docx)
    view = tab.text_view
    finding = next(f for f in tab.review.findings if f.clause_id == "governing_law")
    view.select_span(finding.start, finding.end, flash=False)
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.to_view(finding.start + 10))
    point = view.cursorRect(cursor).center()
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    view.viewportEvent(event)
    assert "Governing law" in QToolTip.text()
    assert "Present" in QToolTip.text()
    QToolTip.hideText()


def test_selecting_a_finding_selects_exactly_its_text(
    qtbot: Any, window: MainWindow, contractor_docx: Path
) -> None:
    tab = open_and_wait(qtbot, window, contractor_docx)
    assert tab.review is not None
    for finding in tab.review.findings:
        assert tab.findings.select_key(finding.key)
        assert tab.text_view.selected_span() == (finding.start, finding.end)
        assert normalised(tab.text_view.selected_text()) == normalised(finding.text)
        assert tab.detail.item == finding
        assert tab.detail.title.text() == finding.title
    assert tab.text_view.flashing
    # the selection is on screen
    rect = tab.text_view.cursorRect()
    assert tab.text_view.viewport().rect().intersects(rect)


def test_clicking_a_highlight_selects_its_finding(
    qtbot: Any, window: MainWindow, contractor_docx: Path
) -> None:
    tab = open_and_wait(qtbot, window, contractor_docx)
    finding = next(f for f in tab.review.findings if f.clause_id == "independent_contractor")
    view = tab.text_view
    view.scroll_to(finding.start)
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.to_view(finding.start + 15))
    point = view.cursorRect(cursor).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert tab.findings.current_key() == finding.key
    assert tab.detail.item == finding


def test_detail_panel_explains_a_weak_finding(
    qtbot: Any, window: MainWindow, contractor_docx: Path
) -> None:
    tab = open_and_wait(qtbot, window, contractor_docx)
    finding = next(f for f in tab.review.findings if f.clause_id == WEAK_IP)
    tab.findings.select_key(finding.key)
    body = tab.detail.body.toPlainText()
    assert "Why it was flagged" in body
    for check in finding.checks:
        assert check.title in body
        assert " ".join(check.explanation.split())[:60] in " ".join(body.split())
    assert "Nearest library example" in body
    assert "Preferred language" in body and "Word-by-word comparison" in body
    assert "not legal advice" in tab.detail.footer.text()
    assert tab.detail.subtitle.text().startswith("Weak")


def test_detail_panel_explains_a_gap(
    qtbot: Any, window: MainWindow, contractor_docx: Path
) -> None:
    tab = open_and_wait(qtbot, window, contractor_docx)
    gap = next(g for g in tab.review.gaps if g.clause_id == "moral_rights_waiver")
    tab.findings.select_key(gap.key)
    body = " ".join(tab.detail.body.toPlainText().split())
    assert "Why it matters" in body
    assert " ".join(gap.description.split())[:50] in body
    assert "Language to add" in body
    assert " ".join(gap.recommendation.split())[:50] in body
    assert tab.detail.subtitle.text().startswith("Missing")


# --- navigation and filters ------------------------------------------------------------------


def test_f8_walks_the_open_issues_in_document_order(
    qtbot: Any, window: MainWindow, contractor_docx: Path
) -> None:
    tab = open_and_wait(qtbot, window, contractor_docx)
    assert tab.review is not None
    issues = [i.key for i in tab.review.issues]
    visited = []
    for _ in issues:
        qtbot.keyClick(window, Qt.Key.Key_F8)
        visited.append(tab.findings.current_key())
    assert visited == issues
    qtbot.keyClick(window, Qt.Key.Key_F8)  # wraps around
    assert tab.findings.current_key() == issues[0]
    qtbot.keyClick(window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert tab.findings.current_key() == issues[-1]
    # a decided issue is no longer "open": F8 skips it
    tab.findings.select_key(issues[0])
    tab.detail.buttons["accepted"].click()
    tab.findings.select_key(issues[-1])
    qtbot.keyClick(window, Qt.Key.Key_F8)
    assert tab.findings.current_key() == issues[1]


def test_filters_hide_and_show_findings(
    qtbot: Any, window: MainWindow, contractor_docx: Path
) -> None:
    tab = open_and_wait(qtbot, window, contractor_docx)
    panel = tab.findings
    everything = set(tree_items(tab))
    panel.chips["present"].click()
    assert {s["status"] for s in tree_items(tab).values()} == {"weak", "missing"}
    panel.search.setText("moral rights")
    assert [s["clause_id"] for s in tree_items(tab).values()] == ["moral_rights_waiver"]
    panel.search.clear()
    panel.severity.setCurrentIndex(panel.severity.findData("high"))
    assert all(i.severity in ("high", "critical") for i in panel.visible_items())
    # selecting a hidden finding (e.g. from the document) relaxes the filters
    present = next(f for f in tab.review.findings if f.status == "present")
    assert panel.select_key(present.key)
    assert panel.current_key() == present.key
    panel.clear_filters()
    assert set(tree_items(tab)) == everything


# --- decisions --------------------------------------------------------------------------------


def test_decision_and_note_survive_closing_and_reopening(
    qtbot: Any, window: MainWindow, contractor_docx: Path, settings: Any
) -> None:
    settings.reviewer_name = "Alex Morgan"
    tab = open_and_wait(qtbot, window, contractor_docx)
    finding = next(f for f in tab.review.findings if f.clause_id == WEAK_IP)
    gap = tab.review.gaps[0]
    tab.findings.select_key(finding.key)
    qtbot.mouseClick(tab.detail.buttons["needs_change"], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(tab.detail.note, "Ask for a present assignment.")
    tab.findings.select_key(gap.key)
    window.decision_actions["not_applicable"].trigger()
    sha = tab.review.document.sha256
    record = window.decisions.get(sha, finding.key)
    assert record is not None and record.decision == "needs_change"
    assert record.note == "Ask for a present assignment."
    assert record.author == "Alex Morgan"
    window.close_tab(window.tabs.indexOf(tab))
    assert window.tabs.count() == 0

    tab = open_and_wait(qtbot, window, contractor_docx)
    tab.findings.select_key(finding.key)
    assert tab.detail.buttons["needs_change"].isChecked()
    assert tab.detail.note.toPlainText() == "Ask for a present assignment."
    assert "Alex Morgan" in tab.detail.decided_by.text()
    index = tab.findings.model.index_for_key(finding.key, 2)
    assert index.data(Qt.ItemDataRole.DisplayRole) == "✎*"  # needs change, with a note
    assert "Decision: Needs change" in index.data(Qt.ItemDataRole.ToolTipRole)
    tab.findings.select_key(gap.key)
    assert tab.detail.buttons["not_applicable"].isChecked()
    # clicking the chosen decision again clears it
    tab.detail.buttons["not_applicable"].click()
    assert window.decisions.get(sha, gap.key) is None


def test_memory_store_is_keyed_by_document_and_item() -> None:
    store = MemoryDecisionStore()
    store.put("a" * 64, "x@1-2", DecisionRecord("accepted", "fine"))
    assert store.get("a" * 64, "x@1-2") == DecisionRecord("accepted", "fine")
    assert store.get("b" * 64, "x@1-2") is None
    store.put("a" * 64, "x@1-2", DecisionRecord())
    assert store.for_document("a" * 64) == {}


# --- playbook ---------------------------------------------------------------------------------


def test_changing_the_playbook_changes_the_gaps_without_reanalysing(
    qtbot: Any, window: MainWindow, contractor_docx: Path, engine: Any, monkeypatch: Any,
    settings: Any,
) -> None:
    tab = open_and_wait(qtbot, window, contractor_docx)
    before = {g.clause_id for g in tab.review.gaps}
    calls: list[object] = []
    original = engine.analyze
    monkeypatch.setattr(engine, "analyze", lambda *a, **k: calls.append(a) or original(*a, **k))
    combo = tab.playbook_combo
    started = time.perf_counter()
    combo.setCurrentIndex(combo.findData("nda_mutual"))
    combo.activated.emit(combo.currentIndex())
    elapsed = time.perf_counter() - started
    assert tab.review.playbook.id == "nda_mutual"
    after = {g.clause_id for g in tab.review.gaps}
    assert after != before
    shown_gaps = {s["clause_id"] for s in tree_items(tab).values() if s["status"] == "missing"}
    assert shown_gaps == after
    assert calls == []
    assert elapsed < 2.0
    assert settings.playbook == "nda_mutual"
    # the detected kind is still shown, with its confidence
    assert "contractor" in tab.kind_label.text() and "%" in tab.kind_label.text()
    # back to automatic
    combo.setCurrentIndex(0)
    combo.activated.emit(0)
    assert tab.review.playbook.id == "contractor_company"
    assert combo.currentText().startswith("Automatic: Contractor")


def _open_letter(qtbot: Any, window: MainWindow, tmp_path: Path, name: str) -> tuple[Any, Path]:
    """Open a copy of the test agreement ``name`` and wait for its review."""
    path = tmp_path / "letter.txt"
    path.write_bytes((Path(__file__).parent / "data" / "agreements" / name).read_bytes())
    return open_and_wait(qtbot, window, path), path


def test_choosing_the_party_we_act_for_reads_the_agreement_from_its_side(
    qtbot: Any, window: MainWindow, engine: Any, monkeypatch: Any, settings: Any, tmp_path: Path
) -> None:
    tab, path = _open_letter(qtbot, window, tmp_path, "de_diligence_nda.txt")
    combo = tab.party_combo
    assert combo.isEnabled()
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Automatic: Larkspur",
        "Osterfeld",
        "Larkspur / Company",
    ]
    buyer_side = {"indem_gen_one_sided_against_us", "assign_one_sided_restriction"}

    def fired() -> set[str]:
        return {c.id for f in tab.review.findings for c in f.checks}

    assert not buyer_side & fired()
    calls: list[object] = []
    original = engine.analyze
    monkeypatch.setattr(engine, "analyze", lambda *a, **k: calls.append(a) or original(*a, **k))
    combo.setCurrentIndex(combo.findData("Osterfeld"))
    combo.activated.emit(combo.currentIndex())
    assert tab.review.our_party == "Osterfeld" and tab.our_party == "Osterfeld"
    assert buyer_side <= fired()
    assert calls == []
    assert combo.currentText() == "Osterfeld" and combo.itemText(0) == "Automatic"
    shown = {s["clause_id"] for s in tree_items(tab).values() if s["status"] != "present"}
    assert {"indemnification_general", "anti_assignment"} <= shown
    # remembered for this document, and read so when it is opened again
    assert settings.our_party(tab.review.document.sha256) == "Osterfeld"
    window.close_tab(window.tabs.indexOf(tab))
    again = open_and_wait(qtbot, window, path)
    assert again.review.our_party == "Osterfeld" and buyer_side <= {
        c.id for f in again.review.findings for c in f.checks
    }
    # back to automatic
    again.party_combo.setCurrentIndex(0)
    again.party_combo.activated.emit(0)
    assert again.review.our_party == "" and settings.our_party(again.review.document.sha256) == ""


# --- errors and background work ---------------------------------------------------------------


def test_corrupt_file_shows_the_engine_message_and_the_app_stays_usable(
    qtbot: Any, window: MainWindow, tmp_path: Path, contractor_docx: Path
) -> None:
    bad = tmp_path / "broken.docx"
    bad.write_bytes(contractor_docx.read_bytes()[:400])
    window.open_file(bad)
    qtbot.waitUntil(lambda: bool(visible_dialogs()), timeout=20000)
    box = visible_dialogs()[0]
    assert box.windowTitle() == "Cannot open broken.docx"
    assert "broken.docx" in box.text() and "damaged" in box.text()
    assert "Traceback" not in box.text()
    assert window.tabs.count() == 0
    assert window.central.currentWidget() is window.welcome
    box.close()
    tab = open_and_wait(qtbot, window, contractor_docx)
    assert tab.review is not None


def test_unsupported_file_type_is_explained(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    odd = tmp_path / "deal.rtf"
    odd.write_text("{\\rtf1 hello}")
    window.open_file(odd)
    qtbot.waitUntil(lambda: bool(visible_dialogs()), timeout=20000)
    assert ".rtf" in visible_dialogs()[0].text()
    close_dialogs()


class SlowEngine:
    """The shared engine with a slow, cancellable analysis in front of it."""

    def __init__(self, engine: Any, seconds: float) -> None:
        self._engine = engine
        self.seconds = seconds

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)

    def analyze(self, document: Any, *, progress: Any = None, cancelled: Any = None) -> Any:
        from clause_library.errors import CancelledError

        steps = 40
        for i in range(steps):
            if cancelled is not None and cancelled():
                raise CancelledError()
            time.sleep(self.seconds / steps)
            if progress is not None:
                progress("embed", i + 1, steps)
        return self._engine.analyze(document, progress=progress, cancelled=cancelled)


def test_event_loop_keeps_turning_during_a_slow_analysis(
    qtbot: Any, make_window: Any, engine: Any, contractor_docx: Path
) -> None:
    window = make_window(engine=SlowEngine(engine, 2.0))
    ticks: list[float] = []
    labels: list[str] = []

    def tick() -> None:
        ticks.append(time.perf_counter())
        tab = window.current_tab()
        if tab is not None:
            labels.append(tab.progress.label.text())

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(tick)
    timer.start()
    with qtbot.waitSignal(window.reviewReady, timeout=ANALYSIS_TIMEOUT_MS):
        window.open_file(contractor_docx)
    timer.stop()
    assert any(text.startswith("Embedding") and "/40 sentences" in text for text in labels)
    assert len(ticks) > 40  # ~100 expected in 2 s; a frozen event loop gives next to none
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert max(gaps) < 1.0


def test_cancel_stops_the_analysis_and_keeps_the_document(
    qtbot: Any, make_window: Any, engine: Any, contractor_docx: Path
) -> None:
    window = make_window(engine=SlowEngine(engine, 30.0))
    tab = window.open_file(contractor_docx)
    qtbot.waitUntil(lambda: "Embedding" in tab.progress.label.text(), timeout=20000)
    qtbot.mouseClick(tab.progress.cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.state == "cancelled", timeout=10000)
    assert tab.progress.retry.isVisible()
    assert "cancelled" in tab.progress.label.text()
    assert visible_dialogs() == []
    assert "CONSULTING AGREEMENT" in tab.text_view.toPlainText()
    assert window.tabs.count() == 1


# --- opening in other ways --------------------------------------------------------------------


def test_drop_opens_files_in_tabs_and_remembers_them(
    qtbot: Any, window: MainWindow, tmp_path: Path, settings: Any
) -> None:
    first = write_contractor_docx(tmp_path, "first.docx")
    second = write_contractor_docx(tmp_path, "second.docx")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(first)), QUrl.fromLocalFile(str(second))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignals([window.reviewReady, window.reviewReady], timeout=ANALYSIS_TIMEOUT_MS):
        window.dropEvent(event)
    assert [t.path.name for t in window.tab_list()] == ["first.docx", "second.docx"]
    qtbot.waitUntil(lambda: len(settings.recent_files) == 2, timeout=ANALYSIS_TIMEOUT_MS)
    assert {Path(p).name for p in settings.recent_files} == {"first.docx", "second.docx"}
    assert [a.text() for a in window.recent_menu.actions()][:2] != []
    # opening the same file again switches to its tab
    assert window.open_file(first) is window.tab_list()[0]
    assert window.tabs.count() == 2


def test_pdf_shows_pages_with_highlight_boxes(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    path = write_contractor_pdf(tmp_path)
    tab = open_and_wait(qtbot, window, path)
    assert tab.pdf_view is not None and tab.showing_pages
    pdf = tab.pdf_view
    qtbot.waitUntil(lambda: not pdf.rendering, timeout=20000)
    assert pdf.page_count == 1
    assert pdf.highlight_count() >= len(tab.review.findings)
    finding = next(f for f in tab.review.findings if f.clause_id == "governing_law")
    tab.findings.select_key(finding.key)
    rects = pdf.current_rects
    assert rects
    page = pdf.page_origin(1)
    assert all(page.contains(r.center()) for r in rects)
    boxes = tab.document.boxes(finding.start, finding.end)
    assert abs(rects[0].top() - (page.top() + boxes[0].top)) < 4
    # the text view is one click away and shows the same selection
    qtbot.mouseClick(tab.text_button, Qt.MouseButton.LeftButton)
    assert not tab.showing_pages
    assert tab.text_view.selected_span() == (finding.start, finding.end)
    window.page_view_action.trigger()
    assert tab.showing_pages


def test_export_is_disabled_with_a_reason_when_the_exporter_is_missing(
    qtbot: Any, window: MainWindow, contractor_docx: Path
) -> None:
    window._exporter_checked(False)
    open_and_wait(qtbot, window, contractor_docx)
    assert not window.export_action.isEnabled()
    assert window.export_action.toolTip() == "Export is not available"


def test_export_writes_the_chosen_formats(
    qtbot: Any, window: MainWindow, contractor_docx: Path, tmp_path: Path
) -> None:
    pytest.importorskip("clause_library.export")
    tab = open_and_wait(qtbot, window, contractor_docx)
    qtbot.waitUntil(window.export_action.isEnabled, timeout=20000)
    finding = next(f for f in tab.review.findings if f.clause_id == WEAK_IP)
    tab.findings.select_key(finding.key)
    tab.detail.buttons["needs_change"].click()
    out = tmp_path / "out"
    with qtbot.waitSignal(window.statusBar().messageChanged, timeout=60000,
                          check_params_cb=lambda text: text.startswith("Exported")):
        window._export(tab, out, ["csv"], False)
    assert (out / "consulting.issues.csv").is_file()
    assert any(isinstance(w, QMessageBox) for w in visible_dialogs())
    close_dialogs()


def test_window_geometry_and_splitter_are_restored(
    qtbot: Any, make_window: Any, contractor_docx: Path, settings: Any
) -> None:
    window = make_window()
    tab = window.open_file(contractor_docx)
    tab.splitter.setSizes([250, 900, 350])
    window._save_splitter(tab)
    window.resize(700, 560)  # within the 800x800 offscreen screen: restore clamps to it
    window.close()
    again = make_window(resize=False)
    assert (again.width(), again.height()) == (700, 560)
    tab2 = again.open_file(contractor_docx)
    assert abs(tab2.splitter.sizes()[0] - tab.splitter.sizes()[0]) <= 2


def test_drop_event_ignores_non_files(window: MainWindow) -> None:
    data = QMimeData()
    data.setText("not a file")
    event = QDropEvent(QPoint(1, 1), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert window.tabs.count() == 0


def test_playbook_chosen_during_the_analysis_is_applied(
    qtbot: Any, make_window: Any, engine: Any, contractor_docx: Path
) -> None:
    window = make_window(engine=SlowEngine(engine, 1.5))
    tab = window.open_file(contractor_docx)
    combo = tab.playbook_combo
    qtbot.waitUntil(lambda: combo.count() > 1 and tab.state == "analysing", timeout=20000)
    with qtbot.waitSignal(tab.analysisFinished, timeout=ANALYSIS_TIMEOUT_MS):
        combo.setCurrentIndex(combo.findData("nda_mutual"))
        combo.activated.emit(combo.currentIndex())
    assert tab.review is not None and tab.review.playbook.id == "nda_mutual"
    assert combo.currentData() == "nda_mutual"


def test_typed_clause_numbers_hang_like_list_labels() -> None:
    from clause_library.document import Block
    from desktop.review.document_view import block_label

    def para(text: str, kind: str = "paragraph", label: str = "") -> str:
        block = Block(index=0, kind=kind, start=0, end=len(text), body_start=0, label=label)  # type: ignore[arg-type]
        return block_label(block, text)

    assert para("4.1\tThis Agreement applies") == "4.1"
    assert para("(a) is or becomes public") == "(a)"
    assert para("A.  The Company develops") == "A."
    assert para("2025 was a good year") == ""
    assert para("No. 5 of the schedule") == ""
    assert para("CONSULTING AGREEMENT", kind="title") == ""
    assert para("5.1 Ownership", kind="list_item", label="5.1") == "5.1"


def test_possible_matches_are_set_apart_in_the_tree_and_explained(
    qtbot: Any, engine: Any, contractor_docx: Path
) -> None:
    review = engine.review_file(contractor_docx)
    sure = replace(next(f for f in review.findings if f.clause_id == "governing_law"), score=0.9)
    doubtful = replace(sure, clause_id="dispute_resolution", score=POSSIBLE_BELOW / 2)
    issue = replace(doubtful, clause_id="survival", status="weak")  # a check fired: not doubtful
    review = replace(review, findings=(sure, doubtful, issue))
    model = FindingsModel()
    model.set_review(review)
    for finding in (sure, doubtful, issue):
        index = model.index_for_key(finding.key)
        font = index.data(Qt.ItemDataRole.FontRole)
        tip = index.data(Qt.ItemDataRole.ToolTipRole)
        said = index.data(Qt.ItemDataRole.AccessibleTextRole)
        if finding is doubtful:
            assert font is not None and font.italic()
            assert f"Possible match (score {doubtful.score:.2f})" in tip and said.endswith("possible match")
        else:
            assert font is None or not font.italic()
            assert "Possible match" not in tip and "possible" not in said

    panel = DetailPanel()
    qtbot.addWidget(panel)
    panel.show_item(doubtful, review, None)
    assert "A possible match: the score is low" in panel.body.toPlainText()
    panel.show_item(sure, review, None)
    assert "possible match" not in panel.body.toPlainText()


def test_an_analysis_does_not_wait_for_the_start_up_model_load(engine: Any) -> None:
    """While the start-up warm-up is still loading the model, an analysis goes ahead: a document
    whose vectors are stored needs no model, and one that does waits inside the embedder."""
    from desktop.review.tab import AUTO_PLAYBOOK, _analyze

    repo = Path(__file__).resolve().parents[1]

    class StillPreparing:
        def wait_prepared(self, timeout: float | None = None) -> bool:
            if timeout is None:
                raise AssertionError("the analysis waited for the start-up warm-up")
            return False

    class Reports:
        def __init__(self) -> None:
            self.stages: list[str] = []

        def report(self, stage: str, done: int, total: int) -> None:
            self.stages.append(stage)

        def cancelled(self) -> bool:
            return False

    job = Reports()
    document = engine.read(repo / "resources" / "samples" / "mutual_nda.docx")
    analysis, result = _analyze(job, StillPreparing(), engine, document, AUTO_PLAYBOOK)  # type: ignore[arg-type]
    assert job.stages[0] == "model"
    assert job.stages[-1] == "score"
    assert result.findings and analysis.document is document


def test_a_party_the_letter_calls_only_you_is_offered_by_its_full_name(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    tab, _ = _open_letter(qtbot, window, tmp_path, "delaware_acquisition_nda.txt")
    combo = tab.party_combo
    index = combo.findText("Ostrander Digital Corporation")
    assert index > 0
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    assert tab.review.our_party == "Ostrander Digital Corporation"
    assert "indem_gen_one_sided_against_us" in {c.id for f in tab.review.findings for c in f.checks}


def test_where_a_finding_is_cited_as_a_reader_would() -> None:
    def where(*path: str) -> str:
        return where_label(SimpleNamespace(status="weak", heading_path=path, page=None))

    assert where("8 Fees", "8.1 Invoices", "d)") == "8.1(d)"
    # a circled paragraph of an article, cited with the article rather than alone
    assert where("Article 9 (Adjustment of Unit Rates)", "①") == "Art. 9 ①"
    assert where("Article 6 (Restrictions on Use)", "②", "3") == "3"
    assert where("Article 17 (Indemnification)") == "Article 17 (Indem…"
    # a paragraph numbered within its article, as Swiss drafting numbers them
    assert where("Art. 16 Liability", "2") == "Art. 16 para. 2"
    assert where("16 LIABILITY", "16.2") == "16.2"
    # a clause numbered in words, as Spanish drafting numbers them
    assert where("TWENTY-SECOND.- SURVIVAL") == "Clause 22"
    assert where("CLAUSE FIVE – PRICE AND PAYMENT", "a)") == "Clause 5(a)"
    # a paragraph that stands apart from its clause, as Colombian drafting adds them
    assert where("SEVENTEENTH CLAUSE – CONFIDENTIALITY", "PARAGRAPH TWO") == "Cl. 17, Para. Two"
    assert where("TWENTY-FOURTH CLAUSE – TERMINATION", "SOLE PARAGRAPH") == "Cl. 24, Sole Para."
    assert where("FIFTEENTH CLAUSE – PERSONAL DATA", "3.") == "Clause 15(3)"
    # a paragraph of an article or a "§", as Romanian and Austrian drafting number them
    assert where("CHAPTER XI – WARRANTIES", "Art. 33.", "(1)") == "Art. 33(1)"
    assert where("§ 9 Pre-existing Rights", "(2)", "a)") == "§ 9(2)(a)"
    assert where("SIXTEENTH: LIMITATION OF LIABILITY", "b)") == "Clause 16(b)"
    # a paragraph of a clause headed with its title in brackets, as Portuguese drafting numbers
    assert where("Clause 21 Liability", "3") == "21(3)"
    # an item of an appendix that numbers afresh is cited with its appendix
    assert where("APPENDIX 3 SERVICE LEVELS", "4") == "App. 3 · 4"
    assert where("SCHEDULE 2 – CHARGES", "3.1 Invoices", "(b)") == "Sch. 2 · 3.1(b)"
    assert where("ANNEX II: PROVIDER TOOLS") == "Annex II"
    assert where("Exhibit A – Statement of Work") == "Ex. A"


def test_a_heading_line_of_a_plain_text_file_is_shown_as_a_heading(tmp_path: Path) -> None:
    from clause_library.ingest import load
    from desktop.review.document_view import _reads_as_heading

    path = tmp_path / "minute.txt"
    path.write_text(
        "Clause 15 Limitation of Liability\n\n"
        "15.1 Nothing in this Agreement limits liability for fraud.\n\n"
        "CLAUSE NINE – CUSTOMER DATA\n\n"
        "Clause 14 survives termination of this Agreement for any reason whatsoever.\n",
        encoding="utf-8",
    )
    document = load(path)
    shown = {
        document.text[b.start : b.end]: _reads_as_heading(b, document.text[b.start : b.end])
        for b in document.blocks
    }
    assert shown["Clause 15 Limitation of Liability"]
    assert shown["CLAUSE NINE – CUSTOMER DATA"]
    assert not shown["15.1 Nothing in this Agreement limits liability for fraud."]
    assert not any(v for k, v in shown.items() if k.startswith("Clause 14"))
