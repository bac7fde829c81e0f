"""Low-level WordprocessingML surgery: split runs at character offsets, mark comment ranges,
wrap runs as tracked deletions and build tracked insertions.

The canonical text counts characters per run with the rules of
:mod:`clause_library.ingest.docx`; everything here uses :func:`run_text` from there so an offset
means the same thing on both sides. Runs are addressed by the element they were in the *source*
(:class:`RunCursor` remembers how each one was split), so edits made for one finding never shift
the offsets of the next.
"""

from __future__ import annotations

import copy
import re
from datetime import datetime

from lxml import etree

from clause_library.ingest.docx import (
    BR,
    CR,
    DEL,
    MOVE_FROM,
    NB_HYPHEN,
    PPR,
    PTAB,
    RPR,
    TAB,
    W_NS,
    R,
    T,
    run_text,
)

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


INS, MOVE_TO, P, BODY = w("ins"), w("moveTo"), w("p"), w("body")
DEL_TEXT, INSTR_TEXT, DEL_INSTR_TEXT = w("delText"), w("instrText"), w("delInstrText")
RPR_CHANGE, PPR_CHANGE, SECT_PR = w("rPrChange"), w("pPrChange"), w("sectPr")
COMMENT_START, COMMENT_END, COMMENT_REF = (
    w("commentRangeStart"),
    w("commentRangeEnd"),
    w("commentReference"),
)
ID, AUTHOR, DATE = w("id"), w("author"), w("date")
#: Elements whose only text-bearing rule is their tag (no text content of their own).
_MARK_TAGS = frozenset((TAB, PTAB, BR, CR, NB_HYPHEN))


def child_length(child: etree._Element) -> int:
    """How many characters of :func:`run_text` one child of a ``w:r`` contributes."""
    if child.tag == T:
        return len(child.text or "")
    if child.tag not in _MARK_TAGS:
        return 0
    probe = etree.Element(R)
    probe.append(etree.Element(child.tag, dict(child.attrib)))
    return len(run_text(probe))


def _new_like(r: etree._Element) -> etree._Element:
    """An empty run with the attributes and a copy of the properties of ``r``."""
    twin = etree.Element(r.tag, dict(r.attrib))
    rpr = r.find(RPR)
    if rpr is not None:
        twin.append(copy.deepcopy(rpr))
    return twin


def _t(text: str) -> etree._Element:
    t = etree.Element(T)
    t.text = text
    if text != text.strip() or "  " in text:
        t.set(XML_SPACE, "preserve")
    return t


def split_run(r: etree._Element, at: int) -> etree._Element:
    """Split ``r`` so that it keeps ``run_text(r)[:at]``; return the new run holding the rest,
    inserted right after ``r``. Both halves keep the run's properties."""
    total = len(run_text(r))
    if not 0 < at < total:
        raise ValueError(f"cannot split a run of {total} characters at {at}")
    tail = _new_like(r)
    pos = 0
    for child in list(r):
        if child.tag == RPR:
            continue
        n = child_length(child)
        if pos >= at:
            tail.append(child)  # moves it
        elif pos + n > at:  # only a w:t can straddle the cut
            text = child.text or ""
            keep, rest = text[: at - pos], text[at - pos :]
            child.text = keep
            if keep != keep.strip():
                child.set(XML_SPACE, "preserve")
            tail.append(_t(rest))
            tail[-1].set(XML_SPACE, "preserve")
        pos += n
    r.addnext(tail)
    return tail


class RunCursor:
    """The source runs of one paragraph set, addressable by (run element, offset) even after
    some of them were split.

    ``pieces(run)`` lists ``(offset, element)`` for the parts a source run has become; splitting
    at an offset inside a part adds a part. Elements are never replaced, only split, so an
    element handed out earlier stays valid (it just covers fewer characters).
    """

    def __init__(self) -> None:
        self._parts: dict[etree._Element, list[tuple[int, etree._Element]]] = {}
        self._length: dict[etree._Element, int] = {}

    def _ensure(self, run: etree._Element) -> list[tuple[int, etree._Element]]:
        parts = self._parts.get(run)
        if parts is None:
            parts = [(0, run)]
            self._parts[run] = parts
            self._length[run] = len(run_text(run))
        return parts

    def cut(self, run: etree._Element, offset: int) -> None:
        """Make ``offset`` of source run ``run`` fall on a part boundary."""
        parts = self._ensure(run)
        if offset <= 0 or offset >= self._length[run]:
            return
        for i, (start, element) in enumerate(parts):
            end = parts[i + 1][0] if i + 1 < len(parts) else self._length[run]
            if start < offset < end:
                tail = split_run(element, offset - start)
                parts.insert(i + 1, (offset, tail))
                return
            if offset == start:
                return

    def isolate(self, run: etree._Element, lo: int, hi: int) -> list[etree._Element]:
        """The parts of source run ``run`` that together hold exactly ``run_text(run)[lo:hi]``."""
        self.cut(run, lo)
        self.cut(run, hi)
        parts = self._parts[run]
        return [el for start, el in parts if lo <= start < hi]


def top_child(element: etree._Element, container: etree._Element) -> etree._Element:
    """The ancestor-or-self of ``element`` that is a direct child of ``container``."""
    node = element
    parent = node.getparent()
    while parent is not None and parent is not container:
        node = parent
        parent = node.getparent()
    return node


def body_child(element: etree._Element) -> etree._Element:
    """The ancestor-or-self of ``element`` that is a direct child of ``w:body``."""
    node = element
    parent = node.getparent()
    while parent is not None and parent.tag != BODY:
        node = parent
        parent = node.getparent()
    return node


class Revisions:
    """Mints the attributes of new annotations: unique ids, author and date.

    Ids start above every ``w:id`` already in the package parts given, so new comments, insertions
    and deletions collide neither with each other nor with what the author of the original left.
    """

    def __init__(self, author: str, when: datetime, *roots: etree._Element) -> None:
        self.author = author
        self.date = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        highest = -1
        for root in roots:
            for el in root.iter():
                value = el.get(ID)
                if value is not None and value.strip().lstrip("-").isdigit():
                    highest = max(highest, int(value))
        self._next = highest + 1

    def next_id(self) -> int:
        value = self._next
        self._next += 1
        return value

    def element(self, tag: str) -> etree._Element:
        """A new ``w:ins``/``w:del`` (or paragraph-mark marker) with id, author and date."""
        return etree.Element(
            tag, {ID: str(self.next_id()), AUTHOR: self.author, DATE: self.date}
        )


def clean_rpr(rpr: etree._Element | None) -> etree._Element | None:
    """A copy of run properties fit for new text: no revision marks of the source."""
    if rpr is None:
        return None
    out = copy.deepcopy(rpr)
    for tag in (RPR_CHANGE, INS, DEL, MOVE_TO, MOVE_FROM):
        for el in out.findall(tag):
            out.remove(el)
    return out


def new_run(text: str, rpr: etree._Element | None = None) -> etree._Element:
    r = etree.Element(R)
    cleaned = clean_rpr(rpr)
    if cleaned is not None:
        r.append(cleaned)
    for i, line in enumerate(text.split("\t")):
        if i:
            r.append(etree.Element(TAB))
        if line:
            r.append(_t(line))
    return r


def mark_deleted(r: etree._Element) -> None:
    """Turn the text of a run into deleted text (``w:delText``), as inside ``w:del``."""
    for el in r.iter(T, INSTR_TEXT):
        el.tag = DEL_TEXT if el.tag == T else DEL_INSTR_TEXT


def wrap(elements: list[etree._Element], wrapper: etree._Element) -> etree._Element:
    """Put the consecutive siblings ``elements`` inside ``wrapper``, where they were."""
    elements[0].addprevious(wrapper)
    for el in elements:
        wrapper.append(el)
    return wrapper


def split_container_after(
    container: etree._Element, child: etree._Element, revisions: Revisions
) -> etree._Element | None:
    """Split a revision container (an existing ``w:ins``) after its direct ``child``; return the
    second half (None if nothing follows). The second half keeps the original author and date
    but gets a fresh id, as Word does when one types inside another author's insertion."""
    following = list(child.itersiblings())
    if not following:
        return None
    twin = etree.Element(container.tag, dict(container.attrib))
    twin.set(ID, str(revisions.next_id()))
    for el in following:
        twin.append(el)
    container.addnext(twin)
    return twin


_BOLD_OFF = re.compile(r"^(0|false|off)$", re.IGNORECASE)


def is_bold(rpr: etree._Element | None) -> bool:
    if rpr is None:
        return False
    b = rpr.find(w("b"))
    return b is not None and not _BOLD_OFF.match(b.get(w("val"), "1"))


def paragraph_ppr(template: etree._Element | None) -> etree._Element:
    """Paragraph properties for a new paragraph modelled on ``template``: its style, numbering,
    indents and spacing, without its section break, revision marks or mark formatting."""
    ppr = copy.deepcopy(template) if template is not None else etree.Element(PPR)
    for tag in (SECT_PR, PPR_CHANGE, RPR):
        for el in ppr.findall(tag):
            ppr.remove(el)
    return ppr
