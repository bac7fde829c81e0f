"""Read a PDF's text layer into a :class:`~clause_library.document.Document`.

Characters come from PDFium through ``pypdfium2.raw``: each page's text in one ``FPDFText_GetText``
call, and each inked character's loose box (spaces and line breaks skipped) written by
``FPDFText_GetLooseCharBox`` straight into a NumPy array through a ctypes prototype that takes
plain integers. On a 115-page CUAD contract the object API (``PdfTextPage.get_charbox``) needed
0.51 s of CPU just to fetch the boxes; this path reads and lays out the whole document in 0.35 s,
0.13 s of it PDFium's own parsing, because lines, whitespace and geometry are then array
operations rather than per-character Python.
"""

from __future__ import annotations

import ctypes
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise, repeat
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from clause_library.document import TITLE_WORDS, BlockKind, Document, DocumentBuilder
from clause_library.errors import CorruptDocumentError, EncryptedDocumentError, NoTextLayerError

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]

#: Fewer non-space characters than this per page, on average, means the PDF is a scan.
MIN_CHARS_PER_PAGE = 20
#: Share of the page height, at the top and at the bottom, searched for running heads and feet.
FURNITURE_ZONE = 0.08
#: Lone page numbers this close to an edge need no further evidence; filings printed from HTML
#: put them wherever the page broke, so elsewhere they must keep step with the page count.
PAGE_NUMBER_ZONE = 0.2
#: A line is furniture when it repeats at the page edges on this share of pages (at least 3).
FURNITURE_SHARE = 0.4
#: A vertical gap this many times the page's usual line pitch starts a new paragraph.
GAP_FACTOR = 1.4


def _bind(name: str, restype: Any, *argtypes: Any) -> Callable[..., int]:
    """A prototype taking plain ints, so a hot loop pays no per-call argument conversion."""
    address = ctypes.cast(getattr(pdfium_c, name), ctypes.c_void_p).value or 0
    function: Callable[..., int] = ctypes.CFUNCTYPE(restype, *argtypes)(address)
    return function


_VOID, _INT = ctypes.c_void_p, ctypes.c_int
_get_text = _bind("FPDFText_GetText", _INT, _VOID, _INT, _INT, _VOID)
_get_unicode = _bind("FPDFText_GetUnicode", ctypes.c_uint, _VOID, _INT)
_get_loose_box = _bind("FPDFText_GetLooseCharBox", _INT, _VOID, _INT, _VOID)
_get_font_weight = _bind("FPDFText_GetFontWeight", _INT, _VOID, _INT)

_HYPHEN_MARK = 2  # what PDFium reports for a hyphen it judged to end a line
_NOT_UNICODE = 0xFFFE
_INK, _SPACE, _BREAK, _DROP = 0, 1, 2, 3


def _char_classes() -> npt.NDArray[np.uint8]:
    """What each BMP code point is to the layout: ink, space, line break or nothing."""
    table = np.zeros(0x10000, dtype=np.uint8)
    table[:32] = _DROP
    table[0x7F:0xA0] = _DROP
    table[[0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xFFFE, 0xFFFF]] = _DROP
    table[[0x09, 0x20, 0xA0, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000]] = _SPACE
    table[[0x0A, 0x0D]] = _BREAK
    return table


_CLASSES = _char_classes()
_NAN_ROW = np.full((1, 4), np.nan, dtype=np.float32)

_LOAD_ERRORS = {
    pdfium_c.FPDF_ERR_FILE: "the file could not be opened",
    pdfium_c.FPDF_ERR_FORMAT: "it is not a valid PDF, or it is incomplete",
    pdfium_c.FPDF_ERR_PAGE: "a page could not be read",
}

_MARKER = re.compile(
    r"""(?:
        (?P<word>(?:article|section|clause|schedule|exhibit|annex|appendix|part)
            \s+[0-9ivxlc]{1,6}(?:\.[0-9]{1,3})*[.:]?)
      | (?P<num>[0-9]{1,3}(?:\.[0-9]{1,3})*[.)]|[0-9]{1,3}(?:\.[0-9]{1,3})+)
      | (?P<item>\((?:[0-9]{1,3}|[a-z]{1,2}|[ivx]{1,6})\)|[a-z][.)]|[ivx]{1,5}[.)])
      | (?P<bullet>[\u2022\u25cf\u25cb\u25e6\u25aa\u25a0\u25a1\u00b7\uf0b7])
    )(?=\s|$)""",
    re.IGNORECASE | re.VERBOSE,
)
_TWO_LETTERS = re.compile(r"[^\W\d_].*[^\W\d_]")
_THREE_LETTERS = re.compile(r"[^\W\d_].*[^\W\d_].*[^\W\d_]")
_OPENING_QUOTES = "\"\u201c\u2018'"
_TERMINAL = re.compile(r"[.:?!][\"'\u2019\u201d)\]]*$")
_HYPHENATED = re.compile(r"(?:^|[^A-Za-z])([a-z]+)-$")
_WORD = re.compile(r"[a-z]+")
_COMPOUND_PREFIXES = frozenset(
    re.findall(
        r"\w+",
        "non co pre post anti multi sub semi inter intra self cross quasi counter vice mid well",
    )
)
#: A line ending in one of these words continues into a number ("... under Section\n5.2").
_CONTINUATION_WORDS = frozenset(
    re.findall(
        r"\w+",
        "section sections article articles clause clauses paragraph paragraphs subsection "
        "subsections subparagraph subparagraphs schedule schedules exhibit exhibits annex "
        "appendix item items part parts no number rule form of to in under with by pursuant see",
    )
)
_PAGE_NUMBER = re.compile(
    r"^(?:page\s*|[a-z]\s*[-\u2013]\s*)?"
    r"(?:[-\u2013\u2014]\s*#\s*[-\u2013\u2014]|\[#\]|#|[ivxlc]{1,6})"
    r"(?:\s*(?:of|/)\s*#)?$",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"^(?:[0-9]+|[ivxlc]+)$", re.IGNORECASE)
_BY_AND_BETWEEN = re.compile(r"\s+(?:(?:made\s+)?by\s+and\s+)?between\s+", re.IGNORECASE)
_NOT_A_TITLE = re.compile(
    r"^(?:microsoft\s+\w+\s*-|untitled|document\d*$|title$|ex(?:hibit)?[-\s.]*\d)"
    r"|\.(?:docx?|pdf|rtf|txt|html?|wpd|xlsx?)\s*$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Line:
    """One visual line: a slice of its page's kept characters plus the geometry the layout uses."""

    page: int
    text: str
    k0: int
    k1: int
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    furniture: bool = False
    short: bool = False
    heading: bool = False
    row: int = 0  # the line's vertical centre, rounded: lines sharing it share a baseline
    zone: float = 0.0  # distance of the centre from the nearer page edge, as a share of height
    joiner: str = " "  # put before this line when it continues the previous one
    trim: int = 0  # characters dropped from the end (a line-end hyphen)


@dataclass(slots=True)
class _Page:
    number: int
    width: float
    height: float
    text: str
    boxes: FloatArray
    ink: int
    lines: list[_Line] = field(default_factory=list)


def read_pdf(path: Path, data: bytes, sha256: str) -> Document:
    """Read ``data`` (the bytes of ``path``); raise a :class:`DocumentError` for what a user can
    meet: a password, damage, or a scan without a text layer."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise EncryptedDocumentError(path) from exc
        if exc.err_code == pdfium_c.FPDF_ERR_SUCCESS:
            raise CorruptDocumentError(path, "it has no pages") from exc
        detail = _LOAD_ERRORS.get(exc.err_code or -1, "the PDF reader could not open it")
        raise CorruptDocumentError(path, detail) from exc
    try:
        pages: list[_Page] = []
        for index in range(len(pdf)):
            try:
                pages.append(_read_page(pdf, index))
            except pdfium.PdfiumError as exc:
                raise CorruptDocumentError(path, f"page {index + 1} cannot be read") from exc
        try:
            title = _meaningful_title(pdf.get_metadata_value("Title"))
        except (pdfium.PdfiumError, UnicodeDecodeError):  # a malformed Info string
            title = ""
    except pdfium.PdfiumError as exc:
        raise CorruptDocumentError(path, "the PDF reader could not read it") from exc
    finally:
        pdf.close()
    if not pages:
        raise CorruptDocumentError(path, "it has no pages")
    if sum(p.ink for p in pages) < MIN_CHARS_PER_PAGE * len(pages):
        raise NoTextLayerError(path, len(pages))
    return _Layout(path, pages).build(sha256, title)


def _read_page(pdf: pdfium.PdfDocument, index: int) -> _Page:
    page = pdf.get_page(index)
    try:
        width, height = page.get_size()
        to_top_left = _device_transform(page, width, height)
        textpage = page.get_textpage()
        try:
            handle = ctypes.cast(textpage.raw, ctypes.c_void_p).value or 0
            count = max(pdfium_c.FPDFText_CountChars(textpage), 0)
            codes = _char_codes(handle, count)
            codes[(codes == _HYPHEN_MARK) | (codes == 0xAD)] = 0x2D
            classes = np.where(codes > 0xFFFF, _INK, _CLASSES[codes & 0xFFFF]).astype(np.uint8)
            boxes = _char_boxes(handle, classes, to_top_left)
            result, kept = _page_lines(index + 1, (width, height), codes, classes, boxes)
            for line in result.lines:  # weight is read from a line's first and last character
                first, last = int(kept[line.k0]), int(kept[line.k1 - 1])
                weight = min(_get_font_weight(handle, first), _get_font_weight(handle, last))
                line.bold = weight >= 600
        finally:
            textpage.close()
    finally:
        page.close()
    return result


def _char_codes(handle: int, count: int) -> IntArray:
    """Code points of the page's characters, one per PDFium character index."""
    if count == 0:
        return np.zeros(0, np.int64)
    buffer = np.zeros(count + 1, np.uint16)
    written = _get_text(handle, 0, count, buffer.ctypes.data)
    if written - 1 == count:
        codes = buffer[:count].astype(np.int64)
        # The text buffer says U+FFFE both for a hyphen PDFium judged to end a line and for an
        # unmapped glyph; the character API tells them apart.
        for i in np.flatnonzero(codes == _NOT_UNICODE).tolist():
            codes[i] = _get_unicode(handle, i)
        if not ((codes >= 0xD800) & (codes < 0xE000)).any():
            return codes
    # Text and character indices disagree (astral or dropped characters): ask per character.
    return np.fromiter(map(_get_unicode, repeat(handle, count), range(count)), np.int64, count)


def _char_boxes(
    handle: int, classes: npt.NDArray[np.uint8], transform: tuple[float, ...]
) -> FloatArray:
    """Loose boxes ``x0, top, x1, bottom`` from the top-left corner; NaN for generated characters
    and, to save a call each, for spaces and line breaks, which no highlight needs."""
    count = classes.size
    raw = np.full((count, 4), np.nan, dtype=np.float32)  # FS_RECTF: left, top, right, bottom
    wanted = np.flatnonzero(classes == _INK)
    if wanted.size:
        addresses = (raw.ctypes.data + 16 * wanted).tolist()
        indices = wanted.tolist()
        for _ in map(_get_loose_box, repeat(handle, len(indices)), indices, addresses):
            pass
    left, top, right, bottom = (raw[:, i].astype(np.float64) for i in range(4))
    a, b, c, d, e, f = transform
    xa, ya = a * left + b * top + e, c * left + d * top + f
    xb, yb = a * right + b * bottom + e, c * right + d * bottom + f
    out = np.stack(
        [np.minimum(xa, xb), np.minimum(ya, yb), np.maximum(xa, xb), np.maximum(ya, yb)], axis=1
    ).astype(np.float32)
    with np.errstate(invalid="ignore"):
        out[~((right > left) & (top > bottom))] = np.nan  # PDFium's inserted spaces and breaks
    return out


def _device_transform(page: pdfium.PdfPage, width: float, height: float) -> tuple[float, ...]:
    """Affine map from PDF user space to points from the displayed page's top-left corner,
    honouring /Rotate and a crop box that does not start at the origin."""
    scale = 64.0  # FPDF_PageToDevice rounds to whole device pixels
    size_x, size_y = max(round(width * scale), 1), max(round(height * scale), 1)
    dx, dy = ctypes.c_int(), ctypes.c_int()
    points = []
    for px, py in ((0.0, 0.0), (1000.0, 0.0), (0.0, 1000.0)):
        pdfium_c.FPDF_PageToDevice(page, 0, 0, size_x, size_y, 0, px, py, dx, dy)
        points.append((dx.value / scale, dy.value / scale))
    (x0, y0), (x1, y1), (x2, y2) = points
    return ((x1 - x0) / 1000, (x2 - x0) / 1000, (y1 - y0) / 1000, (y2 - y0) / 1000, x0, y0)


def _page_lines(
    number: int,
    size: tuple[float, float],
    codes: IntArray,
    classes: npt.NDArray[np.uint8],
    boxes: FloatArray,
) -> tuple[_Page, IntArray]:
    """Split a page's characters into lines, dropping control characters, leading and trailing
    spaces and repeated spaces, with array operations (a per-character loop costs more than
    PDFium). Returns the page and, per kept character, its PDFium index."""
    width, height = size
    is_break = classes == _BREAK
    is_space = classes == _SPACE
    visible = classes <= _SPACE
    vis = np.flatnonzero(visible)
    empty = _Page(number, width, height, "", np.zeros((0, 4), np.float32), 0)
    if vis.size == 0:
        return empty, vis
    breaks_before = np.cumsum(is_break)[vis]
    new_line = np.ones(vis.size, dtype=bool)
    new_line[1:] = breaks_before[1:] != breaks_before[:-1]
    # A vertical jump between consecutive inked characters also ends a line.
    ink = np.flatnonzero(~is_space[vis] & ~np.isnan(boxes[vis, 1]))
    if ink.size > 1:
        ink_boxes = boxes[vis[ink]]
        centre = (ink_boxes[:, 1] + ink_boxes[:, 3]) / 2
        tall = np.maximum(ink_boxes[:, 3] - ink_boxes[:, 1], 1.0)
        jump = np.abs(np.diff(centre)) > 0.5 * np.maximum(tall[1:], tall[:-1])
        new_line[ink[1:][jump]] = True
    line_id = np.cumsum(new_line) - 1
    space = is_space[vis]
    pos = np.arange(vis.size)
    last_ink = np.maximum.reduceat(np.where(space, -1, pos), np.flatnonzero(new_line))[line_id]
    prev_space = np.ones(vis.size, dtype=bool)
    prev_space[1:] = space[:-1]
    keep = ~space | (~new_line & ~prev_space & (pos < last_ink))
    kept = vis[keep]
    if kept.size == 0:
        return empty, kept
    kept_line = line_id[keep]
    kept_codes = np.where(is_space[kept], 32, codes[kept]).astype("<u4")
    text = kept_codes.tobytes().decode("utf-32-le", errors="replace")
    page_boxes = boxes[kept]
    starts = np.flatnonzero(np.r_[True, kept_line[1:] != kept_line[:-1]])
    ends = np.r_[starts[1:], kept.size]
    x0 = np.fmin.reduceat(page_boxes[:, 0], starts).tolist()
    top = np.fmin.reduceat(page_boxes[:, 1], starts).tolist()
    x1 = np.fmax.reduceat(page_boxes[:, 2], starts).tolist()
    bottom = np.fmax.reduceat(page_boxes[:, 3], starts).tolist()
    ink_count = int(np.count_nonzero(~is_space[kept]))
    page = _Page(number, width, height, text, page_boxes, ink_count)
    drawn: dict[str, list[tuple[float, float]]] = {}
    for i, (s, e) in enumerate(zip(starts.tolist(), ends.tolist(), strict=True)):
        if math.isnan(top[i]):  # a line of generated characters only has nowhere to go
            continue
        where = drawn.setdefault(text[s:e], [])
        if any(abs(x - x0[i]) < 1.5 and abs(y - top[i]) < 1.5 for x, y in where):
            continue  # the same line drawn again on top of itself (poor man's bold)
        where.append((x0[i], top[i]))
        # Size is the loose box height: font size times the text matrix, which Tf alone is not.
        tall = bottom[i] - top[i]
        line = _Line(number, text[s:e], s, e, x0[i], top[i], x1[i], bottom[i], tall, False)
        centre = (top[i] + bottom[i]) / 2
        line.row = round(centre)
        line.zone = min(centre, height - centre) / max(height, 1.0)
        page.lines.append(line)
    return page, kept


def _normal(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()))


def _furniture_key(text: str) -> str:
    """Digits normalised when the line has words; verbatim (marked '=') when it has none."""
    if _TWO_LETTERS.search(text):
        return _normal(text)
    return "=" + " ".join(text.split())


def _is_number(text: str) -> bool:
    return text.isascii() and text.isdecimal()


def _marker(text: str, *, after_stop: bool = True) -> re.Match[str] | None:
    """The list or section marker opening ``text``. Unless the line before ended a sentence or
    clause (``after_stop``), a number or "Section 5" followed by a lowercase word reads as a
    wrapped reference ("... under\n5.2 of this Agreement"), not a marker."""
    match = _MARKER.match(text)
    if match is None:
        return None
    numbered = match.group("num") or match.group("word")
    if numbered and not after_stop and text[match.end() :].lstrip()[:1].islower():
        return None
    return match


def _title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'\u2019-]*", text) if len(w) > 3]
    return bool(re.search(r"[A-Za-z]", text)) and all(w[0].isupper() for w in words)


def _meaningful_title(title: str) -> str:
    """The metadata title, unless it is a file name, a placeholder or a filing code."""
    title = " ".join(title.split())
    letters = sum(ch.isalpha() for ch in title)
    if len(title) < 4 or len(title) > 200 or letters < 3 or letters < len(title) / 2:
        return ""
    if _NOT_A_TITLE.search(title) or (" " not in title and any(ch.isdigit() for ch in title)):
        return ""
    return title


class _Emitter:
    """Buffers a page's text and boxes so the builder gets one append per page, not per line."""

    def __init__(self, builder: DocumentBuilder) -> None:
        self.builder = builder
        self.page = 0
        self.texts: list[str] = []
        self.boxes: list[FloatArray] = []
        self.pending = 0

    @property
    def pos(self) -> int:
        return self.builder.length + self.pending

    def add(self, page: int, text: str, boxes: FloatArray) -> None:
        if page != self.page:
            self.flush()
            self.page = page
        self.texts.append(text)
        self.boxes.append(boxes)
        self.pending += len(text)

    def flush(self) -> None:
        if self.texts:
            self.builder.append(
                "".join(self.texts), page=self.page, boxes=np.concatenate(self.boxes)
            )
        self.texts, self.boxes, self.pending = [], [], 0


class _Layout:
    """Turns the pages' lines into canonical text: furniture out, lines joined into blocks."""

    def __init__(self, path: Path, pages: list[_Page]) -> None:
        self.path = path
        self.pages = pages
        self.removed: list[str] = []
        self.body_size = 0.0
        self.pitch: dict[int, float] = {}
        self.folio_pages: set[int] = set()
        self.folio_offsets: dict[int, int] = {}

    def build(self, sha256: str, title: str) -> Document:
        self._mark_furniture()
        lines = [line for page in self.pages for line in page.lines if not line.furniture]
        ink = sum(len(line.text) - line.text.count(" ") for line in lines)
        if ink < MIN_CHARS_PER_PAGE * len(self.pages):  # e.g. a scan with a typed footer
            raise NoTextLayerError(self.path, len(self.pages))
        self._measure(lines)
        blocks = self._group(lines)
        builder = DocumentBuilder(self.path, "pdf")
        emitter = _Emitter(builder)
        first_at: dict[int, int] = {}
        last_at: dict[int, int] = {}
        headings: list[str] = []
        for block in blocks:
            if emitter.pos:
                emitter.add(block[0].page, "\n", _NAN_ROW)
            start = emitter.pos
            pieces: list[str] = []
            for j, line in enumerate(block):
                if j and line.joiner:
                    emitter.add(line.page, line.joiner, _NAN_ROW)
                    pieces.append(line.joiner)
                text = line.text[: len(line.text) - line.trim]
                boxes = self.pages[line.page - 1].boxes[line.k0 : line.k1 - line.trim]
                first_at.setdefault(line.page, emitter.pos)
                emitter.add(line.page, text, boxes)
                pieces.append(text)
                last_at[line.page] = emitter.pos
            kind, label, level = self._classify(block)
            spaced = label and len(block[0].text) > len(label)
            builder.add_block(
                kind,
                start,
                emitter.pos,
                body_start=start + len(label) + (1 if spaced else 0),
                label=label,
                level=level,
                page=block[0].page,
            )
            if kind == "heading" and block[0].page <= 2:
                headings.append("".join(pieces))
        emitter.flush()
        end = 0
        for page in self.pages:
            start = first_at.get(page.number, end)
            end = last_at.get(page.number, start)
            builder.add_page(page.number, page.width, page.height, start, end)
        return builder.build(
            sha256=sha256,
            title=title or _title_from_headings(headings),
            removed_furniture=self.removed,
            page_count=len(self.pages),
        )

    def _mark_furniture(self) -> None:
        """Drop running heads, feet and page numbers, which would split and pollute clauses.

        Filings printed from HTML put the page number wherever the page happened to break,
        often mid-height, so besides the top and bottom bands the outermost lines of every page
        are candidates; repetition across pages (or a page-number shape) decides.
        """
        removed: dict[str, None] = {}
        for _ in range(4):  # each round may uncover more furniture behind what it removed
            before = len(removed), sum(ln.furniture for page in self.pages for ln in page.lines)
            self._mark_running(removed)
            self._mark_page_numbers(removed)
            if (len(removed), sum(ln.furniture for p in self.pages for ln in p.lines)) == before:
                break
        self.removed = list(removed)

    def _mark_running(self, removed: dict[str, None]) -> None:
        """Lines repeating at the page edges: digits normalised, or verbatim when letterless
        (so a filing code repeats but section numbers opening pages do not)."""
        count = len(self.pages)
        seen: dict[str, set[int]] = {}
        outside: set[str] = set()
        edges = [(page, self._edge_lines(page, 2, 3)) for page in self.pages]
        for page, lines in edges:
            for line in lines:
                key = _furniture_key(line.text)
                seen.setdefault(key, set()).add(page.number)
                if line.zone > FURNITURE_ZONE or key[:1] == "=":
                    outside.add(key)
        need = max(3, math.ceil(FURNITURE_SHARE * count))
        repeated = {
            key
            for key, where in seen.items()
            if len(where) >= (max(need, 4) if key in outside else need)
        }
        for _, lines in edges:
            for line in lines:
                if _furniture_key(line.text) in repeated:
                    line.furniture = True
                    removed.setdefault(_normal(line.text), None)

    def _mark_page_numbers(self, removed: dict[str, None]) -> None:
        """The outermost line of a page when it reads as a folio. A bare number away from the
        page edges must also keep step with the page count on other pages."""
        near = [  # folio-like lines near the edges; only the outermost ones are removed
            (page, line)
            for page in self.pages
            for line in self._edge_lines(page, 2, 3)
            if _PAGE_NUMBER.match(_normal(line.text))
        ]
        outermost = {id(line) for page in self.pages for line in self._edge_lines(page, 1, 1)}
        numbers = [(page, line) for page, line in near if id(line) in outermost]
        for page, line in near:  # remembered across rounds: earlier removals still count
            self.folio_pages.add(page.number)
            if _is_number(line.text):
                self.folio_offsets[id(line)] = int(line.text) - page.number
        common = len(self.folio_pages) >= 2
        offsets = Counter(self.folio_offsets.values())
        for page, line in numbers:
            bare = _BARE_NUMBER.match(line.text) is not None
            if bare and line.zone > PAGE_NUMBER_ZONE:
                if not common:
                    continue
                if _is_number(line.text) and offsets[int(line.text) - page.number] < 2:
                    continue  # a lone number out of step with the pages: content, not a folio
            line.furniture = True
            removed.setdefault(_normal(line.text), None)

    @staticmethod
    def _edge_lines(page: _Page, top: int, bottom: int) -> list[_Line]:
        """The page's ``top`` highest and ``bottom`` lowest lines not yet marked as furniture
        (lines sharing a baseline count once), plus any line in the top and bottom bands."""
        lines = [line for line in page.lines if not line.furniture]
        if not lines:
            return []
        rows = sorted({line.row for line in lines})
        high, low = rows[min(top, len(rows)) - 1], rows[-min(bottom, len(rows))]
        return [ln for ln in lines if ln.row <= high or ln.row >= low or ln.zone <= FURNITURE_ZONE]

    def _measure(self, lines: list[_Line]) -> None:
        """Margins, body font size and line pitch, which the paragraph rules compare against."""
        long = [line for line in lines if len(line.text) >= 30] or lines
        widths = {page.number: page.width for page in self.pages}
        left = float(np.percentile([ln.x0 / widths[ln.page] for ln in long], 5))
        right = float(np.percentile([ln.x1 / widths[ln.page] for ln in long], 95))
        sizes = [ln.size for ln in long if ln.size > 0]
        self.body_size = float(np.median(sizes)) if sizes else 0.0
        for line in lines:
            width = widths[line.page]
            line.short = line.x1 < (right - 0.12 * (right - left)) * width
            line.heading = self._heading_like(line)
        steps: dict[int, list[float]] = {}
        for prev, line in pairwise(lines):
            step, tall = line.bottom - prev.bottom, line.bottom - line.top
            if line.page == prev.page and 0.5 * tall < step < 4 * tall:
                steps.setdefault(line.page, []).append(step)
        every = [s for page_steps in steps.values() for s in page_steps]
        heights = [ln.bottom - ln.top for ln in lines]
        default = float(np.median(every)) if every else 1.25 * float(np.median(heights))
        for page in self.pages:
            page_steps = steps.get(page.number, [])
            self.pitch[page.number] = (
                float(np.median(page_steps)) if len(page_steps) >= 3 else default
            )

    def _heading_like(self, line: _Line) -> bool:
        text = line.text
        if len(text) > 120 or text.endswith((",", ";")):
            return False
        words = text.split()
        if len(words) > 14 or (not line.short and len(words) > 8):
            return False
        if _TWO_LETTERS.search(text) is None:
            return False
        if text.isupper() and _THREE_LETTERS.search(text):
            return True
        marker = _marker(text)
        if marker and marker.group("word") and len(words) <= 10:
            return True
        emphasised = line.bold or (self.body_size > 0 and line.size > 1.15 * self.body_size)
        if not (emphasised or (marker and marker.group("num"))) or len(words) > 10:
            return False
        return _title_case(text[marker.end() :] if marker else text)

    def _group(self, lines: list[_Line]) -> list[list[_Line]]:
        """Lines into blocks; sets each continuing line's joiner and drops line-end hyphens."""
        vocabulary = _Vocabulary(lines)
        blocks: list[list[_Line]] = []
        for line in lines:
            if not blocks or self._starts_block(blocks[-1], line):
                blocks.append([line])
                continue
            prev = blocks[-1][-1]
            split = _HYPHENATED.search(prev.text)
            suffix = _WORD.match(line.text)
            if split and suffix and vocabulary.broken_word(split[1], suffix[0]):
                prev.trim, line.joiner = 1, ""
            elif prev.text.endswith(("-", "/")) and prev.text[-2:-1].isalnum():
                line.joiner = ""
            blocks[-1].append(line)
        return blocks

    def _starts_block(self, block: list[_Line], line: _Line) -> bool:
        prev = block[-1]
        same_page = prev.page == line.page
        step = line.bottom - prev.bottom
        gap = same_page and (
            step < 0.5 * (line.bottom - line.top) or step > GAP_FACTOR * self.pitch[line.page]
        )
        if prev.heading:
            caps = prev.text.isupper() and line.text.isupper()
            return not (caps and line.heading and not gap and _marker(line.text) is None)
        if gap:
            return True
        terminal = _TERMINAL.search(prev.text) is not None
        stop = terminal or prev.text.endswith(";")
        marker = _marker(line.text, after_stop=stop)
        if marker is not None:
            last_word = prev.text.rsplit(" ", 1)[-1].lower()
            if last_word in _CONTINUATION_WORDS:
                return False
            # "(i)" opening a wrapped line mid-sentence is an inline enumeration, not an item.
            mid_sentence = prev.text[-1:].isalnum() and last_word not in ("and", "or", "and/or")
            return not (marker.group("item") and mid_sentence and not prev.short)
        if stop and line.text[:1] in _OPENING_QUOTES:
            return True  # the next entry of a list of definitions
        if line.heading and (prev.short or terminal):
            return True
        if terminal and prev.short:
            return True
        return terminal and len(block) > 1 and abs(line.x0 - prev.x0) > 12

    def _classify(self, block: list[_Line]) -> tuple[BlockKind, str, int]:
        first = block[0]
        marker = _marker(first.text)
        label = marker.group(0) if marker else ""
        if not all(line.heading for line in block):
            return "paragraph", label, 0
        if marker and marker.group("num"):
            return "heading", label, label.rstrip(".)").count(".") + 1
        return "heading", label, 1


class _Vocabulary:
    """The document's own words, to tell a word broken by hyphenation at a line end ("pay-" /
    "ments") from a hyphenated compound ("third-" / "party"), which in contracts is the more
    common case."""

    def __init__(self, lines: list[_Line]) -> None:
        self.lines = lines
        self._text: str | None = None

    @property
    def text(self) -> str:
        """Lowercased text without the halves of line-end splits, which are what is decided;
        built on first use, as most lines never end in a hyphen."""
        if self._text is None:
            parts: list[str] = []
            cut_next = False
            for line in self.lines:
                text = line.text.partition(" ")[2] if cut_next else line.text
                cut_next = text.endswith("-")
                parts.append(text.rpartition(" ")[0] if cut_next else text)
            self._text = "\n".join(parts).lower()
        return self._text

    def has(self, word: str) -> bool:
        """Whether ``word`` occurs as a whole word (str.find: a regex scan is far slower)."""
        text = self.text
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            if not text[at - 1 : at].isalpha() and not text[end : end + 1].isalpha():
                return True
            at = text.find(word, at + 1)
        return False

    def broken_word(self, prefix: str, suffix: str) -> bool:
        if self.has(f"{prefix}-{suffix}"):
            return False
        if self.has(prefix + suffix):
            return True
        if prefix in _COMPOUND_PREFIXES:
            return False
        return not (self.has(prefix) and self.has(suffix))


def _title_from_headings(headings: list[str]) -> str:
    """A heading naming the agreement, else the first that is not a label or lead-in; else
    nothing, so the front end falls back to the file name."""
    candidates = [h[:200] for h in headings[:25] if not _NOT_A_TITLE.search(h)]
    plain = [c for c in candidates if _marker(c) is None and not c.endswith(":")]
    for candidate in plain:
        if TITLE_WORDS.search(candidate):
            return _BY_AND_BETWEEN.split(candidate, 1)[0]
    return plain[0] if plain else ""  # "ARTICLE I" or "WITNESSETH:" would only mislead
