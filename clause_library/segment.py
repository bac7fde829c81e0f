"""Split a document into sections, clauses and sentences, and collect its defined terms.

Sections come from headings (Word heading styles, all-caps lines, "ARTICLE IV", "Section 5.2",
numbered headings, "G.1" under a part "G.", run-in headings such as ``Work Product.  Contractor
agrees ...``, and a heading on a line of its own above its text). A quotation an amendment opens
with a heading is read as sections nested under the provision that quotes it. A clause is
the numbered unit or paragraph; a lead-in keeps its deeper sub-items with it, because "Customer
shall not:" means nothing without "(a) ... (b) ..." (so does one that ends in a word the items
complete, "Good cause exists in particular if", or in a comma). Sentences are split
inside clauses without breaking on legal abbreviations ("Inc.", "U.S.C.", "No.", "e.g.").

Every segment satisfies ``document.text[segment.start:segment.end] == segment.text``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from clause_library.document import Block, Box, Document

SegmentKind = Literal["section", "clause", "sentence"]


@dataclass(frozen=True)
class Segment:
    """A section, clause or sentence of a document.

    ``heading_path`` lists the enclosing headings, outermost first, each as the reader sees it
    ("7 Intellectual Property", "7.2 Work Product"); for a section it ends with its own heading.
    ``parent`` is the id of the enclosing clause (for a sentence) or section. ``part`` names the
    schedule, appendix or annex a clause or sentence sits in when its heading path does not
    ("Appendix 3 Service Levels" for an item "4." that restarts the numbering there); it is for
    citing the place, not for matching.
    """

    id: str
    kind: SegmentKind
    start: int
    end: int
    text: str
    heading_path: tuple[str, ...] = ()
    label: str = ""
    heading: str = ""
    parent: str | None = None
    page: int | None = None
    level: int = 0
    part: str = ""

    @property
    def path(self) -> str:
        return " > ".join(self.heading_path)


@dataclass(frozen=True)
class DefinedTerm:
    """A term the agreement defines, e.g. "Work Product" means ...; ``start``/``end`` span the
    definition's sentence."""

    term: str
    start: int
    end: int
    segment: str


@dataclass(frozen=True)
class Segmentation:
    """The segments of one document, in document order within each kind."""

    document: Document
    sections: tuple[Segment, ...]
    clauses: tuple[Segment, ...]
    sentences: tuple[Segment, ...]
    glossary: tuple[DefinedTerm, ...]

    def __iter__(self) -> Iterator[Segment]:
        yield from self.sections
        yield from self.clauses
        yield from self.sentences

    def by_id(self, segment_id: str) -> Segment:
        for segment in (*self.sections, *self.clauses, *self.sentences):
            if segment.id == segment_id:
                return segment
        raise KeyError(segment_id)

    def sentences_of(self, clause: Segment) -> list[Segment]:
        return [s for s in self.sentences if s.parent == clause.id]

    def boxes(self, segment: Segment) -> list[Box]:
        return self.document.boxes(segment.start, segment.end)

    def outline(self) -> list[Segment]:
        return list(self.sections)


# --- labels and headings ---------------------------------------------------------------------

_ROMAN = re.compile(
    r"^(?=[ivxlc]+$)m{0,3}(?:c[md]|d?c{0,3})(?:x[cl]|l?x{0,3})(?:i[xv]|v?i{0,3})$", re.I
)

#: circled paragraph numbers: ① to ⑳, ⑴ to ⒇, ㉑ to ㊿ (which ``str.isdigit`` counts as digits)
CIRCLED_NUMBER = "[\u2460-\u2487\u3251-\u325f\u32b1-\u32bf]"

#: the heading of an article, whose paragraphs Swiss, German and Japanese drafting number 1, 2, 3
#: within it ("Art. 16 Liability", "Article 6 (Restrictions on Use)", "§ 4 Fees")
ARTICLE_HEADING = re.compile(
    r"^\s*(?:article\s+\(?|art\.\s*|§\s*)(\d+)\b(?![.\d])", re.IGNORECASE
)
#: a clause heading whose paragraphs number afresh: "Clause 21 Liability" over "1 - ..."
CLAUSE_HEADING = re.compile(r"^\s*clause\s+(\d+)\s+(?=[A-Za-z])", re.IGNORECASE)

_ORDINAL_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
).split()
_CARDINAL_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
).split()


def _numbered(words: list[str], tens: tuple[str, str]) -> dict[str, int]:
    """Numbers 1 to 39 as ``words`` name them, "twenty-first" or "twenty-one" past the teens."""
    out = {w: i for i, w in enumerate(words, start=1)}
    out.update({tens[0]: 20, tens[1]: 30})
    for base, ten in ((20, "twenty"), (30, "thirty")):
        out.update({f"{ten}-{w}": base + i for i, w in enumerate(words[:9], start=1)})
    return out


#: clause numbers written as words, as Spanish and Latin American drafting numbers its clauses
#: ("TWELFTH.- WARRANTIES", "Clause TWENTY-FIRST") and Brazilian its ("CLAUSE FIVE")
ORDINALS = _numbered(_ORDINAL_WORDS, ("twentieth", "thirtieth"))
WORD_NUMBERS = {**ORDINALS, **_numbered(_CARDINAL_WORDS, ("twenty", "thirty"))}
WORD_NUMBER = "(?:" + "|".join(sorted(WORD_NUMBERS, key=len, reverse=True)) + r")\b"
_ORDINAL = "(?:" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + r")\b"
#: a heading that opens with a clause number in words: "TWELFTH.- WARRANTIES", "CLAUSE FIVE – PRICE"
_WORD_HEADING = re.compile(
    rf"^\s*(?:(?:clause|article)\s+(?P<word>{WORD_NUMBER})|(?P<ordinal>{_ORDINAL})"
    # ("SIXTH CLAUSE – RESTRICTIONS ON USE", as Colombian drafting in translation heads them)
    r"(?:\s+(?:clause|article))?)"
    r"\s*(?:\.-|\.|:|\s[-–—])\s*(?P<title>\S.*)$",
    re.IGNORECASE,
)


def word_heading(heading: str) -> tuple[str, str]:
    """The number and title of a clause whose heading opens with its number in words ("12" and
    "WARRANTIES" for "TWELFTH.- WARRANTIES"), or two empty strings."""
    m = _WORD_HEADING.match(heading)
    if m is None:
        return "", ""
    return str(WORD_NUMBERS[(m["word"] or m["ordinal"]).lower()]), m["title"]


#: item numbers written as words, as Scots deeds number their items: "(One)", "(Two)"
_NUMBER_WORDS = (*(w.capitalize() for w in _CARDINAL_WORDS), "Twenty")

#: Leading number/marker of a paragraph, tried on the body text when the source gave no label.
_LABEL = re.compile(
    r"""^(?P<label>
        # "Art. 13" is an article as Swiss and Italian drafting abbreviate it
        (?:(?:ARTICLE|Article|SECTION|Section|§)\s+|(?:ART|Art)\.[ \t]*)
        (?:[0-9]+(?:\.[0-9]+)*|[IVXLC]+)\b\.?
      # "Article (17): Audit and Inspection", as Gulf drafting in translation numbers them
      | (?:ARTICLE|Article)\s+\((?:[0-9]+|[IVXLC]+)\)(?:[ \t]*:)?
      # "Clause 9 Data Protection", a heading, and not "Clause 14 survives termination"
      | (?:CLAUSE|Clause)\s+[0-9]+(?:\.[0-9]+)*\b\.?(?=[ \t]*(?:$|[A-Z][A-Za-z]))
      # "Clause Six (Sample Data and Proof of Concept)", "Clause 21 (Liability)", its title in
      # brackets, as Egyptian and Portuguese drafting in translation set them
      | (?:CLAUSE|Clause)\s+(?:[0-9]{1,3}|(?i:"""
    + WORD_NUMBER
    + r"""))(?=\s+\([^()\n]*\)[ \t]*$)
      | [0-9]{1,3}(?:\.[0-9]{1,3}){0,4}\.?(?=\s)
      # "6/3": paragraph 3 of clause 6, as Egyptian drafting numbers them
      | [0-9]{1,2}/[0-9]{1,2}(?=[ \t]+[A-Z(])
      | [A-Z]\.[0-9]{1,3}(?:\.[0-9]{1,3}){0,3}\.?(?=\s)
      | \((?:[0-9]{1,3}|[a-zA-Z]{1,2}|[ivxlcIVXLC]{1,6})\)
      | \((?:"""
    + "|".join(_NUMBER_WORDS)
    + r""")\)
      | (?:[0-9]{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,6})\)(?=\s)
      | [a-zA-Z]\.(?=\s)
      | [IVXLC]{1,6}\.(?=\s)
      | """
    + CIRCLED_NUMBER
    + r"""
    )[ \t]*""",
    re.VERBOSE,
)

_HEADING_WORD_LIST = "ARTICLE|SECTION|SCHEDULE|EXHIBIT|ANNEX|APPENDIX|PART"
_HEADING_WORDS = re.compile(rf"^(?:{_HEADING_WORD_LIST})\b", re.I)
#: ... and the labels that open a heading ("Clause 9"), though a line that opens with the word
#: may be a sentence ("Clause 14 survives termination.")
_HEADING_LABEL_WORDS = re.compile(rf"^(?:(?:{_HEADING_WORD_LIST}|CLAUSE)\b|ART\.)", re.I)

#: A run-in heading: a short capitalised phrase ending in a period or colon, then the clause.
_RUN_IN = re.compile(
    r"^(?P<heading>[A-Z][A-Za-z0-9'’&/,\-\s]{1,70}?)(?:\.|:|\s[-–—])[ \t\u00a0]+(?=[A-Z0-9(“\"‘'])"
)

_CONNECTIVES = {"and", "between", "by and between", "among", "by and among", "and between", "or"}

_MINOR_WORDS = {
    "a",
    "an",
    "and",
    "as",
    "at",
    "by",
    "for",
    "from",
    "in",
    "of",
    "on",
    "or",
    "the",
    "to",
    "with",
    "upon",
    "into",
    "its",
    "non",
    "vs",
}


def split_label(text: str) -> tuple[str, str]:
    """``("5.2", "rest")`` for ``"5.2  rest"``; ``("", text)`` when there is no leading label."""
    m = _LABEL.match(text)
    if not m:
        return "", text
    return m.group("label").rstrip(), text[m.end() :]


def _is_titlecase_phrase(phrase: str) -> bool:
    # a title may carry the original term in brackets: "Rights of Use (Werknutzungsrechte)"
    phrase = re.sub(r"(?<=\S)\s+\([^()]{2,40}\)$", "", phrase.strip())
    # a compound counts by its first part: "Pre-existing Rights" is a title
    words = [
        w
        for w in re.split(r"[\s/]+|(?<=\w)-(?=[A-Z])", phrase.strip())
        if w.strip("-")
    ]
    if not 1 <= len(words) <= 9:
        return False
    if phrase.isupper():
        return True
    caps = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    minor = sum(1 for w in words if w[:1].islower() and w in _MINOR_WORDS)
    return caps + minor == len(words) and caps >= max(1, (len(words) + 1) // 2)


def run_in_heading(body: str) -> str:
    """The run-in heading at the start of ``body`` ("Work Product" in "Work Product. Contractor
    agrees ..."), or "" when there is none."""
    m = _RUN_IN.match(body)
    if not m:
        return ""
    heading = m.group("heading").strip()
    if "\n" in heading:
        return ""  # a heading on a line of its own: see own_line_heading
    titled = _ORDINAL_CLAUSE_TITLE.match(body)
    if titled and _is_titlecase_phrase(titled.group("title")):
        # "SIXTH CLAUSE – RESTRICTIONS ON USE: THE LICENSEE ...": the clause's title is its heading
        return " ".join(titled.group("heading").split())
    if len(heading) < 3 or not _is_titlecase_phrase(heading):
        return ""
    if heading.split()[-1].lower().rstrip(",") in _ABBREVIATIONS:
        return ""  # "Acme Holdings, Inc." is a name, not a heading
    first = heading.split()[0].lower()
    if (
        first in {"the", "this", "each", "if", "in", "any", "no", "all", "a", "an"}
        and not heading.isupper()
    ):
        return ""
    return heading


def own_line_heading(label: str, body: str) -> str:
    """A heading on a line of its own at the start of ``body`` ("Changes to Standard Terms" in
    "G. Changes to Standard Terms\n   The Standard Terms are changed as follows."), or ""."""
    first, newline, rest = body.partition("\n")
    first, rest = first.strip(), rest.strip()
    if not newline or not rest or not re.match(r"[A-Z0-9(\"\u201c]", rest):
        return ""
    if first.endswith(".") or not is_heading_text(label, first):
        return ""
    return first.rstrip(":")


def is_heading_text(label: str, body: str) -> bool:
    """Whether a whole block reads as a heading line rather than a clause."""
    body = body.strip()
    if not body:
        return bool(label) and _HEADING_LABEL_WORDS.match(label) is not None
    if len(body) > 100 or len(body.split()) > 12:
        return False
    if body.lower().strip(" ,") in _CONNECTIVES or '("' in body or "(“" in body:
        return False
    if _WORD_HEADING.match(body) and body.rstrip(".:").isupper() and len(body) <= 100:
        # "FOURTH: RIGHT OF USE OF THE PLATFORM.", numbered in words and closed by a full stop
        return True
    if body.endswith((",", ";")) or (body.endswith(".") and len(body.split()) > 6):
        return False
    if body[-1:] == ":" and not body.isupper():
        return False
    if _HEADING_LABEL_WORDS.match(label) or _HEADING_WORDS.match(body):
        return True
    letters = [c for c in body if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.85 and len(letters) >= 3:
        return True
    return bool(label) and (
        _is_titlecase_phrase(body.rstrip(".:")) or _sentence_case_heading(label, body)
    )


#: a section number standing alone: "8.4", "10.1", "12."
_SECTION_NUMBER = re.compile(r"(?:§\s*)?\d{1,3}(?:\.\d{1,3})*\.?")
#: words that open a sentence, not a heading
_SENTENCE_OPENERS = {
    "the", "this", "that", "these", "those", "a", "an", "each", "any", "if", "in", "all", "no",
    "neither", "either", "where", "when", "unless", "such", "it", "its", "we", "you", "our",
    "your", "for", "to", "subject", "notwithstanding", "without", "save", "except",
}
_VERB = re.compile(
    r"\b(?:shall|will|may|must|is|are|was|were|has|have|had|be|been|does|do)\b", re.IGNORECASE
)


def _sentence_case_heading(label: str, body: str) -> bool:
    """A numbered heading in sentence case, as UK and European drafting sets them: "8.4 Daily
    fines for delay", "10.1 Governing law" (a block of its own, with no closing stop and no
    verb of a sentence)."""
    if not _SECTION_NUMBER.fullmatch(label.strip()):
        return False
    words = body.split()
    if not 1 <= len(words) <= 9 or body[-1:] in ".,;:" or not body[:1].isupper():
        return False
    return words[0].lower() not in _SENTENCE_OPENERS and not _VERB.search(body)


# --- outline levels ----------------------------------------------------------------------------


def _label_style(label: str, previous: dict[str, str]) -> str:
    """A name for the numbering style of ``label`` so that siblings share it."""
    core = label.strip().rstrip(".")
    if re.fullmatch(CIRCLED_NUMBER, core):
        # paragraphs of an article in Korean and Japanese drafting: ① ② (or ⑴ ⑵)
        return "circled"
    if re.match(r"(?i)^art(?:icle\b|\.)", core):
        return "article"
    if re.match(r"(?i)^(?:(?:section|clause)\b|§)", core):
        inner = core.split()[-1]
        return f"section{inner.count('.')}"
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)*", core):
        return f"dec{core.count('.')}"
    if re.fullmatch(r"[0-9]+/[0-9]+", core):
        return "slash"
    if re.fullmatch(r"[A-Z](?:\.[0-9]+)+", core):
        # "G.1", "G.1.2": items of lettered part G, nested under it
        return f"lettered{core.count('.')}"
    paren = core.startswith("(")
    inner = core.strip("()")
    if paren and inner in _NUMBER_WORDS:
        return "words-p"
    wrap = "p" if paren else ("r" if core.endswith(")") else "d")
    if inner.isdigit():
        return f"num-{wrap}"
    if _ROMAN.match(inner):
        alpha_key = f"alpha-{'lower' if inner.islower() else 'upper'}-{wrap}"
        prev_alpha = previous.get(alpha_key, "")
        if (
            len(inner) == 1
            and len(prev_alpha) == 1
            and ord(inner.lower()) == ord(prev_alpha.lower()) + 1
        ):
            return alpha_key
        if len(inner) == 1 and inner.lower() in "ivxlc" and not prev_alpha and inner.lower() != "i":
            return alpha_key
        return f"roman-{'lower' if inner.islower() else 'upper'}-{wrap}"
    if inner.isalpha():
        return f"alpha-{'lower' if inner.islower() else 'upper'}-{wrap}"
    return "other"


class _Outline:
    """Tracks the stack of numbering styles to turn labels into nesting levels."""

    def __init__(self) -> None:
        self.stack: list[str] = []
        self.last_value: dict[str, str] = {}

    def level_for(self, label: str, explicit: int | None = None) -> int:
        style = _label_style(label, self.last_value)
        if style == "dec0" and "circled" in self.stack:
            # the items of a paragraph ①, numbered "1.", "2." afresh under each paragraph
            value = label.strip().rstrip(".")
            previous = self.last_value.get("circled-item", "")
            if value == "1" or (
                "circled-item" in self.stack
                and previous.isdigit()
                and int(value) == int(previous) + 1
            ):
                style = "circled-item"
        self.last_value[style] = label.strip().strip("().")
        if style.startswith(("dec", "section")):
            depth = int(style[-1])
            # decimal depth is explicit: 7 < 7.2 < 7.2.1; keep any article level above it
            base = 1 if self.stack and self.stack[0] == "article" else 0
            self.stack = self.stack[:base] + [f"dec{i}" for i in range(depth + 1)]
            return base + depth
        if style == "article":
            self.stack = ["article"]
            return 0
        if style in self.stack:
            self.stack = self.stack[: self.stack.index(style) + 1]
        else:
            self.stack.append(style)
        return len(self.stack) - 1


def _as_article(label: str, body: str) -> str:
    """``label`` as the numbering it stands for: a clause headed with its title in brackets
    ("Clause 21" over "(Liability)", "Clause Six" over "(Sample Data)") is an article, whose
    paragraphs ("1 -", "6/3") number afresh under it."""
    m = re.fullmatch(rf"(?i:clause)\s+([0-9]{{1,3}}|{WORD_NUMBER})", label.strip())
    title = body.strip()
    if m is None or not (title.startswith("(") and title.endswith(")")):
        return label
    number = m.group(1)
    return f"Article {number if number.isdigit() else WORD_NUMBERS[number.lower()]}"


# --- sentences ---------------------------------------------------------------------------------

_ABBREVIATIONS = {
    "inc",
    "ltd",
    "co",
    "corp",
    "llc",
    "l.l.c",
    "plc",
    "n.a",
    "no",
    "nos",
    "sec",
    "secs",
    "art",
    "arts",
    "para",
    "paras",
    "cl",
    "ch",
    "v",
    "vs",
    "e.g",
    "i.e",
    "etc",
    "cf",
    "viz",
    "u.s",
    "u.s.c",
    "u.k",
    "e.u",
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "jr",
    "sr",
    "approx",
    "dept",
    "est",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "fig",
    "pp",
    "p",
    "ref",
    "rev",
    "vol",
    "op",
    "s.a",
    "b.v",
    "n.v",
    "gmbh",
    "ag",
    "pty",
    "assoc",
    "bros",
    "intl",
    "int'l",
    "govt",
    "cal",
    "del",
    "n.y",
    "tex",
    "fla",
    "ill",
    "mass",
    "wash",
    "et al",
    "al",
    "seq",
    "et seq",
    "hon",
    "exh",
    "sch",
    "ex",
}

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+)")


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]``, trimmed of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    cursor = start
    for m in _SENTENCE_END.finditer(text, start, end):
        stop = m.end()
        after = text[stop:end].lstrip()
        if not after:
            continue
        if not _ends_sentence(text, cursor, m.start(), after):
            continue
        spans.append((cursor, stop))
        cursor = stop
    spans.append((cursor, end))
    trimmed = (_trim(text, s, e) for s, e in spans)
    return [(s, e) for s, e in trimmed if e > s]


def _ends_sentence(text: str, sentence_start: int, dot: int, after: str) -> bool:
    if text[dot] != ".":
        return after[:1].isupper() or after[:1] in '“"('
    token_start = dot
    while token_start > sentence_start and not text[token_start - 1].isspace():
        token_start -= 1
    token = text[token_start:dot].lstrip("(“\"'‘[").lower()
    if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
        return False
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]", token):  # U.S.C, e.g, i.e
        return False
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)*", token) and dot - sentence_start < len(token) + 2:
        return False  # a leading "5." label
    if re.fullmatch(r"\(?[ivxlc]+\)?|\(?[a-z0-9]{1,2}\)", token):
        return False
    first = after[:1]
    if first.islower():
        return False
    if first.isdigit() and re.match(r"\d+(?:\.\d+)*\s", after) is None:
        return False
    return True


# --- glossary ----------------------------------------------------------------------------------

_QUOTED = r"[\"“”'‘’]{1}(?P<term>[A-Z][^\"“”]{0,60}?)[\"“”'’]{1}"
#: what follows a term its definition defines: "means", "has the meaning", or a colon, as
#: civil-law drafting in translation defines its terms ('"Purpose": the research ...')
_DEFINING_VERB = (
    r"\s*(?:(?:shall\s+)?(?:means?|refers?\s+to|includes?|shall\s+have\s+the\s+meaning|"
    r"has\s+the\s+meaning|is\s+defined)\b|:(?=[ \t]+[a-z(]))"
)
_DEFINITION = re.compile(
    _QUOTED
    + _DEFINING_VERB
    + r"|\((?:the\s+|each\s+a\s+|each,?\s+an?\s+|collectively,?\s+(?:the\s+)?"
    r"|hereinafter\s+(?:the\s+)?)?"
    r"[\"“”'‘](?P<term2>[A-Z][^\"“”]{0,60}?)[\"“”'’]\)"
)
_OPENS_WITH_DEFINITION = re.compile(r"\s*" + _QUOTED + r",?" + _DEFINING_VERB)
#: ... or an unquoted term, as Australian drafting sets its definitions in bold ("Moral Rights
#: has the meaning given in Part IX of the Copyright Act", "Competing Business means ...")
_OPENS_WITH_UNQUOTED_DEFINITION = re.compile(
    r"\s*(?!(?:The|This|That|Each|Any|No|All|Every|Such|If|Where|Nothing)\b)"
    r"(?P<term>[A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|of|and|or|for|in|to)){0,5}?)"
    r"\s+(?:means|has\s+the\s+meaning)\b"
)


#: the number of a paragraph in a schedule or addendum ("A1.3", "S2.1")
_SCHEDULE_LABEL = re.compile(r"^[A-Z]{1,2}\d+(?:\.\d+)*\.?\s+")


def _unlabelled(text: str) -> str:
    """``text`` without its numbering label, a schedule's ("A1.3") included."""
    body = split_label(text.lstrip())[1]
    return _SCHEDULE_LABEL.sub("", body, count=1)


def _definition_opening(body: str) -> re.Match[str] | None:
    return _OPENS_WITH_DEFINITION.match(body) or _OPENS_WITH_UNQUOTED_DEFINITION.match(body)


def opens_with_definition(text: str) -> bool:
    """Whether ``text`` starts, after any numbering label, by defining a term ("X" means ...)."""
    return _definition_opening(_unlabelled(text)) is not None


def continues_definition(definition: str, text: str) -> bool:
    """Whether ``text``, a sentence of ``definition`` (a text that opens with a definition),
    goes on defining the same term: '"Research Purpose" means ... . The Research Purpose does
    not include the sale ... of any Model.'"""
    opening = _definition_opening(_unlabelled(definition))
    if opening is None:
        return False
    term = re.escape(opening.group("term").strip().rstrip(",."))
    return (
        re.match(
            rf"\s*(?:the\s+|such\s+|an?\s+|any\s+)?(?:{term})(?:s|es)?\b\s+"
            r"(?:(?:does|do|shall|will|may)\s+(?:not\s+)?|also\s+)?"
            r"(?:includes?|excludes?|means?|covers?|comprises?|consists?)\b",
            text,
            re.IGNORECASE,
        )
        is not None
    )


def definition_body(text: str) -> str:
    """What a term is defined as, for ``text`` that opens with a definition ('"Feedback" means
    any comments ...' gives 'any comments ...'); ``""`` for any other text."""
    body = _unlabelled(text)
    opening = _definition_opening(body)
    return body[opening.end() :].strip() if opening else ""


def _glossary(document: Document, sentences: Iterable[Segment]) -> tuple[DefinedTerm, ...]:
    seen: dict[str, DefinedTerm] = {}
    for sentence in sentences:
        for m in _DEFINITION.finditer(sentence.text):
            term = (m.group("term") or m.group("term2") or "").strip().rstrip(",.")
            if term and term.lower() not in seen:
                seen[term.lower()] = DefinedTerm(term, sentence.start, sentence.end, sentence.id)
    return tuple(seen.values())


#: A lead-in and its sub-items stay one clause up to this many characters; a longer list (a
#: definitions article, say) is better matched item by item.
MAX_LEAD_IN = 1500

#: the end of a lead-in written without a colon: "Good cause exists in particular if",
#: "Licensee shall not, and shall not permit third parties to,"
_OPEN_ENDED = re.compile(
    r"(?:,|\b(?:if|to|that|where|when|whether|unless|by|for|of|following|including|namely))$",
    re.IGNORECASE,
)


#: a lead-in that ends its sentence on the items it announces, as Japanese drafting does in
#: translation: "... shall not perform any of the following acts."
_FOLLOWING_ITEMS = re.compile(
    r"\b(?:any|all|each|one\s+or\s+more)\s+of\s+the\s+following(?:\s+[\w-]+){0,2}\s*\.$",
    re.IGNORECASE,
)


def _leads_in(body: str) -> bool:
    """Whether a clause's text introduces sub-items that complete it."""
    body = body.rstrip()
    return (
        body.endswith((":", "—", "–"))
        or _OPEN_ENDED.search(body) is not None
        or _FOLLOWING_ITEMS.search(body) is not None
    )


#: a clause headed with its number as an ordinal word: "SIXTH CLAUSE – RESTRICTIONS ON USE:"
_ORDINAL_CLAUSE = re.compile(rf"^\s*{_ORDINAL}\s+(?:clause|article)\b", re.IGNORECASE)

#: an ordinal-word clause run into its text with its title: "SIXTH CLAUSE – RESTRICTIONS ON USE:"
_ORDINAL_CLAUSE_TITLE = re.compile(
    rf"^(?P<heading>{_ORDINAL}\s+(?:clause|article)\s+[-–—]\s*(?P<title>[^\n.:]{{3,70}}?))[.:]\s",
    re.IGNORECASE,
)

#: the run-in heading of a paragraph that belongs to the provision before it ("Paragraph One.",
#: "Sole Paragraph.", translating the Brazilian "Parágrafo Primeiro", "Parágrafo Único")
PARAGRAPH_OF_PROVISION = re.compile(
    r"^(?:(?:Sole|Single|Sole\s+and\s+Only)\s+Paragraph|Paragraph\s+(?:"
    + "|".join(_NUMBER_WORDS)
    + r"|First|Second|Third|Fourth|Fifth|Sixth|[1-9]))$",
    re.IGNORECASE,
)

#: a chapter of articles: "CHAPTER XI – WARRANTIES", "Chapter 3 Liability"
CHAPTER_HEADING = re.compile(
    r"(?i)^(?:chapter|capitolul|cap[ií]tulo|chapitre|capitolo)\s+(?:[IVXLC]+|\d+)\b"
)
#: a heading's gloss in brackets on the next line: "(CAPITOLUL XI – GARANȚII)"
_GLOSS = re.compile(r"\([^()\n]{3,120}\)")

#: an article's label: "Art. 33.", "Article 5", "§ 4"
_ARTICLE_LABEL = re.compile(r"(?i)^(?:art\.|article|§)\s*\d+\.?$")
#: ... and its first paragraph run into it: "– (1) The Service Provider guarantees ..."
_FIRST_PARAGRAPH_RUN_IN = re.compile(r"^[-–—]?\s*(?P<label>\(1\))\s+(?=\S)")

#: a lettered label: "a)", "(b)", "(iv)"
_LETTERED_LABEL = re.compile(r"\(?(?:[a-z]{1,2}|[ivx]{1,5})\)")

#: Page numbers and similar lines left in plain-text files ("PAGE 3", "- 3 -", "3 of 12").
_FURNITURE = re.compile(r"(?i)^[\s\-–—]*(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?[\s\-–—]*$")

# --- segmentation ------------------------------------------------------------------------------


#: a heading that opens a part after the body: a schedule, appendix, annex or exhibit
_PART = re.compile(r"(?i)^(?:schedule|exhibit|annex(?:ure)?|appendix|attachment|addendum)\b")


def is_part_heading(heading: str) -> bool:
    """Whether ``heading`` opens a schedule, appendix, annex or exhibit."""
    return bool(_PART.match(heading.strip()))


#: how far into the text a part may begin: a table of contents listing the schedules, or a
#: filing's "EXHIBIT 10.1" banner, comes earlier
PART_FROM = 0.25
#: the number a top-level provision's label leads with: "10" in "10.", "Article 10", "10.1"
_LEADING_NUMBER = re.compile(r"^\D{0,12}?(\d+)")
#: ... and one numbered within a top-level provision: "10.1", "Section 10.1"
_DOTTED = re.compile(r"^\D{0,12}?\d+\.\d")


@dataclass
class _Open:
    label: str
    title: str
    level: int
    start: int
    end: int
    page: int | None
    segment_id: str


#: A quotation opened at the start of a paragraph and closed some paragraphs later (new
#: provisions that an amendment inserts, quoted) is read as one clause with the paragraph that
#: opens it, so that a numbered provision inside it ("9.4 Excluded Damages.") is not taken for a
#: heading of the agreement itself; within at most this many paragraphs and characters.
MAX_QUOTED_PARAGRAPHS = 8
MAX_QUOTED_CHARS = 4000


#: the end of a paragraph that closes a quotation: 'were possible."', "... Section 13.”;"
_CLOSES_QUOTE = re.compile(r"[\"\u201d][.;,)]*$")


def _quoted_runs(text: str, blocks: Sequence[Block]) -> dict[int, int]:
    """Paragraphs inside a quotation that an earlier paragraph opens: each block index mapped
    to the index of the block that opens it. The opening paragraph starts with a quotation mark
    and holds no other (so '"Zebra" and the "Distributor" ...' opens none), and the quotation
    ends with the first later paragraph that ends with one."""
    runs: dict[int, int] = {}
    for i, block in enumerate(blocks):
        start, end = _trim(text, block.start, block.end)
        body = text[start:end]
        if i in runs or not body.startswith(('"', "\u201c")):
            continue
        if any(mark in body[1:] for mark in '"\u201c\u201d'):
            continue
        for j in range(i + 1, min(i + 1 + MAX_QUOTED_PARAGRAPHS, len(blocks))):
            if blocks[j].end - start > MAX_QUOTED_CHARS:
                break
            if _CLOSES_QUOTE.search(text[slice(*_trim(text, blocks[j].start, blocks[j].end))]):
                runs.update({k: i for k in range(i + 1, j + 1)})
                break
    return runs


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def segment(document: Document) -> Segmentation:
    """Segment ``document`` into sections, clauses and sentences (see the module docstring)."""
    text = document.text
    outline = _Outline()
    sections: list[Segment] = []
    clauses: list[Segment] = []
    sentences: list[Segment] = []
    open_sections: list[_Open] = []
    section_ends: dict[str, int] = {}
    #: (index into clauses, level, unnumbered) of an open lead-in
    lead_in: tuple[int, int, bool] | None = None

    def close_sections(level: int, at: int) -> None:
        while open_sections and open_sections[-1].level >= level:
            section_ends[open_sections.pop().segment_id] = at

    def level_of(label: str, body: str) -> int:
        """The nesting level of a labelled block."""
        level = quotation_base + outline.level_for(_as_article(label, body))
        top = open_sections[-1] if open_sections else None
        if (
            top is not None
            and not top.label
            and word_heading(top.title)[0]
            and _LETTERED_LABEL.fullmatch(label.strip())
        ):
            # the lettered paragraphs "a)", "b)" of "SIXTEENTH: LIMITATION OF LIABILITY.", a
            # clause numbered in words, sit under it, and their items under them
            level += shift_under.setdefault(top.segment_id, max(0, top.level + 1 - level))
        chapter = next(
            (o for o in reversed(open_sections) if not o.label and CHAPTER_HEADING.match(o.title)),
            None,
        )
        if chapter is not None:
            # the articles of "CHAPTER XI – WARRANTIES", and their paragraphs, sit under it
            level += shift_under.setdefault(chapter.segment_id, max(0, chapter.level + 1 - level))
        return level

    def path(extra: str = "") -> tuple[str, ...]:
        items = [_display(o.label, o.title) for o in open_sections]
        if extra:
            items.append(extra)
        return tuple(item for item in items if item)

    quoted = _quoted_runs(text, document.blocks)
    quotation_ends: dict[int, int] = {}
    for inside, opened_by in quoted.items():
        quotation_ends[opened_by] = max(inside, quotation_ends.get(opened_by, inside))
    # a quotation that opens with a heading is read as sections of its own, nested under the
    # provision before it; the agreement's outline is kept aside until the quotation ends
    agreement_outline: _Outline | None = None
    quotation_end = -1
    quotation_level = 0
    clause_of_block: dict[int, int] = {}
    #: how far the provisions under a chapter, or the lettered paragraphs under a clause
    #: numbered in words, are moved down (by the section they sit under)
    shift_under: dict[str, int] = {}
    #: a paragraph of a provision that stands apart from it -> that provision
    paragraph_host: dict[int, int] = {}
    #: the schedule or appendix being read, once the body's numbered provisions have begun, and
    #: the number of the body's last top-level provision before it
    part = ""
    numbered = False
    body_number = -1

    def open_part(label: str, title: str, at: int) -> None:
        nonlocal part
        shown = _display(label, title)
        if numbered and _PART.match(shown) and at >= PART_FROM * len(text):
            part = shown

    def numbered_provision(label: str, level: int) -> None:
        """A provision numbered ``label``: one that goes on with the body's numbering ends a
        part (a page header "Schedule C" in the middle of the body is no schedule)."""
        nonlocal part, numbered, body_number
        m = _LEADING_NUMBER.match(label)
        if m is None:
            return
        number = int(m.group(1))
        dotted = bool(_DOTTED.match(label))
        if part:
            goes_on = (level == 0 or dotted) and number == body_number + 1
            if not goes_on and not (dotted and body_number >= 3 and number == body_number):
                return
            part = ""
        if level == 0:
            numbered = True
            body_number = number
    for b, block in enumerate(document.blocks):
        bstart, bend = _trim(text, block.start, block.end)
        if bend <= bstart:
            continue
        if agreement_outline is not None and b > quotation_end:
            close_sections(quotation_level, bstart)
            outline, agreement_outline = agreement_outline, None
        opener = clause_of_block.get(quoted.get(b, -1))
        if opener is not None:
            # a paragraph of a quotation that an earlier paragraph opened
            clauses[opener] = _extend(clauses[opener], bend, text)
            continue
        body_start = max(block.body_start, bstart)
        label = block.label
        body = text[body_start:bend]
        if b in quotation_ends and agreement_outline is None:
            parsed, rest = split_label(body[1:])
            if is_heading_text(parsed, rest.strip()):
                # '"13. PILOT MATERIALS': the quotation's provisions are its sections
                agreement_outline, outline = outline, _Outline()
                quotation_end = quotation_ends[b]
                quotation_level = open_sections[-1].level + 1 if open_sections else 0
                if parsed and not label:
                    label = parsed
                    body_start = bend - len(rest)
                    body = rest
        quotation_base = quotation_level if agreement_outline is not None else 0
        if not label:
            parsed, rest = split_label(body)
            if parsed:
                label = parsed
                body_start = bend - len(rest)
                body = rest
        body_start, _ = _trim(text, body_start, bend)
        body = text[body_start:bend]
        page = document.page_at(bstart)
        if not label and _FURNITURE.match(body):
            continue

        styled_heading = block.kind in ("heading", "title")
        heading_line = styled_heading or (
            block.kind != "table_cell" and is_heading_text(label, body)
        )
        if label:
            level = level_of(label, body)
        elif styled_heading:
            level = max(block.level - 1, 0)
        else:
            level = open_sections[-1].level + 1 if open_sections else 0

        run_in = _FIRST_PARAGRAPH_RUN_IN.match(body) if label else None
        if run_in and not heading_line and _ARTICLE_LABEL.match(label.strip()):
            # "Art. 33. – (1) The Service Provider guarantees ...", as Romanian drafting sets out
            # an article with no title: the article opens a section of its own, and its first
            # paragraph "(1)" follows on the same line
            close_sections(level, bstart)
            seg_id = f"sec{len(sections) + 1}"
            parent = open_sections[-1].segment_id if open_sections else None
            open_sections.append(_Open(label, "", level, bstart, bend, page, seg_id))
            sections.append(
                Segment(seg_id, "section", bstart, bend, "", path(), label, "", parent, page, level)
            )
            numbered_provision(label, level)
            open_part(label, "", bstart)
            lead_in = None
            label = run_in.group("label")
            body = body[run_in.end("label") :].lstrip()
            level = level_of(label, body)

        if heading_line:
            if block.kind == "title":
                continue
            if (
                not label
                and sections
                and open_sections
                and open_sections[-1].segment_id == sections[-1].id
                and b > 0
                and sections[-1].start == document.blocks[b - 1].start
                and _GLOSS.fullmatch(body.strip())
            ):
                # "(CAPITOLUL XI – GARANȚII)" under "CHAPTER XI – WARRANTIES": the heading in
                # the original language, read with it
                continue
            first, newline, rest = body.partition("\n")
            if newline and CHAPTER_HEADING.match(first) and _GLOSS.fullmatch(rest.strip()):
                body = first  # ... or on the heading's own second line
            title = " ".join(body.split()).rstrip(".:")
            if title.startswith("(") and title.endswith(")") and "(" not in title[1:]:
                # "Art. 1 (Definitions)", as Italian drafting sets its titles
                title = title[1:-1]
            if not label and not styled_heading:
                # an unnumbered all-caps heading sits at the level of the current top section
                level = open_sections[0].level if open_sections else 0
                if agreement_outline is not None:
                    level = quotation_level
            close_sections(level, bstart)
            seg_id = f"sec{len(sections) + 1}"
            parent = open_sections[-1].segment_id if open_sections else None
            open_sections.append(_Open(label, title, level, bstart, bend, page, seg_id))
            sections.append(
                Segment(
                    seg_id, "section", bstart, bend, "", path(), label, title, parent, page, level
                )
            )
            if label:
                numbered_provision(label, level)
            open_part(label, title, bstart)
            lead_in = None
            continue

        heading = run_in_heading(body) or own_line_heading(label, body)
        previous = clause_of_block.get(b - 1)
        host = paragraph_host.get(previous, previous) if previous is not None else None
        host_path: tuple[str, ...] = ()
        if (
            not label
            and host is not None
            and PARAGRAPH_OF_PROVISION.match(heading)
            and (clauses[host].label or _ORDINAL_CLAUSE.match(clauses[host].text))
        ):
            if host == previous and bend - clauses[previous].start <= MAX_LEAD_IN:
                # "Paragraph One." or "Sole Paragraph." after "8.7.": a paragraph of that
                # provision, as Brazilian drafting adds them, is read with it
                clauses[previous] = _extend(clauses[previous], bend, text)
                clause_of_block[b] = previous
                continue
            # past the length a clause is matched at, it stands apart but is cited under its
            # provision: "THIRD CLAUSE › PARAGRAPH TWO"
            host_path = clauses[host].heading_path
        hosted_item = False
        if label or heading:
            worded_lead_in = (
                lead_in is not None
                and lead_in[2]
                and _ORDINAL_CLAUSE.match(clauses[lead_in[0]].text) is not None
            )
            if (
                label
                and lead_in is not None
                # (an unnumbered lead-in under a heading, "12.2 Restraint" / "The Licensee must
                # not ...:", sits at the level its items "(a)", "(b)" are given)
                and (
                    level > lead_in[1]
                    or (lead_in[2] and level == lead_in[1] and label[0] == "(")
                    # ("SIXTH CLAUSE – RESTRICTIONS ON USE: THE LICENSEE undertakes not to:",
                    # then "1.", "2.")
                    or worded_lead_in
                )
            ):
                if bend - clauses[lead_in[0]].start <= MAX_LEAD_IN:
                    # a sub-item of a lead-in clause ("shall not:") extends that clause
                    clauses[lead_in[0]] = _extend(clauses[lead_in[0]], bend, text)
                    clause_of_block[b] = lead_in[0]
                    continue
                if worded_lead_in:
                    # past the length a clause is matched at, the items of a clause numbered in
                    # words stand apart but are cited under it: "FIFTEENTH CLAUSE … › 3"
                    host = lead_in[0]
                    host_path = clauses[host].heading_path
                    hosted_item = True
            if not hosted_item:
                lead_in = None
            if label and heading:
                close_sections(level, bstart)
                seg_id = f"sec{len(sections) + 1}"
                parent = open_sections[-1].segment_id if open_sections else None
                open_sections.append(_Open(label, heading, level, bstart, bend, page, seg_id))
                sections.append(
                    Segment(
                        seg_id,
                        "section",
                        bstart,
                        bend,
                        "",
                        path(),
                        label,
                        heading,
                        parent,
                        page,
                        level,
                    )
                )
                numbered_provision(label, level)
                open_part(label, heading, bstart)
            elif label:
                close_sections(level, bstart)
        if label and not heading:
            numbered_provision(label, level)
        parent = open_sections[-1].segment_id if open_sections else None
        if host_path and host is not None:
            clause_path = (*host_path, _display(label, heading))
            paragraph_host[len(clauses)] = host
        elif label and heading:
            clause_path = path()
        else:
            clause_path = path(_display(label, heading))
        clause = Segment(
            f"cl{len(clauses) + 1}",
            "clause",
            bstart,
            bend,
            text[bstart:bend],
            clause_path,
            label,
            heading,
            parent,
            page,
            level,
            part if part and part not in clause_path else "",
        )
        clauses.append(clause)
        clause_of_block[b] = len(clauses) - 1
        if _leads_in(body):
            lead_in = (len(clauses) - 1, level, not label)
        elif not hosted_item:
            lead_in = None

    close_sections(-1, len(text))
    # a section runs from its heading to the start of the next section at its level or above
    sections = [_with_span(s, s.start, section_ends.get(s.id, len(text)), text) for s in sections]
    block_starts = [b.start for b in document.blocks]
    for clause in clauses:
        for s, e in _clause_sentences(document, block_starts, clause):
            sentences.append(
                Segment(
                    f"sn{len(sentences) + 1}",
                    "sentence",
                    s,
                    e,
                    text[s:e],
                    clause.heading_path,
                    "",
                    "",
                    clause.id,
                    document.page_at(s),
                    clause.level,
                    clause.part,
                )
            )
    return Segmentation(
        document,
        tuple(sections),
        tuple(clauses),
        tuple(sentences),
        _glossary(document, sentences),
    )


def _clause_sentences(
    document: Document, block_starts: list[int], clause: Segment
) -> list[tuple[int, int]]:
    """Sentence spans of a clause; a sentence never runs across two blocks (a lead-in ending in
    a colon and its sub-items are separate sentences)."""
    i = max(bisect.bisect_right(block_starts, clause.start) - 1, 0)
    spans: list[tuple[int, int]] = []
    while i < len(document.blocks) and document.blocks[i].start < clause.end:
        block = document.blocks[i]
        start, end = max(block.start, clause.start), min(block.end, clause.end)
        if end > start:
            spans += sentence_spans(document.text, start, end)
        i += 1
    return spans or sentence_spans(document.text, clause.start, clause.end)


def _display(label: str, title: str) -> str:
    label = label.strip()
    if label.endswith(".") and re.fullmatch(r"[0-9]+\.", label):
        label = label[:-1]
    return f"{label} {title}".strip()


def _extend(segment: Segment, end: int, text: str) -> Segment:
    return Segment(
        segment.id,
        segment.kind,
        segment.start,
        end,
        text[segment.start : end],
        segment.heading_path,
        segment.label,
        segment.heading,
        segment.parent,
        segment.page,
        segment.level,
        segment.part,
    )


def _with_span(segment: Segment, start: int, end: int, text: str) -> Segment:
    start, end = _trim(text, start, end)
    return Segment(
        segment.id,
        segment.kind,
        start,
        end,
        text[start:end],
        segment.heading_path,
        segment.label,
        segment.heading,
        segment.parent,
        segment.page,
        segment.level,
        segment.part,
    )


__all__ = [
    "ARTICLE_HEADING",
    "CLAUSE_HEADING",
    "Block",
    "DefinedTerm",
    "Segment",
    "SegmentKind",
    "Segmentation",
    "is_heading_text",
    "is_part_heading",
    "opens_with_definition",
    "run_in_heading",
    "segment",
    "sentence_spans",
    "split_label",
]
