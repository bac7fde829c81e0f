"""Read a Word (.docx) package into the canonical :class:`~clause_library.document.Document`.

python-docx opens the package (it knows the part relationships); the body is then walked with
plain lxml because python-docx proxies are slow and hide tracked changes, content controls and
numbering. The reading is the *accepted* one: insertions and move destinations kept, deletions
and move sources dropped. List numbers are rendered the way Word shows them and put in front of
the paragraph text. Headers, footers, footnotes and comments are not part of the text.

Counting rules, which the export code must replicate to find its way back (or simply import
:func:`body_paragraphs`, :func:`paragraph_runs` and :func:`run_text` from here):

* paragraph ordinal = index of the ``w:p`` in ``document.element.body.iter(qn("w:p"))``. Every
  ``w:p`` counts, empty ones, table paragraphs and text-box paragraphs included.
* run ordinal = index among the ``p.iter(qn("w:r"))`` elements that have no ``w:del`` or
  ``w:moveFrom`` ancestor below ``p``. Runs without text count too. Runs of a text box nested in
  the paragraph count for the outer paragraph as well (they are its descendants) but contribute
  no text to it; their text belongs to the text box's own paragraphs.
* run text = python-docx's ``Run.text`` with ``"\\n"`` replaced by ``" "`` (same length):
  ``w:t`` verbatim, ``w:tab``/``w:ptab`` -> tab, line break ``w:br``/``w:cr`` -> space, page and
  column breaks -> nothing, ``w:noBreakHyphen`` -> ``-``; ``w:softHyphen`` and ``w:sym`` ->
  nothing. A piece's ``offset`` is an index into that string.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, replace
from io import BytesIO
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.package import OpcPackage
from docx.opc.part import Part
from lxml import etree

from clause_library.document import BlockKind, Document, DocumentBuilder
from clause_library.errors import CorruptDocumentError, EmptyDocumentError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
EP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
RT_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
RT_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
RT_EXTENDED = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
)


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


P, R, T, TBL, TR = _w("p"), _w("r"), _w("t"), _w("tbl"), _w("tr")
TAB, PTAB, BR, CR, NB_HYPHEN = _w("tab"), _w("ptab"), _w("br"), _w("cr"), _w("noBreakHyphen")
DEL, MOVE_FROM, TXBX = _w("del"), _w("moveFrom"), _w("txbxContent")
PPR, RPR, TRPR, PSTYLE, NUMPR = _w("pPr"), _w("rPr"), _w("trPr"), _w("pStyle"), _w("numPr")
NUMID, ILVL, OUTLINE = _w("numId"), _w("ilvl"), _w("outlineLvl")
VAL, TYPE = _w("val"), _w("type")
FALLBACK = f"{{{MC_NS}}}Fallback"
_DROPPED = frozenset((DEL, MOVE_FROM))
#: Levels a Word list can have.
MAX_LEVELS = 9
_HEADING_NAME = re.compile(r"heading\s*([1-9])", re.IGNORECASE)
_TITLE_MAX = 200


# --------------------------------------------------------------------------------------------
# Counting helpers shared with the export code


def body_paragraphs(body: etree._Element) -> list[etree._Element]:
    """Every ``w:p`` of the body; a paragraph's ordinal is its index here."""
    return list(body.iter(P))


def paragraph_runs(p: etree._Element) -> list[etree._Element]:
    """The runs of ``p`` that get a run ordinal (index in this list); see the module docstring."""
    return [r for r, _ in _runs(p)]


def run_text(r: etree._Element) -> str:
    """The text of one ``w:r`` as the canonical text copies it (python-docx ``Run.text``, with
    line breaks as spaces so a block stays one line)."""
    parts: list[str] = []
    for child in r:
        tag = child.tag
        if tag == T:
            parts.append(child.text or "")
        elif tag in (TAB, PTAB):
            parts.append("\t")
        elif tag == BR:
            if child.get(TYPE, "textWrapping") == "textWrapping":
                parts.append(" ")
        elif tag == CR:
            parts.append(" ")
        elif tag == NB_HYPHEN:
            parts.append("-")
    return "".join(parts)


def _runs(p: etree._Element) -> list[tuple[etree._Element, bool]]:
    """Counted runs of ``p`` with whether each one contributes text to ``p`` itself (runs of a
    nested text box or of an ``mc:Fallback`` copy do not)."""
    out: list[tuple[etree._Element, bool]] = []
    for r in p.iter(R):
        own = True
        dropped = False
        parent = r.getparent()
        while parent is not None and parent is not p:
            tag = parent.tag
            if tag in _DROPPED:
                dropped = True
                break
            if tag in (TXBX, FALLBACK):
                own = False
            parent = parent.getparent()
        if not dropped:
            out.append((r, own))
    return out


# --------------------------------------------------------------------------------------------
# Styles


@dataclass(frozen=True)
class _Style:
    name: str
    based_on: str | None
    outline: int | None
    num_id: str | None
    ilvl: int | None


def _int(value: str | None) -> int | None:
    """Lenient integer attribute: malformed values are ignored rather than fatal."""
    if value is None:
        return None
    try:
        return int(value.strip())
    except ValueError:
        return None


def _child_val(parent: etree._Element | None, tag: str) -> str | None:
    if parent is None:
        return None
    child = parent.find(tag)
    return None if child is None else child.get(VAL)


class _Styles:
    """Paragraph and numbering styles by id, with the ``basedOn`` chain resolved on demand."""

    def __init__(self, root: etree._Element | None) -> None:
        self.by_id: dict[str, _Style] = {}
        self.default: str | None = None
        if root is None:
            return
        for el in root.iterchildren(_w("style")):
            sid = el.get(_w("styleId"))
            if sid is None or el.get(TYPE, "paragraph") not in ("paragraph", "numbering"):
                continue
            ppr = el.find(PPR)
            numpr = ppr.find(NUMPR) if ppr is not None else None
            name = _child_val(el, _w("name")) or sid
            self.by_id[sid] = _Style(
                name=_ui_name(name),
                based_on=_child_val(el, _w("basedOn")),
                outline=_int(_child_val(ppr, OUTLINE)),
                num_id=_child_val(numpr, NUMID),
                ilvl=_int(_child_val(numpr, ILVL)),
            )
            is_default = el.get(_w("default")) in ("1", "true", "on")
            if is_default and el.get(TYPE, "paragraph") == "paragraph":
                self.default = sid

    def chain(self, sid: str | None) -> list[_Style]:
        """The style and its ancestors, nearest first (cycles cut)."""
        out: list[_Style] = []
        seen: set[str] = set()
        while sid is not None and sid not in seen and len(out) < 32:
            seen.add(sid)
            style = self.by_id.get(sid)
            if style is None:
                break
            out.append(style)
            sid = style.based_on
        return out


def _ui_name(name: str) -> str:
    """Word stores built-in names in lower case ("heading 1"); show them as Word's UI does."""
    match = _HEADING_NAME.fullmatch(name)
    if match:
        return f"Heading {match.group(1)}"
    return {"title": "Title", "caption": "Caption", "header": "Header", "footer": "Footer"}.get(
        name, name
    )


# --------------------------------------------------------------------------------------------
# Numbering


@dataclass(frozen=True)
class _Level:
    fmt: str = "decimal"
    text: str | None = None
    start: int = 0
    restart: int | None = None
    legal: bool = False
    pstyle: str | None = None


def _parse_level(el: etree._Element) -> _Level:
    text_el = el.find(_w("lvlText"))
    legal_el = el.find(_w("isLgl"))
    return _Level(
        fmt=_child_val(el, _w("numFmt")) or "decimal",
        text=None if text_el is None else (text_el.get(VAL) or ""),
        start=_int(_child_val(el, _w("start"))) or 0,
        restart=_int(_child_val(el, _w("lvlRestart"))),
        legal=legal_el is not None and legal_el.get(VAL, "1") not in ("0", "false", "off"),
        pstyle=_child_val(el, PSTYLE),
    )


@dataclass(frozen=True)
class _Instance:
    """A ``w:num`` resolved: which counters it shares, its level definitions, and the levels
    its ``w:startOverride`` restarts when it is first used."""

    key: str
    levels: dict[int, _Level]
    restarts: tuple[int, ...]


class _Numbering:
    """List numbering as Word renders it: counters shared by every ``w:num`` of one abstract
    definition, restarted by ``w:startOverride`` on a num's first use and, for deeper levels,
    whenever a shallower level advances (``w:lvlRestart`` honoured)."""

    def __init__(self, root: etree._Element | None, styles: _Styles) -> None:
        self.styles = styles
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.style_link: dict[str, str] = {}
        self.nums: dict[str, etree._Element] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        self._cache: dict[str, _Instance | None] = {}
        if root is None:
            return
        for el in root.iterchildren(_w("abstractNum")):
            aid = el.get(_w("abstractNumId"))
            if aid is None:
                continue
            levels: dict[int, _Level] = {}
            for lvl in el.iterchildren(_w("lvl")):
                ilvl = _int(lvl.get(_w("ilvl")))
                if ilvl is not None and 0 <= ilvl < MAX_LEVELS:
                    levels[ilvl] = _parse_level(lvl)
            self.abstract[aid] = levels
            link = _child_val(el, _w("numStyleLink"))
            if link:
                self.style_link[aid] = link
        for el in root.iterchildren(_w("num")):
            nid = el.get(_w("numId"))
            if nid is not None:
                self.nums[nid] = el

    def _abstract_id(self, num_id: str) -> str | None:
        """The abstract definition behind ``num_id``, following ``w:numStyleLink``."""
        num = self.nums.get(num_id)
        aid = _child_val(num, _w("abstractNumId")) if num is not None else None
        seen: set[str] = set()
        while aid is not None and aid in self.style_link and aid not in seen:
            seen.add(aid)
            style = self.styles.by_id.get(self.style_link[aid])
            linked = self.nums.get(style.num_id) if style and style.num_id else None
            if linked is None:
                break
            aid = _child_val(linked, _w("abstractNumId"))
        return aid if aid in self.abstract else None

    def instance(self, num_id: str) -> _Instance | None:
        if num_id in self._cache:
            return self._cache[num_id]
        aid = self._abstract_id(num_id)
        result: _Instance | None = None
        if aid is not None:
            levels = dict(self.abstract[aid])
            restarts: list[int] = []
            for override in self.nums[num_id].iterchildren(_w("lvlOverride")):
                ilvl = _int(override.get(_w("ilvl")))
                if ilvl is None or not 0 <= ilvl < MAX_LEVELS:
                    continue
                lvl_el = override.find(_w("lvl"))
                if lvl_el is not None:
                    levels[ilvl] = _parse_level(lvl_el)
                start = _int(_child_val(override, _w("startOverride")))
                if start is not None:
                    levels[ilvl] = replace(levels.get(ilvl, _Level()), start=start)
                    restarts.append(ilvl)
            result = _Instance(aid, levels, tuple(restarts))
        self._cache[num_id] = result
        return result

    def advance(self, num_id: str, ilvl: int) -> str | None:
        """Count one paragraph of list ``num_id`` at ``ilvl``; return its rendered label, or
        None if the list does not exist."""
        inst = self.instance(num_id)
        if inst is None:
            return None
        ilvl = min(max(ilvl, 0), MAX_LEVELS - 1)
        counters = self.counters.setdefault(inst.key, [None] * MAX_LEVELS)
        if num_id not in self.started:
            self.started.add(num_id)
            for lvl in inst.restarts:
                counters[lvl] = None
        level = inst.levels.get(ilvl, _Level())
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, MAX_LEVELS):
            restart = inst.levels.get(deeper, _Level()).restart
            if restart is None or (restart != 0 and ilvl < restart):
                counters[deeper] = None
        return self._render(inst, counters, ilvl)

    @staticmethod
    def _render(inst: _Instance, counters: list[int | None], ilvl: int) -> str:
        level = inst.levels.get(ilvl, _Level())
        if level.fmt == "bullet":
            return "\u2022"
        if not level.text:
            return ""

        def number(match: re.Match[str]) -> str:
            n = int(match.group(1)) - 1
            if n > ilvl:
                return ""
            ref = inst.levels.get(n, _Level())
            value = counters[n]
            if value is None:
                value = ref.start
            fmt = ref.fmt
            if level.legal and fmt not in ("none", "bullet"):
                fmt = "decimal"
            return format_number(value, fmt)

        return re.sub(r"%([1-9])", number, level.text).strip()


_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def _roman(n: int) -> str:
    out: list[str] = []
    for value, digits in _ROMAN:
        while n >= value:
            out.append(digits)
            n -= value
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """One list number in a Word ``numFmt``; unknown formats fall back to decimal."""
    if fmt == "none":
        return ""
    if fmt == "bullet":
        return "\u2022"
    if n <= 0 and fmt not in ("decimal", "decimalZero"):
        return str(n)
    if fmt in ("lowerLetter", "upperLetter"):
        letters = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "ordinal":
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return f"{n}."
    if fmt == "decimalEnclosedCircle" and n <= 20:
        return chr(0x2460 + n - 1)
    return str(n)


# --------------------------------------------------------------------------------------------
# Reading


def read_docx(path: Path, data: bytes, sha256: str) -> Document:
    """Read the .docx ``data`` (the bytes of ``path``) into a :class:`Document`.

    Raises :class:`CorruptDocumentError` for a package python-docx or lxml cannot read, and
    :class:`EmptyDocumentError` when the body has no text.
    """
    try:
        try:
            document = docx.Document(BytesIO(data))
        except zipfile.BadZipFile as exc:
            raise CorruptDocumentError(path, "not a valid ZIP package") from exc
        except KeyError as exc:
            raise CorruptDocumentError(path, "a required part of the package is missing") from exc
        except etree.XMLSyntaxError as exc:
            raise CorruptDocumentError(path, "broken XML inside the package") from exc
        except PackageNotFoundError as exc:
            raise CorruptDocumentError(path, "not a Word package") from exc
        except ValueError as exc:
            detail = "not a Word document" if "content type" in str(exc) else "unreadable"
            raise CorruptDocumentError(path, detail) from exc
        doc_part = document.part
        body = document.element.body
        styles_root = _related_element(doc_part, RT_STYLES)
        numbering_root = _related_element(doc_part, RT_NUMBERING)
        core_title = (document.core_properties.title or "").strip()
        page_count = _page_count(doc_part.package)
    except CorruptDocumentError:
        raise
    except Exception as exc:  # any library failure means an unreadable package
        raise CorruptDocumentError(path, "unexpected content in the Word package") from exc
    if body is None:
        raise CorruptDocumentError(path, "the document has no body")
    try:
        builder, title = _Walker(path, body, styles_root, numbering_root).walk()
    except (KeyError, ValueError, IndexError, etree.LxmlError) as exc:
        raise CorruptDocumentError(path, "unexpected content in the document") from exc
    if not builder.blocks:
        raise EmptyDocumentError(path)
    return builder.build(sha256=sha256, title=core_title or title, page_count=page_count)


def _related_element(part: Part, reltype: str) -> etree._Element | None:
    """The XML of a part related to the document part, or None. (python-docx's own accessors
    would create a default part when it is missing.)"""
    try:
        related = part.part_related_by(reltype)
    except KeyError:
        return None
    element: etree._Element | None = getattr(related, "element", None)
    return element


def _page_count(package: OpcPackage) -> int | None:
    """``<Pages>`` of docProps/app.xml, as last saved by Word; None if absent or unreadable."""
    for rel in package.rels.values():
        if rel.reltype != RT_EXTENDED or rel.is_external:
            continue
        try:
            parser = etree.XMLParser(resolve_entities=False, no_network=True)
            root = etree.fromstring(rel.target_part.blob, parser)
        except (etree.LxmlError, ValueError, KeyError):
            return None
        pages = root.find(f"{{{EP_NS}}}Pages")
        value = _int(pages.text) if pages is not None and pages.text else None
        return value if value is not None and value > 0 else None
    return None


class _Walker:
    """One pass over the body in document order, feeding a :class:`DocumentBuilder`."""

    def __init__(
        self,
        path: Path,
        body: etree._Element,
        styles_root: etree._Element | None,
        numbering_root: etree._Element | None,
    ) -> None:
        self.body = body
        self.styles = _Styles(styles_root)
        self.numbering = _Numbering(numbering_root, self.styles)
        self.builder = DocumentBuilder(path, "docx")
        self.tables: dict[etree._Element, int] = {}
        self.title_candidates: dict[str, str] = {}

    def walk(self) -> tuple[DocumentBuilder, str]:
        ordinal = 0
        for el in self.body.iter(P, TBL):
            if el.tag == TBL:
                self.tables[el] = len(self.tables)
                continue
            self._paragraph(el, ordinal)
            ordinal += 1
        c = self.title_candidates
        title = c.get("title") or c.get("heading") or c.get("first", "")
        return self.builder, title

    def _context(self, p: etree._Element) -> tuple[int | None, bool]:
        """The innermost table holding ``p`` (ordinal) and whether ``p`` is read at all (not a
        duplicate ``mc:Fallback`` copy, not in a deleted table row)."""
        table: int | None = None
        parent = p.getparent()
        while parent is not None and parent is not self.body:
            tag = parent.tag
            if tag == TBL and table is None:
                table = self.tables.get(parent)
            elif tag == FALLBACK:
                return table, False
            elif tag == TR:
                trpr = parent.find(TRPR)
                if trpr is not None and trpr.find(DEL) is not None:
                    return table, False
            parent = parent.getparent()
        return table, True

    def _paragraph(self, p: etree._Element, ordinal: int) -> None:
        table, visible = self._context(p)
        if not visible:
            return
        ppr = p.find(PPR)
        texts: list[str] = []
        pieces: list[tuple[int, int, int, int, int]] = []
        length = 0
        for run_ordinal, (r, own) in enumerate(_runs(p)):
            if not own:
                continue
            text = run_text(r)
            if text:
                texts.append(text)
                pieces.append((length, length + len(text), ordinal, run_ordinal, 0))
                length += len(text)
        body = "".join(texts)
        mark_deleted = ppr is not None and _has(ppr.find(RPR), DEL)
        if mark_deleted and not body.strip():
            return  # accepted reading: the paragraph is gone, and so is its list number
        sid = _child_val(ppr, PSTYLE) or self.styles.default
        chain = self.styles.chain(sid)
        label, ilvl = self._label(ppr, sid, chain)
        stripped = body.strip()
        if not stripped:
            return
        lead = len(body) - len(body.lstrip())
        body_pieces = _clip(pieces, lead, lead + len(stripped))

        heading = _heading(ppr, chain)
        kind: BlockKind
        level = 0
        if heading is not None:
            kind, level = heading
        elif label is not None:
            kind, level = "list_item", ilvl
        elif table is not None:
            kind = "table_cell"
        else:
            kind = "paragraph"

        b = self.builder
        start = b.length
        if label:
            b.append(label + " ")
        body_start = b.length
        b.append(stripped, runs=body_pieces)
        end = b.length
        b.add_block(
            kind,
            start,
            end,
            body_start=body_start,
            label=label or "",
            level=level,
            style=chain[0].name if chain else "",
            paragraph=ordinal,
            table=table,
        )
        b.append("\n")
        self._note_title(kind, stripped)

    def _label(
        self, ppr: etree._Element | None, sid: str | None, chain: list[_Style]
    ) -> tuple[str | None, int]:
        """Advance the paragraph's list (if any); return its rendered label (None if the
        paragraph is not numbered) and its list level."""
        numpr = ppr.find(NUMPR) if ppr is not None else None
        num_id = _child_val(numpr, NUMID)
        ilvl = _int(_child_val(numpr, ILVL))
        from_style = False
        if num_id is None:
            for style in chain:
                if style.num_id is not None:
                    num_id, from_style = style.num_id, True
                    if ilvl is None:
                        ilvl = style.ilvl
                    break
        if num_id is None or num_id.strip() == "0":
            return None, 0
        num_id = num_id.strip()
        if ilvl is None and from_style:
            inst = self.numbering.instance(num_id)
            if inst is not None:
                ilvl = next((i for i, lv in inst.levels.items() if lv.pstyle == sid), None)
        ilvl = min(max(ilvl or 0, 0), MAX_LEVELS - 1)
        return self.numbering.advance(num_id, ilvl), ilvl

    def _note_title(self, kind: BlockKind, text: str) -> None:
        c = self.title_candidates
        if kind in ("title", "heading") and kind not in c and len(text) <= _TITLE_MAX:
            c[kind] = text
        if "first" not in c:
            c["first"] = _shorten(text, 120)


def _has(parent: etree._Element | None, tag: str) -> bool:
    return parent is not None and parent.find(tag) is not None


def _heading(ppr: etree._Element | None, chain: list[_Style]) -> tuple[BlockKind, int] | None:
    """Heading kind and level from the direct outline level, else the style chain (name
    "Heading N"/"Title" or an outline level). Outline level 9 means body text."""
    direct = _int(_child_val(ppr, OUTLINE))
    if direct is not None:
        return ("heading", direct + 1) if 0 <= direct <= 8 else None
    for style in chain:
        if style.name == "Title":
            return "title", 0
        match = _HEADING_NAME.fullmatch(style.name)
        if match:
            return "heading", int(match.group(1))
        if style.outline is not None:
            return ("heading", style.outline + 1) if 0 <= style.outline <= 8 else None
    return None


def _clip(
    pieces: Iterable[tuple[int, int, int, int, int]], lo: int, hi: int
) -> list[tuple[int, int, int, int, int]]:
    """Pieces restricted to ``[lo, hi)`` of the paragraph text, re-based to start at ``lo``."""
    out: list[tuple[int, int, int, int, int]] = []
    for start, end, paragraph, run, offset in pieces:
        s, e = max(start, lo), min(end, hi)
        if s < e:
            out.append((s - lo, e - lo, paragraph, run, offset + s - start))
    return out


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:")
    return (cut or text[:limit]) + "\u2026"


__all__ = ["body_paragraphs", "format_number", "paragraph_runs", "read_docx", "run_text"]
