"""The annotated copy of a Word original: comments on flagged clauses, tracked changes for weak
wording, and tracked insertions of missing required clauses.

A reviewer sends this file back to the other side or to a partner, so it must open cleanly in
Word and LibreOffice, keep every bit of the original's formatting, and be reversible: rejecting
all of our changes gives back the original text exactly. Everything is anchored through the
canonical text's run locators (:attr:`Document.pieces`), never by searching for text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO
from pathlib import Path

import docx
from docx.comments import Comment
from docx.document import Document as DocxDocument
from lxml import etree

from clause_library.document import Block, Document
from clause_library.export.items import Item, quote
from clause_library.export.wordml import (
    COMMENT_END,
    COMMENT_REF,
    COMMENT_START,
    ID,
    INS,
    MOVE_TO,
    PPR,
    PPR_CHANGE,
    RPR,
    P,
    Revisions,
    RunCursor,
    body_child,
    clean_rpr,
    is_bold,
    mark_deleted,
    new_run,
    paragraph_ppr,
    split_container_after,
    top_child,
    w,
    wrap,
)
from clause_library.ingest.docx import DEL, R, body_paragraphs, paragraph_runs, run_text
from clause_library.review import Finding, Review

#: The first paragraph of a signature block.
_WITNESS = re.compile(
    r"^\s*(?:IN\s+WITNESS\s+WHEREOF|AS\s+WITNESS|EXECUTED\s+(?:AS|BY|ON)\b|SIGNED\s+(?:BY|FOR|ON)\b|"
    r"THIS\s+AGREEMENT\s+HAS\s+BEEN\s+(?:ENTERED\s+INTO|EXECUTED)|AGREED\s+AND\s+ACCEPTED)",
    re.IGNORECASE,
)
#: A table cell of signature lines.
_SIGNATURE_CELL = re.compile(r"^\s*(?:By|Name|Title|Signature|Signed|Date)\s*:|_{6,}", re.I)
#: A number typed at the start of a clause: "4.1<tab>", "12. ".
_TYPED_NUMBER = re.compile(r"^(?P<num>\d{1,3}(?:\.\d{1,3})*)(?P<dot>\.?)(?P<sep>\t| +)")
_STOPWORDS = frozenset(
    "a an and of or the to for in on by with from any its this that clause clauses notice "
    "provisions general other".split()
)
_MINOR = frozenset("a an and as at by for from in of on or the to with vs".split())


@dataclass
class AnnotationSummary:
    """What the annotated copy contains, for the caller to report and for tests to check."""

    path: Path
    comments: dict[str, int] = field(default_factory=dict)
    changes: dict[str, tuple[int, int]] = field(default_factory=dict)
    insertions: dict[str, str] = field(default_factory=dict)
    #: issues that could not be anchored in the Word file (their text came from no run)
    unanchored: list[str] = field(default_factory=list)


def write_annotated_docx(
    review: Review,
    items: Sequence[Item],
    out_path: Path,
    *,
    source: bytes,
    author: str,
    initials: str,
    when: datetime,
) -> AnnotationSummary:
    """Write the annotated copy of ``source`` (the reviewed .docx bytes) to ``out_path``."""
    writer = _Annotator(review, source, author, initials, when)
    summary = AnnotationSummary(out_path)
    findings = {f.key: f for f in review.findings}
    gaps = {g.key: g for g in review.gaps}
    for item in items:
        finding = findings.get(item.key)
        if finding is not None:
            comment_id = writer.comment_on_range(finding.clause_start, finding.clause_end, item)
            if comment_id is None:
                summary.unanchored.append(item.key)
            else:
                summary.comments[item.key] = comment_id
    done: list[tuple[int, int]] = []
    for item in items:
        finding = findings.get(item.key)
        if finding is None:
            continue
        fix = _fix(finding)
        if fix is None or any(fix[0] < e and s < fix[1] for s, e in done):
            continue
        if writer.replace_range(fix[0], fix[1], fix[2]):
            done.append((fix[0], fix[1]))
            summary.changes[item.key] = (fix[0], fix[1])
    others: list[Item] = []
    for item in items:
        gap = gaps.get(item.key)
        if gap is None:
            continue
        if gap.required and item.language:
            where, comment_id = writer.insert_clause(item)
            summary.insertions[item.key] = where
            summary.comments[item.key] = comment_id
        else:
            others.append(item)
    if others:
        comment_id = writer.comment_on_opening(others)
        if comment_id is not None:
            for item in others:
                summary.comments[item.key] = comment_id
    writer.save(out_path)
    return summary


def planned_insertions(review: Review, items: Sequence[Item]) -> dict[str, str]:
    """Where :func:`write_annotated_docx` puts each missing required clause ("end of section 5
    Intellectual Property"), by gap key, so the memo can say so."""
    required = {g.key for g in review.gaps if g.required}
    return {
        item.key: _Placement(review, item.clause_id).choose().description
        for item in items
        if item.key in required and item.language
    }


def _fix(finding: Finding) -> tuple[int, int, str] | None:
    for check in finding.checks:
        if check.fix_start is not None and check.fix_end is not None and check.replacement:
            if check.fix_end > check.fix_start:
                return check.fix_start, check.fix_end, check.replacement
    return None


class _Annotator:
    def __init__(
        self, review: Review, source: bytes, author: str, initials: str, when: datetime
    ) -> None:
        self.review = review
        self.document: Document = review.document
        self.docx: DocxDocument = docx.Document(BytesIO(source))
        self.body = self.docx.element.body
        self.paragraphs = body_paragraphs(self.body)
        self._runs: dict[int, list[etree._Element]] = {}
        self.cursor = RunCursor()
        self.author = author
        self.initials = initials
        self.when = when
        comments_root = self.docx.comments._comments_elm  # python-docx has no public accessor
        self.revisions = Revisions(author, when, self.body, comments_root)
        self._inserted_after: dict[etree._Element, etree._Element] = {}
        self._typed: dict[int, list[int]] = {}

    # -- locating ----------------------------------------------------------------------------

    def runs(self, paragraph: int) -> list[etree._Element]:
        runs = self._runs.get(paragraph)
        if runs is None:
            runs = paragraph_runs(self.paragraphs[paragraph])
            self._runs[paragraph] = runs
        return runs

    def elements(self, start: int, end: int) -> list[etree._Element]:
        """The run parts holding exactly the mapped characters of ``text[start:end]``, in order."""
        out: list[etree._Element] = []
        for piece in self.document.pieces_between(start, end):
            run = self.runs(piece.paragraph)[piece.run]
            length = piece.end - piece.start
            out += self.cursor.isolate(run, piece.offset, piece.offset + length)
        return out

    # -- comments ----------------------------------------------------------------------------

    def _new_comment(self) -> Comment:
        comment = self.docx.comments.add_comment(
            text="", author=self.author, initials=self.initials or None
        )
        element = comment._comment_elm  # the id must share our id space
        element.set(ID, str(self.revisions.next_id()))
        element.set(w("date"), self.revisions.date)
        return comment

    def comment_on_range(self, start: int, end: int, item: Item) -> int | None:
        elements = self.elements(start, end)
        if not elements:
            return None
        comment = self._new_comment()
        _fill_comment(comment, _comment_paragraphs(item))
        self._mark(comment.comment_id, elements[0], elements[-1])
        return comment.comment_id

    def comment_on_opening(self, items: Sequence[Item]) -> int | None:
        """One comment on the first block listing recommended clauses the agreement lacks."""
        block = next((b for b in self.document.blocks if b.paragraph is not None), None)
        if block is None:
            return None
        elements = self.elements(block.body_start, block.end)
        if not elements:
            return None
        comment = self._new_comment()
        lines: list[tuple[str, str]] = [
            ("Missing clauses the playbook recommends", ""),
            ("", "The agreement has no clause of these kinds. The issues memo gives the "
             "wording to propose."),
        ]
        for item in items:
            lines.append(("", f"• {item.clause_title} ({item.severity_label.lower()})"))
            if item.decision.note:
                lines.append(("Reviewer’s note: ", item.decision.note))
        _fill_comment(comment, lines)
        self._mark(comment.comment_id, elements[0], elements[-1])
        return comment.comment_id

    def _mark(self, comment_id: int, first: etree._Element, last: etree._Element) -> None:
        """Put the comment range around ``first``..``last`` and the reference mark after it.

        The reference run goes at paragraph level (not inside an existing tracked insertion or
        hyperlink) so that rejecting someone else's revision never deletes our comment.
        """
        first.addprevious(etree.Element(COMMENT_START, {ID: str(comment_id)}))
        last.addnext(etree.Element(COMMENT_END, {ID: str(comment_id)}))
        paragraph = _paragraph_of(last)
        anchor = last.getnext()
        assert anchor is not None
        if paragraph is not None:
            anchor = top_child(anchor, paragraph)
        anchor.addnext(_reference_run(comment_id))

    # -- tracked replacement -----------------------------------------------------------------

    def replace_range(self, start: int, end: int, replacement: str) -> bool:
        """Track the deletion of ``text[start:end]`` and the insertion of ``replacement``."""
        pieces = self.document.pieces_between(start, end)
        mapped = "".join(self.document.text[p.start : p.end] for p in pieces)
        original = self.document.text[start:end]
        if not pieces or mapped != original:
            return False  # part of the words is not in any run (a list number): leave it
        elements = self.elements(start, end)
        if len({_paragraph_of(el) for el in elements}) != 1:
            return False
        if original[:1].isupper() and replacement[:1].islower():
            replacement = replacement[0].upper() + replacement[1:]
        last_del: etree._Element | None = None
        for el in elements:
            last_del = wrap([el], self.revisions.element(DEL))
            mark_deleted(el)
        assert last_del is not None
        ins = self.revisions.element(INS)
        ins.append(new_run(replacement, elements[0].find(RPR)))
        anchor = last_del
        parent = anchor.getparent()
        if parent is not None and parent.tag in (INS, MOVE_TO):
            # inside another author's insertion: split it, as Word does when typing there
            split_container_after(parent, anchor, self.revisions)
            anchor = parent
        anchor.addnext(ins)
        return True

    # -- tracked insertion of a missing clause -----------------------------------------------

    def insert_clause(self, item: Item) -> tuple[str, int]:
        """Insert ``item.language`` as a new tracked paragraph at the most related place; return
        a description of the place and the id of the comment on it."""
        placement = _Placement(self.review, item.clause_id).choose()
        template_p = (
            self.paragraphs[placement.template.paragraph]
            if placement.template is not None and placement.template.paragraph is not None
            else None
        )
        p = etree.Element(P)
        p.append(paragraph_ppr(template_p.find(PPR) if template_p is not None else None))
        ins = self.revisions.element(INS)
        heading_rpr, body_rpr = _template_formats(template_p)
        number = self._typed_number(placement, template_p)
        text = " ".join(item.language.split())
        if heading_rpr is not None:
            ins.append(new_run(f"{number}{_heading_case(item.clause_title)}.", heading_rpr))
            ins.append(new_run(" " + text, body_rpr))
        else:
            ins.append(new_run(number + text, body_rpr))
        comment = self._new_comment()
        _fill_comment(comment, _comment_paragraphs(item, inserted=True))
        cid = comment.comment_id
        # markers and reference inside the insertion: rejecting it leaves no orphan comment
        ins.insert(0, etree.Element(COMMENT_START, {ID: str(cid)}))
        ins.append(etree.Element(COMMENT_END, {ID: str(cid)}))
        ins.append(_reference_run(cid))
        p.append(ins)
        self._place(p, placement)
        return placement.description, cid

    def _place(self, p: etree._Element, placement: _Chosen) -> None:
        """Put the new paragraph in the body and record its paragraph mark as inserted."""
        if placement.after is not None and placement.after.paragraph is not None:
            anchor = body_child(self.paragraphs[placement.after.paragraph])
            previous = self._inserted_after.get(anchor, anchor)
            previous.addnext(p)
            self._inserted_after[anchor] = p
        elif placement.before is not None and placement.before.paragraph is not None:
            body_child(self.paragraphs[placement.before.paragraph]).addprevious(p)
        else:
            sect = self.body.find(w("sectPr"))
            if sect is not None:
                sect.addprevious(p)
            else:
                self.body.append(p)
        self._mark_inserted(p)

    def _mark_inserted(self, p: etree._Element) -> None:
        """Record the new paragraph as Word does when one presses Enter at the end of the
        paragraph before it and types: the *previous* paragraph's mark is the inserted one,
        and the new paragraph ends with the previous one's original mark, whose properties
        it changes (``w:pPrChange``). Rejecting then joins the previous paragraph with an
        empty remainder that reverts to its own properties, in Word and in LibreOffice alike.
        Where there is no such previous paragraph (a table, a section break, a mark already
        tracked) the new paragraph's own mark is marked inserted instead."""
        previous = p.getprevious()
        ppr = p.find(PPR)
        assert ppr is not None
        prev_ppr = previous.find(PPR) if previous is not None and previous.tag == P else None
        usable = previous is not None and previous.tag == P and (
            prev_ppr is None
            or (
                prev_ppr.find(w("sectPr")) is None
                and not any(
                    prev_ppr.find(f"{RPR}/{tag}") is not None
                    for tag in (INS, DEL, MOVE_TO, w("moveFrom"))
                )
            )
        )
        if not usable:
            etree.SubElement(ppr, RPR).append(self.revisions.element(INS))
            return
        assert previous is not None
        if prev_ppr is None:
            prev_ppr = etree.Element(PPR)
            previous.insert(0, prev_ppr)
        change = prev_ppr.find(PPR_CHANGE)
        if change is not None:  # the previous paragraph is one of ours: pass its record on
            prev_ppr.remove(change)
        else:
            change = self.revisions.element(PPR_CHANGE)
            change.append(paragraph_ppr(prev_ppr))
        mark = clean_rpr(prev_ppr.find(RPR))
        ppr.append(mark if mark is not None else etree.Element(RPR))
        ppr.append(change)
        prev_rpr = prev_ppr.find(RPR)
        if prev_rpr is None:
            prev_rpr = etree.Element(RPR)
            following = prev_ppr.find(w("pPrChange"))
            if following is not None:
                following.addprevious(prev_rpr)
            else:
                prev_ppr.append(prev_rpr)
        prev_rpr.insert(0, self.revisions.element(INS))

    def _typed_number(self, placement: _Chosen, template_p: etree._Element | None) -> str:
        """The next typed clause number ("4.2<tab>") when the section numbers its clauses in the
        text itself; "" when numbering comes from a Word list or there is none."""
        if template_p is None or placement.after is None or placement.template is None:
            return ""
        if template_p.find(f"{PPR}/{w('numPr')}") is not None:
            return ""
        text = "".join(run_text(r) for r in paragraph_runs(template_p))
        match = _TYPED_NUMBER.match(text)
        if match is None:
            return ""
        key = placement.template.index
        parts = self._typed.get(key) or [int(n) for n in match.group("num").split(".")]
        parts = [*parts[:-1], parts[-1] + 1]
        self._typed[key] = parts
        return ".".join(str(n) for n in parts) + match.group("dot") + match.group("sep")

    def save(self, path: Path) -> None:
        self.docx.save(str(path))


def _paragraph_of(element: etree._Element) -> etree._Element | None:
    node = element.getparent()
    while node is not None and node.tag != P:
        node = node.getparent()
    return node


def _reference_run(comment_id: int) -> etree._Element:
    r = etree.Element(R)
    rpr = etree.SubElement(r, RPR)
    etree.SubElement(rpr, w("rStyle"), {w("val"): "CommentReference"})
    etree.SubElement(r, COMMENT_REF, {ID: str(comment_id)})
    return r


def _template_formats(
    p: etree._Element | None,
) -> tuple[etree._Element | None, etree._Element | None]:
    """Run formats of a model clause: (run-in heading, body). The heading format is None when
    the model does not open with a bold run-in heading such as "Fees."."""
    if p is None:
        return None, None
    texted = [r for r in paragraph_runs(p) if run_text(r).strip() and not _in_deleted(r, p)]
    if not texted:
        return None, None
    first = texted[0]
    first_text = run_text(first).strip()
    if (
        len(texted) > 1
        and is_bold(first.find(RPR))
        and first_text.endswith(".")
        and len(first_text) <= 80
    ):
        return clean_rpr(first.find(RPR)), clean_rpr(texted[1].find(RPR))
    body = max(texted, key=lambda r: len(run_text(r)))
    return None, clean_rpr(body.find(RPR))


def _in_deleted(r: etree._Element, p: etree._Element) -> bool:
    node = r.getparent()
    while node is not None and node is not p:
        if node.tag == DEL:
            return True
        node = node.getparent()
    return False


def _heading_case(title: str) -> str:
    """ "Moral rights waiver" -> "Moral Rights Waiver", keeping acronyms and minor words."""
    words = re.split(r"(\s+|-|/)", title)
    out: list[str] = []
    for i, word in enumerate(words):
        capital = bool(word) and word[0].islower() and (i == 0 or word not in _MINOR)
        out.append(word[0].upper() + word[1:] if capital else word)
    return "".join(out)


# -- comment text ----------------------------------------------------------------------------


def _comment_paragraphs(item: Item, *, inserted: bool = False) -> list[tuple[str, str]]:
    """The comment as (bold lead, text) paragraphs: short enough for Word's margin."""
    title = f"{item.status_label} · {item.severity_label}: {item.clause_title}"
    lines: list[tuple[str, str]] = [(title, "")]
    if item.status == "missing":
        need = "requires" if item.required else "recommends"
        lines.append(("", f"The playbook {need} this clause and the agreement has none."))
        if inserted:
            lines.append(("", "Proposed wording inserted as a tracked change."))
    elif item.headline:
        lines.append(("Issue: ", item.headline + ("" if item.headline.endswith(".") else ".")))
    if item.why:
        lines.append(("Why it matters: ", " ".join(item.why)))
    if item.recommendation and item.status != "missing":
        lines.append(("Recommendation: ", " ".join(item.recommendation)))
    if item.change is not None:
        old, new = item.change
        lines.append(("Suggested change (tracked): ", f"“{quote(old)}” → “{new}”."))
    elif item.status != "missing" and item.language and not _has_own_advice(item):
        lines.append(("Preferred position: ", item.language))
    if item.status == "missing" and item.fallback:
        lines.append(("Fallback if resisted: ", item.fallback))
    if item.decision.status is not None:
        lines.append(("Decision: ", item.decision.label + "."))
    if item.decision.note:
        lines.append(("Reviewer’s note: ", item.decision.note))
    return lines


def _has_own_advice(item: Item) -> bool:
    """Whether the checks already said what to ask for (then the library's full preferred
    clause would only crowd the margin; the memo carries it)."""
    return bool(item.recommendation) and not item.recommendation[0].startswith("Replace the clause")


def _fill_comment(comment: Comment, lines: Iterable[tuple[str, str]]) -> None:
    for i, (lead, text) in enumerate(lines):
        paragraph = comment.paragraphs[0] if i == 0 else comment.add_paragraph()
        if lead:
            paragraph.add_run(lead).bold = True
        if text:
            paragraph.add_run(text)


# -- where a missing clause goes -------------------------------------------------------------


@dataclass(frozen=True)
class _Chosen:
    """Insert after block ``after`` (or before block ``before``, or at the end when both are
    None), formatted like block ``template``."""

    after: Block | None
    before: Block | None
    template: Block | None
    description: str


def _stem(word: str) -> str:
    return word.lower()[:6]


def _words(text: str) -> set[str]:
    return {
        _stem(word)
        for word in re.findall(r"[A-Za-z]{3,}", text)
        if word.lower() not in _STOPWORDS
    }


class _Placement:
    """Chooses where a missing clause belongs: the end of the most related top-level section
    before the signature block (by heading words, then by how close the section's text came to
    the clause type), else just before the signature block, else the end of the document."""

    #: how much evidence a section needs before a clause is put there
    MIN_SCORE = 0.6

    def __init__(self, review: Review, clause_id: str) -> None:
        self.review = review
        self.document = review.document
        self.clause_id = clause_id

    def signature(self) -> Block | None:
        """The first block of the first signature block: an "IN WITNESS WHEREOF" line, or a
        table with at least three signature lines ("By:", "Name:", "Title:", "____")."""
        seen: set[int | None] = set()
        for block in self.document.blocks:
            body = self.document.text[block.body_start : block.end]
            if block.kind != "table_cell" and _WITNESS.match(body):
                return block
            if block.kind == "table_cell" and block.table not in seen:
                seen.add(block.table)
                cells = [b for b in self.document.blocks if b.table == block.table]
                lines = sum(
                    1
                    for b in cells
                    if _SIGNATURE_CELL.search(self.document.text[b.body_start : b.end])
                )
                if lines >= 3:
                    return cells[0]
        return None

    def choose(self) -> _Chosen:
        signature = self.signature()
        limit = signature.start if signature is not None else len(self.document.text)
        sections = self._top_sections(limit)
        best: tuple[float, int] | None = None
        for i, (_, _, headings) in enumerate(sections):
            score = self._score(i, sections, headings)
            if score >= self.MIN_SCORE and (best is None or score > best[0]):
                best = (score, i)
        if best is not None:
            start, end, headings = sections[best[1]]
            blocks = [
                b
                for b in self.document.blocks
                if start <= b.start < min(end, limit) and b.paragraph is not None
            ]
            if blocks:
                template = _template(self.document, blocks)
                return _Chosen(blocks[-1], None, template, f"end of section {headings[0]}")
        if signature is not None:
            before = [
                b
                for b in self.document.blocks
                if b.start < signature.start and b.paragraph is not None
            ]
            template = _template(self.document, before[-12:])
            return _Chosen(None, signature, template, "before the signature block")
        blocks = [b for b in self.document.blocks if b.paragraph is not None]
        return _Chosen(None, None, _template(self.document, blocks[-12:]), "end of the document")

    def _top_sections(self, limit: int) -> list[tuple[int, int, tuple[str, ...]]]:
        """(start, end, headings of the section and its subsections) of each top-level section
        that begins before ``limit``."""
        sections = [s for s in self.review.analysis.segmentation.sections if s.start < limit]
        if not sections:
            return []
        top = min(s.level for s in sections)
        out: list[tuple[int, int, tuple[str, ...]]] = []
        for s in sections:
            if s.level == top:
                out.append((s.start, s.end, (s.heading_path[-1] if s.heading_path else s.heading,)))
            elif out and s.start < out[-1][1]:
                start, end, headings = out[-1]
                out[-1] = (start, end, (*headings, s.heading))
        return out

    def _score(
        self, i: int, sections: list[tuple[int, int, tuple[str, ...]]], headings: tuple[str, ...]
    ) -> float:
        library = self.review.analysis.library
        try:
            clause_type = library.get(self.clause_id)
        except KeyError:
            return 0.0
        score = 0.0
        if any(
            re.search(cue, heading, re.IGNORECASE)
            for cue in clause_type.heading_cues
            for heading in headings
        ):
            score += 1.0
        try:
            family = library.family(clause_type.family).title
        except KeyError:
            family = clause_type.family
        wanted = _words(f"{family} {clause_type.title}")
        if wanted & _words(headings[0]):
            score += 1.0
        elif any(wanted & _words(h) for h in headings[1:]):
            score += 0.5
        start, end, _ = sections[i]
        score += self._closeness(start, end)
        return score

    def _closeness(self, start: int, end: int) -> float:
        """The best score any unit of the section got for the clause type (0 to 1)."""
        analysis = self.review.analysis
        try:
            t = analysis.type_index(self.clause_id)
        except KeyError:
            return 0.0
        best = 0.0
        for u, unit in enumerate(analysis.units):
            if start <= unit.start < end:
                best = max(best, float(analysis.scores[u, t]))
        return best


def _template(document: Document, blocks: Sequence[Block]) -> Block | None:
    """The block a new clause should look like: the last clause-level paragraph (the shallowest
    list level, or one opening with a typed number such as "4.1"), never a heading or a cell."""
    body = [b for b in blocks if b.kind in ("paragraph", "list_item") and b.table is None]
    if not body:
        return None
    items = [b for b in body if b.kind == "list_item"]
    if items:
        top = min(b.level for b in items)
        return [b for b in items if b.level == top][-1]
    typed = [b for b in body if _TYPED_NUMBER.match(document.text[b.body_start : b.end])]
    if typed:
        return typed[-1]
    return body[-1]


__all__ = ["AnnotationSummary", "planned_insertions", "write_annotated_docx"]
