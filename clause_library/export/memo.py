"""The issues memo: what an associate hands a partner, as .docx, .html and Markdown.

The memo is built once as a short list of layout blocks (headings, paragraphs, quotations,
tables) and then rendered three ways, so the three files always say the same thing. It opens
with the facts (document, kind, playbook, reviewer, date, library version), then a summary a
partner can read in a minute, then every issue in document order with the clause quoted, why it
matters, what to ask for and what the reviewer decided, and ends with the statement that it is
not legal advice.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.parfmt import CT_PPr
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from clause_library.export.items import (
    SEVERITIES,
    SEVERITY_LABELS,
    Header,
    Item,
    quote,
    severity_counts,
    status_counts,
)
from clause_library.review import NOT_LEGAL_ADVICE

# -- layout blocks ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Para:
    spans: tuple[Span, ...]
    small: bool = False


@dataclass(frozen=True)
class Quote:
    """Text quoted from the agreement or proposed for it, one paragraph per line."""

    lines: tuple[str, ...]
    label: str = ""


@dataclass(frozen=True)
class Bullets:
    items: tuple[tuple[Span, ...], ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: relative column widths
    widths: tuple[float, ...] = ()
    #: share of the text width the table takes
    span: float = 1.0


@dataclass(frozen=True)
class Fields:
    """The memo's heading facts: label and value pairs."""

    rows: tuple[tuple[str, str], ...]


Block = Heading | Para | Quote | Bullets | Table | Fields


@dataclass(frozen=True)
class Memo:
    title: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)


def _p(*spans: Span | str, small: bool = False) -> Para:
    return Para(tuple(s if isinstance(s, Span) else Span(s) for s in spans), small=small)


def _label(text: str) -> Span:
    return Span(text, bold=True)


# -- content ---------------------------------------------------------------------------------


def _kind(header: Header) -> str:
    if header.kind_confidence < 0.6:
        return f"{header.kind} (detected automatically; low confidence, please confirm)"
    return f"{header.kind} (detected automatically)"


def _side(side: str) -> str:
    if side == "either":
        return "either party"
    return f"the {side.replace('_', ' ').title()}"


def _our_side(header: Header) -> str:
    """ "the Customer", and the agreement's own name for it where it has one ("the Customer
    (“Purchaser”)")."""
    if header.our_party:
        # the reviewer said which party we act for
        return f"“{header.our_party}”"
    side = _side(header.side)
    name = header.our_name or (header.parties[0] if header.parties is not None else "")
    if name and name.lower() != header.side.lower():
        return f"{side} (“{name}”)"
    return side


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _join(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def build_memo(
    header: Header,
    items: Sequence[Item],
    *,
    present: Sequence[Item] = (),
    left_out: int = 0,
    insertions: Mapping[str, str] | None = None,
) -> Memo:
    """The memo's blocks for ``items`` (issues, gaps last) and the sound clauses ``present``.

    ``insertions`` maps a gap's key to where the annotated Word copy inserts its language.
    """
    issues = [i for i in items if i.source == "finding" and i.is_issue]
    gaps = [i for i in items if i.source == "gap"]
    blocks: list[Block] = [
        Fields(
            (
                ("Document", header.document),
                ("Agreement", _kind(header)),
                ("Playbook", f"{header.playbook}; we act for {_our_side(header)}"),
                ("Reviewer", header.reviewer),
                ("Date", header.date),
                ("Clause library", f"version {header.library_version}"),
            )
        ),
        Heading(1, "Summary"),
        *_summary(items, issues, gaps, left_out),
    ]
    if issues:
        blocks.append(Heading(1, "Issues in the agreement"))
        blocks.append(
            _p(
                "In the order they appear in the agreement. Quotations are from the reviewed "
                "document; section numbers are as the reader sees them.",
                small=True,
            )
        )
        previous: Item | None = None
        for item in issues:
            blocks += _issue(item, previous)
            previous = item
    if gaps:
        blocks.append(Heading(1, "Missing clauses"))
        blocks.append(
            _p(
                "The playbook expects these clauses and the agreement has none. The language "
                "below is the library's preferred wording, with a fallback where the other side "
                "resists.",
                small=True,
            )
        )
        for item in gaps:
            blocks += _gap(item, (insertions or {}).get(item.key))
    if present:
        blocks.append(Heading(1, "Playbook clauses found without issues"))
        blocks.append(Table(("Clause", "Where"), tuple(present_rows(present)), (0.45, 0.55)))
    blocks.append(Heading(1, "Basis of this memo"))
    blocks.append(
        _p(
            "Prepared with the clause-review tool (clause library version "
            f"{header.library_version}), which compares the agreement with the "
            f"{header.playbook} playbook, and checked by the reviewer named above. "
            "Section references follow the reviewed copy; the tool may miss clauses that are "
            "worded unusually, so the agreement should still be read in full."
        )
    )
    if header.parties is not None:
        us, them = header.parties
        blocks.append(
            _p(
                "Proposed language comes from the clause library and has been put in this "
                f"agreement's terms (“{us}” for our side, “{them}” for the other side); "
                "defined terms it uses may still need to be added or aligned."
            )
        )
    blocks.append(_p(Span(NOT_LEGAL_ADVICE, bold=True)))
    return Memo(f"Review memo: {header.title}", tuple(blocks))


def present_rows(present: Sequence[Item]) -> list[tuple[str, str]]:
    """One row per clause type, its places joined, in the order first met."""
    places: dict[str, list[str]] = {}
    for item in present:
        where = item.location if item.heading_path or item.page else "opening of the agreement"
        if item.possible:
            where += " (possible match)"
        seen = places.setdefault(item.clause_title, [])
        if where not in seen:
            seen.append(where)
    return [(title, "; ".join(where)) for title, where in places.items()]


def _summary(
    items: Sequence[Item], issues: Sequence[Item], gaps: Sequence[Item], left_out: int
) -> list[Block]:
    counts = severity_counts(list(items))
    statuses = status_counts(list(items))
    total = len(issues) + len(gaps)
    out: list[Block] = []
    if total == 0:
        out.append(_p("The review found no issues that need action under this playbook."))
    else:
        kinds = [
            _plural(n, name)
            for n, name in (
                (statuses["red_flag"], "red flag"),
                (statuses["weak"], "weak clause"),
                (statuses["missing"], "missing clause"),
            )
            if n
        ]
        by_severity = [f"{counts[s]} {SEVERITY_LABELS[s].lower()}" for s in SEVERITIES if counts[s]]
        out.append(
            _p(
                f"The review found {_plural(total, 'issue')}: {_join(kinds)}. "
                f"By severity: {_join(by_severity)}."
            )
        )
        rows = tuple((SEVERITY_LABELS[s], str(counts[s])) for s in SEVERITIES)
        out.append(
            Table(("Severity", "Issues"), (*rows, ("Total", str(total))), (0.6, 0.4), span=0.4)
        )
        key = [i for i in (*issues, *gaps) if i.severity in ("critical", "high")]
        if key:
            out.append(_p(_label("Points to raise first")))
            out.append(
                Bullets(
                    tuple(
                        (
                            Span(f"{i.clause_title} ", bold=True),
                            Span(
                                f"({'missing' if i.source == 'gap' else i.location}; "
                                f"{i.severity_label.lower()}): "
                            ),
                            Span(_headline(i)),
                        )
                        for i in key
                    )
                )
            )
    if left_out:
        out.append(
            _p(
                f"{_plural(left_out, 'further issue')} the reviewer accepted or marked not "
                "applicable " + ("is" if left_out == 1 else "are") + " not listed.",
                small=True,
            )
        )
    return out


def _headline(item: Item) -> str:
    if item.source == "gap":
        return "no such clause in the agreement" + (
            " (required by the playbook)." if item.required else "."
        )
    text = item.headline
    return text if text.endswith(".") else text + "."


def _decision(item: Item) -> list[Block]:
    spans = [_label("Decision: "), Span(item.decision.label + ".")]
    if item.decision.note:
        spans += [Span(" "), _label("Note: "), Span(item.decision.note)]
    return [Para(tuple(spans))]


def _issue(item: Item, previous: Item | None) -> list[Block]:
    out: list[Block] = [
        Heading(2, f"{item.number}. {item.clause_title} — {item.location}"),
        _p(Span(f"{item.status_label} · {item.severity_label} severity", italic=True)),
    ]
    if item.headline:
        out.append(_p(_label("Issue: "), _headline(item)))
    same = (previous.clause_start, previous.clause_end) if previous else None
    if previous is not None and same == (item.clause_start, item.clause_end):
        out.append(_p(Span(f"Same clause as issue {previous.number}.", italic=True)))
    elif item.excerpt:
        out.append(Quote(tuple(quote(item.excerpt, 900).splitlines()), "The clause"))
    if item.why:
        out.append(_p(_label("Why it matters: "), " ".join(item.why)))
    if item.recommendation:
        out.append(_p(_label("Recommendation: "), " ".join(item.recommendation)))
    if item.change is not None:
        old, new = item.change
        out.append(
            _p(
                _label("Suggested change: "),
                f"replace “{quote(old)}” with “{new}” (made as a tracked change in the "
                "annotated copy).",
            )
        )
    if item.language:
        out.append(Quote((item.language,), "Preferred position"))
    if item.fallback:
        out.append(Quote((item.fallback,), "Fallback if the other side resists"))
    out += _decision(item)
    return out


def _gap(item: Item, inserted: str | None = None) -> list[Block]:
    need = "Required" if item.required else "Recommended"
    out: list[Block] = [
        Heading(2, f"{item.number}. {item.clause_title}"),
        _p(Span(f"Missing · {need} by the playbook · {item.severity_label} severity", italic=True)),
    ]
    if item.why:
        out.append(_p(_label("Why it matters: "), " ".join(item.why)))
    if item.language:
        out.append(Quote((item.language,), "Language to add"))
    if inserted:
        out.append(
            _p(
                _label("In the annotated copy: "),
                f"inserted as a tracked change at the {inserted}.",
            )
        )
    if item.fallback:
        out.append(Quote((item.fallback,), "Fallback if the other side resists"))
    out += _decision(item)
    return out


# -- Markdown --------------------------------------------------------------------------------


def _md_escape(text: str) -> str:
    return "".join("\\" + c if c in "\\`*_[]<>#|" else c for c in text)


def _md_spans(spans: Sequence[Span]) -> str:
    out: list[str] = []
    for span in spans:
        text = _md_escape(span.text)
        core = text.strip()
        if core and (span.bold or span.italic):
            mark = "**" if span.bold else "*"
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()) :]
            text = f"{lead}{mark}{core}{mark}{trail}"
        out.append(text)
    return "".join(out)


def render_markdown(memo: Memo) -> str:
    lines = [f"# {_md_escape(memo.title)}", ""]
    for block in memo.blocks:
        if isinstance(block, Fields):
            for label, value in block.rows:
                lines.append(f"**{label}:** {_md_escape(value)}  ")
            lines.append("")
        elif isinstance(block, Heading):
            lines += [f"{'#' * (block.level + 1)} {_md_escape(block.text)}", ""]
        elif isinstance(block, Para):
            text = _md_spans(block.spans)
            lines += [f"*{text}*" if block.small and "*" not in text else text, ""]
        elif isinstance(block, Quote):
            if block.label:
                lines.append(f"*{block.label}:*")
                lines.append("")
            for i, line in enumerate(block.lines):
                if i:
                    lines.append(">")
                lines.append(f"> {_md_escape(line)}")
            lines.append("")
        elif isinstance(block, Bullets):
            lines += [f"- {_md_spans(spans)}" for spans in block.items]
            lines.append("")
        elif isinstance(block, Table):
            lines.append("| " + " | ".join(block.header) + " |")
            lines.append("|" + "|".join("---" for _ in block.header) + "|")
            for row in block.rows:
                lines.append("| " + " | ".join(_md_escape(c) for c in row) + " |")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# -- HTML ------------------------------------------------------------------------------------

_CSS = """
body { font-family: Georgia, 'Times New Roman', serif; font-size: 11pt; line-height: 1.45;
       color: #1a1a1a; max-width: 46em; margin: 2.5em auto; padding: 0 1.5em; }
h1 { font-size: 17pt; margin: 0 0 0.8em; }
h2 { font-size: 13pt; margin: 1.8em 0 0.5em; border-bottom: 1px solid #999; padding-bottom: 2pt; }
h3 { font-size: 11.5pt; margin: 1.4em 0 0.3em; page-break-after: avoid; }
p { margin: 0.35em 0; }
p.small { font-size: 9.5pt; color: #444; }
table { border-collapse: collapse; margin: 0.6em 0; }
td, th { border: 1px solid #bbb; padding: 2pt 8pt; text-align: left; vertical-align: top; }
th { background: #eee; }
table.fields td { border: none; padding: 1pt 12pt 1pt 0; }
table.fields td:first-child { font-weight: bold; white-space: nowrap; }
.quote-label { font-style: italic; margin: 0.6em 0 0.1em; }
blockquote { margin: 0.1em 0 0.6em 1.2em; padding-left: 0.8em; border-left: 3px solid #bbb;
             color: #333; }
@media print { body { margin: 0; max-width: none; } }
"""


def _html_spans(spans: Sequence[Span]) -> str:
    out: list[str] = []
    for span in spans:
        text = html.escape(span.text)
        if span.bold:
            text = f"<strong>{text}</strong>"
        if span.italic:
            text = f"<em>{text}</em>"
        out.append(text)
    return "".join(out)


def render_html(memo: Memo) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{html.escape(memo.title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{html.escape(memo.title)}</h1>",
    ]
    for block in memo.blocks:
        if isinstance(block, Fields):
            parts.append('<table class="fields">')
            for label, value in block.rows:
                parts.append(f"<tr><td>{html.escape(label)}</td><td>{html.escape(value)}</td></tr>")
            parts.append("</table>")
        elif isinstance(block, Heading):
            level = block.level + 1
            parts.append(f"<h{level}>{html.escape(block.text)}</h{level}>")
        elif isinstance(block, Para):
            cls = ' class="small"' if block.small else ""
            parts.append(f"<p{cls}>{_html_spans(block.spans)}</p>")
        elif isinstance(block, Quote):
            if block.label:
                parts.append(f'<p class="quote-label">{html.escape(block.label)}:</p>')
            body = "".join(f"<p>{html.escape(line)}</p>" for line in block.lines)
            parts.append(f"<blockquote>{body}</blockquote>")
        elif isinstance(block, Bullets):
            parts.append("<ul>")
            parts += [f"<li>{_html_spans(spans)}</li>" for spans in block.items]
            parts.append("</ul>")
        elif isinstance(block, Table):
            parts.append("<table>")
            cells = "".join(f"<th>{html.escape(h)}</th>" for h in block.header)
            parts.append(f"<tr>{cells}</tr>")
            for row in block.rows:
                parts.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>")
            parts.append("</table>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


# -- Word ------------------------------------------------------------------------------------


def render_docx(memo: Memo, path: Path, *, author: str) -> None:
    """Write the memo as a Word document with plain, print-friendly styles."""
    document = docx.Document()
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.2)
    styles = document.styles
    defaults = styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    fonts = defaults.find(qn("w:rFonts")) if defaults is not None else None
    if fonts is not None:  # theme fonts in the defaults would win over the styles' own fonts
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(attr), "Times New Roman")
    normal = styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(4)
    for name, size in (("Title", 17), ("Heading 1", 13.5), ("Heading 2", 11.5)):
        style = styles[name]
        style.font.name = "Times New Roman"
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor(0x1A, 0x1A, 0x1A)
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is not None:  # the template's theme fonts would override the name
            for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                fonts.attrib.pop(qn(attr), None)
        style.paragraph_format.space_before = Pt(14 if name != "Heading 2" else 10)
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.keep_with_next = True
    title_ppr = styles["Title"].element.get_or_add_pPr()
    for border in title_ppr.findall(qn("w:pBdr")):
        title_ppr.remove(border)
    styles["Heading 1"].paragraph_format.space_before = Pt(16)
    quote_style = styles.add_style("Clause Quote", WD_STYLE_TYPE.PARAGRAPH)
    quote_style.base_style = normal
    quote_style.font.size = Pt(10.5)
    quote_style.paragraph_format.left_indent = Cm(1.0)
    quote_style.paragraph_format.right_indent = Cm(0.5)
    quote_style.paragraph_format.space_after = Pt(3)
    _border(quote_style.element.get_or_add_pPr(), "left", size=12, space=8, colour="A6A6A6")
    document.core_properties.author = author
    document.core_properties.title = memo.title
    document.add_paragraph(memo.title, style="Title")

    for block in memo.blocks:
        if isinstance(block, Fields):
            table = document.add_table(rows=0, cols=2)
            for label, value in block.rows:
                cells = table.add_row().cells
                cells[0].paragraphs[0].add_run(label).bold = True
                cells[1].paragraphs[0].add_run(value)
            _set_widths(table, (0.25, 0.75), 16.0)
            rule = document.add_paragraph()
            _border(rule._p.get_or_add_pPr(), "bottom", size=6, space=1, colour="808080")
        elif isinstance(block, Heading):
            document.add_heading(block.text, level=block.level)
        elif isinstance(block, Para):
            paragraph = document.add_paragraph()
            _add_spans(paragraph, block.spans, 9.5 if block.small else None)
        elif isinstance(block, Quote):
            if block.label:
                caption = document.add_paragraph()
                caption.add_run(block.label + ":").italic = True
                caption.paragraph_format.space_after = Pt(1)
                caption.paragraph_format.keep_with_next = True
            for line in block.lines:
                document.add_paragraph(line, style="Clause Quote")
        elif isinstance(block, Bullets):
            for spans in block.items:
                paragraph = document.add_paragraph(style="List Bullet")
                _add_spans(paragraph, spans)
        elif isinstance(block, Table):
            table = document.add_table(rows=1, cols=len(block.header))
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.LEFT
            for cell, text in zip(table.rows[0].cells, block.header, strict=True):
                cell.paragraphs[0].add_run(text).bold = True
            for row in block.rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.paragraphs[0].add_run(text)
            if block.widths:
                _set_widths(table, block.widths, 16.0 * block.span)
            document.add_paragraph().paragraph_format.space_after = Pt(0)
    document.save(str(path))


#: What follows ``w:pBdr`` in a ``w:pPr`` (ECMA-376 CT_PPrBase order).
_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def _border(ppr: CT_PPr, side: str, *, size: int, space: int, colour: str) -> None:
    """A paragraph border, put where the schema wants it (Word rejects misordered pPr)."""
    border = ppr.find(qn("w:pBdr"))
    if border is None:
        border = OxmlElement("w:pBdr")
        ppr.insert_element_before(border, *_AFTER_PBDR)
    line = OxmlElement(f"w:{side}")
    for key, value in (("val", "single"), ("sz", str(size)), ("space", str(space))):
        line.set(qn(f"w:{key}"), value)
    line.set(qn("w:color"), colour)
    border.append(line)


def _add_spans(paragraph: Paragraph, spans: Sequence[Span], size: float | None = None) -> None:
    for span in spans:
        run = paragraph.add_run(span.text)
        run.bold = span.bold or None
        run.italic = span.italic or None
        if size is not None:
            run.font.size = Pt(size)


def _set_widths(table: DocxTable, widths: Sequence[float], total_cm: float) -> None:
    """Word honours cell widths, LibreOffice the grid; set both."""
    table.autofit = False
    for row in table.rows:
        for cell, share in zip(row.cells, widths, strict=False):
            cell.width = Cm(total_cm * share)
    grid = table._tbl.tblGrid
    for col, share in zip(grid.iterchildren(qn("w:gridCol")), widths, strict=False):
        col.set(qn("w:w"), str(int(Cm(total_cm * share).twips)))


def write_memo(memo: Memo, stem: Path, *, author: str) -> list[Path]:
    """Write ``<stem>.memo.docx``, ``.html`` and ``.md``; return the three paths."""
    suffixes = (".memo.docx", ".memo.html", ".memo.md")
    paths = [stem.with_name(stem.name + suffix) for suffix in suffixes]
    render_docx(memo, paths[0], author=author)
    paths[1].write_text(render_html(memo), encoding="utf-8")
    paths[2].write_text(render_markdown(memo), encoding="utf-8")
    return paths
