"""Build small .docx files for tests with python-docx plus hand-written XML.

Tests never use real contract text; everything here is synthetic. Hand-written XML is how
tracked changes, content controls and numbering definitions get in, since python-docx has no
API for them.
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = (
    f'xmlns:w="{W_NS}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


@dataclass(frozen=True)
class Level:
    """One list level of a numbering definition."""

    fmt: str
    text: str
    start: int = 1
    restart: int | None = None
    legal: bool = False
    pstyle: str | None = None

    def xml(self, ilvl: int) -> str:
        extra = ""
        if self.restart is not None:
            extra += f'<w:lvlRestart w:val="{self.restart}"/>'
        if self.pstyle is not None:
            extra += f'<w:pStyle w:val="{self.pstyle}"/>'
        if self.legal:
            extra += "<w:isLgl/>"
        return (
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{self.start}"/>'
            f'<w:numFmt w:val="{self.fmt}"/>{extra}<w:lvlText w:val="{self.text}"/>'
            f'<w:lvlJc w:val="left"/></w:lvl>'
        )


def new_document() -> DocxDocument:
    return docx.Document()


def _numbering(document: DocxDocument) -> etree._Element:
    element: etree._Element = document.part.numbering_part.element
    return element


def _next_id(root: etree._Element, tag: str, attr: str) -> int:
    ids = [int(el.get(qn(attr))) for el in root.iterchildren(qn(tag))]
    return max(ids, default=0) + 1


def add_abstract(document: DocxDocument, levels: Sequence[Level]) -> int:
    """Add an abstract numbering definition; return its abstractNumId."""
    root = _numbering(document)
    aid = _next_id(root, "w:abstractNum", "w:abstractNumId")
    body = "".join(level.xml(i) for i, level in enumerate(levels))
    el = parse_xml(
        f'<w:abstractNum {NSDECL} w:abstractNumId="{aid}">'
        f'<w:multiLevelType w:val="multilevel"/>{body}</w:abstractNum>'
    )
    first_num = root.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(el)  # schema order: every abstractNum before every num
    else:
        root.append(el)
    return aid


def add_num(
    document: DocxDocument, abstract_id: int, start_overrides: Mapping[int, int] | None = None
) -> int:
    """Add a list instance (``w:num``) of ``abstract_id``; return its numId."""
    root = _numbering(document)
    nid = _next_id(root, "w:num", "w:numId")
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
        for ilvl, start in (start_overrides or {}).items()
    )
    root.append(
        parse_xml(
            f'<w:num {NSDECL} w:numId="{nid}"><w:abstractNumId w:val="{abstract_id}"/>'
            f"{overrides}</w:num>"
        )
    )
    return nid


def add_list(document: DocxDocument, levels: Sequence[Level]) -> int:
    """A new abstract definition and one instance of it; return the numId."""
    return add_num(document, add_abstract(document, levels))


def numbered(paragraph: Paragraph, num_id: int, ilvl: int | None = 0) -> Paragraph:
    """Give ``paragraph`` direct numbering (``ilvl=None`` leaves the level to the style)."""
    ppr = paragraph._p.get_or_add_pPr()
    ilvl_xml = "" if ilvl is None else f'<w:ilvl w:val="{ilvl}"/>'
    ppr.append(parse_xml(f'<w:numPr {NSDECL}>{ilvl_xml}<w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


def add_to_ppr(ppr: etree._Element, xml: str) -> None:
    """Append a property element, written without namespace declarations, to a ``w:pPr``."""
    ppr.append(_fragment(xml))


def _fragment(xml: str) -> etree._Element:
    wrapper = parse_xml(f"<w:wrapper {NSDECL}>{xml}</w:wrapper>")
    (element,) = list(wrapper)
    return element


def append_xml(document: DocxDocument, xml: str) -> etree._Element:
    """Append a block-level element (``w:p``, ``w:tbl``, ``w:sdt``) given as XML without
    namespace declarations to the end of the body."""
    element = _fragment(xml)
    body = document.element.body
    sect = body.find(qn("w:sectPr"))
    if sect is not None:
        sect.addprevious(element)
    else:
        body.append(element)
    return element


def to_bytes(document: DocxDocument) -> bytes:
    stream = BytesIO()
    document.save(stream)
    return stream.getvalue()


def save(document: DocxDocument, folder: Path, name: str = "agreement.docx") -> Path:
    path = folder / name
    path.write_bytes(to_bytes(document))
    return path


def rewrite_zip(
    data: bytes, replace: Mapping[str, bytes] | None = None, drop: Sequence[str] = ()
) -> bytes:
    """A copy of the package ``data`` with members replaced or dropped."""
    replace = replace or {}
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename in drop:
                continue
            content = replace.get(info.filename, src.read(info.filename))
            dst.writestr(info.filename, content)
    return out.getvalue()


def read_member(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return archive.read(name)
