"""A copy of a PDF original with a highlight and a pop-up note on each flagged clause.

The reviewer cannot change a PDF's text, so the notes say what a Word comment would. Rectangles
come from :meth:`Document.boxes` (points from the top-left of the page as displayed); PDF
annotations live in the page's own user space, so each box is mapped back through the page's
crop box and /Rotate. Highlights carry their own appearance stream so that every viewer draws
them, and a page-one note lists the clauses the agreement lacks. pypdf (BSD) writes the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    RectangleObject,
    TextStringObject,
)

from clause_library.document import Box, Document
from clause_library.export.items import Item, quote
from clause_library.review import Review

#: Highlight colours (RGB 0-1) by status: soft enough to read the text through.
COLOURS: dict[str, tuple[float, float, float]] = {
    "red_flag": (1.0, 0.62, 0.62),
    "weak": (1.0, 0.87, 0.35),
}
_PRINT = 4
_NO_ZOOM_NO_ROTATE = 8 | 16
#: Pop-up note size in points.
_POPUP_W, _POPUP_H = 240.0, 160.0


@dataclass
class PdfSummary:
    path: Path
    #: issue key -> pages (1-based) highlighted
    highlights: dict[str, list[int]]
    unanchored: list[str]


def to_user_space(box: Box, page_box: RectangleObject, rotation: int) -> tuple[float, ...]:
    """``(x0, y0, x1, y1)`` in PDF user space for a box measured from the displayed page's
    top-left corner, for a page with crop box ``page_box`` and /Rotate ``rotation``."""
    left, bottom = float(page_box.left), float(page_box.bottom)
    right, top = float(page_box.right), float(page_box.top)
    rotation %= 360

    def point(x: float, y: float) -> tuple[float, float]:
        if rotation == 90:
            return left + y, bottom + x
        if rotation == 180:
            return right - x, bottom + y
        if rotation == 270:
            return right - y, top - x
        return left + x, top - y

    xa, ya = point(box.x0, box.top)
    xb, yb = point(box.x1, box.bottom)
    return min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb)


def _note(item: Item) -> str:
    lines = [f"{item.status_label} · {item.severity_label}: {item.clause_title}"]
    if item.headline:
        lines.append(f"Issue: {item.headline.rstrip('.')}.")
    if item.why:
        lines.append("Why it matters: " + " ".join(item.why))
    if item.recommendation:
        lines.append("Recommendation: " + " ".join(item.recommendation))
    if item.change is not None:
        old, new = item.change
        lines.append(f"Suggested change: “{quote(old)}” → “{new}”.")
    if item.language and (not item.recommendation or item.recommendation[0].startswith("Replace")):
        lines.append("Preferred position: " + item.language)
    if item.decision.status is not None:
        lines.append(f"Decision: {item.decision.label}.")
    if item.decision.note:
        lines.append("Reviewer’s note: " + item.decision.note)
    return "\n".join(lines)


def _gaps_note(items: Sequence[Item]) -> str:
    lines = ["Missing clauses", "The playbook expects these clauses and the agreement has none:"]
    for item in items:
        need = "required" if item.required else "recommended"
        lines.append(f"• {item.clause_title} ({need}, {item.severity_label.lower()})")
        if item.decision.note:
            lines.append(f"  Reviewer’s note: {item.decision.note}")
    lines.append("The issues memo gives the language to propose.")
    return "\n".join(lines)


def _pdf_date(when: datetime) -> str:
    return when.strftime("D:%Y%m%d%H%M%SZ")


def _appearance(
    writer: PdfWriter,
    rect: tuple[float, ...],
    quads: Sequence[tuple[float, ...]],
    colour: tuple[float, ...],
) -> DictionaryObject:
    """A normal appearance that multiplies the colour over the text, like a highlighter."""
    x0, y0, x1, y1 = rect
    ops = [b"/GS0 gs", b"%.3f %.3f %.3f rg" % colour]
    for qx0, qy0, qx1, qy1 in quads:
        ops.append(b"%.2f %.2f %.2f %.2f re f" % (qx0, qy0, qx1 - qx0, qy1 - qy0))
    stream = DecodedStreamObject()
    stream.set_data(b"\n".join(ops))
    gs = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/ExtGState"),
            NameObject("/BM"): NameObject("/Multiply"),
            NameObject("/CA"): FloatObject(1),
            NameObject("/ca"): FloatObject(1),
        }
    )
    stream.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): RectangleObject((x0, y0, x1, y1)),
            NameObject("/Resources"): DictionaryObject(
                {NameObject("/ExtGState"): DictionaryObject({NameObject("/GS0"): gs})}
            ),
        }
    )
    return DictionaryObject({NameObject("/N"): writer._add_object(stream)})


def write_annotated_pdf(
    review: Review,
    items: Sequence[Item],
    out_path: Path,
    *,
    source: bytes,
    author: str,
    when: datetime,
) -> PdfSummary:
    """Write the highlighted copy of ``source`` (the reviewed PDF's bytes) to ``out_path``."""
    document: Document = review.document
    annotator = _Annotator(PdfWriter(clone_from=PdfReader(BytesIO(source))), author, when)
    writer = annotator.writer
    summary = PdfSummary(out_path, {}, [])
    findings = {f.key: f for f in review.findings}
    for item in items:
        finding = findings.get(item.key)
        if finding is None or not item.is_issue:
            continue
        boxes = document.boxes(finding.clause_start, finding.clause_end)
        pages = [
            number
            for number in sorted({b.page for b in boxes})
            if 1 <= number <= len(writer.pages)
        ]
        for number in pages:
            annotator.highlight(number, [b for b in boxes if b.page == number], item)
        if pages:
            summary.highlights[item.key] = pages
        else:
            summary.unanchored.append(item.key)
    gaps = [i for i in items if i.source == "gap"]
    if gaps and len(writer.pages):
        annotator.sticky(gaps)
    writer.add_metadata({"/ModDate": annotator.date})
    with out_path.open("wb") as handle:
        writer.write(handle)
    return summary


class _Annotator:
    def __init__(self, writer: PdfWriter, author: str, when: datetime) -> None:
        self.writer = writer
        self.author = author
        self.date = _pdf_date(when)
        self.count = 0

    def _common(self, subtype: str, subject: str, contents: str) -> DictionaryObject:
        self.count += 1
        return DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject(subtype),
                NameObject("/T"): TextStringObject(self.author),
                NameObject("/Subj"): TextStringObject(subject),
                NameObject("/Contents"): TextStringObject(contents),
                NameObject("/NM"): TextStringObject(f"clause-review-{self.count}"),
                NameObject("/M"): TextStringObject(self.date),
                NameObject("/CreationDate"): TextStringObject(self.date),
            }
        )

    def highlight(self, page_number: int, boxes: Sequence[Box], item: Item) -> None:
        """One highlight (all the clause's lines on this page) with its pop-up note."""
        page = self.writer.pages[page_number - 1]
        crop = page.cropbox
        pad = 0.6
        rects = [
            (x0 - pad, y0 - pad, x1 + pad, y1 + pad)
            for x0, y0, x1, y1 in (to_user_space(b, crop, page.rotation) for b in boxes)
        ]
        quad_points = ArrayObject()
        for x0, y0, x1, y1 in rects:
            # upper-left, upper-right, lower-left, lower-right: the order viewers expect
            quad_points += [FloatObject(v) for v in (x0, y1, x1, y1, x0, y0, x1, y0)]
        bbox = (
            min(r[0] for r in rects),
            min(r[1] for r in rects),
            max(r[2] for r in rects),
            max(r[3] for r in rects),
        )
        colour = COLOURS.get(item.status, COLOURS["weak"])
        subject = f"{item.status_label} · {item.severity_label}: {item.clause_title}"
        highlight = self._common("/Highlight", subject, _note(item))
        highlight.update(
            {
                NameObject("/Rect"): RectangleObject(bbox),
                NameObject("/QuadPoints"): quad_points,
                NameObject("/C"): ArrayObject([FloatObject(c) for c in colour]),
                NameObject("/CA"): FloatObject(1),
                NameObject("/F"): NumberObject(_PRINT),
                NameObject("/AP"): _appearance(self.writer, bbox, rects, colour),
            }
        )
        added = self.writer.add_annotation(page, highlight)
        popup = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Popup"),
                NameObject("/Rect"): RectangleObject(_popup_rect(crop, bbox)),
                NameObject("/Open"): BooleanObject(False),
                NameObject("/Parent"): added.indirect_reference,
            }
        )
        popup_added = self.writer.add_annotation(page, popup)
        added[NameObject("/Popup")] = popup_added.indirect_reference

    def sticky(self, gaps: Sequence[Item]) -> None:
        """A note icon in the top margin of page one listing the missing clauses."""
        page = self.writer.pages[0]
        crop = page.cropbox
        x1 = float(crop.right) - 18
        y1 = float(crop.top) - 12
        note = self._common("/Text", "Missing clauses", _gaps_note(gaps))
        note.update(
            {
                NameObject("/Rect"): RectangleObject((x1 - 20, y1 - 20, x1, y1)),
                NameObject("/Name"): NameObject("/Comment"),
                NameObject("/C"): ArrayObject([FloatObject(c) for c in (0.55, 0.7, 1.0)]),
                NameObject("/F"): NumberObject(_PRINT | _NO_ZOOM_NO_ROTATE),
                NameObject("/Open"): BooleanObject(False),
            }
        )
        self.writer.add_annotation(page, note)


def _popup_rect(
    crop: RectangleObject, bbox: tuple[float, ...]
) -> tuple[float, float, float, float]:
    """Beside the highlight, inside the page: viewers that open pop-ups put them there."""
    right, top = float(crop.right), float(crop.top)
    left, bottom = float(crop.left), float(crop.bottom)
    y1 = min(max(bbox[3], bottom + _POPUP_H), top)
    x1 = right
    return max(left, x1 - _POPUP_W), y1 - _POPUP_H, x1, y1
