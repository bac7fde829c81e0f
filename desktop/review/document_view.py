"""The agreement as the reader knows it, with every finding marked where it is.

The view is rebuilt from ``Document.blocks``: the title centred, headings bold, numbered clauses
with their labels hanging in the margin, table text in a ruled box. Each block's characters are
copied one for one (a line break becomes a soft break, the space after a label a tab), so an
offset into ``Document.text`` maps to a position in the view by a per-block shift. Findings are
marked by a tint, an underline whose style depends on the status, and a bar with the status
symbol in the left margin — colour is never the only cue.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, QVariantAnimation, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextOption,
)
from PySide6.QtWidgets import QTextEdit, QToolTip, QWidget

from clause_library.segment import is_heading_text, split_label
from desktop.review.status import (
    SEVERITY_RANK,
    STATUS_RANK,
    STYLES,
    YELLOW,
    paint_marker,
    status_summary,
)

if TYPE_CHECKING:
    from clause_library.document import Block, Document
    from clause_library.review import Finding

#: widest the text column gets; wider lines are hard to read
COLUMN_WIDTH = 780
#: room on the left for the margin markers
GUTTER = 46
#: the selected clause: a neutral grey, unlike any status tint
SELECTION = QColor("#d3d8df")
FLASH = QColor(YELLOW)

SERIF_FAMILIES = ["Georgia", "Cambria", "Times New Roman", "Liberation Serif", "DejaVu Serif"]


def document_font(point_size: float = 11.5) -> QFont:
    font = QFont()
    font.setFamilies(SERIF_FAMILIES)
    font.setStyleHint(QFont.StyleHint.Serif)
    font.setPointSizeF(point_size)
    return font


@dataclass(frozen=True)
class _Span:
    """One block: ``Document.text[start:end]`` sits at view positions ``view_start`` onwards."""

    start: int
    end: int
    view_start: int


def sort_worst_last(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (STATUS_RANK[f.status], SEVERITY_RANK[f.severity]))


class DocumentTextView(QTextEdit):
    """Read-only text of one agreement with findings highlighted; maps offsets both ways."""

    #: the reader clicked on a highlighted clause: the key of the finding there
    findingClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentText")
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setMouseTracking(True)
        self._document: Document | None = None
        self._spans: list[_Span] = []
        self._view_starts: list[int] = []
        self._doc_starts: list[int] = []
        self._findings: list[Finding] = []
        self._current: tuple[int, int] | None = None
        self._margins = (-1, -1)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
        palette.setColor(QPalette.ColorRole.Text, QColor("#1b1b1b"))
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Highlight, SELECTION)
            palette.setColor(group, QPalette.ColorRole.HighlightedText, QColor("#000000"))
        self.setPalette(palette)
        self._flash = QVariantAnimation(self)
        self._flash.setDuration(1400)
        self._flash.setStartValue(0.0)
        self._flash.setEndValue(1.0)
        self._flash.valueChanged.connect(self._flash_step)

    # --- building -----------------------------------------------------------------------------

    @property
    def engine_document(self) -> Document | None:
        return self._document

    def show_document(self, document: Document, findings: Sequence[Finding] = ()) -> None:
        """Lay out ``document`` and mark ``findings`` (replacing whatever was shown)."""
        scroll = self.verticalScrollBar().value() if self._document is document else 0
        if self._document is not document:
            self._current = None
        self._document = document
        self._findings = list(findings)
        qdoc = QTextDocument(self)
        qdoc.setDefaultFont(document_font())
        qdoc.setUndoRedoEnabled(False)
        self._spans = _build(qdoc, document)
        self._view_starts = [s.view_start for s in self._spans]
        self._doc_starts = [s.start for s in self._spans]
        for finding in sort_worst_last(self._findings):
            self._mark(qdoc, finding)
        self._margins = (-1, -1)
        self.setDocument(qdoc)
        self._apply_margins()
        self.verticalScrollBar().setValue(scroll)
        self.viewport().update()

    def set_findings(self, findings: Sequence[Finding]) -> None:
        """Re-mark the document for a new review (e.g. another playbook)."""
        if self._document is not None:
            selected = self.selected_span()
            self.show_document(self._document, findings)
            if selected:
                self.select_span(*selected, flash=False, scroll=False)

    def _mark(self, qdoc: QTextDocument, finding: Finding) -> None:
        st = STYLES[finding.status]
        fmt = QTextCharFormat()
        fmt.setBackground(QBrush(st.tint()))
        fmt.setUnderlineStyle(st.underline)
        fmt.setUnderlineColor(QColor(st.colour))
        cursor = QTextCursor(qdoc)
        cursor.setPosition(self.to_view(finding.start))
        cursor.setPosition(self.to_view(finding.end), QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)

    # --- offsets ------------------------------------------------------------------------------

    def to_view(self, offset: int) -> int:
        """View position of ``Document.text[offset]`` (offsets between blocks snap to the end
        of the previous block)."""
        if not self._spans:
            return 0
        i = max(bisect.bisect_right(self._doc_starts, offset) - 1, 0)
        span = self._spans[i]
        return span.view_start + max(0, min(offset, span.end) - span.start)

    def to_document(self, position: int) -> int:
        """Offset into ``Document.text`` of a view position."""
        if not self._spans:
            return 0
        i = max(bisect.bisect_right(self._view_starts, position) - 1, 0)
        span = self._spans[i]
        return span.start + max(0, min(position - span.view_start, span.end - span.start))

    # --- selection ----------------------------------------------------------------------------

    def select_span(self, start: int, end: int, *, flash: bool = True, scroll: bool = True) -> None:
        """Select ``Document.text[start:end]``, bring it into view and make it blink once."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.to_view(start))
        cursor.setPosition(self.to_view(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self._current = (start, end)
        self.viewport().update()
        if scroll:
            self.scroll_to(start)
        if flash:
            self._flash.stop()
            self._flash.start()

    def scroll_to(self, offset: int) -> None:
        """Put ``offset`` a quarter of the way down the view."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.to_view(offset))
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - self.viewport().height() // 4)

    def selected_span(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self.to_document(cursor.selectionStart()), self.to_document(cursor.selectionEnd())

    def selected_text(self) -> str:
        """The selection as the engine's text (paragraph and line separators as newlines)."""
        text = self.textCursor().selectedText()
        return text.replace("\u2029", "\n").replace("\u2028", "\n")

    def _flash_step(self, value: object) -> None:
        t = float(value)  # type: ignore[arg-type]
        colour = QColor(
            round(FLASH.red() + (SELECTION.red() - FLASH.red()) * t),
            round(FLASH.green() + (SELECTION.green() - FLASH.green()) * t),
            round(FLASH.blue() + (SELECTION.blue() - FLASH.blue()) * t),
        )
        palette = self.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Highlight, colour)
        self.setPalette(palette)

    @property
    def flashing(self) -> bool:
        return self._flash.state() == QVariantAnimation.State.Running

    # --- findings under the mouse -------------------------------------------------------------

    def findings_at(self, offset: int) -> list[Finding]:
        """Findings covering ``offset``, worst first."""
        hits = [f for f in self._findings if f.start <= offset < f.end]
        return list(reversed(sort_worst_last(hits)))

    def _offset_at(self, pos: QPoint) -> int | None:
        """Document offset under a viewport point, or None off the text."""
        cursor = self.cursorForPosition(pos)
        rect = self.cursorRect(cursor)
        if abs(rect.center().y() - pos.y()) > rect.height():
            return None
        return self.to_document(cursor.position())

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            offset = self._offset_at(event.pos())
            hits = self.findings_at(offset) if offset is not None else []
            if hits:
                lines = [
                    f"<b>{html.escape(f.title)}</b> — {status_summary(f.status, f.severity)}"
                    for f in hits
                ]
                QToolTip.showText(event.globalPos(), "<br>".join(lines), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        offset = self._offset_at(event.position().toPoint())
        hits = self.findings_at(offset) if offset is not None else []
        if hits:
            self.findingClicked.emit(hits[0].key)

    # --- layout and margin markers ------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_margins()

    def _apply_margins(self) -> None:
        width = self.viewport().width()
        left = max(GUTTER, (width - COLUMN_WIDTH) // 2)
        right = max(18, width - left - COLUMN_WIDTH)
        if (left, right) == self._margins:
            return
        self._margins = (left, right)
        root = self.document().rootFrame()
        fmt = root.frameFormat()
        fmt.setLeftMargin(left)
        fmt.setRightMargin(right)
        fmt.setTopMargin(28)
        fmt.setBottomMargin(48)
        root.setFrameFormat(fmt)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._findings and self._current is None:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        left = self._margins[0]
        bar_x = left - 12
        icon_size = 13.0
        clip = event.rect()
        drawn_icons: dict[int, int] = {}
        marks: list[tuple[Finding, int, int]] = []
        for finding in sort_worst_last(self._findings):
            start = QTextCursor(self.document())
            start.setPosition(self.to_view(finding.start))
            end = QTextCursor(self.document())
            end.setPosition(self.to_view(max(finding.start, finding.end - 1)))
            top = self.cursorRect(start).top()
            bottom = self.cursorRect(end).bottom()
            if bottom < clip.top() or top > clip.bottom():
                continue
            marks.append((finding, top, bottom))
        for finding, top, bottom in marks:
            st = STYLES[finding.status]
            pen = QPen(QColor(st.colour), st.bar_width)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            if st.bar_dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(bar_x, top + 2, bar_x, bottom - 2)
            rank = STATUS_RANK[finding.status]
            if drawn_icons.get(top, -1) < rank:
                drawn_icons[top] = rank
        if self._current is not None:
            start_cursor = QTextCursor(self.document())
            start_cursor.setPosition(self.to_view(self._current[0]))
            end_cursor = QTextCursor(self.document())
            end_cursor.setPosition(self.to_view(max(self._current[0], self._current[1] - 1)))
            painter.setPen(QPen(QColor("#1b1b1b"), 2.0))
            x = left - 5
            painter.drawLine(x, self.cursorRect(start_cursor).top() + 1,
                             x, self.cursorRect(end_cursor).bottom() - 1)
        for top, rank in drawn_icons.items():
            status = next(s for s, r in STATUS_RANK.items() if r == rank)
            rect = QRectF(bar_x - 12 - icon_size, top + 2, icon_size, icon_size)
            painter.fillRect(rect.adjusted(-1, -1, 1, 1), QColor("#ffffff"))
            paint_marker(painter, status, rect)
        painter.end()


# --- building the QTextDocument ----------------------------------------------------------------


#: a number typed at the start of a paragraph ("4.1", "(a)", "A.", "iv.") followed by a gap
_TYPED_LABEL = re.compile(
    r"^(?:\d{1,3}(?:\.\d{1,3}){0,4}\.?|\((?:\d{1,3}|[A-Za-z]{1,2}|[ivxlcIVXLC]{1,6})\)"
    r"|[A-Za-z]\.|[ivxlcIVXLC]{1,6}\.)(?=[\t ])"
)


def block_label(block: Block, text: str) -> str:
    """The block's number as the reader sees it: the list label, or one typed in the text."""
    if block.kind in ("table_cell", "title"):
        return ""
    if block.label:
        return block.label if text.startswith(block.label) else ""
    match = _TYPED_LABEL.match(text)
    return match.group(0) if match else ""


def _visible(text: str) -> str:
    """Characters as the view shows them, one for one: line breaks become soft breaks."""
    return text.replace("\r", " ").replace("\n", "\u2028")


def _hang_widths(document: Document, font: QFont) -> dict[int, float]:
    """Hanging indent per list level: wide enough for that level's longest label."""
    metrics = QFontMetricsF(font)
    widths: dict[int, float] = {}
    for block in document.blocks:
        label = block_label(block, document.text[block.start : block.start + 24])
        if label:
            width = metrics.horizontalAdvance(label) + 12
            widths[block.level] = max(widths.get(block.level, 0.0), width, 34.0)
    return widths


def _reads_as_heading(block: Block, text: str) -> bool:
    """A paragraph of a plain-text or unstyled file that is a heading line ("Clause 15
    Limitation of Liability", "CLAUSE NINE – CUSTOMER DATA"), shown as the styled ones are."""
    line = text.strip()
    if block.kind != "paragraph" or "\n" in line:
        return False
    label, body = split_label(line)
    return is_heading_text(label, body.strip())


def _formats(
    block: Block, label: str, hang: dict[int, float], base: QFont, heading: bool = False
) -> tuple[QTextBlockFormat, QTextCharFormat]:
    bf = QTextBlockFormat()
    cf = QTextCharFormat()
    cf.setFont(base)
    bf.setBottomMargin(7)
    bf.setLineHeight(118, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    if block.kind == "title":
        bf.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        bf.setTopMargin(4)
        bf.setBottomMargin(16)
        cf.setFontPointSize(base.pointSizeF() + 5)
        cf.setFontWeight(QFont.Weight.Bold)
        cf.setFontCapitalization(QFont.Capitalization.MixedCase)
        return bf, cf
    if block.kind == "heading" or heading:
        bf.setTopMargin(16 if block.level <= 1 else 10)
        bf.setBottomMargin(6)
        cf.setFontWeight(QFont.Weight.Bold)
        cf.setFontPointSize(base.pointSizeF() + (1.5 if block.level <= 1 else 0.5))
    if block.kind == "table_cell":
        cf.setFontPointSize(base.pointSizeF() - 1)
        bf.setBottomMargin(2)
        return bf, cf
    indent = 0.0
    if block.kind == "list_item":
        indent = sum(w for level, w in hang.items() if 0 < level < block.level)
    if label:
        width = hang.get(block.level, 34.0)
        bf.setLeftMargin(indent + width)
        bf.setTextIndent(-width)
        # tab positions count from where the first line starts (the hanging label)
        bf.setTabPositions([QTextOption.Tab(width, QTextOption.TabType.LeftTab)])
    elif indent:
        bf.setLeftMargin(indent)
    return bf, cf


def _build(qdoc: QTextDocument, document: Document) -> list[_Span]:
    """Fill ``qdoc`` from ``document.blocks``; return where each block landed."""
    base = qdoc.defaultFont()
    hang = _hang_widths(document, base)
    table_frame = QTextFrameFormat()
    table_frame.setBorder(1)
    table_frame.setBorderBrush(QBrush(QColor("#c9c9c9")))
    table_frame.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    table_frame.setPadding(8)
    table_frame.setTopMargin(6)
    table_frame.setBottomMargin(12)
    table_frame.setBackground(QBrush(QColor("#fafafa")))
    label_format = QTextCharFormat()
    label_format.setFontWeight(QFont.Weight.DemiBold)

    cursor = QTextCursor(qdoc)
    fresh = True  # the cursor sits in an empty block that the next block may use
    table: int | None = None
    spans: list[_Span] = []
    for block in document.blocks:
        text = _visible(document.text[block.start : block.end])
        label = block_label(block, text)
        heading = _reads_as_heading(block, document.text[block.start : block.end])
        bf, cf = _formats(block, label, hang, base, heading)
        if block.kind == "table_cell" and block.table is not None:
            if block.table != table:
                cursor = qdoc.rootFrame().lastCursorPosition()
                cursor.insertFrame(table_frame)
                table = block.table
                fresh = True
        elif table is not None:
            cursor = qdoc.rootFrame().lastCursorPosition()
            table = None
            fresh = True
        if fresh:
            cursor.setBlockFormat(bf)
            cursor.setBlockCharFormat(cf)
            cursor.setCharFormat(cf)
            fresh = False
        else:
            cursor.insertBlock(bf, cf)
        spans.append(_Span(block.start, block.end, cursor.position()))
        if label:
            rest = text[len(label):]
            label_cf = QTextCharFormat(cf)
            label_cf.merge(label_format)
            cursor.insertText(label, label_cf)
            if rest[:1] in (" ", "\t"):
                cursor.insertText("\t", cf)  # one character for one: offsets still map
                rest = rest[1:]
            cursor.insertText(rest, cf)
        else:
            cursor.insertText(text, cf)
    return spans

