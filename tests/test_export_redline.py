"""Exports end to end: annotated Word copy, memo, table and annotated PDF, from real reviews.

One engine serves the whole module (loading the model takes seconds). Documents are built here
with python-docx and hand-written XML (numbered lists, a table, an existing comment, existing
tracked changes), reviewed by the engine, and then given findings at known places so every
anchor can be checked exactly: reopened with lxml, each comment must enclose exactly its
clause's text, each revision must carry author, date and a unique id, and rejecting all changes
must give back the original text.
"""

from __future__ import annotations

import copy
import csv
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from io import BytesIO, StringIO
from pathlib import Path

import docx
import openpyxl
import pypdfium2 as pdfium
import pytest
from docx_builders import Level, add_list, append_xml, new_document, numbered, save
from lxml import etree
from lxml import html as lxml_html
from pdfmaker import make_pdf
from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.generic import RectangleObject

from clause_library.cli import main
from clause_library.document import Document
from clause_library.engine import Engine
from clause_library.export import (
    Decision,
    FormatUnavailableError,
    OutputLocationError,
    SourceChangedError,
    UnknownFormatError,
    export_review,
)
from clause_library.ingest import load
from clause_library.ingest.docx import paragraph_runs, run_text
from clause_library.report import review_json, write_review_text
from clause_library.review import (
    NOT_LEGAL_ADVICE,
    POSSIBLE_BELOW,
    Finding,
    FiredCheck,
    Gap,
    Review,
)

pytestmark = pytest.mark.model

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
AUTHOR = "Alex Q. Reviewer"
WHEN = datetime(2025, 3, 4, 9, 30, tzinfo=UTC)
SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"


# --- one engine for the module --------------------------------------------------------------


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine()


# --- the test agreement ---------------------------------------------------------------------

PREAMBLE = (
    "This Consulting Agreement is made between Acme Analytics, Inc. (the “Company”) and Jordan "
    "Lee, an individual (“Contractor”)."
)
PERFORMANCE = (
    " Contractor shall perform the services described in each written statement of work "
    "diligently, in a professional manner and in accordance with the Company’s reasonable "
    "instructions."
)
MORAL = "Contractor hereby waives all moral rights in the Work Product."


def _clause(
    document: docx.document.Document, num: int, heading: str, *runs: tuple[str, str]
) -> None:
    """A numbered clause with a bold run-in heading and body runs of the given formats."""
    p = numbered(document.add_paragraph(), num, 1)
    p.add_run(heading).bold = True
    for text, fmt in runs:
        run = p.add_run(text)
        run.italic = "i" in fmt or None
        run.bold = "b" in fmt or None


def build_agreement(folder: Path) -> Path:
    d = new_document()
    num = add_list(
        d, [Level("decimal", "%1."), Level("decimal", "%1.%2"), Level("lowerLetter", "(%3)")]
    )
    d.add_paragraph("CONSULTING AGREEMENT", style="Title")
    d.add_paragraph(PREAMBLE)
    numbered(d.add_heading("Services", 1), num, 0)
    _clause(d, num, "Performance.", (PERFORMANCE, ""))
    lead = numbered(d.add_paragraph(), num, 1)
    lead.add_run("Restrictions.").bold = True
    lead.add_run(" Contractor shall not:")
    for text in (
        "use any open-source software in a Deliverable without the Company’s written consent;",
        "subcontract any part of the services without the Company’s written consent.",
    ):
        numbered(d.add_paragraph(text), num, 2)
    numbered(d.add_heading("Intellectual Property", 1), num, 0)
    _clause(
        d, num, "Ownership.",
        (" All Work Product shall be the property of the Company. Contractor ", ""),
        ("agrees to ", "i"),
        ("assign", "b"),
        (" to the Company all right, title and interest in the Work Product.", ""),
    )
    _clause(
        d, num, "Records.",
        (" Contractor shall keep written records of all Work Product and disclose them.", ""),
    )
    numbered(d.add_heading("Confidentiality", 1), num, 0)
    _clause(
        d, num, "Obligations.",
        (" Contractor shall hold all Confidential Information in strict confidence ", ""),
        ("and use it only to perform the services.", ""),
    )
    commented = d.paragraphs[-1].runs[-1]
    d.add_comment(commented, text="Is this long enough?", author="Opposing Counsel", initials="OC")
    # a clause with tracked changes by someone else: an insertion and a deletion
    append_xml(
        d,
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="{num}"/></w:numPr></w:pPr>'
        '<w:r><w:rPr><w:b/></w:rPr><w:t>Notice.</w:t></w:r>'
        '<w:r><w:t xml:space="preserve"> Contractor shall </w:t></w:r>'
        '<w:ins w:id="901" w:author="Other Author" w:date="2025-01-02T00:00:00Z">'
        '<w:r><w:t xml:space="preserve">promptly and in writing </w:t></w:r></w:ins>'
        '<w:del w:id="902" w:author="Other Author" w:date="2025-01-02T00:00:00Z">'
        '<w:r><w:delText xml:space="preserve">eventually </w:delText></w:r></w:del>'
        "<w:r><w:t>notify the Company of any unauthorised disclosure.</w:t></w:r></w:p>",
    )
    numbered(d.add_heading("Fees", 1), num, 0)
    table = d.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    table.cell(0, 0).text = "Milestone"
    table.cell(0, 1).text = "Fee"
    table.cell(1, 0).text = "Pipeline delivered and accepted by the Company"
    table.cell(1, 1).text = "USD 12,000 payable within thirty days of invoice"
    d.add_paragraph("IN WITNESS WHEREOF, the parties have signed this Agreement.")
    signatures = d.add_table(rows=3, cols=2)
    for row, label in enumerate(("By: ____________", "Name:", "Title:")):
        signatures.cell(row, 0).text = label
        signatures.cell(row, 1).text = label
    return save(d, folder, "consulting.docx")


# --- reading the outputs ---------------------------------------------------------------------


def document_root(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def comments_root(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("word/comments.xml"))


def comment_texts(path: Path, author: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for comment in comments_root(path).iter(f"{W}comment"):
        if comment.get(f"{W}author") == author:
            out[comment.get(f"{W}id")] = "\n".join(
                "".join(t.text or "" for t in p.iter(f"{W}t")) for p in comment.iter(f"{W}p")
            )
    return out


def _ancestors(el: etree._Element) -> Iterator[etree._Element]:
    yield from el.iterancestors()


def _text_with_deletions(r: etree._Element) -> str:
    r = copy.deepcopy(r)
    for el in r.iter(f"{W}delText"):
        el.tag = f"{W}t"
    return run_text(r)


def enclosed_text(root: etree._Element, comment_id: str, author: str) -> str:
    """The text a comment's range encloses, read as the original had it: the source's own
    revisions as the reader sees them (insertions in, deletions out), ours undone."""
    start = root.xpath(f"//w:commentRangeStart[@w:id='{comment_id}']", namespaces={"w": W_NS})
    end = root.xpath(f"//w:commentRangeEnd[@w:id='{comment_id}']", namespaces={"w": W_NS})
    assert len(start) == 1 and len(end) == 1, f"comment {comment_id} has no single range"
    texts: list[str] = []
    inside = False
    for el in root.iter():
        if el is start[0]:
            inside = True
        elif el is end[0]:
            break
        elif inside and el.tag == f"{W}r":
            ours = {a.tag for a in _ancestors(el) if a.get(f"{W}author") == author}
            theirs = {a.tag for a in _ancestors(el) if a.get(f"{W}author") not in (None, author)}
            if f"{W}ins" in ours or theirs & {f"{W}del", f"{W}moveFrom"}:
                continue
            texts.append(_text_with_deletions(el))
    return "".join(texts)


def reject(root: etree._Element, author: str | None = None) -> etree._Element:
    """A copy of the body with every tracked change rejected (only ``author``'s if given):
    insertions dropped, deletions restored, paragraph properties changed back, paragraphs
    whose mark was inserted joined to the next one (which keeps its own mark, as in Word)."""
    root = copy.deepcopy(root)

    def mine(el: etree._Element) -> bool:
        return author is None or el.get(f"{W}author") == author

    for change in list(root.iter(f"{W}pPrChange")):
        if not mine(change):
            continue
        ppr = change.getparent()
        old = change.find(f"{W}pPr")
        mark = ppr.find(f"{W}rPr")
        for child in list(ppr):
            ppr.remove(child)
        for child in list(old) if old is not None else []:
            ppr.append(child)
        if mark is not None:
            ppr.append(mark)

    merge: list[etree._Element] = []
    for mark in list(root.iter(f"{W}ins", f"{W}del", f"{W}moveTo", f"{W}moveFrom")):
        parent = mark.getparent()
        if parent is None or not mine(mark):
            continue
        if parent.tag == f"{W}rPr":  # a paragraph mark's revision
            if mark.tag == f"{W}ins" and parent.getparent().tag == f"{W}pPr":
                merge.append(parent.getparent().getparent())
            parent.remove(mark)
        elif mark.tag in (f"{W}ins", f"{W}moveTo"):
            parent.remove(mark)
        else:
            for child in list(mark):
                for deleted in child.iter(f"{W}delText"):
                    deleted.tag = f"{W}t"
                mark.addprevious(child)
            parent.remove(mark)
    for p in merge:  # the paragraph was inserted whole: its remains join the next one
        following = p.getnext()
        content = [c for c in p if c.tag != f"{W}pPr"]
        if following is not None and following.tag == f"{W}p":
            anchor = following.find(f"{W}pPr")
            for child in reversed(content):
                if anchor is not None:
                    anchor.addnext(child)
                else:
                    following.insert(0, child)
        p.getparent().remove(p)
    return root


def paragraph_texts(root: etree._Element) -> list[str]:
    return ["".join(run_text(r) for r in paragraph_runs(p)) for p in root.iter(f"{W}p")]


def paragraph_shapes(root: etree._Element) -> list[tuple[str, ...]]:
    """Each paragraph's text, style and list membership: what rejecting must restore."""

    def val(p: etree._Element, path: str) -> str:
        el = p.find(f"{W}pPr/{path}")
        return "" if el is None else el.get(f"{W}val", "")

    return [
        (text, val(p, f"{W}pStyle"), val(p, f"{W}numPr/{W}ilvl"), val(p, f"{W}numPr/{W}numId"))
        for p, text in zip(root.iter(f"{W}p"), paragraph_texts(root), strict=True)
    ]


def revisions(root: etree._Element) -> list[etree._Element]:
    return list(root.iter(f"{W}ins", f"{W}del"))


def mapped(document: Document, start: int, end: int) -> str:
    return "".join(document.text[p.start : p.end] for p in document.pieces_between(start, end))


def reload_without(path: Path, author: str, folder: Path) -> Document:
    """The annotated copy with only ``author``'s changes rejected, read by the engine's reader."""
    root = reject(document_root(path), author)
    out = folder / "rejected.docx"
    buffer = BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buffer, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            dst.writestr(info, data)
    out.write_bytes(buffer.getvalue())
    return load(out)


# --- findings at known places ----------------------------------------------------------------


def _check(
    review: Review, *, fix: str | None = None, within: int = 0, replacement: str = ""
) -> FiredCheck:
    fix_start = fix_end = None
    if fix is not None:
        fix_start = review.document.text.index(fix, within)
        fix_end = fix_start + len(fix)
    return FiredCheck(
        id="test_check",
        status="weak",
        severity="high",
        title="Promise to assign, not a present assignment",
        explanation="A promise to assign transfers nothing until a further document is signed.",
        recommendation="Use a present assignment.",
        fix_start=fix_start,
        fix_end=fix_end,
        replacement=replacement,
    )


def finding_on(
    review: Review,
    needle: str,
    clause_id: str = "ip_assignment",
    *,
    whole_clause: bool = False,
    check: FiredCheck | None = None,
    status: str = "weak",
) -> Finding:
    """A finding on the text ``needle`` (or on the whole segmented clause holding it)."""
    text = review.document.text
    start = text.index(needle)
    end = start + len(needle)
    if whole_clause:
        clause = next(
            c for c in review.analysis.segmentation.clauses if c.start <= start < c.end
        )
        start, end = clause.start, clause.end
    library_type = review.analysis.library.get(clause_id)
    return Finding(
        clause_id=clause_id,
        title=library_type.title,
        family=library_type.family,
        status=status,  # type: ignore[arg-type]
        severity="high",
        score=0.9,
        start=start,
        end=end,
        text=text[start:end],
        clause_start=start,
        clause_end=end,
        segment_id="test",
        heading_path=("2 Intellectual Property",),
        page=None,
        reasons=(),
        checks=(check or _check(review),),
    )


def required_gap(review: Review, clause_id: str = "moral_rights_waiver") -> Gap:
    clause_type = review.analysis.library.get(clause_id)
    return Gap(
        clause_id=clause_id,
        title=clause_type.title,
        family=clause_type.family,
        severity="high",
        required=True,
        description=clause_type.description,
        recommendation=MORAL,
        fallback="Contractor agrees not to assert moral rights against the Company.",
    )


@pytest.fixture(scope="module")
def agreement(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_agreement(tmp_path_factory.mktemp("agreement"))


@pytest.fixture(scope="module")
def reviewed(engine: Engine, agreement: Path) -> Review:
    return engine.review_file(agreement, "contractor_company")


@pytest.fixture(scope="module")
def staged(reviewed: Review) -> Review:
    """The engine's review with findings and gaps at known, awkward places."""
    r = reviewed
    text = r.document.text
    ownership = text.index("Contractor agrees to assign")
    notice = text.index("promptly and in writing")
    findings = (
        # a span starting and ending inside runs
        finding_on(r, "written statement of work", "use_restrictions"),
        # a span across runs of three formats, with a tracked fix across two of them
        finding_on(
            r,
            "All Work Product shall be the property of the Company. Contractor agrees to assign",
            check=_check(r, fix="agrees to assign", within=ownership, replacement="hereby assigns"),
        ),
        # a whole numbered clause with its lettered sub-items (several paragraphs)
        finding_on(r, "Contractor shall not:", "use_restrictions", whole_clause=True),
        # overlapping the source's own comment range
        finding_on(r, "strict confidence and use it", "confidentiality"),
        # across another author's insertion and deletion, with a fix inside the insertion
        finding_on(
            r,
            "shall promptly and in writing notify",
            "data_security",
            check=_check(r, fix="promptly", within=notice, replacement="immediately"),
        ),
        # in a table cell
        finding_on(r, "payable within thirty days", "price_restrictions", status="red_flag"),
    )
    optional = replace(required_gap(r, "further_assurances"), required=False, severity="medium")
    return replace(r, findings=findings, gaps=(required_gap(r), optional))


@pytest.fixture(scope="module")
def annotated(staged: Review, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("annotated")
    (path,) = export_review(staged, {}, out, ["docx"], AUTHOR, when=WHEN)
    return path


# --- the annotated Word copy -----------------------------------------------------------------


def test_every_comment_encloses_exactly_its_clause(staged: Review, annotated: Path) -> None:
    root = document_root(annotated)
    ours = comment_texts(annotated, AUTHOR)
    starts = {
        el.get(f"{W}id"): el for el in root.iter(f"{W}commentRangeStart")
    }
    for finding in staged.findings:
        expected = mapped(staged.document, finding.clause_start, finding.clause_end)
        matches = [
            cid
            for cid in ours
            if cid in starts and enclosed_text(root, cid, AUTHOR) == expected
        ]
        assert len(matches) == 1, f"no comment encloses {expected!r}"
        assert finding.title in ours[matches[0]]
        assert "Why it matters" in ours[matches[0]]


def test_comments_are_signed_and_referenced(annotated: Path) -> None:
    root = document_root(annotated)
    comments = comments_root(annotated)
    ours = [c for c in comments.iter(f"{W}comment") if c.get(f"{W}author") == AUTHOR]
    assert len(ours) == 6 + 1 + 1  # findings, the inserted clause, the recommended gap
    for comment in ours:
        assert comment.get(f"{W}initials") == "AQR"
        assert comment.get(f"{W}date") == "2025-03-04T09:30:00Z"
        cid = comment.get(f"{W}id")
        refs = root.xpath(f"//w:commentReference[@w:id='{cid}']", namespaces={"w": W_NS})
        assert len(refs) == 1
    theirs = [c for c in comments.iter(f"{W}comment") if c.get(f"{W}author") == "Opposing Counsel"]
    assert len(theirs) == 1  # the source's own comment survives
    assert root.xpath(
        f"//w:commentRangeStart[@w:id='{theirs[0].get(f'{W}id')}']", namespaces={"w": W_NS}
    )


def test_weak_words_become_a_tracked_replacement(annotated: Path) -> None:
    root = document_root(annotated)
    ours = [r for r in revisions(root) if r.get(f"{W}author") == AUTHOR]
    deleted = [
        "".join(t.text or "" for t in d.iter(f"{W}delText")) for d in ours if d.tag == f"{W}del"
    ]
    inserted = [
        "".join(t.text or "" for t in i.iter(f"{W}t")) for i in ours if i.tag == f"{W}ins"
    ]
    assert "".join(deleted[:2]) == "agrees to assign"  # two runs: italic, then bold
    assert "hereby assigns" in inserted
    assert "immediately" in inserted
    first_del = next(d for d in ours if d.tag == f"{W}del")
    rpr = first_del.find(f"{W}r/{W}rPr")
    assert rpr is not None and rpr.find(f"{W}i") is not None  # the run kept its formatting
    replacement = next(i for i in ours if "hereby assigns" in "".join(i.itertext()))
    assert replacement.getprevious().tag == f"{W}del"


def test_a_fix_inside_another_authors_insertion_splits_it(annotated: Path) -> None:
    root = document_root(annotated)
    (p,) = [p for p in root.iter(f"{W}p") if "Notice." in "".join(p.itertext())]
    kinds = [
        (c.tag.split("}")[1], c.get(f"{W}author")) for c in p if c.tag in (f"{W}ins", f"{W}del")
    ]
    assert ("ins", AUTHOR) in kinds
    theirs = [c for c in p if c.tag == f"{W}ins" and c.get(f"{W}author") == "Other Author"]
    assert len(theirs) == 2  # before and after our replacement
    ours = [i for i in p.iter(f"{W}ins") if i.get(f"{W}author") == AUTHOR]
    assert not any(i.getparent().tag == f"{W}ins" for i in ours)  # never nested in theirs


def test_revisions_carry_author_date_and_unique_ids(annotated: Path) -> None:
    root = document_root(annotated)
    ids: list[str] = []
    for el in root.iter(f"{W}ins", f"{W}del", f"{W}pPrChange"):
        assert el.get(f"{W}author"), etree.tostring(el)
        assert el.get(f"{W}date"), etree.tostring(el)
        ids.append(el.get(f"{W}id"))
    ours = [el for el in root.iter(f"{W}ins", f"{W}del") if el.get(f"{W}author") == AUTHOR]
    assert ours and all(el.get(f"{W}date") == "2025-03-04T09:30:00Z" for el in ours)
    comment_ids = [c.get(f"{W}id") for c in comments_root(annotated).iter(f"{W}comment")]
    assert len(set(ids)) == len(ids)
    assert not set(ids) & set(comment_ids)


def test_rejecting_every_change_gives_back_the_original(agreement: Path, annotated: Path) -> None:
    original = paragraph_shapes(reject(document_root(agreement)))
    assert paragraph_shapes(reject(document_root(annotated))) == original


def test_rejecting_our_changes_gives_back_the_reviewed_text(
    staged: Review, annotated: Path, tmp_path: Path
) -> None:
    assert reload_without(annotated, AUTHOR, tmp_path).text == staged.document.text


def test_missing_required_clause_is_inserted_at_the_end_of_its_section(annotated: Path) -> None:
    root = document_root(annotated)
    (p,) = [p for p in root.iter(f"{W}p") if MORAL in "".join(p.itertext())]
    # as Word records Enter-and-type: the previous paragraph's mark is the inserted one, and
    # the new paragraph carries that paragraph's original mark with a property change
    mark = p.getprevious().find(f"{W}pPr/{W}rPr/{W}ins")
    assert mark is not None and mark.get(f"{W}author") == AUTHOR
    change = p.find(f"{W}pPr/{W}pPrChange")
    assert change is not None and change.get(f"{W}author") == AUTHOR
    runs = p.findall(f"{W}ins/{W}r")
    text = "".join(t.text or "" for r in runs for t in r.iter(f"{W}t"))
    assert text == f"Moral Rights Waiver. {MORAL}"
    assert runs[0].find(f"{W}rPr/{W}b") is not None  # a run-in heading like its neighbours
    assert p.find(f"{W}pPr/{W}numPr/{W}ilvl").get(f"{W}val") == "1"  # numbered as a clause
    before = "".join(p.getprevious().itertext())
    after = "".join(p.getnext().itertext())
    assert "Records." in before and after == "Confidentiality"
    assert p.find(f"{W}ins/{W}commentRangeStart") is not None


def test_recommended_gaps_are_listed_on_the_title(annotated: Path) -> None:
    texts = comment_texts(annotated, AUTHOR)
    (note,) = [t for t in texts.values() if t.startswith("Missing clauses the playbook recommends")]
    assert "Further assurances" in note


def test_the_original_is_untouched(agreement: Path, staged: Review, tmp_path: Path) -> None:
    before = agreement.read_bytes()
    export_review(staged, {}, tmp_path, None, AUTHOR)
    assert agreement.read_bytes() == before


def test_resolved_issues_are_left_out_unless_asked(staged: Review, tmp_path: Path) -> None:
    target = staged.findings[1]
    decisions = {target.key: Decision("not_applicable", "Standard for this client.")}
    (default,) = export_review(staged, decisions, tmp_path / "a", ["docx"], AUTHOR)
    (every,) = export_review(
        staged, decisions, tmp_path / "b", ["docx"], AUTHOR, include_resolved=True
    )
    assert not any("Standard" in t for t in comment_texts(default, AUTHOR).values())
    assert "hereby assigns" not in "".join(document_root(default).itertext())
    notes = [t for t in comment_texts(every, AUTHOR).values() if "Standard for this client." in t]
    assert len(notes) == 1 and "Decision: Not applicable." in notes[0]


def test_engine_findings_are_anchored_too(reviewed: Review, tmp_path: Path) -> None:
    (path,) = export_review(reviewed, None, tmp_path, ["docx"], AUTHOR)
    root = document_root(path)
    for finding in (f for f in reviewed.findings if f.is_issue):
        expected = mapped(reviewed.document, finding.clause_start, finding.clause_end)
        assert any(
            enclosed_text(root, cid, AUTHOR) == expected for cid in comment_texts(path, AUTHOR)
        ), finding.key
    assert paragraph_shapes(reject(root)) == paragraph_shapes(
        reject(document_root(reviewed.document.path))
    )


@pytest.mark.parametrize(
    "name", ["contractor_agreement.docx", "saas_vendor_agreement.docx", "mutual_nda.docx"]
)
def test_samples_round_trip(engine: Engine, name: str, tmp_path: Path) -> None:
    sample = SAMPLES / name
    if not sample.exists():
        pytest.skip(f"{name} is not in resources/samples yet")
    copy_of = tmp_path / name
    shutil.copyfile(sample, copy_of)
    review = engine.review_file(copy_of)
    (path,) = export_review(review, None, tmp_path / "out", ["docx"], AUTHOR)
    root = document_root(path)
    ours = comment_texts(path, AUTHOR)
    for finding in (f for f in review.findings if f.is_issue):
        expected = mapped(review.document, finding.clause_start, finding.clause_end)
        assert any(enclosed_text(root, cid, AUTHOR) == expected for cid in ours), finding.key
    assert paragraph_shapes(reject(root)) == paragraph_shapes(reject(document_root(copy_of)))
    assert reload_without(path, AUTHOR, tmp_path).text == review.document.text


def build_typed(folder: Path, *, signature: bool) -> Path:
    """An agreement whose clause numbers are typed ("2.1<tab>...") under Heading 2 headings."""
    d = new_document()
    d.add_paragraph("MUTUAL NON-DISCLOSURE AGREEMENT", style="Title")
    d.add_heading("1.  Confidentiality", 2)
    d.add_paragraph(
        "1.1\tEach party shall keep the other party's Confidential Information secret and use "
        "it only to evaluate the proposed transaction."
    )
    d.add_heading("2.  Term", 2)
    d.add_paragraph(
        "2.1\tThis Agreement applies to information disclosed during two years from the "
        "Effective Date."
    )
    if signature:
        d.add_paragraph("IN WITNESS WHEREOF, the parties have signed this Agreement.")
        d.add_paragraph("By: ______________________")
    return save(d, folder, "typed.docx")


@pytest.fixture(scope="module")
def typed_reviews(engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> list[Review]:
    reviews: list[Review] = []
    for name in ("signed", "unsigned"):
        folder = tmp_path_factory.mktemp(name)
        reviews.append(
            engine.review_file(build_typed(folder, signature=name == "signed"), "nda_mutual")
        )
    return reviews


def test_inserted_clause_continues_typed_numbering(
    typed_reviews: list[Review], tmp_path: Path
) -> None:
    review = typed_reviews[0]
    review = replace(review, findings=(), gaps=(required_gap(review, "survival"),))
    (path,) = export_review(review, {}, tmp_path, ["docx"], AUTHOR)
    texts = paragraph_texts(reject(document_root(path), "nobody"))  # our changes kept
    (new,) = [t for t in texts if MORAL in t]
    assert new == f"2.2\t{MORAL}"
    assert texts[texts.index(new) - 1].startswith("2.1\t")


def test_unplaceable_clause_goes_before_the_signature_block_or_at_the_end(
    typed_reviews: list[Review], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clause_library.export import annotated_docx

    monkeypatch.setattr(annotated_docx._Placement, "MIN_SCORE", 99.0)
    for review, where in zip(typed_reviews, ("signed", "unsigned"), strict=True):
        staged = replace(review, findings=(), gaps=(required_gap(review),))
        (path,) = export_review(staged, {}, tmp_path / where, ["docx"], AUTHOR)
        texts = [t for t in paragraph_texts(reject(document_root(path), "nobody")) if t]
        position = next(i for i, t in enumerate(texts) if MORAL in t)
        if where == "signed":
            assert texts[position + 1].startswith("IN WITNESS WHEREOF")
        else:
            assert position == len(texts) - 1
        assert paragraph_shapes(reject(document_root(path))) == paragraph_shapes(
            reject(document_root(review.document.path))
        )


# --- LibreOffice ----------------------------------------------------------------------------


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice is not installed")
    return found


def test_word_outputs_convert_to_pdf(staged: Review, tmp_path: Path) -> None:
    soffice = _soffice()
    paths = export_review(staged, {}, tmp_path, ["docx", "memo"], AUTHOR)
    words = [p for p in paths if p.suffix == ".docx"]
    result = subprocess.run(
        [
            soffice, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
            "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), *map(str, words),
        ],
        capture_output=True, text=True, timeout=180, check=False,
    )
    assert result.returncode == 0, result.stderr
    for word in words:
        pdf = tmp_path / "pdf" / (word.stem + ".pdf")
        assert pdf.exists(), result.stdout + result.stderr
        assert len(PdfReader(pdf).pages) >= 1


# --- memo -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def memo_files(staged: Review, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("memo")
    decisions = {
        staged.findings[1].key: Decision("needs_change", "Client insists on a present assignment."),
        staged.findings[5].key: Decision("accepted", ""),
    }
    paths = export_review(staged, decisions, out, ["docx", "memo"], AUTHOR, when=WHEN)
    return {p.name.split(".", 1)[1]: p for p in paths}


def test_memo_in_three_formats_says_the_same(memo_files: dict[str, Path], staged: Review) -> None:
    md = memo_files["memo.md"].read_text(encoding="utf-8")
    page = lxml_html.fromstring(memo_files["memo.html"].read_bytes())
    html_text = " ".join(page.text_content().split())
    word = docx.Document(str(memo_files["memo.docx"]))
    word_text = " ".join(
        " ".join("".join(p.itertext()) for p in word.element.body.iter(f"{W}p")).split()
    )
    for text in (" ".join(md.replace("\\", "").split()), html_text, word_text):
        assert "Review memo: Consulting Agreement" in text
        assert "consulting.docx" in text
        assert "Contractor agreement (company side)" in text
        assert AUTHOR in text
        assert "4 March 2025" in text
        assert staged.library_version in text
        assert NOT_LEGAL_ADVICE in text
        assert "Client insists on a present assignment." in text
        assert "Change requested" in text
        assert "1 further issue the reviewer accepted or marked not applicable is not" in text
        assert "inserted as a tracked change at the end of section 2 Intellectual Property" in text
        assert MORAL in text


def test_memo_lists_issues_in_document_order(memo_files: dict[str, Path], staged: Review) -> None:
    md = memo_files["memo.md"].read_text(encoding="utf-8")
    shown = sorted(
        (f for f in staged.findings if f is not staged.findings[5]), key=lambda f: f.start
    )
    positions = [md.index(f"{n}. {f.title}") for n, f in enumerate(shown, start=1)]
    assert positions == sorted(positions)
    assert md.index("## Missing clauses") > positions[-1]
    assert "> (a) use any open-source software" in md  # quoted one paragraph per line
    assert "*Weak · High severity*" in md


def test_memo_summary_counts_by_severity(memo_files: dict[str, Path]) -> None:
    md = memo_files["memo.md"].read_text(encoding="utf-8")
    assert "The review found 7 issues: 5 weak clauses and 2 missing clauses." in md
    assert "| High | 6 |" in md and "| Medium | 1 |" in md and "| Total | 7 |" in md


# --- table ----------------------------------------------------------------------------------


def test_table_has_one_row_per_finding_or_gap(staged: Review, tmp_path: Path) -> None:
    csv_path, xlsx_path = export_review(staged, {}, tmp_path, ["csv", "xlsx"], AUTHOR)
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(staged.findings) + len(staged.gaps)
    first = rows[0]
    assert first["document"] == "consulting.docx"
    assert first["playbook"] == "Contractor agreement (company side)"
    assert first["agreement kind"] == "Contractor / consultant agreement"
    assert {r["status"] for r in rows} == {"Weak", "Red flag", "Missing"}
    assert rows[-1]["recommendation"].startswith("Add: ")
    assert float(first["score"]) == pytest.approx(0.9)

    book = openpyxl.load_workbook(xlsx_path)
    sheet = book["Issues"]
    header = [c.value for c in sheet[1]]
    for column in (
        "document", "agreement kind", "playbook", "clause type", "family", "status", "severity",
        "section", "page", "excerpt", "issue", "recommendation", "decision", "note", "score",
    ):
        assert column in header
    assert sheet.max_row == len(rows) + 1
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}{len(rows) + 1}"
    assert sheet["A1"].font.bold
    assert sheet.cell(2, header.index("excerpt") + 1).alignment.wrap_text
    assert sheet.column_dimensions["K"].width > sheet.column_dimensions["J"].width
    assert "About" in book.sheetnames


def test_table_cells_never_become_formulas(staged: Review, tmp_path: Path) -> None:
    key = staged.findings[0].key
    decisions = {key: Decision("needs_change", "=HYPERLINK(\"http://x\")")}
    csv_path, xlsx_path = export_review(staged, decisions, tmp_path, ["csv", "xlsx"], AUTHOR)
    assert "'=HYPERLINK" in csv_path.read_text(encoding="utf-8-sig")
    sheet = openpyxl.load_workbook(xlsx_path)["Issues"]
    notes = [c for c in sheet["O"] if c.value and "HYPERLINK" in str(c.value)]
    assert notes and all(c.data_type == "s" for c in notes)


# --- where files go -------------------------------------------------------------------------


def test_refuses_the_original_as_output_folder(staged: Review) -> None:
    with pytest.raises(OutputLocationError):
        export_review(staged, {}, staged.document.path, None, AUTHOR)


def test_refuses_a_changed_original(staged: Review, tmp_path: Path) -> None:
    moved = tmp_path / "consulting.docx"
    shutil.copyfile(staged.document.path, moved)
    changed = replace(staged, document=replace(staged.document, path=moved))
    with moved.open("ab") as handle:
        handle.write(b"\0")
    with pytest.raises(SourceChangedError):
        export_review(changed, {}, tmp_path / "out", ["docx"], AUTHOR)
    export_review(changed, {}, tmp_path / "out", ["memo"], AUTHOR)  # needs no original


def test_refuses_unknown_or_unfitting_formats(staged: Review, tmp_path: Path) -> None:
    with pytest.raises(UnknownFormatError):
        export_review(staged, {}, tmp_path, ["rtf"], AUTHOR)
    with pytest.raises(FormatUnavailableError):
        export_review(staged, {}, tmp_path, "pdf", AUTHOR)
    assert not list(tmp_path.iterdir())


def test_a_locked_output_file_is_reported_plainly(
    staged: Review, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def locked(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied", src, None, dst)

    monkeypatch.setattr("clause_library.export.os.replace", locked)
    with pytest.raises(OutputLocationError, match="open in another program") as caught:
        export_review(staged, {}, tmp_path, ["csv"], AUTHOR)
    assert caught.value.path == tmp_path / "consulting.issues.csv"
    assert not list(tmp_path.iterdir())  # the scratch folder is gone too


def test_output_names(staged: Review, tmp_path: Path) -> None:
    names = sorted(p.name for p in export_review(staged, {}, tmp_path, None, AUTHOR))
    assert names == sorted(
        [
            "consulting.annotated.docx", "consulting.memo.docx", "consulting.memo.html",
            "consulting.memo.md", "consulting.issues.csv", "consulting.issues.xlsx",
        ]
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == names  # no scratch files left


def test_plain_text_gets_memo_and_table(engine: Engine, tmp_path: Path) -> None:
    source = tmp_path / "terms.txt"
    source.write_text(
        "CONSULTING AGREEMENT\n\n1. Intellectual Property\n\n1.1 Contractor agrees to assign "
        "to the Company all right, title and interest in the Work Product.\n",
        encoding="utf-8",
    )
    review = engine.review_file(source, "contractor_company")
    names = [p.name for p in export_review(review, None, tmp_path / "out", None, AUTHOR)]
    assert names == [
        "terms.memo.docx", "terms.memo.html", "terms.memo.md", "terms.issues.csv",
        "terms.issues.xlsx",
    ]
    with pytest.raises(FormatUnavailableError):
        export_review(review, None, tmp_path / "out", ["docx"], AUTHOR)


# --- PDF ------------------------------------------------------------------------------------

PDF_LINES = [
    "DATA LICENCE AGREEMENT",
    "1. Licence",
    "1.1 The Licensor grants to the Licensee a non-exclusive licence to use the Dataset",
    "for internal research purposes only, during the Term.",
    "2. Ownership",
    "2.1 All Models trained on the Dataset shall vest in and belong to the Licensor.",
]


def turned(path: Path, rotation: int) -> None:
    """Rewrite the page with /Rotate ``rotation`` and a media box that does not start at the
    origin, its content drawn turned the other way so that it still reads upright: how scanned
    and re-exported PDFs often come."""
    writer = PdfWriter(clone_from=PdfReader(path))
    page = writer.pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    shift = {90: (height, 0.0), 180: (width, height), 270: (0.0, width)}[rotation]
    size = (height, width) if rotation in (90, 270) else (width, height)
    page.add_transformation(
        Transformation().rotate(rotation).translate(shift[0] + 50, shift[1] + 30)
    )
    page.mediabox = RectangleObject((50, 30, 50 + size[0], 30 + size[1]))
    page.rotate(rotation)
    with path.open("wb") as handle:
        writer.write(handle)


@pytest.fixture(scope="module", params=[0, 90, 180, 270])
def pdf_review(
    request: pytest.FixtureRequest, engine: Engine, tmp_path_factory: pytest.TempPathFactory
) -> Review:
    folder = tmp_path_factory.mktemp("pdf")
    items = [(72.0, 90.0 + 22 * i, line, 11.0) for i, line in enumerate(PDF_LINES)]
    path = make_pdf(folder / "licence.pdf", [items])
    if request.param:
        turned(path, request.param)
    return engine.review_file(path, "data_licence_licensee")


def test_pdf_highlights_cover_the_flagged_text(pdf_review: Review, tmp_path: Path) -> None:
    finding = finding_on(pdf_review, "vest in and belong to the Licensor", "model_ownership")
    review = replace(pdf_review, findings=(finding,), gaps=(required_gap(pdf_review),))
    decisions = {finding.key: Decision("needs_change", "Ask for ownership of the weights.")}
    (path,) = export_review(review, decisions, tmp_path, ["pdf"], AUTHOR, when=WHEN)
    annotations = [a.get_object() for a in PdfReader(path).pages[0].annotations or []]
    (highlight,) = [a for a in annotations if a["/Subtype"] == "/Highlight"]
    assert highlight["/T"] == AUTHOR
    assert "Ask for ownership of the weights." in highlight["/Contents"]
    assert "Model ownership" in highlight["/Subj"] or finding.title in highlight["/Subj"]
    assert highlight["/Popup"].get_object()["/Subtype"] == "/Popup"
    assert "/AP" in highlight
    quads = [float(v) for v in highlight["/QuadPoints"]]
    page = pdfium.PdfDocument(path)[0]
    text_page = page.get_textpage()
    seen = []
    for i in range(0, len(quads), 8):
        xs, ys = quads[i : i + 8 : 2], quads[i + 1 : i + 8 : 2]
        seen.append(text_page.get_text_bounded(min(xs), min(ys), max(xs), max(ys)))
    assert " ".join(" ".join(seen).split()) == "vest in and belong to the Licensor"
    (note,) = [a for a in annotations if a["/Subtype"] == "/Text"]
    assert "Moral rights waiver" in note["/Contents"]


def test_pdf_export_leaves_the_original_alone(pdf_review: Review, tmp_path: Path) -> None:
    before = Path(pdf_review.document.path).read_bytes()
    paths = export_review(pdf_review, None, tmp_path, None, AUTHOR)
    assert sorted(p.name for p in paths) == sorted(
        [
            "licence.annotated.pdf", "licence.memo.docx", "licence.memo.html",
            "licence.memo.md", "licence.issues.csv", "licence.issues.xlsx",
        ]
    )
    assert Path(pdf_review.document.path).read_bytes() == before
    assert len(PdfReader(paths[-1]).pages) == 1


# --- command line ---------------------------------------------------------------------------


@pytest.fixture
def cli_engine(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """The CLI builds its own engine; give it the module's, already loaded."""
    monkeypatch.setattr("clause_library.engine.Engine", lambda **_: engine)
    return engine


@pytest.mark.usefixtures("cli_engine")
def test_cli_export(agreement: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(
        ["export", str(agreement), "--to", str(tmp_path), "--formats", "memo,csv",
         "--author", "Sam Lee"]
    )
    out = capsys.readouterr().out.split()
    assert status == 0
    assert [Path(p).name for p in out] == [
        "consulting.memo.docx", "consulting.memo.html", "consulting.memo.md",
        "consulting.issues.csv",
    ]
    assert "Sam Lee" in (tmp_path / "consulting.memo.md").read_text(encoding="utf-8")


@pytest.mark.usefixtures("cli_engine")
def test_cli_export_refuses_bad_requests(
    agreement: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(agreement), "--to", str(agreement)]) == 2
    assert "reviewed document itself" in capsys.readouterr().err
    assert main(["export", str(agreement), "--to", "/tmp/x", "--formats", "pdf"]) == 2
    assert "needs a PDF original" in capsys.readouterr().err


# --- possible matches -------------------------------------------------------------------------


def test_low_scoring_sound_findings_are_marked_possible_everywhere(
    reviewed: Review, tmp_path: Path
) -> None:
    low = POSSIBLE_BELOW - 0.01
    sure = replace(
        finding_on(reviewed, "Contractor agrees to assign", status="present"), checks=()
    )
    # a check fired on the clause's own wording: an issue, however low the score
    doubtful_issue = replace(
        finding_on(reviewed, "promptly and in writing", "confidentiality"), score=low
    )
    taken = {sure.clause_id, "confidentiality"}
    other = next(t for t in reviewed.playbook.required if t not in taken)
    faint = replace(
        finding_on(reviewed, "Contractor shall keep written records", other, status="present"),
        score=low,
        checks=(),
    )
    assert faint.possible and not sure.possible and not doubtful_issue.possible
    staged = replace(reviewed, findings=(sure, doubtful_issue, faint), gaps=())

    rows = {f["clause_id"]: f["possible"] for f in review_json(staged)["findings"]}
    assert rows == {sure.clause_id: False, "confidentiality": False, other: True}

    report = StringIO()
    write_review_text(staged, report)
    present = report.getvalue().split("\nPresent: ")[1]
    assert f"{faint.title} (possible)" in present
    assert f"{sure.title} (possible" not in present
    assert report.getvalue().count("possible") == 1

    memo = export_review(staged, {}, tmp_path, ["memo"], AUTHOR, when=WHEN)
    md = next(p for p in memo if p.name.endswith(".md")).read_text(encoding="utf-8")
    present_table = md[md.index("## Playbook clauses found without issues") :]
    assert f"| {faint.title} | 2 Intellectual Property (possible match) |" in present_table
    assert md.count("possible match") == 1
