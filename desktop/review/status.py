"""How each status looks: a colour-blind-safe colour AND a second cue that needs no colour.

Colours come from the Okabe–Ito palette, which stays distinguishable for the common forms of
colour blindness. Colour is never the only signal: each status also has its own icon shape
(circle, triangle, octagon, dashed ring), its own underline in the text view (dotted, dashed,
wavy) and its own margin bar (thin, dashed, thick), and its name is in every tooltip.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QIcon,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
    QTextCharFormat,
)

# Okabe–Ito
BLUE = "#0072B2"
ORANGE = "#E69F00"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
BLUISH_GREEN = "#009E73"
SKY_BLUE = "#56B4E9"
YELLOW = "#F0E442"

STATUSES = ("red_flag", "weak", "missing", "present")


@dataclass(frozen=True)
class StatusStyle:
    """Everything that shows one status."""

    status: str
    label: str
    plural: str
    colour: str
    #: background tint behind highlighted text (alpha 0-255)
    tint_alpha: int
    underline: QTextCharFormat.UnderlineStyle
    #: width of the margin bar in the text view, and whether it is dashed
    bar_width: float
    bar_dashed: bool
    description: str

    def tint(self) -> QColor:
        colour = QColor(self.colour)
        colour.setAlpha(self.tint_alpha)
        return colour


STYLES: dict[str, StatusStyle] = {
    "present": StatusStyle(
        "present", "Present", "present", BLUE, 24, QTextCharFormat.UnderlineStyle.DotLine,
        2.0, False, "The clause is there and reads as expected.",
    ),
    "weak": StatusStyle(
        "weak", "Weak", "weak", ORANGE, 64, QTextCharFormat.UnderlineStyle.DashUnderline,
        3.0, True, "The clause is there but falls short of the playbook.",
    ),
    "red_flag": StatusStyle(
        "red_flag", "Red flag", "red flags", VERMILLION, 56,
        QTextCharFormat.UnderlineStyle.WaveUnderline, 5.0, False,
        "The clause is there and works against our side.",
    ),
    "missing": StatusStyle(
        "missing", "Missing", "missing", REDDISH_PURPLE, 0,
        QTextCharFormat.UnderlineStyle.NoUnderline, 0.0, True,
        "The playbook expects this clause and the document lacks it.",
    ),
}

#: Severity of issues, least to most serious ("info" is a finding with nothing wrong).
SEVERITIES = ("info", "low", "medium", "high", "critical")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}
SEVERITY_LABELS = {
    "info": "", "low": "low", "medium": "medium", "high": "high", "critical": "critical",
}
#: Worst first: the order families and summaries are listed in.
STATUS_RANK = {"red_flag": 3, "weak": 2, "missing": 1, "present": 0}


def style(status: str) -> StatusStyle:
    return STYLES[status]


def status_summary(status: str, severity: str) -> str:
    """E.g. "Red flag · high severity" or "Present"."""
    label = STYLES[status].label
    if severity and severity != "info":
        return f"{label} · {severity} severity"
    return label


def _shape(status: str, rect: QRectF) -> QPainterPath:
    path = QPainterPath()
    c = rect.center()
    r = rect.width() / 2
    if status == "present":
        path.addEllipse(rect)
    elif status == "weak":
        path.addPolygon(
            QPolygonF([
                QPointF(c.x(), rect.top()),
                QPointF(rect.right(), rect.bottom() - r * 0.12),
                QPointF(rect.left(), rect.bottom() - r * 0.12),
            ])
        )
        path.closeSubpath()
    elif status == "red_flag":
        k = r * 0.414
        points = [
            (c.x() - k, rect.top()), (c.x() + k, rect.top()),
            (rect.right(), c.y() - k), (rect.right(), c.y() + k),
            (c.x() + k, rect.bottom()), (c.x() - k, rect.bottom()),
            (rect.left(), c.y() + k), (rect.left(), c.y() - k),
        ]
        path.addPolygon(QPolygonF([QPointF(x, y) for x, y in points]))
        path.closeSubpath()
    else:
        path.addEllipse(rect)
    return path


def paint_marker(painter: QPainter, status: str, rect: QRectF) -> None:
    """Draw the status symbol in ``rect`` (square): the shape is the colour-free cue."""
    st = STYLES[status]
    colour = QColor(st.colour)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    r = rect.width()
    inner = rect.adjusted(r * 0.06, r * 0.06, -r * 0.06, -r * 0.06)
    path = _shape(status, inner)
    if status == "missing":
        pen = QPen(colour, max(1.2, r * 0.11))
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(QBrush(QColor("#ffffff")))
        painter.drawPath(path)
        painter.setPen(QPen(colour.darker(130), max(1.2, r * 0.12)))
        c = inner.center()
        painter.drawLine(QPointF(c.x() - r * 0.2, c.y()), QPointF(c.x() + r * 0.2, c.y()))
    else:
        painter.setPen(QPen(colour.darker(125), max(1.0, r * 0.06)))
        painter.setBrush(QBrush(colour))
        painter.drawPath(path)
        painter.setPen(QPen(QColor("#ffffff"), max(1.4, r * 0.13), Qt.PenStyle.SolidLine,
                            Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
        c = inner.center()
        if status == "present":
            painter.drawPolyline(QPolygonF([
                QPointF(c.x() - r * 0.22, c.y() + r * 0.0),
                QPointF(c.x() - r * 0.05, c.y() + r * 0.17),
                QPointF(c.x() + r * 0.24, c.y() - r * 0.17),
            ]))
        else:
            top = c.y() - r * 0.2 if status == "red_flag" else c.y() - r * 0.08
            painter.drawLine(QPointF(c.x(), top), QPointF(c.x(), c.y() + r * 0.1))
            painter.drawPoint(QPointF(c.x(), c.y() + r * 0.27))
    painter.restore()


@cache
def status_icon(status: str) -> QIcon:
    """Icon for a status at 16 and 32 px (and their high-DPI doubles)."""
    icon = QIcon()
    for size in (16, 20, 32, 64):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        paint_marker(painter, status, QRectF(0, 0, size, size))
        painter.end()
        icon.addPixmap(pixmap)
    return icon
