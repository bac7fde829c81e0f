"""Reading .docx files: numbering, headings, tables, tracked changes, run mapping, failures.

Every document is built here (python-docx plus hand-written XML); no real contract text.
"""

from __future__ import annotations

import time
from io import BytesIO
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx_builders import (
    Level,
    add_abstract,
    add_list,
    add_num,
    add_to_ppr,
    append_xml,
    new_document,
    numbered,
    read_member,
    rewrite_zip,
    save,
    to_bytes,
)
from lxml import etree

from clause_library.document import Block, Document
from clause_library.errors import (
    CorruptDocumentError,
    DocumentError,
    EmptyDocumentError,
)
from clause_library.ingest import load
from clause_library.ingest.docx import read_docx

DROPPED = (qn("w:del"), qn("w:moveFrom"))


# --------------------------------------------------------------------------------------------
# Helpers: an independent implementation of the documented counting rules


def original_run_text(data: bytes, paragraph: int, run: int) -> str:
    """Run #run of paragraph #paragraph of the saved package, counted as the module docstring
    says, with python-docx's own ``Run.text`` (line breaks shown as spaces)."""
    body = docx.Document(BytesIO(data)).element.body
    p = list(body.iter(qn("w:p")))[paragraph]

    def counted(r: etree._Element) -> bool:
        parent = r.getparent()
        while parent is not None and parent is not p:
            if parent.tag in DROPPED:
                return False
            parent = parent.getparent()
        return True

    runs = [r for r in p.iter(qn("w:r")) if counted(r)]
    text = str(runs[run].text)
    return text.replace("\n", " ")


def assert_round_trip(document: Document, data: bytes) -> None:
    """Every piece is a verbatim slice of its run, and every body character has a piece."""
    assert document.pieces
    for piece in document.pieces:
        source = original_run_text(data, piece.paragraph, piece.run)
        length = piece.end - piece.start
        assert (
            source[piece.offset : piece.offset + length] == document.text[piece.start : piece.end]
        )
    for block in document.blocks:
        covered = sum(p.end - p.start for p in document.pieces_between(block.body_start, block.end))
        assert covered == block.end - block.body_start, block
        for offset in range(block.start, block.body_start):
            assert document.run_at(offset) is None


def block_text(document: Document, block: Block) -> str:
    return document.text[block.start : block.end]


def texts(document: Document) -> list[str]:
    return [block_text(document, b) for b in document.blocks]


def read(tmp_path: Path, document: DocxDocument, name: str = "agreement.docx") -> Document:
    return load(save(document, tmp_path, name))


def paragraph_ordinal_of(data: bytes, text: str) -> int:
    """Index in body.iter(w:p) of the (simple, unrevised) paragraph whose text is ``text``."""
    body = docx.Document(BytesIO(data)).element.body
    for i, p in enumerate(body.iter(qn("w:p"))):
        if "".join(t.text or "" for t in p.iter(qn("w:t"))) == text:
            return i
    raise AssertionError(text)


# --------------------------------------------------------------------------------------------
# Numbering

LEGAL = [
    Level("decimal", "%1."),
    Level("decimal", "%1.%2"),
    Level("lowerLetter", "(%3)"),
    Level("lowerRoman", "(%4)"),
]


def test_multilevel_numbering_renders_labels_and_restarts_sublevels(tmp_path: Path) -> None:
    d = new_document()
    num = add_list(d, LEGAL)
    items = [
        (0, "Definitions"), (1, "Terms used"), (1, "Headings"), (2, "alpha"), (2, "beta"),
        (3, "one"), (3, "two"), (3, "three"), (3, "four"),
        (0, "Payment"), (1, "Fees"), (2, "gamma"),
    ]  # fmt: skip
    for ilvl, text in items:
        numbered(d.add_paragraph(text), num, ilvl)
    data = to_bytes(d)
    doc = read(tmp_path, d)

    assert texts(doc) == [
        "1. Definitions", "1.1 Terms used", "1.2 Headings", "(a) alpha", "(b) beta",
        "(i) one", "(ii) two", "(iii) three", "(iv) four",
        "2. Payment", "2.1 Fees", "(a) gamma",
    ]  # fmt: skip
    assert doc.text == "\n".join(texts(doc)) + "\n"
    for block, (ilvl, text) in zip(doc.blocks, items, strict=True):
        assert block.kind == "list_item"
        assert block.level == ilvl
        assert doc.text[block.body_start : block.end] == text
        assert block.label == doc.text[block.start : block.body_start - 1]
    assert_round_trip(doc, data)


def test_start_override_restarts_and_plain_instances_continue(tmp_path: Path) -> None:
    d = new_document()
    abstract = add_abstract(d, LEGAL)
    first = add_num(d, abstract)
    restarted = add_num(d, abstract, {0: 1})
    continuing = add_num(d, abstract)
    numbered(d.add_paragraph("a"), first, 0)
    numbered(d.add_paragraph("b"), first, 0)
    numbered(d.add_paragraph("b sub"), first, 1)
    numbered(d.add_paragraph("c"), restarted, 0)
    numbered(d.add_paragraph("d"), continuing, 0)
    numbered(d.add_paragraph("d sub"), continuing, 1)
    doc = read(tmp_path, d)
    assert [b.label for b in doc.blocks] == ["1.", "2.", "2.1", "1.", "2.", "2.1"]


def test_number_formats_legal_style_and_never_restarting_level(tmp_path: Path) -> None:
    d = new_document()
    formats = add_list(
        d,
        [
            Level("upperLetter", "%1."),
            Level("upperRoman", "%2)"),
            Level("decimalZero", "%3"),
            Level("bullet", "\uf0b7"),
            Level("none", ""),
        ],
    )
    for ilvl in (0, 0, 1, 1, 2, 3, 4):
        numbered(d.add_paragraph(f"format {ilvl}"), formats, ilvl)
    legal = add_list(d, [Level("upperRoman", "Article %1"), Level("decimal", "%1.%2", legal=True)])
    for ilvl in (0, 0, 1):
        numbered(d.add_paragraph(f"legal {ilvl}"), legal, ilvl)
    keep = add_list(d, [Level("decimal", "%1."), Level("lowerLetter", "(%2)", restart=0)])
    for ilvl in (0, 1, 0, 1):
        numbered(d.add_paragraph(f"keep {ilvl}"), keep, ilvl)
    doc = read(tmp_path, d)
    assert [b.label for b in doc.blocks] == [
        "A.", "B.", "I)", "II)", "01", "\u2022", "",
        "Article I", "Article II", "2.1",
        "1.", "(a)", "2.", "(b)",
    ]  # fmt: skip
    assert texts(doc)[5] == "\u2022 format 3"
    assert texts(doc)[6] == "format 4"  # no label, no leading space
    assert doc.blocks[6].kind == "list_item"
    assert doc.blocks[6].body_start == doc.blocks[6].start


def test_numbering_from_paragraph_style_and_level_bound_to_style(tmp_path: Path) -> None:
    d = new_document()
    clause = d.styles.add_style("Clause", WD_STYLE_TYPE.PARAGRAPH)
    sub = d.styles.add_style("Clause Sub", WD_STYLE_TYPE.PARAGRAPH)
    num = add_list(
        d, [Level("decimal", "%1.", pstyle="Clause"), Level("decimal", "%1.%2", pstyle="ClauseSub")]
    )
    for style in (clause, sub):
        add_to_ppr(style.element.get_or_add_pPr(), f'<w:numPr><w:numId w:val="{num}"/></w:numPr>')
    d.add_paragraph("Scope", style="Clause")
    d.add_paragraph("Services", style="Clause Sub")
    d.add_paragraph("Levels", style="Clause Sub")
    opted_out = d.add_paragraph("Not numbered", style="Clause")
    add_to_ppr(opted_out._p.get_or_add_pPr(), '<w:numPr><w:numId w:val="0"/></w:numPr>')
    d.add_paragraph("Term", style="Clause")
    doc = read(tmp_path, d)
    assert texts(doc) == ["1. Scope", "1.1 Services", "1.2 Levels", "Not numbered", "2. Term"]
    assert [b.kind for b in doc.blocks] == ["list_item"] * 3 + ["paragraph", "list_item"]
    assert [b.level for b in doc.blocks] == [0, 1, 1, 0, 0]
    assert doc.blocks[1].style == "Clause Sub"


def test_empty_numbered_paragraph_still_takes_a_number(tmp_path: Path) -> None:
    d = new_document()
    num = add_list(d, LEGAL)
    numbered(d.add_paragraph("first"), num)
    numbered(d.add_paragraph(""), num)
    numbered(d.add_paragraph("third"), num)
    doc = read(tmp_path, d)
    assert texts(doc) == ["1. first", "3. third"]


# --------------------------------------------------------------------------------------------
# Headings and title


def test_headings_by_style_and_by_outline_level(tmp_path: Path) -> None:
    d = new_document()
    d.add_heading("Services Agreement", 0)
    d.add_heading("Definitions", 1)
    d.add_paragraph("Body text.")
    d.add_heading("Interpretation", 2)
    direct = d.add_paragraph("Direct outline")
    add_to_ppr(direct._p.get_or_add_pPr(), '<w:outlineLvl w:val="2"/>')
    schedule = d.styles.add_style("Schedule Heading", WD_STYLE_TYPE.PARAGRAPH)
    add_to_ppr(schedule.element.get_or_add_pPr(), '<w:outlineLvl w:val="0"/>')
    annex = d.styles.add_style("Annex Heading", WD_STYLE_TYPE.PARAGRAPH)
    annex.base_style = schedule
    mine = d.styles.add_style("My Heading", WD_STYLE_TYPE.PARAGRAPH)
    mine.base_style = d.styles["Heading 2"]
    d.add_paragraph("Schedule 1", style="Schedule Heading")
    d.add_paragraph("Annex A", style="Annex Heading")
    d.add_paragraph("Custom", style="My Heading")
    demoted = d.add_paragraph("Demoted", style="Heading 1")
    add_to_ppr(demoted._p.get_or_add_pPr(), '<w:outlineLvl w:val="9"/>')
    doc = read(tmp_path, d)

    kinds = [(block_text(doc, b), b.kind, b.level) for b in doc.blocks]
    assert kinds == [
        ("Services Agreement", "title", 0),
        ("Definitions", "heading", 1),
        ("Body text.", "paragraph", 0),
        ("Interpretation", "heading", 2),
        ("Direct outline", "heading", 3),
        ("Schedule 1", "heading", 1),
        ("Annex A", "heading", 1),
        ("Custom", "heading", 2),
        ("Demoted", "paragraph", 0),
    ]
    assert doc.blocks[1].style == "Heading 1"
    assert doc.title == "Services Agreement"


def test_numbered_heading_keeps_heading_kind_and_label(tmp_path: Path) -> None:
    d = new_document()
    num = add_list(d, LEGAL)
    numbered(d.add_heading("Definitions", 1), num, 0)
    numbered(d.add_paragraph("Meaning"), num, 1)
    doc = read(tmp_path, d)
    assert texts(doc) == ["1. Definitions", "1.1 Meaning"]
    assert (doc.blocks[0].kind, doc.blocks[0].level, doc.blocks[0].label) == ("heading", 1, "1.")
    assert doc.title == "Definitions"


def test_title_prefers_core_properties_then_falls_back_to_first_paragraph(tmp_path: Path) -> None:
    d = new_document()
    d.core_properties.title = "Core Title"
    d.add_heading("Heading Title", 0)
    assert read(tmp_path, d, "a.docx").title == "Core Title"
    plain = new_document()
    plain.add_paragraph("This agreement is made between the parties named below.")
    plain.add_paragraph("Second paragraph.")
    doc = read(tmp_path, plain, "b.docx")
    assert doc.title == "This agreement is made between the parties named below."


# --------------------------------------------------------------------------------------------
# Tables, empty paragraphs, headers


def test_tables_are_read_in_document_order_with_nested_tables(tmp_path: Path) -> None:
    d = new_document()
    d.add_paragraph("Before")
    table = d.add_table(rows=2, cols=2)
    for (row, col), text in {(0, 0): "A1", (0, 1): "B1", (1, 0): "A2"}.items():
        table.cell(row, col).text = text
    cell = table.cell(1, 1)
    cell.text = "B2"
    cell.add_paragraph("B2 second")
    inner = cell.add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "Nested"
    d.add_paragraph("After")
    data = to_bytes(d)
    doc = read(tmp_path, d)

    assert texts(doc) == ["Before", "A1", "B1", "A2", "B2", "B2 second", "Nested", "After"]
    assert [b.kind for b in doc.blocks] == ["paragraph"] + ["table_cell"] * 6 + ["paragraph"]
    assert [b.table for b in doc.blocks] == [None, 0, 0, 0, 0, 0, 1, None]
    for block in doc.blocks:
        assert block.paragraph == paragraph_ordinal_of(data, block_text(doc, block))
    assert_round_trip(doc, data)


def test_empty_paragraphs_are_skipped_but_counted(tmp_path: Path) -> None:
    d = new_document()
    for text in ("", "First", "", "  ", "Second"):
        d.add_paragraph(text)
    doc = read(tmp_path, d)
    assert texts(doc) == ["First", "Second"]
    assert [b.paragraph for b in doc.blocks] == [1, 4]


def test_headers_and_footers_are_not_read(tmp_path: Path) -> None:
    d = new_document()
    d.sections[0].header.paragraphs[0].text = "HEADER TEXT"
    d.sections[0].footer.paragraphs[0].text = "FOOTER TEXT"
    d.add_paragraph("Body")
    doc = read(tmp_path, d)
    assert doc.text == "Body\n"


# --------------------------------------------------------------------------------------------
# Revisions, fields, content controls, special characters


def test_tracked_changes_read_as_accepted(tmp_path: Path) -> None:
    d = new_document()
    append_xml(
        d,
        '<w:p><w:r><w:t xml:space="preserve">The fee is </w:t></w:r>'
        '<w:del w:id="1" w:author="X"><w:r><w:delText>ten</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="X"><w:r><w:t>twenty</w:t></w:r></w:ins>'
        '<w:r><w:t xml:space="preserve"> units</w:t></w:r>'
        '<w:moveFrom w:id="3" w:author="X"><w:r><w:t> gone</w:t></w:r></w:moveFrom>'
        '<w:moveTo w:id="4" w:author="X"><w:r><w:t>.</w:t></w:r></w:moveTo></w:p>',
    )
    num = add_list(d, LEGAL)
    numbered(d.add_paragraph("kept one"), num)
    deleted = append_xml(
        d,
        '<w:p><w:pPr><w:rPr><w:del w:id="5" w:author="X"/></w:rPr></w:pPr>'
        '<w:del w:id="6" w:author="X"><w:r><w:delText>Deleted clause</w:delText></w:r></w:del>'
        "</w:p>",
    )
    numbered(Paragraph(deleted, d._body), num)
    numbered(d.add_paragraph("kept two"), num)
    data = to_bytes(d)
    doc = read(tmp_path, d)

    assert texts(doc) == ["The fee is twenty units.", "1. kept one", "2. kept two"]
    ref = doc.run_at(doc.text.index("twenty"))
    assert ref is not None
    assert (ref.paragraph, ref.run, ref.offset) == (0, 1, 0)
    ref = doc.run_at(doc.text.index("."))
    assert ref is not None
    assert ref.run == 3
    assert_round_trip(doc, data)


def test_hyperlinks_content_controls_smart_tags_and_fields_are_kept(tmp_path: Path) -> None:
    d = new_document()
    append_xml(
        d,
        '<w:p><w:r><w:t xml:space="preserve">See </w:t></w:r>'
        '<w:hyperlink w:anchor="terms"><w:r><w:t>the terms</w:t></w:r></w:hyperlink>'
        '<w:r><w:t xml:space="preserve"> agreed by </w:t></w:r>'
        '<w:sdt><w:sdtPr><w:alias w:val="Party"/></w:sdtPr>'
        "<w:sdtContent><w:r><w:t>Party A</w:t></w:r></w:sdtContent></w:sdt>"
        '<w:r><w:t xml:space="preserve"> in </w:t></w:r>'
        '<w:smartTag w:uri="urn:x" w:element="place"><w:r><w:t>Placeville</w:t></w:r></w:smartTag>'
        '<w:r><w:t xml:space="preserve"> on </w:t></w:r>'
        '<w:fldSimple w:instr=" DATE "><w:r><w:t>day one</w:t></w:r></w:fldSimple>'
        '<w:r><w:t xml:space="preserve">, per </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> REF c5 \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>Clause 5</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>.</w:t></w:r></w:p>',
    )
    append_xml(
        d,
        "<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>Inside a block control</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>",
    )
    data = to_bytes(d)
    doc = read(tmp_path, d)
    assert texts(doc) == [
        "See the terms agreed by Party A in Placeville on day one, per Clause 5.",
        "Inside a block control",
    ]
    assert doc.blocks[1].paragraph == 1
    assert_round_trip(doc, data)


def test_special_characters_keep_one_line_per_block(tmp_path: Path) -> None:
    d = new_document()
    append_xml(
        d,
        "<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/><w:t>d</w:t>"
        "<w:noBreakHyphen/><w:t>e</w:t><w:softHyphen/><w:t>f</w:t>"
        '<w:br w:type="page"/><w:t>g</w:t><w:sym w:font="Wingdings" w:char="F0FC"/></w:r></w:p>',
    )
    data = to_bytes(d)
    doc = read(tmp_path, d)
    assert doc.text == "a\tb c d-efg\n"
    assert_round_trip(doc, data)


def test_text_box_read_once_after_its_paragraph(tmp_path: Path) -> None:
    d = new_document()
    box = "<w:txbxContent><w:p><w:r><w:t>Boxed</w:t></w:r></w:p></w:txbxContent>"
    append_xml(
        d,
        "<w:p><w:r><w:t>Outer</w:t></w:r><w:r><mc:AlternateContent>"
        f'<mc:Choice Requires="wps"><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice>'
        f"<mc:Fallback><w:pict><v:textbox>{box}</v:textbox></w:pict></mc:Fallback>"
        '</mc:AlternateContent></w:r><w:r><w:t xml:space="preserve"> text</w:t></w:r></w:p>',
    )
    d.add_paragraph("Next")
    data = to_bytes(d)
    doc = read(tmp_path, d)
    assert texts(doc) == ["Outer text", "Boxed", "Next"]
    assert [b.paragraph for b in doc.blocks] == [0, 1, 3]
    ref = doc.run_at(doc.text.index(" text"))
    assert ref is not None
    assert ref.run == 4  # Outer, the box holder, Boxed (Choice), Boxed (Fallback), " text"
    assert_round_trip(doc, data)


def test_run_mapping_round_trip_on_mixed_runs(tmp_path: Path) -> None:
    d = new_document()
    num = add_list(d, LEGAL)
    p = numbered(d.add_paragraph(), num)
    for text in ("  The ", "Supplier", " shall ", "", "deliver\tthe goods.  "):
        p.add_run(text)
    d.add_paragraph("Plain paragraph with one run.")
    data = to_bytes(d)
    doc = read(tmp_path, d)
    assert texts(doc) == [
        "1. The Supplier shall deliver\tthe goods.",
        "Plain paragraph with one run.",
    ]
    ref = doc.run_at(doc.blocks[0].body_start)
    assert ref is not None
    assert (ref.paragraph, ref.run, ref.offset) == (0, 0, 2)
    ref = doc.run_at(doc.text.index("deliver"))
    assert ref is not None
    assert ref.run == 4
    assert_round_trip(doc, data)


# --------------------------------------------------------------------------------------------
# Package metadata


def test_page_count_from_app_properties(tmp_path: Path) -> None:
    d = new_document()
    d.add_paragraph("Body")
    data = to_bytes(d)
    app = read_member(data, "docProps/app.xml")
    seven = rewrite_zip(
        data, {"docProps/app.xml": app.replace(b"<Pages>1</Pages>", b"<Pages>7</Pages>")}
    )
    none = rewrite_zip(data, {"docProps/app.xml": app.replace(b"<Pages>1</Pages>", b"")})
    assert read_docx(Path("a.docx"), seven, "x").page_count == 7
    assert read_docx(Path("a.docx"), none, "x").page_count is None


def test_document_fields(tmp_path: Path) -> None:
    d = new_document()
    d.add_paragraph("Body")
    path = save(d, tmp_path)
    doc = load(path)
    assert doc.format == "docx"
    assert doc.path == path
    assert len(doc.sha256) == 64


# --------------------------------------------------------------------------------------------
# Failures


def _valid_bytes() -> bytes:
    d = new_document()
    d.add_paragraph("Some text so the document is not empty.")
    return to_bytes(d)


def test_truncated_docx_is_corrupt(tmp_path: Path) -> None:
    data = _valid_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptDocumentError):
        load(path)
    with pytest.raises(CorruptDocumentError):
        read_docx(path, data[: len(data) // 2], "x")
    with pytest.raises(CorruptDocumentError):
        read_docx(path, b"not a zip at all", "x")


@pytest.mark.parametrize(
    ("replace", "drop"),
    [
        ({"word/document.xml": b"<w:document><w:body><w:p>"}, ()),
        ({"word/document.xml": b"<?xml version='1.0'?><other/>"}, ()),
        ({"word/numbering.xml": b"\x00\x01 not xml"}, ()),
        ({}, ("[Content_Types].xml",)),
        ({}, ("word/styles.xml",)),
    ],
    ids=["broken-xml", "wrong-root", "broken-numbering", "no-content-types", "missing-part"],
)
def test_damaged_package_is_corrupt(
    tmp_path: Path, replace: dict[str, bytes], drop: tuple[str, ...]
) -> None:
    path = tmp_path / "damaged.docx"
    path.write_bytes(rewrite_zip(_valid_bytes(), replace, drop))
    with pytest.raises(CorruptDocumentError, match=r"damaged\.docx"):
        load(path)


def test_missing_document_relationships_still_read_the_body(tmp_path: Path) -> None:
    """Without word/_rels the body is intact; only styles and numbering are lost."""
    path = tmp_path / "norels.docx"
    path.write_bytes(rewrite_zip(_valid_bytes(), drop=("word/_rels/document.xml.rels",)))
    assert load(path).text == "Some text so the document is not empty.\n"


def test_document_without_text_is_empty(tmp_path: Path) -> None:
    with pytest.raises(EmptyDocumentError):
        read(tmp_path, new_document(), "blank.docx")
    d = new_document()
    d.add_paragraph("")
    d.add_paragraph("   ")
    d.add_table(rows=1, cols=1)
    d.sections[0].header.paragraphs[0].text = "Header only"
    with pytest.raises(EmptyDocumentError):
        read(tmp_path, d, "whitespace.docx")


def test_renamed_text_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_text("This is plain text pretending to be a Word file.\n", encoding="utf-8")
    with pytest.raises(DocumentError) as info:
        load(path)
    assert isinstance(info.value, CorruptDocumentError)
    assert "notes.docx" in str(info.value)


# --------------------------------------------------------------------------------------------
# Performance


def test_hundred_page_document_reads_fast() -> None:
    d = new_document()
    num = add_list(d, LEGAL)
    sentence = "The parties agree that the obligations set out in this clause apply in full. "
    for i in range(600):
        if i % 20 == 0:
            d.add_heading(f"Article {i // 20}", 1)
        p = numbered(d.add_paragraph(), num, i % 3)
        for j in range(4):
            run = p.add_run(sentence)
            run.bold = j == 1
    table = d.add_table(rows=60, cols=3)
    for row in table.rows:
        for cell in row.cells:
            cell.text = "cell text"
    data = to_bytes(d)
    start = time.perf_counter()
    doc = read_docx(Path("long.docx"), data, "x")
    elapsed = time.perf_counter() - start
    assert len(doc.blocks) == 600 + 30 + 180
    assert len(doc.text) > 150_000
    assert elapsed < 1.0, f"read took {elapsed:.2f}s"
