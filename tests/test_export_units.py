"""The export helpers on their own: run splitting, coordinates, names, formats and escaping.

No engine here; these are the pieces whose mistakes would be hardest to see in a whole export
(a run split one character off, a highlight on the wrong line of a rotated page).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from lxml import etree
from pypdf.generic import RectangleObject

from clause_library.document import Box
from clause_library.export import (
    FormatUnavailableError,
    UnknownFormatError,
    available_formats,
    initials_of,
    output_names,
    parse_formats,
)
from clause_library.export.annotated_pdf import to_user_space
from clause_library.export.decisions import Decision, decision_for
from clause_library.export.items import display_title, quote, section_label
from clause_library.export.memo import (
    Heading,
    Memo,
    Para,
    Quote,
    Span,
    render_html,
    render_markdown,
)
from clause_library.export.table import _safe
from clause_library.export.wordml import RunCursor, split_run
from clause_library.ingest.docx import run_text

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"


def run(xml: str) -> etree._Element:
    p = etree.fromstring(f'<w:p xmlns:w="{W_NS}"><w:r w:rsidR="00AB">{xml}</w:r></w:p>')
    return p[0]


MIXED = (
    '<w:rPr><w:i/></w:rPr><w:t xml:space="preserve">Hello </w:t><w:tab/>'
    '<w:t>world</w:t><w:br/><w:fldChar w:fldCharType="begin"/><w:t>!</w:t>'
)


@pytest.mark.parametrize("at", range(1, 14))
def test_split_run_keeps_every_character_and_the_format(at: int) -> None:
    r = run(MIXED)
    whole = run_text(r)
    assert whole == "Hello \tworld !"
    tail = split_run(r, at)
    assert run_text(r) == whole[:at]
    assert run_text(tail) == whole[at:]
    assert r.getnext() is tail
    assert tail.get(f"{W}rsidR") == "00AB"
    for half in (r, tail):
        assert half[0].tag == f"{W}rPr" and half[0].find(f"{W}i") is not None


@pytest.mark.parametrize("at", [0, 14, 20])
def test_split_run_refuses_the_edges(at: int) -> None:
    with pytest.raises(ValueError):
        split_run(run(MIXED), at)


def test_run_cursor_isolates_overlapping_ranges() -> None:
    r = run("<w:t>abcdefghij</w:t>")
    cursor = RunCursor()
    middle = cursor.isolate(r, 2, 8)
    assert "".join(run_text(e) for e in middle) == "cdefgh"
    inner = cursor.isolate(r, 4, 6)  # inside the part handed out before
    assert "".join(run_text(e) for e in inner) == "ef"
    assert "".join(run_text(e) for e in cursor.isolate(r, 0, 10)) == "abcdefghij"
    assert "".join(run_text(e) for e in cursor.isolate(r, 2, 8)) == "cdefgh"
    parent = r.getparent()
    assert "".join(run_text(e) for e in parent) == "abcdefghij"


CROP = RectangleObject((10, 20, 410, 620))  # 400 x 600, not at the origin


@pytest.mark.parametrize(
    ("rotation", "expected"),
    [
        (0, (15.0, 580.0, 35.0, 590.0)),  # left + x, top - y
        (90, (40.0, 25.0, 50.0, 45.0)),  # left + y, bottom + x
        (180, (385.0, 50.0, 405.0, 60.0)),  # right - x, bottom + y
        (270, (370.0, 595.0, 380.0, 615.0)),  # right - y, top - x
    ],
)
def test_boxes_map_back_to_user_space(rotation: int, expected: tuple[float, ...]) -> None:
    box = Box(page=1, x0=5, top=30, x1=25, bottom=40)
    assert to_user_space(box, CROP, rotation) == pytest.approx(expected)


def test_titles_and_sections_read_as_a_lawyer_writes_them() -> None:
    assert display_title("MUTUAL NON-DISCLOSURE AGREEMENT") == "Mutual Non-Disclosure Agreement"
    assert display_title("SOFTWARE-AS-A-SERVICE AGREEMENT") == "Software-as-a-Service Agreement"
    assert display_title("Data Licence Agreement") == "Data Licence Agreement"
    # company forms and initialisms keep their letters; punctuation stays where it was
    assert display_title("HALLORAN PIERCE & CO. LLC") == "Halloran Pierce & Co. LLC"
    assert display_title("SAAS TERMS FOR AI SERVICES (UK)") == "SaaS Terms for AI Services (UK)"
    assert display_title("MANAGED IT SERVICES AGREEMENT") == "Managed IT Services Agreement"
    assert section_label(("3 Residuals", "3.1")) == "3 Residuals › 3.1"
    assert section_label(("9 LIMITATION OF LIABILITY", "9.2 Cap")) == "9.2 Cap"
    assert section_label(()) == ""
    # an item of an appendix that numbers afresh is cited with the appendix
    assert (
        section_label(("APPENDIX 3 SERVICE LEVELS", "4 Standardised compensation"))
        == "Appendix 3 Service Levels › 4 Standardised compensation"
    )
    assert section_label(("SCHEDULE 2", "3 Charges", "3.1")) == "Schedule 2 › 3 Charges › 3.1"
    assert section_label(("SCHEDULE 2",)) == "Schedule 2"


def test_quote_keeps_paragraphs_and_cuts_at_a_word() -> None:
    quoted = quote("Lead-in:\n(a)\tfirst  item;\n\n(b) second")
    assert quoted == "Lead-in:\n(a) first item;\n(b) second"
    assert quote("one two three four", 9) == "one two …"


def test_formats_follow_the_original() -> None:
    assert available_formats("docx") == ("docx", "memo", "csv", "xlsx")
    assert available_formats("pdf") == ("memo", "csv", "xlsx", "pdf")
    assert available_formats("txt") == ("memo", "csv", "xlsx")
    assert parse_formats(None, "pdf") == available_formats("pdf")
    assert parse_formats(" XLSX, memo,memo ", "txt") == ("memo", "xlsx")
    with pytest.raises(UnknownFormatError, match="'odt' is not an export format"):
        parse_formats("odt", "docx")
    with pytest.raises(FormatUnavailableError, match="Choose from: memo, csv, xlsx"):
        parse_formats(["docx"], "txt")


def test_output_names_and_initials() -> None:
    assert output_names("nda", "memo") == ["nda.memo.docx", "nda.memo.html", "nda.memo.md"]
    assert output_names("nda", "pdf") == ["nda.annotated.pdf"]
    assert initials_of("Alex Q. Reviewer") == "AQR"
    assert initials_of("  ") == ""


def test_decisions_are_validated_and_accepted_from_the_store() -> None:
    with pytest.raises(ValueError, match="unknown decision status"):
        Decision("approved")  # type: ignore[arg-type]
    assert Decision("accepted").resolved and Decision("not_applicable").resolved
    assert not Decision("needs_change").resolved and not Decision().resolved

    @dataclass(frozen=True)
    class Stored:  # the review store's record carries more than an export needs
        key: str
        status: str | None
        note: str
        author: str = "someone"

    decisions = {"x@1-2": Stored("x@1-2", "needs_change", "ask")}
    assert decision_for(decisions, "x@1-2") == Decision("needs_change", "ask")
    assert decision_for(decisions, "other") == Decision()
    assert decision_for(None, "x@1-2") == Decision()


def test_spreadsheet_text_is_never_a_formula() -> None:
    assert _safe("=1+1") == "'=1+1"
    assert _safe("@SUM(A1)") == "'@SUM(A1)"
    assert _safe("Plain text") == "Plain text"
    assert _safe(0.5) == 0.5


def test_memo_renderers_escape_what_they_quote() -> None:
    memo = Memo(
        "Review memo: A <b> & C",
        (
            Heading(1, "Issues"),
            Para((Span("Issue: ", bold=True), Span("*not* <script>"))),
            Quote(("Clause with | pipe and _underscores_",), "The clause"),
        ),
    )
    html = render_html(memo)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<strong>Issue: </strong>" in html
    md = render_markdown(memo)
    assert "\\*not\\* \\<script\\>" in md
    assert "> Clause with \\| pipe and \\_underscores\\_" in md
    assert md.startswith("# Review memo: A \\<b\\> & C")


def test_the_memo_names_our_side_by_the_agreements_own_name() -> None:
    from clause_library.export.items import Header
    from clause_library.export.memo import Fields, build_memo

    def playbook_line(
        parties: tuple[str, str] | None, our_name: str = "", our_party: str = ""
    ) -> str:
        header = Header(
            document="supply.txt",
            title="Supply Agreement",
            kind="Vendor agreement",
            kind_confidence=0.98,
            playbook="Vendor agreement (customer side)",
            side="customer",
            reviewer="R",
            date="6 December 2026",
            reviewed="",
            library_version="1",
            model_id="",
            page_count=None,
            parties=parties,
            our_name=our_name,
            our_party=our_party,
        )
        fields = next(b for b in build_memo(header, ()).blocks if isinstance(b, Fields))
        return dict(fields.rows)["Playbook"]

    assert playbook_line(("Purchaser", "Manufacturer")).endswith(
        "we act for the Customer (“Purchaser”)"
    )
    assert playbook_line(("Customer", "Supplier")).endswith("we act for the Customer")
    assert playbook_line(None).endswith("we act for the Customer")
    # the name the review read for our side, where the playbook's names are not used
    assert playbook_line(None, "Purchaser").endswith("we act for the Customer (“Purchaser”)")
    # the party the reviewer chose
    assert playbook_line(None, "Osterfeld", "Osterfeld").endswith("we act for “Osterfeld”")
