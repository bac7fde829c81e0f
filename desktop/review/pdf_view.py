"""A PDF shown page by page as printed, with findings drawn as boxes over the original layout.

Pages are rendered by QtPdf on its own threads (``QPdfPageRenderer`` in multi-threaded mode) and
placed in a graphics scene whose unit is the PDF point, so ``Document.boxes`` (points, origin at
the page's top-left corner) land on the page without any conversion. Each highlight box has the
status tint, a border whose style depends on the status, and a status symbol in the page margin;
hovering names the clause type.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRectF, QSize, QSizeF, Qt, QTimer, QVariantAnimation, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions, QPdfPageRenderer
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from desktop.review.document_view import sort_worst_last
from desktop.review.status import STYLES, YELLOW, paint_marker, status_summary

if TYPE_CHECKING:
    from clause_library.document import Box, Document
    from clause_library.review import Finding

PAGE_GAP = 18.0
MARGIN = 24.0
#: pixels rendered per point, times the device pixel ratio (2 ≈ 144 dpi)
RENDER_SCALE = 2.0
KEY = 0  # QGraphicsItem.data slot holding the finding key


class _Marker(QGraphicsItem):
    """The status symbol beside a highlighted box, in the page margin."""

    def __init__(self, status: str, size: float, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.status = status
        self.size = size

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self.size, self.size)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        paint_marker(painter, self.status, self.boundingRect())


class PdfPageView(QGraphicsView):
    """The pages of one PDF with highlight boxes; emits the key of a clicked highlight."""

    findingClicked = Signal(str)
    #: all pages rendered at least once (screenshots wait for this)
    pagesRendered = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPages")
        self.setScene(QGraphicsScene(self))
        self.setBackgroundBrush(QBrush(QColor("#8a8f96")))
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.pdf = QPdfDocument(self)
        self.renderer = QPdfPageRenderer(self)
        self.renderer.setRenderMode(QPdfPageRenderer.RenderMode.MultiThreaded)
        self.renderer.setDocument(self.pdf)
        self.renderer.pageRendered.connect(self._page_rendered)
        self._page_rects: list[QRectF] = []
        self._page_items: list[QGraphicsPixmapItem] = []
        self._rendered_scale: list[float] = []
        self._pending: set[int] = set()
        self._highlights: list[QGraphicsItem] = []
        self._current: list[QGraphicsItem] = []
        self._document: Document | None = None
        self._fit_width = True
        self._zoom_timer = QTimer(self)
        self._zoom_timer.setSingleShot(True)
        self._zoom_timer.setInterval(150)
        self._zoom_timer.timeout.connect(self._render_visible_quality)
        self._flash = QVariantAnimation(self)
        self._flash.setDuration(1400)
        self._flash.setStartValue(1.0)
        self._flash.setEndValue(0.0)
        self._flash.valueChanged.connect(self._flash_step)
        self._flash_items: list[QGraphicsRectItem] = []
        self._press = QPoint()

    # --- loading ------------------------------------------------------------------------------

    def load(self, path: Path, document: Document) -> bool:
        """Open ``path`` (the file ``document`` was read from); False if QtPdf cannot."""
        self._document = document
        scene = self.scene()
        scene.clear()
        self._highlights, self._current, self._flash_items = [], [], []
        self._page_rects, self._page_items, self._rendered_scale = [], [], []
        self._pending.clear()
        if self.pdf.load(str(path)) != QPdfDocument.Error.None_:
            return False
        y = MARGIN
        width = 0.0
        for page in range(self.pdf.pageCount()):
            size = self.pdf.pagePointSize(page)
            rect = QRectF(MARGIN, y, size.width(), size.height())
            shadow = scene.addRect(rect.translated(2.5, 3), QPen(Qt.PenStyle.NoPen),
                                   QBrush(QColor(0, 0, 0, 70)))
            shadow.setZValue(-2)
            paper = scene.addRect(rect, QPen(QColor("#6f747a"), 0.5), QBrush(QColor("#ffffff")))
            paper.setZValue(-1)
            item = QGraphicsPixmapItem()
            item.setPos(rect.topLeft())
            item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
            scene.addItem(item)
            self._page_rects.append(rect)
            self._page_items.append(item)
            self._rendered_scale.append(0.0)
            width = max(width, size.width())
            y += size.height() + PAGE_GAP
        scene.setSceneRect(QRectF(0, 0, width + 2 * MARGIN, y - PAGE_GAP + MARGIN))
        for page in range(len(self._page_rects)):
            self._request(page, RENDER_SCALE)
        self._fit()
        return True

    @property
    def page_count(self) -> int:
        return len(self._page_rects)

    @property
    def rendering(self) -> bool:
        return bool(self._pending)

    def _request(self, page: int, scale: float) -> None:
        size = self._page_rects[page].size()
        pixels = QSize(round(size.width() * scale), round(size.height() * scale))
        self._pending.add(page)
        self.renderer.requestPage(page, pixels, QPdfDocumentRenderOptions())

    def _page_rendered(
        self,
        page: int,
        size: QSize,
        image: QImage,
        options: QPdfDocumentRenderOptions,
        request_id: int,
    ) -> None:
        if not 0 <= page < len(self._page_items) or image.isNull():
            return
        item = self._page_items[page]
        item.setPixmap(QPixmap.fromImage(image))
        scale = image.width() / max(self._page_rects[page].width(), 1.0)
        item.setScale(1.0 / scale)
        self._rendered_scale[page] = scale
        self._pending.discard(page)
        if not self._pending:
            self.pagesRendered.emit()

    # --- highlights ---------------------------------------------------------------------------

    def page_origin(self, page: int) -> QRectF:
        """Scene rectangle of 1-based ``page``."""
        return self._page_rects[page - 1]

    def box_rect(self, box: Box) -> QRectF:
        page = self.page_origin(box.page)
        return QRectF(page.left() + box.x0, page.top() + box.top,
                      box.x1 - box.x0, box.bottom - box.top)

    def set_findings(self, findings: Sequence[Finding]) -> None:
        """Draw ``findings`` as boxes, worst on top."""
        scene = self.scene()
        for item in self._highlights:
            scene.removeItem(item)
        self._highlights = []
        document = self._document
        if document is None or not self._page_rects:
            return
        for z, finding in enumerate(sort_worst_last(findings)):
            st = STYLES[finding.status]
            pen = QPen(QColor(st.colour), 1.6 if finding.status == "red_flag" else 1.0)
            if st.bar_dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            tip = f"{finding.title} — {status_summary(finding.status, finding.severity)}"
            boxes = [b for b in document.boxes(finding.start, finding.end)
                     if 1 <= b.page <= len(self._page_rects)]
            for box in boxes:
                rect = self.box_rect(box).adjusted(-1.5, -1.0, 1.5, 1.0)
                item = scene.addRect(rect, pen, QBrush(st.tint()))
                item.setZValue(1 + z * 0.001)
                item.setToolTip(tip)
                item.setData(KEY, finding.key)
                item.setCursor(Qt.CursorShape.PointingHandCursor)
                self._highlights.append(item)
            if boxes:
                first = boxes[0]
                page = self.page_origin(first.page)
                marker = _Marker(finding.status, 11.0)
                # in the page's left margin, like the margin marks of the text view
                marker.setPos(page.left() + min(24.0, max(first.x0 - 40.0, 4.0)),
                              page.top() + first.top)
                marker.setZValue(2 + z * 0.001)
                marker.setToolTip(tip)
                marker.setData(KEY, finding.key)
                scene.addItem(marker)
                self._highlights.append(marker)

    def show_span(self, start: int, end: int, *, flash: bool = True) -> bool:
        """Outline ``Document.text[start:end]`` as the current clause and scroll to it."""
        scene = self.scene()
        for item in self._current:
            scene.removeItem(item)
        self._current = []
        document = self._document
        if document is None or not self._page_rects:
            return False
        boxes = [b for b in document.boxes(start, end) if 1 <= b.page <= len(self._page_rects)]
        if not boxes:
            return False
        rects = [self.box_rect(b).adjusted(-3, -2, 3, 2) for b in boxes]
        pen = QPen(QColor("#1b1b1b"), 1.2)
        for rect in rects:
            item = scene.addRect(rect, pen, QBrush(Qt.BrushStyle.NoBrush))
            item.setZValue(5)
            self._current.append(item)
        first = rects[0]
        self.centerOn(first.center().x(), first.top() + self.viewport().height() / 4 /
                      max(self.transform().m22(), 0.01))
        self.ensureVisible(first, 20, 20)
        if flash:
            self._start_flash(rects)
        return True

    def _start_flash(self, rects: list[QRectF]) -> None:
        scene = self.scene()
        for item in self._flash_items:
            scene.removeItem(item)
        self._flash_items = []
        colour = QColor(YELLOW)
        for rect in rects:
            item = scene.addRect(rect, QPen(Qt.PenStyle.NoPen), QBrush(colour))
            item.setZValue(4)
            self._flash_items.append(item)
        self._flash.stop()
        self._flash.start()

    def _flash_step(self, value: object) -> None:
        opacity = float(value)  # type: ignore[arg-type]
        for item in self._flash_items:
            item.setOpacity(opacity * 0.75)

    @property
    def current_rects(self) -> list[QRectF]:
        return [item.sceneBoundingRect() for item in self._current]

    def highlight_count(self) -> int:
        return sum(1 for item in self._highlights if isinstance(item, QGraphicsRectItem))

    # --- zoom ---------------------------------------------------------------------------------

    def _fit(self) -> None:
        if not self._page_rects or not self._fit_width:
            return
        width = self.sceneRect().width()
        available = self.viewport().width() - 4
        if width <= 0 or available <= 0:
            return
        factor = available / width
        self.resetTransform()
        self.scale(factor, factor)
        self._zoom_timer.start()

    def zoom(self, factor: float) -> None:
        current = self.transform().m11()
        factor = max(0.25, min(6.0, current * factor)) / current
        self._fit_width = False
        self.scale(factor, factor)
        self._zoom_timer.start()

    def fit_width(self) -> None:
        self._fit_width = True
        self._fit()

    def _render_visible_quality(self) -> None:
        """Re-render pages sharper once zoomed in beyond what was rendered."""
        wanted = self.transform().m11() * self.devicePixelRatioF()
        for page, scale in enumerate(self._rendered_scale):
            if scale and wanted > scale * 1.15 and page not in self._pending:
                self._request(page, min(wanted, 6.0))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
            event.accept()
            return
        super().wheelEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if (event.position().toPoint() - self._press).manhattanLength() > 4:
            return  # the page was dragged, not clicked
        for item in self.items(event.position().toPoint()):
            key = item.data(KEY)
            if isinstance(key, str) and key:
                self.findingClicked.emit(key)
                return

    def sizeHint(self) -> QSize:
        return QSizeF(640, 800).toSize()
