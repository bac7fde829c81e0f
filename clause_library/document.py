"""The canonical reading of an agreement, whatever file it came from.

A :class:`Document` is the full text in reading order, its blocks (paragraphs, headings, list
items, table cells), its pages, and for every character a way back to its source: the paragraph
and run of a .docx, the page and box of a PDF, the character of a .txt (whose canonical text *is*
the file's own characters). Ingesters build documents through :class:`DocumentBuilder`; everything
downstream (segmentation, matching, export) reads only the document.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt

#: Words that name an instrument: a title holding one names the agreement, where the lines
#: around it may name a party or a project ("AEMSTEL ACADEMIC PRESS B.V.", "PROJECT KESTREL").
TITLE_WORDS = re.compile(
    r"agreement|contract|lease|licen[cs]e|amendment|addendum|terms|deed|memorandum|indenture"
    r"|plan|charter|bylaws|warrant|note|guarant",
    re.IGNORECASE,
)

Format = Literal["docx", "pdf", "txt"]
BlockKind = Literal["title", "heading", "paragraph", "list_item", "table_cell"]


@dataclass(frozen=True)
class Box:
    """A rectangle on a PDF page, in points, origin at the page's top-left corner."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class RunRef:
    """Where one character of a .docx lives.

    ``paragraph`` is the index of the ``w:p`` in ``body.iter(w:p)`` (every paragraph counts,
    table and empty ones included); ``run`` is the index among that paragraph's ``iter(w:r)``
    elements that are not inside ``w:del`` or ``w:moveFrom`` (runs inside ``w:ins``,
    ``w:hyperlink``, ``w:sdt`` and ``w:smartTag`` count); ``offset`` is the character offset in
    that run's text. ``clause_library.ingest.docx`` implements these rules.
    """

    paragraph: int
    run: int
    offset: int


@dataclass(frozen=True)
class Piece:
    """A stretch ``text[start:end]`` copied verbatim from one .docx run."""

    start: int
    end: int
    paragraph: int
    run: int
    offset: int


@dataclass(frozen=True)
class Block:
    """A paragraph-level unit of the document, in reading order.

    ``text[start:end]`` is the block as the reader sees it: the rendered list label (if any),
    a space, then the body, which begins at ``body_start``. ``level`` is the heading outline level
    (1 = top) for headings and the list level (0 = top) for list items.
    """

    index: int
    kind: BlockKind
    start: int
    end: int
    body_start: int
    label: str = ""
    level: int = 0
    style: str = ""
    page: int | None = None
    paragraph: int | None = None
    table: int | None = None


@dataclass(frozen=True)
class Page:
    """One PDF page: its size in points and the canonical text it contributed."""

    number: int
    width: float
    height: float
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """An agreement as the tool read it. Immutable; see the module docstring."""

    path: Path
    format: Format
    text: str
    blocks: tuple[Block, ...]
    sha256: str
    title: str = ""
    pages: tuple[Page, ...] = ()
    pieces: tuple[Piece, ...] = field(default=(), repr=False)
    char_pages: npt.NDArray[np.int16] | None = field(default=None, repr=False, compare=False)
    char_boxes: npt.NDArray[np.float32] | None = field(default=None, repr=False, compare=False)
    removed_furniture: tuple[str, ...] = field(default=(), repr=False)
    page_count: int | None = None

    @property
    def name(self) -> str:
        return self.path.name

    def block_at(self, offset: int) -> Block | None:
        """The block containing ``offset``, or None between blocks."""
        starts = [b.start for b in self.blocks]
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and self.blocks[i].start <= offset < self.blocks[i].end:
            return self.blocks[i]
        return None

    def blocks_between(self, start: int, end: int) -> Iterator[Block]:
        for block in self.blocks:
            if block.end > start and block.start < end:
                yield block

    def page_at(self, offset: int) -> int | None:
        """Page number (1-based) of the character at ``offset``; None if the format has none."""
        if self.char_pages is not None and 0 <= offset < len(self.char_pages):
            page = int(self.char_pages[offset])
            if page > 0:
                return page
        if self.pages:
            starts = [p.start for p in self.pages]
            i = bisect.bisect_right(starts, offset) - 1
            return self.pages[max(i, 0)].number
        return None

    def run_at(self, offset: int) -> RunRef | None:
        """The .docx run holding the character at ``offset``; None for text the tool added
        (list labels, separators) or for other formats."""
        if not self.pieces:
            return None
        starts = [p.start for p in self.pieces]
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            return None
        piece = self.pieces[i]
        if piece.start <= offset < piece.end:
            return RunRef(piece.paragraph, piece.run, piece.offset + offset - piece.start)
        return None

    def pieces_between(self, start: int, end: int) -> list[Piece]:
        """The .docx pieces overlapping ``text[start:end]``, clipped to it."""
        out: list[Piece] = []
        starts = [p.start for p in self.pieces]
        i = max(bisect.bisect_right(starts, start) - 1, 0)
        for piece in self.pieces[i:]:
            if piece.start >= end:
                break
            lo, hi = max(piece.start, start), min(piece.end, end)
            if lo < hi:
                out.append(
                    Piece(lo, hi, piece.paragraph, piece.run, piece.offset + lo - piece.start)
                )
        return out

    def boxes(self, start: int, end: int) -> list[Box]:
        """Line-level boxes covering ``text[start:end]`` on the PDF pages (empty for other formats).

        Consecutive characters on one page and one baseline are merged into one box, so a
        highlight is drawn as a few rectangles rather than one per character.
        """
        if self.char_boxes is None or self.char_pages is None:
            return []
        boxes = self.char_boxes[start:end]
        pages = self.char_pages[start:end]
        keep = (pages > 0) & ~np.isnan(boxes[:, 0])
        out: list[Box] = []
        cur: list[float] | None = None
        cur_page = 0
        for page, (x0, top, x1, bottom) in zip(
            pages[keep].tolist(), boxes[keep].tolist(), strict=True
        ):
            if (
                cur is not None
                and page == cur_page
                and abs(top - cur[1]) < 0.5 * max(bottom - top, 1.0)
                and x0 >= cur[0] - 1.0
            ):
                cur = [cur[0], min(cur[1], top), max(cur[2], x1), max(cur[3], bottom)]
                continue
            if cur is not None:
                out.append(Box(cur_page, *cur))
            cur, cur_page = [x0, top, x1, bottom], page
        if cur is not None:
            out.append(Box(cur_page, *cur))
        return out


class DocumentBuilder:
    """Accumulates canonical text, blocks and locators; ingesters use it and call :meth:`build`.

    Text is appended in reading order. Each appended stretch may carry its source: the .docx
    runs it was copied from, or the PDF page and per-character boxes. Text appended without a
    source (separators, rendered list labels) maps to nothing.
    """

    def __init__(self, path: Path, fmt: Format) -> None:
        self.path = path
        self.format: Format = fmt
        self._parts: list[str] = []
        self._length = 0
        self._blocks: list[Block] = []
        self._pieces: list[Piece] = []
        self._pages: list[Page] = []
        self._char_pages: list[npt.NDArray[np.int16]] = []
        self._char_boxes: list[npt.NDArray[np.float32]] = []
        self._track_boxes = fmt == "pdf"

    @property
    def length(self) -> int:
        return self._length

    @property
    def blocks(self) -> list[Block]:
        return self._blocks

    def append(
        self,
        text: str,
        *,
        runs: Sequence[tuple[int, int, int, int, int]] = (),
        page: int = 0,
        boxes: npt.NDArray[np.float32] | None = None,
    ) -> tuple[int, int]:
        """Append ``text``; return its ``(start, end)`` in the canonical text.

        ``runs`` holds ``(start, end, paragraph, run, offset)`` relative to ``text``.
        ``boxes`` (PDF) is an ``(len(text), 4)`` array of ``x0, top, x1, bottom``; NaN rows for
        characters without a box. ``page`` is the PDF page of the stretch (0 = none).
        """
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        for s, e, paragraph, run, offset in runs:
            if e > s:
                self._pieces.append(Piece(start + s, start + e, paragraph, run, offset))
        if self._track_boxes:
            n = len(text)
            self._char_pages.append(np.full(n, page, dtype=np.int16))
            if boxes is None:
                boxes = np.full((n, 4), np.nan, dtype=np.float32)
            elif boxes.shape != (n, 4):
                raise ValueError("boxes must have one row per character")
            self._char_boxes.append(boxes.astype(np.float32, copy=False))
        return start, self._length

    def add_block(
        self,
        kind: BlockKind,
        start: int,
        end: int,
        *,
        body_start: int | None = None,
        label: str = "",
        level: int = 0,
        style: str = "",
        page: int | None = None,
        paragraph: int | None = None,
        table: int | None = None,
    ) -> Block:
        block = Block(
            index=len(self._blocks),
            kind=kind,
            start=start,
            end=end,
            body_start=start if body_start is None else body_start,
            label=label,
            level=level,
            style=style,
            page=page,
            paragraph=paragraph,
            table=table,
        )
        self._blocks.append(block)
        return block

    def add_page(self, number: int, width: float, height: float, start: int, end: int) -> None:
        self._pages.append(Page(number, width, height, start, end))

    def build(
        self,
        *,
        sha256: str,
        title: str = "",
        removed_furniture: Sequence[str] = (),
        page_count: int | None = None,
    ) -> Document:
        text = "".join(self._parts)
        char_pages = char_boxes = None
        if self._track_boxes:
            char_pages = (
                np.concatenate(self._char_pages) if self._char_pages else np.zeros(0, np.int16)
            )
            char_boxes = (
                np.concatenate(self._char_boxes)
                if self._char_boxes
                else np.zeros((0, 4), np.float32)
            )
        return Document(
            path=self.path,
            format=self.format,
            text=text,
            blocks=tuple(self._blocks),
            sha256=sha256,
            title=title,
            pages=tuple(self._pages),
            pieces=tuple(sorted(self._pieces, key=lambda p: p.start)),
            char_pages=char_pages,
            char_boxes=char_boxes,
            removed_furniture=tuple(removed_furniture),
            page_count=page_count if page_count is not None else (len(self._pages) or None),
        )
