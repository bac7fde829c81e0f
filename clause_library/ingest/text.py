"""Plain-text agreements.

The canonical text of a .txt file is the file's own characters, decoded, with nothing added or
removed, so offsets reported for a .txt index the file itself. Blocks are paragraphs: runs of
non-blank lines, split further where a line opens with a clause number or heading, or where a
short line ends a sentence (a hard-wrapped file keeps its wrapped lines in one block).
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from clause_library.document import TITLE_WORDS, Document, DocumentBuilder
from clause_library.errors import EmptyDocumentError, FormatMismatchError
from clause_library.segment import CIRCLED_NUMBER

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: A line that opens a new unit even without a blank line before it.
_OPENER = re.compile(
    r"""^[ \t]*(?:
        (?:ARTICLE|Article|SECTION|Section|SCHEDULE|Schedule|EXHIBIT|Exhibit)\s+[0-9IVXLC]+\b
      | (?:ARTICLE|Article)\s+\([0-9IVXLC]+\)
      | (?:CLAUSE|Clause)\s+[0-9]+\b(?=[.\d]*[ \t]*(?:$|[A-Z][A-Za-z]))
      | \d{1,3}(?:\.\d{1,3})*\.?[ \t]
      | \((?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,3}|[A-Z])\)
      | (?:[a-z]|[ivxlc]{1,6})\)[ \t]
      | [a-zA-Z]\.[ \t]
      | [•·\-\*][ \t]
      | """
    + CIRCLED_NUMBER
    + r"""
    )""",
    re.VERBOSE,
)


def decode(data: bytes) -> str:
    """Decode bytes of unknown encoding: BOM first, then strict UTF-8, then detection."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode("cp1252", errors="replace")


def read_text(path: Path, data: bytes, sha256: str) -> Document:
    text = decode(data)
    if not text.strip():
        raise EmptyDocumentError(path)
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > len(sample) * 0.05:
        raise FormatMismatchError(path, "a binary (non-text) file")
    builder = DocumentBuilder(path, "txt")
    builder.append(text)
    for start, end in paragraph_spans(text):
        for sub_start, sub_end in split_run_together(text, start, end):
            builder.add_block("paragraph", sub_start, sub_end)
    return builder.build(sha256=sha256, title=_title(text, builder))


def _title(text: str, builder: DocumentBuilder) -> str:
    """The first heading-like line at the top that names an instrument ("TEXT AND DATA MINING
    LICENCE" under the publisher's name); else the first short line."""
    first = ""
    blocks = [b for b in builder.blocks if not _legend(text[b.start : b.end])]
    for i, block in enumerate(blocks[:_TITLE_SEARCH_BLOCKS]):
        candidate = " ".join(text[block.start : block.end].split())
        if not 3 <= len(candidate) <= 200 or candidate.lower().startswith("exhibit"):
            continue
        first = first or candidate
        if TITLE_WORDS.search(candidate) and _heading_like(candidate):
            if i + 1 < len(blocks) and _INSTRUMENT.fullmatch(candidate):
                # "CONTRACT" over "FOR THE LICENSING OF THE RIGHT TO USE ...": one title
                after = text[blocks[i + 1].start : blocks[i + 1].end].strip().split("\n")[0]
                after = " ".join(after.split())
                if _GOES_ON.match(after) and _heading_like(after):
                    return f"{candidate} {after}"[:200]
            return candidate
        lines = [" ".join(line.split()) for line in text[block.start : block.end].split("\n")]
        if len(lines) > 1 and TITLE_WORDS.search(lines[0]) and _heading_like(lines[0]):
            # "LICENCE AGREEMENT No. 17" over "for the right to use the ... software", as a
            # translation from Russian sets a title out: the instrument and what it is for
            return f"{lines[0]} {lines[1]}"[:200] if _GOES_ON.match(lines[1]) else lines[0]
    return first


#: the second line of a title whose first is the instrument alone
_GOES_ON = re.compile(r"(?:for|of|on|relating\s+to|concerning|regarding|in\s+respect\s+of)\s", re.I)


#: How far down a title is looked for: past a letterhead or a party's name and address.
_TITLE_SEARCH_BLOCKS = 6

#: A draft's legend above the title ("CONSULTANT'S ADVOCATES' DRAFT: 14 OCTOBER 2025", "SUBJECT
#: TO CONTRACT"), a date line, or the "- and -" between the parties' names: none is the title,
#: nor counts towards the blocks searched.
_LEGEND = re.compile(
    r"\bdraft\b|\bsubject\s+to\s+contract\b|\bwithout\s+prejudice\b|^\s*dated\b"
    r"|^[\s\-–—(]*and[\s\-–—)]*$",
    re.IGNORECASE,
)
#: a note in square brackets ("[Unofficial English translation ...]")
_BRACKETED = re.compile(r"^\s*\[[^\]]*\]\s*$")


def _legend(block: str) -> bool:
    """A legend, or a rule of underscores: a block with no letters, one whose only words of an
    instrument are in its legend ("SUBJECT TO CONTRACT"), or a note in square brackets that
    names no instrument ("[English translation. The Spanish text prevails.]")."""
    if not re.search(r"[^\W\d_]", block):
        return True
    if _BRACKETED.match(block) and not _INSTRUMENT.search(block):
        return True
    return bool(_LEGEND.search(block)) and not _INSTRUMENT.search(_LEGEND.sub(" ", block))


#: the words that name an instrument, whole ("CONTRACTOR'S REVISED DRAFT" names none)
_INSTRUMENT = re.compile(rf"\b(?:{TITLE_WORDS.pattern})s?\b", re.IGNORECASE)


_NOT_A_HEADING = re.compile(
    r"^(?:this|these|between|by\s+and|dated|made)\b|:\s|[.:;,]\s*$", re.IGNORECASE
)


def _heading_like(line: str) -> bool:
    """In capitals or title case, and neither a sentence ("THIS DEED is dated ...") nor a
    labelled line ("MSA Reference: Master Services Agreement ...")."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if len(w) > 3]
    if not words or _NOT_A_HEADING.search(line):
        return False
    return sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs of ``text``, trimmed of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    lines: list[tuple[int, int]] = []  # (start, end) of non-blank lines of the current group
    width = 0

    def flush() -> None:
        if lines:
            spans.append((lines[0][0], lines[-1][1]))
            lines.clear()

    pos = 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        stripped = content.strip()
        line_start = pos + (len(content) - len(content.lstrip()))
        line_end = pos + len(content.rstrip())
        pos += len(raw)
        if not stripped or stripped == "\f":
            flush()
            continue
        width = max(width, len(content))
        if lines:
            prev_start, prev_end = lines[-1]
            prev = text[prev_start:prev_end]
            short_prev = (prev_end - prev_start) < 0.6 * width
            ends_sentence = prev.rstrip().endswith((".", ":", ";", '."', ".”"))
            if _OPENER.match(content) or (short_prev and (ends_sentence or prev.isupper())):
                flush()
        lines.append((line_start, line_end))
    flush()
    return spans


_GAP = re.compile(r"[ \t\u00a0]{3,}")
_BARE_LABEL = re.compile(
    r"^(?:(?:ARTICLE|Article|SECTION|Section)\s+[0-9IVXLC]+(?:\.[0-9]+)*\.?|\d{1,3}(?:\.\d{1,3})*\.?"
    r"|\((?:[a-zA-Z]{1,2}|[ivxlcIVXLC]{1,6}|\d{1,3})\)|[a-zA-Z]\.|[IVXLC]{1,6}\.)$"
)
_HEADING_LIKE = re.compile(r"^[A-Z0-9][^.;:!?]{0,80}$")


def split_run_together(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a paragraph whose units were run together on one line with wide gaps.

    Some text exports put whole sections on one line, units separated only by three or more
    spaces ("Recitals   A. The Company ...   B. ..."). A gap starts a new unit when the text after
    it opens with a clause number, or the text before it ends a sentence or is a short heading;
    a gap after a bare number ("1.   DEFINITIONS") does not.
    """
    out: list[tuple[int, int]] = []
    cursor = start
    for m in _GAP.finditer(text, start, end):
        before = text[cursor : m.start()].strip()
        after = text[m.end() : min(end, m.end() + 40)]
        if not before or _BARE_LABEL.match(before):
            continue
        last_line = before.rsplit("\n", 1)[-1].strip()
        opens = _OPENER.match(after) is not None
        ends = before.endswith((".", ":", ";", '."', ".\u201d", ")"))
        heading = (
            len(last_line.split()) <= 8
            and _HEADING_LIKE.match(last_line) is not None
            and after[:1].isupper()
        )
        if opens or ends or heading:
            out.append((cursor, m.start()))
            cursor = m.end()
    out.append((cursor, end))
    return [(s, e) for s, e in out if text[s:e].strip()]
