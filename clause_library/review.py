"""A review: what is present, weak, a red flag, or missing, for one document and one playbook.

:func:`review` turns an :class:`~clause_library.match.Analysis` into findings for every clause
type detected (whatever the playbook) and gaps for the playbook's required and recommended
types. Changing the playbook calls :func:`review` again on the same analysis: no re-embedding.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Literal

import numpy as np

from clause_library.document import Document
from clause_library.embed import normalise_text
from clause_library.library import Check, ClauseType, Condition, Library, Severity
from clause_library.match import FEATURES, LOGIT_SCALE, Analysis, Unit
from clause_library.parties import (
    PRONOUNS,
    Parties,
    defined_names,
    full_name,
    party_chosen,
    read_parties,
)
from clause_library.playbooks import KindGuess, Playbook, Playbooks, detect_kind
from clause_library.segment import (
    ARTICLE_HEADING,
    CHAPTER_HEADING,
    CLAUSE_HEADING,
    WORD_NUMBER,
    WORD_NUMBERS,
    Segment,
    Segmentation,
    continues_definition,
    definition_body,
    opens_with_definition,
    split_label,
    word_heading,
)

FindingStatus = Literal["present", "weak", "red_flag"]
FindingSeverity = Literal["info", "low", "medium", "high", "critical"]
SEVERITY_ORDER: dict[str, int] = {"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}
STATUS_ORDER: dict[str, int] = {"present": 0, "weak": 1, "red_flag": 2, "missing": 3}

#: A clause type is reported at no more than this many places; a place where a check fires is
#: preferred over a sound one, so a weak term clause is not hidden behind three good definitions.
MAX_LOCATIONS = 3
#: ... but for a type with a CUAD counterpart, only a place scoring at least this share of the
#: type's best place (or a sub-item of a provision that does): further down, a check mostly
#: reads wording in a passage that is not this kind of clause at all. On the 303 CUAD
#: development contracts, places of those types where a check fired lay inside a
#: lawyer-labelled clause of the type 87% of the time at half the best score or more, 38% (10
#: of 26) between 0.35 and half, and 3 of 10 below 0.35. Between 0.35 and half lie the second
#: provisions of a type that say something else: a promise to assign later works beside a
#: present assignment, a sentence taking our liability out of the cap beside the cap. The
#: project's own types are scored without the CUAD models, on a flatter scale where the risky
#: term of a clause often scores well under its definitions (an NDA's one-year tail against
#: the definition of Confidential Information), so all their places stay eligible.
FLAGGED_MIN_SHARE = 0.35
MAX_CANDIDATE_LOCATIONS = 12
#: A type's checks also read the other provisions of an article where the type is found, in
#: articles of at most this many provisions: a provision that reads more like the type than
#: like any other, though under its threshold (the exit charges in 20.3, beside the exit
#: assistance found at 20.2). Such a provision is shown only where a check holds there.
MAX_ARTICLE_PROVISIONS = 12
#: ... or a provision that, read as a whole, comes at least this close to the type's threshold
#: and closer than to any other type's, whatever its sentences read like one by one (a whole
#: provision scores low wherever one of its sentences is the better place, so a lower share says
#: little)
WHOLE_PROVISION_SHARE = 0.5
#: ... and every paragraph under a heading of at most this many unnumbered paragraphs is read
#: beside the others, whatever it reads most like: the heading makes them one provision
MAX_PROVISION_PARAGRAPHS = 4

#: A sound finding (no check fired) scored below this is shown as a *possible* match. Scores
#: estimate how likely a lawyer would mark the place as this type; on the CUAD development split
#: (out-of-fold), contracts whose best match for a type passed its threshold but scored under 0.5
#: held a labelled clause of that type 57% of the time, against 92% of those whose best match
#: scored 0.5 or more (97% at 0.7 or more); scored without the CUAD models, as the project's own
#: types are, 37% against 80%. A weak or red-flag finding is never only possible: its check read
#: the risky wording in the clause.
POSSIBLE_BELOW = 0.5

NOT_LEGAL_ADVICE = (
    "This review was produced by software to help a qualified reviewer. It is not legal advice."
)


@dataclass(frozen=True)
class FiredCheck:
    """A weak or red-flag rule that holds for a finding's clause."""

    id: str
    status: Literal["weak", "red_flag"]
    severity: Severity
    title: str
    explanation: str
    recommendation: str
    #: tracked-change suggestion in document coordinates: replace text[start:end] by ``replacement``
    fix_start: int | None = None
    fix_end: int | None = None
    replacement: str = ""


@dataclass(frozen=True)
class Finding:
    """One clause type found at one place in the document."""

    clause_id: str
    title: str
    family: str
    status: FindingStatus
    severity: FindingSeverity
    score: float
    start: int
    end: int
    text: str
    clause_start: int
    clause_end: int
    segment_id: str
    heading_path: tuple[str, ...]
    page: int | None
    reasons: tuple[str, ...]
    checks: tuple[FiredCheck, ...] = ()
    nearest_exemplar: str = ""
    exemplar_similarity: float = 0.0
    cuad_category: str | None = None
    #: the schedule or appendix the place sits in when ``heading_path`` does not name it
    part: str = ""

    @property
    def place_path(self) -> tuple[str, ...]:
        """The headings to cite the place by: its schedule or appendix, then ``heading_path``."""
        return ((self.part,) if self.part else ()) + self.heading_path

    @property
    def key(self) -> str:
        """Stable identity of the finding within a document: type and place."""
        return f"{self.clause_id}@{self.start}-{self.end}"

    @property
    def is_issue(self) -> bool:
        return self.status != "present"

    @property
    def possible(self) -> bool:
        """A low-scoring sound match: the reviewer should confirm this is the clause."""
        return is_possible(self.status, self.score)


def is_possible(status: str, score: float | None) -> bool:
    """Whether a finding is only a possible match (see ``POSSIBLE_BELOW``)."""
    return status == "present" and score is not None and score < POSSIBLE_BELOW


@dataclass(frozen=True)
class Gap:
    """A clause type the playbook expects that the document lacks."""

    clause_id: str
    title: str
    family: str
    severity: Severity
    required: bool
    description: str
    recommendation: str
    fallback: str = ""
    status: Literal["missing"] = "missing"
    trigger: str = ""

    @property
    def key(self) -> str:
        return f"{self.clause_id}@missing"


@dataclass(frozen=True)
class Review:
    """Findings and gaps for one document under one playbook."""

    document: Document
    playbook: Playbook
    kind: KindGuess
    findings: tuple[Finding, ...]
    gaps: tuple[Gap, ...]
    library_version: str
    model_id: str
    created: str
    analysis: Analysis = field(repr=False, compare=False)
    #: the names the document gives each side, which the checks read as the playbook's own
    parties: Parties = field(default_factory=Parties)
    #: the names the document defines for each of its parties, one group per party, in order
    party_names: tuple[tuple[str, ...], ...] = ()
    #: the name of the party the reviewer said is ours ("" when the sides were read as usual)
    our_party: str = ""

    @property
    def issues(self) -> list[Finding | Gap]:
        """Weak and red-flag findings and gaps, in document order (gaps last)."""
        flagged: list[Finding | Gap] = [f for f in self.findings if f.is_issue]
        return [*flagged, *self.gaps]

    def counts(self) -> dict[str, int]:
        out = {"present": 0, "weak": 0, "red_flag": 0, "missing": len(self.gaps)}
        for finding in self.findings:
            out[finding.status] += 1
        return out

    def severity_counts(self) -> dict[str, int]:
        out = {s: 0 for s in ("critical", "high", "medium", "low")}
        for item in self.issues:
            if item.severity in out:
                out[item.severity] += 1
        return out

    def found(self, clause_id: str) -> list[Finding]:
        return [f for f in self.findings if f.clause_id == clause_id]


# --- checks -----------------------------------------------------------------------------------


#: a named cue of the clause type inside a check's own pattern: ``(?:{use_right})|...``
_CUE_NAME = re.compile(r"\{([a-z][a-z0-9_]*)\}")


def _pattern(entry: str, clause_type: ClauseType, playbook: Playbook) -> re.Pattern[str]:
    raw = clause_type.cues.get(entry, entry)
    for side in ("us", "them", "only_us", "only_them"):
        raw = raw.replace(f"{{{side}}}", playbook.party_pattern(side))
    raw = _CUE_NAME.sub(lambda m: clause_type.cues.get(m.group(1), m.group(0)), raw)
    return re.compile(raw, re.IGNORECASE)


def check_holds(
    condition: Condition,
    text: str,
    clause_type: ClauseType,
    playbook: Playbook,
    present_types: set[str],
    document_text: str = "",
    yields_to: str = "",
    with_definitions: str = "",
) -> bool:
    """Whether ``condition`` holds for a clause ``text`` in a document with ``present_types``
    (``document_text``, the whole document, is searched by ``document_any`` and
    ``document_none``). ``yields_to`` is the text of the provisions the clause is made subject
    to ("Subject to clause 12.2 ...", "Except as provided in Section 14.3 ..."): it is searched
    by ``none`` as well, since the carve-out a check asks for may sit there, but never by
    ``any`` or ``all``; ``none`` reads what ``none_ignores`` matches in either as blank.
    ``with_definitions`` is the clause read with the definitions of the terms it uses
    (:meth:`Definitions.read_into`), searched by ``any_with_definitions`` instead of ``text``
    when there is one."""
    if condition.kinds and playbook.kind not in condition.kinds:
        return False
    if any(t not in present_types for t in condition.document_has):
        return False
    if condition.document_has_any and not any(
        t in present_types for t in condition.document_has_any
    ):
        return False
    if any(t in present_types for t in condition.document_lacks):
        return False
    if condition.any and not any(
        _pattern(e, clause_type, playbook).search(text) for e in condition.any
    ):
        return False
    defined = with_definitions or text
    if condition.any_with_definitions and not any(
        _pattern(e, clause_type, playbook).search(defined) for e in condition.any_with_definitions
    ):
        return False
    if not all(_pattern(e, clause_type, playbook).search(text) for e in condition.all):
        return False
    if condition.none:
        read = [text, yields_to] if yields_to else [text]
        for entry in condition.none_ignores:
            if _names_both_sides(entry, playbook):
                ignored = _pattern(entry, clause_type, playbook)
                read = [ignored.sub(lambda m: " " * len(m.group(0)), t) for t in read]
        if any(_pattern(e, clause_type, playbook).search(t) for e in condition.none for t in read):
            return False
    if condition.document_any and not any(
        _pattern(e, clause_type, playbook).search(document_text) for e in condition.document_any
    ):
        return False
    return not any(
        _pattern(e, clause_type, playbook).search(document_text) for e in condition.document_none
    )


def _names_both_sides(entry: str, playbook: Playbook) -> bool:
    """Whether the playbook names each side that ``entry`` refers to (``{us}``, ``{them}``): a
    side with no names reads as any party, and wording ignored as ours must name us."""
    return ("{us}" not in entry or bool(playbook.us)) and (
        "{them}" not in entry or bool(playbook.them)
    )


#: a lettered or numbered sub-provision after a number: the "(c)" of "12(c)", the "(iii)" of
#: "14(e)(iii)" (lower case only: "Section 5 (Fees)" names a title, not a sub-provision)
_SUB_LABEL = r"(?-i:[a-z]{1,2}|[ivx]{1,5}|\d{1,2})"
_SUB = rf"(?:\({_SUB_LABEL}\))"
#: the number of a provision: "14", "14.3", "12.1.2", "12(c)"
_NUMBER = re.compile(r"\d+(?:\.\d+)*" + _SUB + "*")
#: a reference to numbered provisions: "Section 14.3", "clauses 12.1 and 12.2", "Sections 12(a)
#: and 12(b)"
_NUMBERS = r"\d+(?:\.\d+)*" + _SUB + r"*(?:\s*(?:,|and|or|&)\s*\d+(?:\.\d+)*" + _SUB + r"*)*"
#: what follows the number of a provision of a statute, not of the agreement: "Section 6:152
#: of the Civil Code", "Article 16 of Law 1116 of 2006", "section 1542 of the California Civil
#: Code", "Article 28(3) GDPR"
_OF_A_STATUTE = (
    r"(?::\d"
    r"|(?:\s*(?:,|and|or|&|to|-)\s*\d+(?:[.:]\d+)*)*(?:\s*\(\w{1,4}\))*"
    r",?\s+(?:of|under)\s+(?!this\b)(?:the\s+)?(?-i:(?:(?:[A-Z0-9][\w.'’/-]*|of|the)\s+){0,8}?)"
    r"(?-i:Act|Code|Law|Laws|Ordinance|Regulations?|Decree|Directive|Constitution|Convention"
    r"|Statute|Statutes|Treaty|Rules\s+of\s+(?:Arbitration|Procedure)|GDPR)\b"
    r"|(?:\s*\(\w{1,4}\))*\s+(?-i:GDPR|BGB|HGB|UrhG|DSGVO|ABGB|UWG|Ptk|U\.S\.C)\b)"
)
_REFERENCE = re.compile(
    # ("point 8.6", as Norwegian and Danish drafting in translation refer to a provision)
    r"\b(?:(?:sections?|clauses?|articles?|paragraphs?|points?)\s+|arts?\.\s*)(" + _NUMBERS + ")"
    rf"(?![\d.]*\d)(?!{_OF_A_STATUTE})",
    re.IGNORECASE,
)
#: a provision's label, as its number ("ARTICLE 12" is article 12; "5.2." is 5.2)
_LABEL_NUMBER = re.compile(
    r"^\s*(?:(?:article|section|clause|part)\s+|art\.\s*)?(\d+(?:\.\d+)*)\.?\s*$"
    # "Article (17):"
    r"|^\s*article\s+\((\d+)\)\s*:?\s*$",
    re.IGNORECASE,
)
#: a lettered provision's label, "(c)", and the label that opens a heading ("SECTION 12.
#: LIMITATION OF LIABILITY", "(e) Effect of Termination")
_LETTERED = re.compile(rf"^\s*(?:{_SUB}|(?-i:[a-z]{{1,2}}|[ivx]{{1,5}})\))\s*$")
_HEADING_LABEL = re.compile(
    r"^\s*(?:(?:article\s+\(?|(?:section|clause|part)\s+|art\.\s*|§\s*)?(?P<number>\d+(?:\.\d+)*)(?![\d.]*\d)"
    rf"|\((?P<sub>{_SUB_LABEL})\))",
    re.IGNORECASE,
)


#: a paragraph of an article named by its number in it: "Art. 16 para. 5", or "para. 2" in
#: another paragraph of article 16
_PARAGRAPH_REFERENCE = re.compile(
    r"\b(?:(?:Art\.|Article)\s*(?P<article>\d+)\s+)?[Pp]aras?(?:\.\s*(?P<paragraph>\d+)\b"
    # ... or in brackets, as Austrian and Romanian drafting in translation refer to them: "para
    # (1)", "para. (2)"
    r"|\.?\s*\((?P<bracketed>\d+)\))(?![.\d])"
)


#: a reference by words: "Clause TWELFTH", "Clauses TWELFTH, THIRTEENTH and SEVENTEENTH"
_WORD_REFERENCE = re.compile(
    rf"\b(?:clauses?|articles?|sections?)\s+{WORD_NUMBER}"
    rf"(?:\s*(?:,|and|or|&)\s*{WORD_NUMBER})*",
    re.IGNORECASE,
)


def _words_numbered(text: str) -> str:
    """``text`` with clauses it names by words named by number ("Clause TWELFTH" is "Clause
    12"), so that references read alike."""

    def numbered(m: re.Match[str]) -> str:
        return re.sub(
            WORD_NUMBER,
            lambda w: str(WORD_NUMBERS[w.group(0).lower()]),
            m.group(0),
            flags=re.IGNORECASE,
        )

    # ("Article (23)" is "Article 23", "Clause 6/2" is "Clause 6.2")
    text = _SLASHED_REFERENCE.sub(lambda m: m.group(0).replace("/", "."), text)
    # ("the Fourteenth Clause" is "Clause 14", as a translation from Spanish names a clause)
    text = _ORDINAL_REFERENCE.sub(
        lambda m: f"{m.group(2)} {WORD_NUMBERS[m.group(1).lower()]}", text
    )
    return _ARTICLE_IN_BRACKETS.sub(r"\1 \2", _WORD_REFERENCE.sub(numbered, text))


_ARTICLE_IN_BRACKETS = re.compile(r"\b(articles?)\s+\((\d+)\)", re.IGNORECASE)
_ORDINAL_REFERENCE = re.compile(
    rf"\b(?i:the)\s+((?i:{WORD_NUMBER}))\s+(Clause|Article|Section|CLAUSE|ARTICLE|SECTION)\b"
)


def _this_article_named(text: str, own: str) -> str:
    """``text`` of provision ``own`` with "this Clause" named by its article's number ("The
    limitations in clauses 15.1 and 15.2 shall not apply to the obligations of the Provider
    under this Clause", in 14.5, is "... under Clause 14"), for reading it beside a provision
    of another article."""
    article = own.partition(".")[0]
    if not article.isdigit():
        return text
    return re.sub(
        r"\bthis\s+(Clause|Article|Section)\b(?!\s*[\d(§])",
        lambda m: f"{m.group(1)} {article}",
        text,
        flags=re.IGNORECASE,
    )


def _paragraphs_named(text: str, own: str, in_article: bool = False) -> str:
    """``text`` with each paragraph of an article it names by "para." named as a provision
    ("para. 2" in paragraph 16.4 is "Section 16.2"), and each clause it names by words named by
    number, so that references read alike; in a paragraph numbered within its article
    (``in_article``), "paragraph 3" too."""
    article = own.partition(".")[0] if "." in own else ""

    def named(m: re.Match[str]) -> str:
        of = m.group("article") or article
        number = m.group("paragraph") or m.group("bracketed")
        return f"Section {of}.{number}" if of else m.group(0)

    def bracketed(m: re.Match[str]) -> str:
        # "paragraphs (3), (4) and (5) of this Article" in Article (16) are Sections 16.3, 16.4
        # and 16.5; "paragraph (4) of Article (1)" is Section 1.4
        of = m.group("article") or (article if m.group("this") else "")
        if not of:
            return m.group(0)
        listed = re.sub(r"\(?(\d+)\)?", lambda p: f"{of}.{p.group(1)}", m.group("paragraphs"))
        return f"Section{'s' if m.group('plural') else ''} {listed}"

    def bare(m: re.Match[str]) -> str:
        # "paragraphs 3 to 5" in paragraph 1 of Clause 21 are Sections 21.3, 21.4 and 21.5
        first, last = int(m.group("first")), int(m.group("last") or m.group("first"))
        if not article or not 0 <= last - first < 10:
            return m.group(0)
        listed = [f"{article}.{n}" for n in range(first, last + 1)]
        if len(listed) == 1:
            return f"Section {listed[0]}"
        return f"Sections {', '.join(listed[:-1])} and {listed[-1]}"

    def lettered(m: re.Match[str]) -> str:
        # "paragraphs b) and c)" in paragraph d) of clause 16 are Sections 16(b) and 16(c);
        # "clause 15 paragraph d)" is Section 15(d)
        of = m.group("article") or article
        if not of:
            return m.group(0)
        letters = re.findall(r"\b([a-z])\)", m.group("letters"))
        listed = [f"{of}({x})" for x in letters]
        if len(listed) == 1:
            return f"Section {listed[0]}"
        return f"Sections {', '.join(listed[:-1])} and {listed[-1]}"

    text = _BRACKETED_PARAGRAPHS.sub(bracketed, _words_numbered(text))
    text = _LETTERED_PARAGRAPHS.sub(lettered, text)
    if in_article:
        text = _BARE_PARAGRAPHS.sub(bare, text)
    return _PARAGRAPH_REFERENCE.sub(named, text)


#: lettered paragraphs named as such, of the same clause or of a clause named by number:
#: "paragraphs b) and c)", "clause 15 paragraph d)", as Chilean drafting in translation cites
_LETTERED_PARAGRAPHS = re.compile(
    r"(?:\b(?:clause|article|section)\s+(?P<article>\d+)\s+(?:\([^()]{1,80}\)\s+)?)?"
    r"\bparagraphs?\s+(?P<letters>(?-i:[a-z])\)(?:\s*(?:,|and|or)\s*(?-i:[a-z])\))*)",
    re.IGNORECASE,
)


#: paragraphs of the same article named by number alone, in a paragraph numbered within its
#: article ("Without prejudice to paragraphs 3 to 5", "the limit set out in paragraph 1")
_BARE_PARAGRAPHS = re.compile(
    r"\bparagraphs?\s+(?P<first>\d{1,2})(?:\s+to\s+(?P<last>\d{1,2}))?\b(?![.\d(]|\s+of\b)",
    re.IGNORECASE,
)


def _numbered_in_article(clause: Segment) -> bool:
    """Whether ``clause`` is a paragraph numbered within its article ("1 -" under "Clause 21
    (Liability)"), whose references to "paragraph 3" are to its article's paragraphs."""
    return clause.level > 0 and clause.label.strip().rstrip(".-").isdigit()


#: paragraphs of an article numbered in brackets ("paragraphs (3), (4) and (5) of this Article")
_BRACKETED_PARAGRAPHS = re.compile(
    # (or unbracketed, "paragraph 3 of Article 8", as Taiwanese drafting in translation cites)
    r"\bparagraph(?P<plural>s)?\s+(?P<paragraphs>\(?\d+\)?(?:\s*(?:,|and|or)\s*\(?\d+\)?)*)\s+of\s+"
    r"(?:(?P<this>this\s+article)|articles?\s+(?P<article>\d+))\b",
    re.IGNORECASE,
)


def _provision_number(label: str) -> str:
    m = _LABEL_NUMBER.match(label)
    if m is None and _SLASHED.fullmatch(label.strip()):
        # "6/3", paragraph 3 of clause 6, as Egyptian drafting numbers it
        return label.strip().replace("/", ".")
    return (m.group(1) or m.group(2)) if m else label.rstrip(".")


_SLASHED = re.compile(r"\d{1,2}/\d{1,2}")
#: references to paragraphs numbered with a slash: "Clause 6/2", "Clauses 9/1 and 9/3"
_SLASHED_REFERENCE = re.compile(
    r"\b(?:clauses?|articles?)\s+\d{1,2}/\d{1,2}(?:\s*(?:,|and|or)\s*\d{1,2}/\d{1,2})*\b",
    re.IGNORECASE,
)


def _dotted(reference: str) -> str:
    """A referred number in the form of a provision's: "14(e)(iii)" is "14.e.iii"."""
    return re.sub(r"\((\w+)\)", r".\1", reference)


def _number_of(segment: Segment) -> str:
    """A provision's number, with a lettered provision numbered through the provisions it sits
    in: "(c) Exceptions." in "SECTION 12. LIMITATION OF LIABILITY" is 12.c; an unnumbered
    paragraph under a numbered heading ("8.8 Limitation of liability") is part of 8.8."""
    if segment.kind == "clause" and not segment.label.strip():
        m = _HEADING_LABEL.match(segment.heading_path[-1]) if segment.heading_path else None
        return m.group("number") or "" if m else ""
    number = _provision_number(segment.label)
    if number.isdigit() and segment.level > 0:
        # "2" in "Art. 16 Liability": paragraph 2 of article 16 ("Art. 16 para. 2"), as Swiss,
        # German and Japanese drafting number an article's paragraphs
        for heading in reversed(segment.heading_path):
            m = ARTICLE_HEADING.match(heading) or CLAUSE_HEADING.match(heading)
            if m is not None:
                return f"{m.group(1)}.{number}"
        return number
    if not _LETTERED.match(segment.label):
        return number
    parts = [segment.label.strip().strip("()")]
    path = list(segment.heading_path)
    if path and path[-1].lstrip().startswith(segment.label.strip()):
        path.pop()
    for heading in reversed(path):
        m = _HEADING_LABEL.match(heading)
        if m is None:
            # "b)" in "SIXTEENTH: LIMITATION OF LIABILITY" is 16.b
            worded = word_heading(heading)[0]
            if worded:
                return ".".join([worded, *reversed(parts)])
            continue
        if m.group("number"):
            return ".".join([m.group("number"), *reversed(parts)])
        parts.append(m.group("sub"))
    return number


def _title(heading: str) -> str:
    """A heading as a title: "ARTICLE 12 - CONFIDENTIALITY" is headed "- CONFIDENTIALITY"."""
    return heading.strip().lstrip("-–—:.").strip() or heading


def _titles(numbered: Segment, after: Segment) -> bool:
    """Whether ``after`` is the title of the untitled provision just before it, on a line of its
    own: "CONFIDENTIALITY" after "ARTICLE 9"."""
    return (
        not numbered.heading
        and not numbered.text.strip().replace(numbered.label.strip(), "", 1).strip()
        and not after.label
        and bool(after.heading)
        and after.start - numbered.end <= 3
    )


#: the words after a reference by which a provision carves something out of the ones referred
#: to ("Sections 17.1 and 17.2 do not apply to", "clause 19.1 shall not prevent")
_CARVES_OUT = re.compile(
    r"\s*(?:(?:of|in|to)\s+this\s+(?:Agreement|Schedule)\s+|above\s+|below\s+)?"
    r"(?:(?:do|does|shall|will|may)\s+not\s+(?:\S+\s+)?"
    r"(?:apply|limit|restrict|prevent|prohibit|preclude|cover|extend)"
    r"|(?:is|are|shall\s+be|will\s+be)\s+not\s+(?:subject|applicable)"
    # ("the limit in Clause 15.2 is increased to three times the amount": a super-cap)
    r"|(?:is|are|shall\s+be|will\s+be)\s+(?:increased|raised|multiplied))\b"
    # ("the limit in paragraph b) shall be three (3) times the amount indicated there")
    r"|\s*(?:is|are|shall\s+be|will\s+be)\s+(?:\w+\s+|\(\d+\)\s+){1,3}?times\b",
    re.IGNORECASE,
)
#: ... or in the next sentence, by a pronoun for them ("The limitations in Sections 14.2 and
#: 14.3 apply to all claims .... They shall not apply to liability for a breach of Article 10.")
_THEY_DO_NOT_APPLY = re.compile(
    r"(?:[^.]|\.(?=\d))*\.\s+(?:they|these\s+\w+|such\s+\w+|the\s+same)\s+"
    r"(?:(?:do|does|shall|will|may)\s+not\s+(?:apply|limit|restrict)"
    r"|(?:are|is|shall\s+be|will\s+be)\s+not\s+(?:subject|applicable))\b",
    re.IGNORECASE,
)
#: the words by which a provision carves something out of every cap of its article, or out of
#: the whole article ("This clause does not restrict hiring anyone who ...")
_WHOLE_ARTICLE = re.compile(
    r"\b(?:neither|no)\s+(?:\S+\s+){0,2}?(?:caps?|limitations?)\s+(?:in\s+this\s+\w+\s+)?"
    r"(?:limits?|appl(?:y|ies)\s+to|restricts?|excludes?)\b"
    r"|^\s*(?:\d+(?:\.\d+)*\.?\s+)?(?:this|the\s+foregoing)\s+(?:clause|section|article)\s+"
    r"(?:does|shall|will)\s+not\s+(?:\S+\s+)?(?:apply|restrict|prevent|prohibit|limit)\b"
    # ... or says what is no breach of it ("General job offers ... shall not constitute a breach
    # of this Clause")
    r"|\b(?:shall|does|do|will)\s+not\s+(?:constitute|amount\s+to|be\s+deemed)\s+(?:to\s+be\s+)?"
    r"(?:a\s+)?(?:breach|violation)\s+of\s+this\s+(?:clause|section|article)\b"
    # ("Hiring persons who respond to general job advertisements ... shall not breach this
    # Clause")
    r"|\b(?:shall|does|do|will)\s+not\s+(?:breach|violate|infringe)\s+this\s+(?:clause|section|article)\b"
    # ... or "the exclusions and limitations of this Clause shall not apply to ..."
    r"|\b(?:limitations?|limits?|caps?|exclusions?)\s+(?:\w+\s+){0,3}?(?:of|in|under|set\s+out\s+in)\s+"
    r"this\s+(?:clause|section|article)\s+(?:shall|does|do|will)\s+not\s+(?:apply|limit)\b",
    re.IGNORECASE,
)
#: ... or before it ("Nothing in Section 19.1 prevents")
_NOTHING_IN = re.compile(
    r"\bnothing\s+(?:contained\s+)?in\s+(?:this\s+)?$"
    # ... or "The following shall not constitute a breach of Article 14.1: (a) ..."
    r"|\b(?:shall|does|do|will)\s+not\s+(?:constitute|amount\s+to|be\s+deemed)\s+(?:a\s+)?"
    r"(?:breach|violation)\s+of\s+(?:this\s+)?$"
    # ... or "A Party shall not be in breach of Clause 11.4 by reason of placing a general
    # advertisement", "... shall not breach Clause 11.4"
    r"|\b(?:shall|does|do|will)\s+not\s+(?:be\s+in\s+(?:breach|violation)\s+of|breach|violate)\s+$",
    re.IGNORECASE,
)
#: ... or sets a limit of its own for some liabilities "in place of the limit in Article 16.2"
_IN_PLACE_OF = re.compile(
    r"\b(?:in\s+place\s+of|instead\s+of)\s+(?:the\s+)?(?:\w+\s+)?(?:limit|cap|limitation)s?\s+"
    r"(?:in|of|under|set\s+out\s+in)\s+$"
    # ... or "by way of derogation from para. 2" (a civil-law exception to the cap)
    r"|\b(?:by\s+way\s+of\s+derogation|in\s+derogation)\s+(?:from|of|to)\s+$",
    re.IGNORECASE,
)
#: a provision that carves something out of the one before it, named only by its place
_PRECEDING_CARVED = re.compile(
    r"(?:(?:the\s+|this\s+)?(?:limit|limitation|cap|exclusion|restriction)s?\s+(?:\w+\s+){0,3}?"
    r"(?:in|of|under)\s+|(?=the\s+(?:preceding|previous)\s+paragraph\s))"
    # (or the paragraph itself: "The preceding paragraph shall not apply to damage caused by
    # Party B's intentional act", as Taiwanese drafting in translation carves out of a cap)
    r"the\s+(?:preceding|previous|foregoing|above)\s+paragraph\s+"
    r"(?:shall|does|do|will)\s+not\s+(?:apply|limit)\b",
    re.IGNORECASE,
)
#: the words by which a provision amends another, as an order form's special terms, a rider or
#: an amendment do, after the reference ("Section 5.3(b) is deleted and replaced with ...")
_AMENDED = re.compile(
    r"\s*(?:\([a-z0-9]{1,4}\)\s*)*(?:of\s+(?:this\s+Agreement|the\s+General\s+Terms)\s+)?"
    r"(?:is|are|shall\s+be|will\s+be)\s+(?:hereby\s+)?"
    r"(?:deleted|replaced|amended|modified|supplemented|varied|restated)\b",
    re.IGNORECASE,
)
#: ... or before it ("In Section 9.2, “three (3) months” is replaced by ...", "The following is
#: added as a new clause (d) of Section 9.3:")
_AMENDS = re.compile(
    r"(?:(?:^|[.;:]\s+)In\s+|\b(?:added|inserted)\s+(?:\S+\s+){0,3}?(?:new\s+)?"
    r"(?:clauses?|sections?|paragraphs?|sub-?(?:clauses?|sections?|paragraphs?))\s+"
    r"(?:\S+\s+){0,4}?(?:of|to|in)\s+|\b(?:amends?|supplements?|varies)\s+)$",
)


def _quoted(name: str, longest: int) -> str:
    """Words in quotation marks, as an amendment quotes what it replaces and what it puts in."""
    return rf'["“](?P<{name}>[^"“”]{{1,{longest}}})["”]'


_AMENDED_REFERENCE = (
    r"\b(?:sections?|clauses?|articles?|paragraphs?)\s+(?P<ref>" + _NUMBERS + r")"
    r"(?:\s+of\s+(?:this\s+Agreement|the\s+General\s+Terms|the\s+Terms))?"
)
#: a provision that changes words of another ("In Section 9.2, “three (3) months” is replaced by
#: “twelve (12) months”")
_REPLACES_WORDS = re.compile(
    rf"\bin\s+{_AMENDED_REFERENCE}\s*,?\s+(?:the\s+words?\s+|the\s+figure\s+)?"
    rf"{_quoted('old', 300)}\s+(?:is|are|shall\s+be|will\s+be)\s+(?:hereby\s+)?"
    rf"(?:deleted\s+and\s+)?(?:replaced|substituted)\s+(?:by|with)\s+{_quoted('new', 2000)}",
    re.IGNORECASE,
)
#: ... that puts new wording in place of a whole provision ("Section 5.3(b) is deleted and
#: replaced with: “(b) ...”", "Section 8 is amended and restated to read as follows: “...”")
_RESTATES = re.compile(
    rf"{_AMENDED_REFERENCE}\s+(?:is|are|shall\s+be|will\s+be)\s+(?:hereby\s+)?"
    r"(?:deleted\s+(?:in\s+(?:its|their)\s+entirety\s+)?and\s+replaced|replaced|"
    r"amended\s+and\s+restated|amended)\s+(?:in\s+(?:its|their)\s+entirety\s+)?"
    rf"(?:with|by|to\s+read)?\s*(?:as\s+follows|the\s+following)?\s*:?\s*{_quoted('new', 2000)}",
    re.IGNORECASE,
)
#: ... that adds to one ("The following are added as new clauses (d) and (e) of Section 9.3:
#: “...”", "Section 6 is amended by adding the following at the end: “...”")
_ADDS_TO = re.compile(
    r"(?:\b(?:added|inserted)\s+(?:\S+\s+){0,3}?(?:new\s+)?"
    r"(?:clauses?|sections?|paragraphs?|sub-?(?:clauses?|sections?|paragraphs?))\s+"
    rf"(?:\S+\s+){{0,4}}?(?:of|to|in|at\s+the\s+end\s+of)\s+{_AMENDED_REFERENCE}|"
    + _AMENDED_REFERENCE.replace("?P<ref>", "?P<ref2>")
    + r"\s+(?:is|are|shall\s+be|will\s+be)\s+(?:hereby\s+)?(?:amended|supplemented)\s+by\s+"
    rf"(?:adding|inserting)\s+(?:\S+\s+){{0,6}}?)[^\"“”:]{{0,40}}:?\s*{_quoted('new', 2000)}",
    re.IGNORECASE,
)
#: ... or that deletes one ("Section 11.4 is deleted.")
_DELETES = re.compile(
    _AMENDED_REFERENCE + r"\s+(?:is|are|shall\s+be|will\s+be)\s+(?:hereby\s+)?deleted"
    r"(?:\s+in\s+(?:its|their)\s+entirety)?(?:\s+and\s+(?:shall|will)\s+not\s+apply)?\s*[.;]",
    re.IGNORECASE,
)
#: ... or that lets a party take back a licence another grants ("Creator may revoke the license
#: granted in Section 8.1, in whole or in part, at any time and for any reason"): the licence
#: is read with it
_REVOKES = re.compile(
    r"(?P<new>(?<![^.\n\s])(?<!\d\.)[^.\n]*?\bmay\s+(?:\w+\s+){0,2}?(?:revoke|withdraw|terminate)\s+"
    r"(?:the\s+|any\s+|such\s+)?(?:licen[cs]es?|rights?|permission)\s+(?:granted|given)\s+"
    rf"(?:in|under|by)\s+{_AMENDED_REFERENCE}(?:[^.\n]|\.(?=\d))*\.?"
    # ... or names the licence in one sentence and revokes it in the next ("The licence under
    # Section 7.2 is granted for an indefinite period. The Contractor may terminate the licence
    # with one year's notice")
    r"|(?<![^.\n\s])(?<!\d\.)[^.\n]*?\blicen[cs]es?\s+(?:granted\s+)?(?:in|under|by)\s+"
    + _AMENDED_REFERENCE.replace("?P<ref>", "?P<ref2>")
    + r"(?:[^.\n]|\.(?=\d))*\.\s+[^.\n]*?\bmay\s+(?:\w+\s+){0,2}?(?:revoke|withdraw|terminate)\s+"
    r"(?:the|this|that|such)\s+licen[cs]e\b(?:[^.\n]|\.(?=\d))*\.?"
    # ... or lets a party withdraw what the licence rests on, which ends it ("The Performer may
    # withdraw the Consent at any time, for any reason .... on that date the licences granted
    # in clause 3 shall end")
    r"|(?<![^.\n\s])(?<!\d\.)[^.\n]*?\bmay\s+(?:\w+\s+){0,2}?withdraw\b[^.\n]*\.\s+[^.\n]*?\blicen[cs]es?\s+"
    r"(?:granted\s+)?(?:in|under|by)\s+"
    + _AMENDED_REFERENCE.replace("?P<ref>", "?P<ref3>")
    + r"[^.\n]*?\b(?:shall|will)\s+(?:end|terminate|cease|lapse)\b(?:[^.\n]|\.(?=\d))*\.?)",
    re.IGNORECASE,
)
#: ... or that says how long the duties of its whole article last ("The obligations under this
#: Article 9 shall apply for the term of this Agreement and for two (2) years after its
#: termination"): every provision of the article is read with it
_ARTICLE_LASTS = re.compile(
    r"(?P<new>(?<![^.\n\s])(?<!\d\.)[^.\n]*?\b(?:obligations|duties|undertakings|restrictions)\s+"
    # ("The obligations of this clause shall remain in force ... for two (2) years", of the
    # clause it closes when it names no number)
    r"(?:under|in|of|set\s+out\s+in)\s+this\s+"
    r"(?:(?:Article|Section|Clause)|Art\.|(?P<chapter>Chapter))"
    r"(?:\s*(?P<ref>\d+)\b(?![.\d]))?"
    r"[^.\n]*?\b(?:(?:shall|will)\s+(?:apply|continue|survive|remain\s+in\s+(?:full\s+)?(?:force|effect)"
    # ... or in the present tense ("The obligations in this clause 13 apply for ... 2 years")
    r"|last|expire|terminate|end)|appl(?:y|ies)\s+(?:for|during|until)|continues?\s+(?:for|to)|lasts?)\b"
    r"(?:[^.\n]|\.(?=\d))*\.?)",
    re.IGNORECASE,
)
#: a provision that sets how long a licence or right granted in another lasts ("The right in
#: para. (2) is granted for the duration of this Contract"), read where the grant is read
_LICENCE_LASTS = re.compile(
    r"(?P<new>(?<![^.\n\s])(?<!\d\.)[^.\n]*?\b(?:licen[cs]es?|rights?(?:\s+of\s+use|\s+to\s+use)?)\s+"
    rf"(?:granted\s+)?(?:in|under|by)\s+{_AMENDED_REFERENCE}\s+(?:is|are|shall\s+be|will\s+be)\s+"
    r"(?:granted\s+|given\s+)?(?:only\s+)?(?:for|during|until|limited\s+to)\b(?:[^.\n]|\.(?=\d))*\.?)",
    re.IGNORECASE,
)
def _chapter_path(clause: Segment) -> tuple[str, ...]:
    """The heading path of the chapter ``clause`` sits in, down to the chapter, or ()."""
    for i, heading in enumerate(clause.heading_path):
        if CHAPTER_HEADING.match(heading):
            return clause.heading_path[: i + 1]
    return ()


#: the lead-in of a list, which a new item added to the list is read under
_LEAD_IN = re.compile(r"^[^:]{1,400}:(?=\s*\(?[a-z0-9]{1,4}\))", re.IGNORECASE)

#: the words before a reference by which a provision prevails over the ones referred to
_PREVAILS = re.compile(
    r"\b(?:notwithstanding|despite)\s+(?:anything\s+(?:to\s+the\s+contrary\s+)?in\s+)?"
    r"(?:the\s+provisions\s+of\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
#: "subject to" as a predicate: copies that "remain subject to Sections 7 and 8" are bound by
#: those sections; the provision itself does not yield to them
_SUBJECT_AS_PREDICATE = re.compile(
    r"\b(?:is|are|be|been|being|remains?|becomes?|stays?|continues?\s+to\s+be)\s+"
    r"(?:\w+\s+)?subject\s+to\s+(?:the\s+provisions\s+of\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
#: the words before such a reference that make a provision yield to the ones referred to, or
#: read with them (a right to terminate "under Section 13.2" carries its cure period);
#: "notwithstanding Section 12" is the opposite: the provision prevails over Section 12
_YIELDS_TO = re.compile(
    r"\b(?:subject\s+to|terminat\w*\s+(?:this\s+Agreement\s+)?(?:under|pursuant\s+to)|"
    r"except(?:\s+as\s+(?:otherwise\s+|expressly\s+)?"
    r"(?:provided|set\s+(?:out|forth)|stated|specified|described)\s+in|\s+for|\s+under)?|"
    r"save\s+as\s+(?:otherwise\s+)?(?:provided|set\s+out)\s+in|other\s+than\s+as\s+"
    r"(?:provided|set\s+out)\s+in|"
    # "shall notify personal data breaches in accordance with Clause 12.3": the clause takes
    # the terms of the one it follows
    r"in\s+accordance\s+with|as\s+(?:required\s+by|set\s+(?:out|forth)\s+in|provided\s+in)|"
    # "Without prejudice to paragraphs 3 to 5, the total liability ...": the cap leaves them be
    r"without\s+prejudice\s+to)"
    r"\s+(?:the\s+provisions\s+of\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)


#: the start of a provision that gives an indemnity, and who gives it ("14.1 Lumenvale shall
#: defend ...", "14.2 Product indemnity. Supplier shall defend ...", "Each party shall indemnify")
_INDEMNITY_BY = re.compile(
    r"\s*(?:(?:article|section|clause)\s+)?(?:\d+(?:\.\d+)*\.?\s+|\(?[a-z]\)\s+)?"
    r"(?:[A-Z][^.\n]{0,40}\.\s+)?"
    # ("If any third party claims that the System infringes ..., Party B shall ... defend")
    r"(?:(?:If|Where|Should)\s[^.;]{0,250}?,\s+)?(?:[Tt]he\s+)?"
    r"(?P<who>(?:each|either)\s+party|[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*){0,3}?)\s+"
    r"(?:shall|will|agrees\s+to|undertakes\s+to|must),?\s+(?:\w+,?\s+){0,4}?"
    r"(?:defend|indemnif|hold\s+harmless)",
)


def _item_span(text: str, item: str) -> tuple[int, int]:
    """Where a lettered or numbered item of a list, "(b)", starts and ends in a provision's text:
    up to the next item of the list, or the end; (-1, -1) when the text has no such item."""
    m = re.search(rf"(?<![\w(])\({re.escape(item)}\)\s", text)
    if m is None:
        return -1, -1
    if item.isdigit():
        following = str(int(item) + 1)
    elif len(item) == 1 and item.isalpha() and item not in "iv":
        following = chr(ord(item) + 1)
    else:
        following = ""
    after = re.search(rf"\s\({re.escape(following)}\)\s", text[m.end() :]) if following else None
    return m.start(), (m.end() + after.start() + 1 if after else len(text))


class CrossReferences:
    """The document's numbered provisions, so that a clause made subject to others can be read
    with them, and a reference can be read with the title of what it refers to ("Section 13
    (Indemnification by Customer)")."""

    def __init__(self, segmentation: Segmentation) -> None:
        self.titles: dict[str, str] = {}
        self._clauses: dict[str, list[Segment]] = {}
        sections = segmentation.sections
        for section, following in itertools.zip_longest(sections, sections[1:]):
            number = _number_of(section)
            worded, title = word_heading(section.heading or "")
            if not number and worded:
                # "TWELFTH.- WARRANTIES" is clause 12, titled "WARRANTIES"
                self.titles.setdefault(worded, title)
            elif number and section.heading:
                self.titles.setdefault(number, _title(section.heading))
            elif number and following is not None and _titles(section, following):
                # "ARTICLE 9" with its title on the next line: "CONFIDENTIALITY"
                self.titles.setdefault(number, _title(following.heading))
        for clause in segmentation.clauses:
            number = _number_of(clause)
            if number:
                self._clauses.setdefault(number, []).append(clause)
                if clause.heading:
                    self.titles.setdefault(number, _title(clause.heading))
        # a provision that gives an indemnity, untitled or titled without saying so ("11.1 By
        # Ashdown."), is titled by who gives it, so that a cap that does not apply to
        # "Lumenvale's liability under clause 14.1" reads as one that carves out Lumenvale's
        # indemnity, and not the Customer's
        for clause in segmentation.clauses:
            number = _number_of(clause)
            if number and "indemn" not in self.titles.get(number, "").lower():
                m = _INDEMNITY_BY.match(clause.text)
                if m:
                    self.titles[number] = f"indemnity by {m.group('who')}"
                    # ... and so is an article titled without saying so whose first paragraph
                    # gives one ("Article 14 (Third-Party Intellectual Property Claims)", whose
                    # "1. Party B shall defend ...")
                    article, dot, paragraph = number.partition(".")
                    title = self.titles.get(article, "")
                    if dot and paragraph == "1" and title and "indemn" not in title.lower():
                        self.titles[article] = f"{title}; indemnity by {m.group('who')}"
        # provisions that carve something out of others ("Section 17.2 does not apply to ...",
        # or, of every provision in their own article, "Neither cap limits ...", "This clause
        # does not restrict ..."), or amend them, as an order form's special terms do
        self.carved_by: dict[str, list[Segment]] = {}
        # ... and, by their place, provisions that carve something out of the paragraph before
        # them ("The limit established in the preceding paragraph shall not apply to: ..."), as
        # Mexican and Japanese drafting refer to a paragraph with no number of its own
        self.carved_before: dict[str, list[Segment]] = {}
        for before_it, clause in itertools.pairwise(segmentation.clauses):
            # (read without its number: "3. The limitation in the preceding paragraph ...")
            if _PRECEDING_CARVED.match(split_label(clause.text)[1].lstrip()):
                self.carved_before.setdefault(before_it.id, []).append(clause)
        for clause in segmentation.clauses:
            number = _number_of(clause)
            text = _paragraphs_named(clause.text, number, _numbered_in_article(clause))
            article = number.split(".")[0]
            if article and number != article and _WHOLE_ARTICLE.search(text):
                self.carved_by.setdefault(article, []).append(clause)
            for m in _REFERENCE.finditer(text):
                after = text[m.end() : m.end() + 60]
                before = text[max(0, m.start() - 60) : m.start()]
                if (
                    _CARVES_OUT.match(after)
                    or _THEY_DO_NOT_APPLY.match(text, m.end())
                    or _NOTHING_IN.search(before)
                    or _IN_PLACE_OF.search(before)
                    or _AMENDED.match(after)
                    or _AMENDS.search(before)
                ):
                    for number in self._referred(m.group(1)):
                        carvers = self.carved_by.setdefault(number, [])
                        if clause not in carvers:
                            carvers.append(clause)
        # the provisions as amended: words replaced, a provision restated or deleted, new items
        # added to a list, each read where the amended provision is read
        self._amended: dict[str, str] = {}
        self.amended_by: dict[str, list[Segment]] = {}
        #: ... and the provisions it is read with, that qualify it without amending it (a right
        #: to revoke the licence it grants, the period its article's duties last)
        self.read_with: dict[str, list[Segment]] = {}
        self._superseded: list[tuple[int, int]] = []
        self._read_as_amended(segmentation)
        self.texts = {n: [self.amended(c) for c in cs] for n, cs in self._clauses.items()}
        self._yields: dict[str, str] = {}

    def amended(self, clause: Segment) -> str:
        """The clause's text as the provisions that amend it leave it ("" if one deletes it);
        an amending provision reads without the words it takes out of another."""
        return self._amended.get(clause.id, clause.text)

    def superseded(self, start: int, end: int) -> bool:
        """Whether the text from ``start`` to ``end`` lies in wording that an amendment deletes
        or replaces, and so is no longer part of the agreement."""
        return any(s <= start and end <= e for s, e in self._superseded)

    def _read_as_amended(self, segmentation: Segmentation) -> None:
        def targets(reference: str) -> list[tuple[Segment, str]]:
            """The clauses a reference names, each with the item inside it that it names ("b"
            for "Section 5.3(b)" when (b) is a lettered item of 5.3, not a provision)."""
            return [
                (clause, item)
                for number, item in self._provisions(reference)
                if "." not in item
                # an article that is only a heading is its provisions ("clause 3")
                for clause in self._clauses.get(number) or self._in_article(number)
            ]

        edits: list[tuple[int, Segment, Segment, str, str, str, str]] = []
        for clause in segmentation.clauses:
            text = clause.text
            for pattern, operation in (
                (_REPLACES_WORDS, "replace"),
                (_RESTATES, "restate"),
                (_ADDS_TO, "add"),
                (_DELETES, "delete"),
                (_REVOKES, "qualify"),
                (_ARTICLE_LASTS, "qualify"),
                (_LICENCE_LASTS, "qualify"),
            ):
                if pattern is _LICENCE_LASTS:
                    # ("para. (2)" in paragraph 19.3 is Section 19.2)
                    text = _paragraphs_named(
                        clause.text, _number_of(clause), _numbered_in_article(clause)
                    )
                for m in pattern.finditer(text):
                    groups = m.groupdict()
                    reference = groups.get("ref") or groups.get("ref2") or groups.get("ref3") or ""
                    if pattern is _ARTICLE_LASTS and not reference and not groups.get("chapter"):
                        reference = _number_of(clause).partition(".")[0]
                        if not reference:
                            continue
                    if pattern is _ARTICLE_LASTS and groups.get("chapter"):
                        # "The obligations in this Chapter apply ... for 2 (two) years": every
                        # provision of the chapter it closes
                        chapter = _chapter_path(clause)
                        found = [
                            (c, "")
                            for c in segmentation.clauses
                            if chapter and c.heading_path[: len(chapter)] == chapter
                        ]
                    elif pattern is _ARTICLE_LASTS:
                        found = [(c, "") for c in self._in_article(reference)]
                    else:
                        found = targets(reference)
                    for target, item in found:
                        if target is clause:
                            continue
                        edits.append(
                            (
                                clause.start + m.start(),
                                clause,
                                target,
                                item,
                                operation,
                                groups.get("old") or "",
                                groups.get("new") or "",
                            )
                        )
                    if operation == "replace":
                        # the amending provision no longer says what it takes out
                        own = self._amended.get(clause.id, text)
                        start, end = m.span("old")
                        self._amended[clause.id] = own[:start] + " " * (end - start) + own[end:]
        for _, amending, target, item, operation, old, new in sorted(edits, key=lambda e: e[0]):
            if operation in ("restate", "delete"):
                start, end = _item_span(target.text, item) if item else (0, len(target.text))
                if start >= 0:
                    self._superseded.append((target.start + start, target.start + end))
            text = self.amended(target)
            if operation == "replace":
                words = r"\s+".join(re.escape(w) for w in old.split())
                text = re.sub(words, new.replace("\\", "\\\\"), text, flags=re.IGNORECASE)
            elif operation == "add":
                lead = _LEAD_IN.match(text)
                text = f"{text}\n{lead.group(0) + ' ' if lead else ''}{new}"
            elif operation == "qualify":
                text = f"{text}\n{new.strip()}"
            elif item:
                start, end = _item_span(text, item)
                if start < 0:
                    continue
                put = "" if operation == "delete" else new
                text = f"{text[:start]}{put}{text[end:]}"
            else:
                text = "" if operation == "delete" else f"{target.label} {new}".strip()
            self._amended[target.id] = text
            by = (self.read_with if operation == "qualify" else self.amended_by).setdefault(
                target.id, []
            )
            if amending not in by:
                by.append(amending)

    def _in_article(self, number: str) -> list[Segment]:
        """The clauses of article ``number`` and of its provisions."""
        return [
            clause
            for label, clauses in self._clauses.items()
            if label == number or label.startswith(number + ".")
            for clause in clauses
        ]

    def _referred(self, references: str) -> list[str]:
        """The provisions a reference names, by number: "Section 13.2(a)", where (a) is an item of
        13.2 and not a provision of its own, names 13.2."""
        return [number for number, _ in self._provisions(references)]

    def _provisions(self, references: str) -> list[tuple[str, str]]:
        """The provisions a reference names, each by number with the item inside it that the
        reference names: "Section 13.2(a)", where (a) is not a provision of its own, is ("13.2",
        "a"); "Section 13.2" is ("13.2", "")."""
        out = []
        for reference in _NUMBER.findall(references):
            number, item = _dotted(reference), ""
            while (
                number not in self._clauses
                and number not in self.titles
                and not number.rsplit(".", 1)[-1].isdigit()
            ):
                number, tail = number.rsplit(".", 1)
                item = f"{tail}.{item}" if item else tail
            out.append((number, item))
        return out

    def titled(self, text: str) -> str:
        """``text`` with each reference followed by the title of what it refers to."""

        def title(m: re.Match[str]) -> str:
            numbers = self._referred(m.group(1))
            names = [t for t in map(self._title_of, numbers) if t]
            return f"{m.group(0)} ({'; '.join(dict.fromkeys(names))})" if names else m.group(0)

        return _REFERENCE.sub(title, _words_numbered(text))

    def _title_of(self, number: str) -> str:
        """A provision's title; for an untitled paragraph of a titled article ("Section 15.1",
        paragraph (1) of "Article (15): Indemnity"), its article's."""
        if number in self.titles:
            return self.titles[number]
        article, dot, _ = number.partition(".")
        paragraphs = self._clauses.get(number, []) if dot else []
        bracketed = paragraphs and all(_LETTERED.match(c.label) for c in paragraphs)
        return self.titles.get(article, "") if bracketed else ""

    def overriding(self, clause: Segment, document_text: str) -> str:
        """``document_text`` without the provisions that ``clause`` prevails over
        ("Notwithstanding clause 6.2, the Supplier may process Customer Content ..."), for a
        check that reads what the agreement says elsewhere without what the clause sets
        aside (:attr:`~clause_library.library.Condition.without_set_aside`)."""
        own = _number_of(clause)
        text = _paragraphs_named(self.amended(clause), own, _numbered_in_article(clause))
        overridden: list[Segment] = []
        for m in _REFERENCE.finditer(text):
            if _PREVAILS.search(text[max(0, m.start() - 80) : m.start()]):
                for number in self._referred(m.group(1)):
                    overridden += self._clauses.get(number) or self._in_article(number)
        for other in overridden:
            if other is not clause:
                blank = " " * (other.end - other.start)
                document_text = document_text[: other.start] + blank + document_text[other.end :]
        return document_text

    def yields_to(self, clause: Segment) -> str:
        """The clause's own text with its references titled, and the text of the provisions it
        is made subject to (their sub-clauses included) and of those that carve something out
        of it ("Section 17.2 does not apply to ...", "Nothing in clause 19.1 prevents ..."),
        unless it prevails over them ("Notwithstanding Section 17.3"), with theirs titled too."""
        if clause.id in self._yields:
            return self._yields[clause.id]
        own = _number_of(clause)
        text = _paragraphs_named(self.amended(clause), own, _numbered_in_article(clause))
        numbers: list[str] = []
        prevails_over: list[str] = []
        for m in _REFERENCE.finditer(text):
            before = text[max(0, m.start() - 80) : m.start()]
            if _YIELDS_TO.search(before) and not _SUBJECT_AS_PREDICATE.search(before):
                numbers += self._referred(m.group(1))
            elif _PREVAILS.search(before):
                prevails_over += self._referred(m.group(1))
        parts = [self.titled(text)]
        for number in dict.fromkeys(numbers):
            if number == own:
                continue
            for label, texts in self.texts.items():
                if label == number or label.startswith(number + "."):
                    parts += [self.titled(t) for t in texts]
        parts += [self.titled(self.amended(c)) for c in self.carved_before.get(clause.id, [])]
        for number, carvers in self.carved_by.items():
            if own and (own == number or own.startswith(number + ".")):
                for carver in carvers:
                    label = _number_of(carver)
                    overridden = any(label == n or label.startswith(n + ".") for n in prevails_over)
                    if carver is not clause and not overridden:
                        carving = self.amended(carver)
                        if label.partition(".")[0] != own.partition(".")[0]:
                            carving = _this_article_named(carving, label)
                        parts.append(self.titled(carving))
        parts = list(dict.fromkeys(parts))
        out = "\n".join(parts) if len(parts) > 1 or parts[0] != clause.text else ""
        self._yields[clause.id] = out
        return out


#: the words that make an exception of what a term defines ("except with respect to Excluded
#: Claims", "other than the Excluded Matters")
_EXCEPTING = re.compile(
    r"\b(?:except|excluding|other\s+than|save|apart\s+from)\s+"
    r"(?:(?:with\s+respect\s+to|in\s+respect\s+of|for|as\s+to)\s+)?(?:any\s+|the\s+)?",
    re.IGNORECASE,
)

#: a definition a check reads with a clause is at most this long (a longer one is a list of
#: its own, read where it is found)
MAX_READ_DEFINITION = 600


class Definitions:
    """The terms the agreement defines in a definition of their own ("Feedback" means ...), so
    that a check can read a clause as a lawyer does, with the definitions of the terms it uses
    in mind. "The Developer may use Feedback to train its models" names none of the licensee's
    data, but the agreement defines Feedback to include the Licensee Data."""

    def __init__(self, segmentation: Segmentation, text: str) -> None:
        self._bodies: dict[str, tuple[int, int, str]] = {}
        for term in segmentation.glossary:
            # a defining sentence, not a party named in brackets within the preamble
            body = definition_body(text[term.start : term.end])
            if body and term.end - term.start <= MAX_READ_DEFINITION:
                self._bodies[term.term] = (term.start, term.end, body.rstrip(".;"))
        names = sorted(self._bodies, key=len, reverse=True)
        # a term defined in the singular is also used in the plural ("Suggestion" means ...;
        # "all right in Suggestions vests in ...")
        self._uses = (
            re.compile(r"\b(?P<term>" + "|".join(map(re.escape, names)) + r")(?:s|es)?\b")
            if names
            else None
        )

    def read_into(self, clause: Segment, only: str = "") -> str:
        """The clause with the definition of each term it uses (or only of the term ``only``),
        the first time it is used, in brackets after it; ``""`` if it uses none (a definition
        within the clause itself is already read)."""
        return self._read(clause, only)[0]

    def excepted(self, clause: Segment) -> str:
        """The exceptions the clause makes of defined terms, each read with its term's
        definition, one to a line: "EXCEPT WITH RESPECT TO EXCLUDED CLAIMS ((a) liability of
        either party for breach of Article 8; ...)". Like a provision the clause is made subject
        to, they may hold the carve-out a check asks for."""
        bodies = []
        for m in _EXCEPTING.finditer(clause.text):
            after = clause.text[m.end() : m.end() + 80].lower()
            for name, (start, end, body) in self._bodies.items():
                # in capitals too, as in a cap written in capitals
                used = re.match(re.escape(name.lower()) + r"(?:s|es)?\b", after)
                if used and not (clause.start <= start and end <= clause.end):
                    bodies.append(f"{clause.text[m.start() : m.end() + used.end()]} ({body})")
        return "\n".join(dict.fromkeys(bodies))

    def terms_in(self, clause: Segment) -> tuple[str, ...]:
        """The terms whose definitions :meth:`read_into` reads into the clause."""
        return self._read(clause)[1]

    def _read(self, clause: Segment, only: str = "") -> tuple[str, tuple[str, ...]]:
        if self._uses is None:
            return "", ()
        parts: list[str] = []
        last = 0
        done: list[str] = []
        # a term in the clause's own heading ("6.1 Retention of Style Library.") is read where
        # the clause first uses it, in the sentence that says what happens to it
        at = clause.text.find(clause.heading, 0, 40) if clause.heading else -1
        after_heading = at + len(clause.heading) if at >= 0 else 0
        for m in self._uses.finditer(clause.text, after_heading):
            name = m.group("term")
            start, end, body = self._bodies[name]
            if (
                name in done
                or (only and name != only)
                or (clause.start <= start and end <= clause.end)
            ):
                continue
            done.append(name)
            parts += [clause.text[last : m.end()], f" ({body})"]
            last = m.end()
        if not parts:
            return "", ()
        return "".join(parts) + clause.text[last:], tuple(done)


def _without_exceptions(check: Check) -> Check:
    """``check`` without its ``none``: whether the clause is what the check looks for at all."""
    return replace(check, when=replace(check.when, none=(), none_ignores=()))


def _fire(
    check: Check, clause_type: ClauseType, playbook: Playbook, clause_start: int, text: str
) -> FiredCheck:
    fix_start = fix_end = None
    replacement = ""
    if check.fix is not None:
        m = _pattern(check.fix.replace, clause_type, playbook).search(text)
        if m:
            fix_start, fix_end = clause_start + m.start(), clause_start + m.end()
            replacement = check.fix.with_
    return FiredCheck(
        id=check.id,
        status=check.status,
        severity=playbook.severity_of(check.id, check.severity),
        title=check.title,
        explanation=check.explanation,
        recommendation=check.recommendation,
        fix_start=fix_start,
        fix_end=fix_end,
        replacement=replacement,
    )


# --- review -------------------------------------------------------------------------------------


def lower_first(text: str) -> str:
    """A title as it reads inside a sentence: "The cap ..." is "the cap ...", but "IP
    assignment" stays as it is."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _quote(text: str, limit: int = 140) -> str:
    text = normalise_text(text)
    return f"“{text[:limit]}{'…' if len(text) > limit else ''}”"


def _locations(analysis: Analysis, t: int, threshold: float) -> list[tuple[int, float]]:
    """Best unit per clause for type ``t`` above ``threshold``, best first, at most a few."""
    column = analysis.scores[:, t]
    candidates = np.flatnonzero(column >= threshold)
    best_per_clause: dict[str, tuple[int, float]] = {}
    for u in candidates[np.argsort(-column[candidates])]:
        unit = analysis.units[int(u)]
        if unit.clause not in best_per_clause:
            best_per_clause[unit.clause] = (int(u), float(column[u]))
    ranked = sorted(best_per_clause.values(), key=lambda x: -x[1])
    return ranked[:MAX_CANDIDATE_LOCATIONS]


def _reasons(analysis: Analysis, unit_index: int, t: int, clause_type: ClauseType) -> list[str]:
    feats = analysis.features[unit_index, t]
    col = {name: i for i, name in enumerate(FEATURES)}
    unit = analysis.units[unit_index]
    text = normalise_text(analysis.unit_text(unit))
    reasons: list[str] = []
    cue_names = [
        name
        for name, pattern in clause_type.cues.items()
        if re.search(pattern.replace("{us}", r"\w+").replace("{them}", r"\w+"), text, re.I)
    ]
    if cue_names:
        shown = []
        for name in cue_names[:3]:
            pattern = clause_type.cues[name].replace("{us}", r"\w+").replace("{them}", r"\w+")
            m = re.search(pattern, text, re.I)
            if m:
                shown.append(f"{name.replace('_', ' ')} (“{m.group(0)}”)")
        reasons.append("wording: " + ", ".join(shown))
    if feats[col["heading"]] > 0:
        reasons.append(f"heading: {' > '.join(unit.heading_path)}")
    if feats[col["has_probe"]] > 0:
        # the models fitted on lawyer-labelled contracts, as probabilities
        phrasing = 1.0 / (1.0 + math.exp(-LOGIT_SCALE * float(feats[col["lexical"]])))
        meaning = 1.0 / (1.0 + math.exp(-LOGIT_SCALE * float(feats[col["probe"]])))
        if max(phrasing, meaning) >= 0.5:
            reasons.append(
                "reads like clauses lawyers labelled as this type "
                f"(phrasing {phrasing:.2f}, meaning {meaning:.2f})"
            )
    exemplar = analysis_nearest(analysis, unit_index, t)
    reasons.append(
        f"similar to library example ({feats[col['ex_max']]:.2f}): {_quote(exemplar, 100)}"
    )
    return reasons


def analysis_nearest(analysis: Analysis, unit_index: int, t: int) -> str:
    """The library exemplar nearest to a unit for type ``t``."""
    flat: list[str] = []
    for clause_type in analysis.library.types:
        flat += clause_type.exemplars
    return flat[int(analysis.nearest[unit_index, t])]


def review(
    analysis: Analysis,
    playbook: Playbook,
    *,
    kind: KindGuess | None = None,
    created: str | None = None,
    our_party: str = "",
) -> Review:
    """Findings and gaps for ``analysis`` under ``playbook`` (cheap; no embedding).

    The checks read the parties by the playbook's names for each side and by the names the
    document defines for them (:func:`~clause_library.parties.read_parties`): in terms where
    "Corvane", "we" and "us" are the provider and "Customer", "you" and "your" the customer, a
    vendor's right to train on "your Inputs" is read as the other side's right over our data.
    ``our_party``, a name the document defines for one of its parties or the full name it
    defines it for, makes that party ours (a name it does not define is ignored, and the sides
    are read as usual).
    """
    library = analysis.library
    document = analysis.document
    party_names = tuple(defined_names(document.text))
    chosen = party_chosen(document.text, list(party_names), our_party) if our_party else None
    # the party by its name, not by a pronoun the reviewer may have given ("you"): by its full
    # name where the document defines it only as a pronoun
    our_party = (
        next((n for n in party_names[chosen] if n.lower() not in PRONOUNS), "")
        or full_name(document.text, party_names[chosen])
        or our_party
        if chosen is not None
        else ""
    )
    # under every playbook but the NDA's, our side is the one that pays
    parties = read_parties(
        document.text,
        playbook.us,
        playbook.them,
        payer_is_us=playbook.kind != "nda",
        ours=our_party,
    )
    reading = _reading(playbook, parties)
    segmentation = analysis.segmentation
    references = CrossReferences(segmentation)
    definitions = Definitions(segmentation, document.text)
    clauses = {c.id: c for c in segmentation.clauses}
    located: dict[str, list[tuple[int, float]]] = {}
    for t, clause_type in enumerate(library.types):
        threshold = analysis.calibration.threshold(clause_type.id)
        places = [
            (u, score)
            for u, score in _locations(analysis, t, threshold)
            if not references.superseded(analysis.units[u].start, analysis.units[u].end)
        ]
        if places:
            located[clause_type.id] = places
    present = set(located)
    articles = _Articles(analysis, segmentation)
    findings: list[Finding] = []
    for t, clause_type in enumerate(library.types):
        of_type: list[Finding] = []
        beside_found: set[str] = set()
        found_at = located.get(clause_type.id, [])
        to_read: list[tuple[int, float, Segment | None]] = [(u, s, None) for u, s in found_at]
        if clause_type.checks:
            to_read += [
                (u, score, found)
                for u, score, found in articles.beside(t, [u for u, _ in found_at])
                if not references.superseded(analysis.units[u].start, analysis.units[u].end)
            ]
        for unit_index, score, found_beside in to_read:
            unit: Unit = analysis.units[unit_index]
            clause = clauses[unit.clause]
            clause_text = clause.text
            # a place that only defines a term ("Intellectual Property Rights" means ...
            # including moral rights), in a clause that opens with definitions, binds no one,
            # so no check reads it; a definition inside an operative clause ("Residuals" defined
            # within the clause that lets a party use them) leaves the clause read
            unit_text = document.text[unit.start : unit.end]
            defines_a_term = opens_with_definition(clause_text) and (
                opens_with_definition(unit_text) or continues_definition(clause_text, unit_text)
            )
            checks = () if defines_a_term else clause_type.checks
            holds = functools.partial(
                _holds,
                text=resolve_it(references.amended(clause), reading),
                clause_type=clause_type,
                playbook=reading,
                present=present,
                document_text=document.text,
                set_aside_text=functools.partial(references.overriding, clause, document.text),
                yields_to="\n".join(
                    filter(
                        None,
                        (
                            references.yields_to(clause),
                            references.titled(definitions.excepted(clause)),
                            # a provision read beside a found one is read with it, for what
                            # would rule a check out ("either Party may terminate")
                            references.amended(found_beside) if found_beside else "",
                        ),
                    )
                ),
            )
            with_definitions = definitions.read_into(clause) if checks else ""
            holding = [c for c in checks if holds(c, with_definitions)]
            fired = [_fire(c, clause_type, reading, clause.start, clause_text) for c in holding]
            if found_beside is not None and not fired:
                continue
            status: FindingStatus = "present"
            severity: FindingSeverity = "info"
            if any(c.status == "red_flag" for c in fired):
                status = "red_flag"
            elif fired:
                status = "weak"
            if fired:
                severity = max((c.severity for c in fired), key=lambda s: SEVERITY_ORDER[s])
            reasons = _reasons(analysis, unit_index, t, clause_type)
            # a definition is not the red-flag term itself: "Derived Data" means ... is read
            # where the agreement says what happens to it; and a place that only may be of the
            # type, with no check to say so, is shown as a possible match to confirm
            flagged_type = clause_type.id in playbook.red_flags and not defines_a_term
            # ... unless the clause is what the type's own red-flag check looks for but the
            # check's exceptions hold: "No Residuals", or residuals that only our people may use
            excused = flagged_type and any(
                c.status == "red_flag" and c not in holding and holds(_without_exceptions(c), "")
                for c in checks
            )
            if excused:
                reasons.append(
                    f"the {playbook.title} playbook treats this clause as a red flag, but not as "
                    "it is worded here"
                )
            elif flagged_type and (fired or not is_possible("present", score)):
                status = "red_flag"
                flag_severity = playbook.gap_severity.get(clause_type.id, "high")
                if SEVERITY_ORDER[flag_severity] > SEVERITY_ORDER[severity]:
                    severity = flag_severity
                reasons.append(f"the {playbook.title} playbook treats this clause as a red flag")
            elif flagged_type:
                reasons.append(
                    f"the {playbook.title} playbook treats this clause as a red flag, "
                    "if this is one"
                )
            if found_beside is not None:
                reasons.append(
                    f"read in its article with {_quote(found_beside.text, 60)}, found as "
                    f"{lower_first(clause_type.title)}"
                )
                beside_found.add(f"{clause_type.id}@{unit.start}-{unit.end}")
            for amending in references.amended_by.get(clause.id, []) if checks else []:
                reasons.append(f"read as amended by {_quote(amending.text, 60)}")
            for qualifying in references.read_with.get(clause.id, []) if checks else []:
                reasons.append(f"read with {_quote(qualifying.text, 60)}")
            for c, check in zip(fired, holding, strict=True):
                read = _read_with(check, clause, definitions, with_definitions, holds)
                reasons.append(
                    f"{'red flag' if c.status == 'red_flag' else 'weak'}: {c.title}{read}"
                )
            feats = analysis.features[unit_index, t]
            of_type.append(
                Finding(
                    clause_id=clause_type.id,
                    title=clause_type.title,
                    family=clause_type.family,
                    status=status,
                    severity=severity,
                    score=round(score, 4),
                    start=unit.start,
                    end=unit.end,
                    text=document.text[unit.start : unit.end],
                    clause_start=clause.start,
                    clause_end=clause.end,
                    segment_id=clause.id,
                    heading_path=clause.heading_path,
                    part=clause.part,
                    page=document.page_at(unit.start),
                    reasons=tuple(reasons),
                    checks=tuple(fired),
                    nearest_exemplar=analysis_nearest(analysis, unit_index, t),
                    exemplar_similarity=round(float(feats[FEATURES.index("ex_max")]), 4),
                    cuad_category=clause_type.cuad_category,
                )
            )
        eligible = _worth_flagging(of_type, beside_found) if clause_type.cuad_category else of_type
        flagged = _distinct_issues([f for f in eligible if f.is_issue])[:MAX_LOCATIONS]
        sound = [f for f in of_type if not f.is_issue][: MAX_LOCATIONS - len(flagged)]
        findings += flagged + sound
    findings.sort(key=lambda f: (f.start, f.clause_id))
    gaps = _gaps(library, playbook, present)
    return Review(
        document=document,
        playbook=playbook,
        kind=kind or detect_kind(document.title, document.text),
        findings=tuple(findings),
        gaps=tuple(gaps),
        library_version=library.version,
        model_id=analysis.model_id,
        created=created or datetime.now(UTC).isoformat(timespec="seconds"),
        analysis=analysis,
        parties=parties,
        party_names=party_names,
        our_party=our_party,
    )


def _holds(
    check: Check,
    with_definitions: str,
    *,
    text: str,
    clause_type: ClauseType,
    playbook: Playbook,
    present: set[str],
    document_text: str,
    set_aside_text: Callable[[], str],
    yields_to: str,
) -> bool:
    if check.when.without_set_aside and (check.when.document_any or check.when.document_none):
        document_text = set_aside_text()
    return check_holds(
        check.when, text, clause_type, playbook, present, document_text, yields_to, with_definitions
    )


def _read_with(
    check: Check,
    clause: Segment,
    definitions: Definitions,
    with_definitions: str,
    holds: Callable[[Check, str], bool],
) -> str:
    """The note on a check that holds only with the definitions of the clause's terms read in,
    ``" (read with the definition of “Feedback”)"``, naming those that make it hold on their
    own (else all that were read); ``""`` for a check that holds on the clause's own words."""
    if not (check.when.any_with_definitions and with_definitions) or holds(check, ""):
        return ""
    terms = definitions.terms_in(clause)
    alone = [t for t in terms if holds(check, definitions.read_into(clause, only=t))]
    return f" (read with the definition of {', '.join(f'“{t}”' for t in (alone or terms))})"


def _reading(playbook: Playbook, parties: Parties) -> Playbook:
    """``playbook`` with the names the document gives each side added to its own, and taken
    from the other's ("Developer" is the licensee in most model licences, but not in one whose
    "Developer" licenses its model to a "Licensee")."""
    if not parties:
        return playbook

    def side(
        own: tuple[str, ...], read: tuple[str, ...], other: tuple[str, ...]
    ) -> tuple[str, ...]:
        taken = {n.lower() for n in other}
        return tuple(n for n in dict.fromkeys((*own, *read)) if n.lower() not in taken)

    return replace(
        playbook,
        us=side(playbook.us, parties.us, parties.them),
        them=side(playbook.them, parties.them, parties.us),
    )


#: a sentence that opens with "It" as the subject of a duty or a right ("It shall then pay ...")
_IT_OPENS = re.compile(
    r"(?:(?<=[.;:]\s)|(?<=[.;:]\s\s))(?:It|it(?<=;\sit)|it(?<=;\s\sit))\s+"
    r"(?=(?:\w+\s+)?(?:shall|will|must|may|agrees|undertakes|is\s+(?:entitled|obliged|required|responsible)"
    r"|has\s+(?:the\s+)?(?:right|sole|no))\b)"
)


def resolve_it(text: str, playbook: Playbook) -> str:
    """``text`` with a sentence that opens with "It" read as the party the sentence before
    names as its subject: "21.4 The Customer may terminate ... on six months' notice. It shall
    then pay the Supplier a fee ..." reads "the Customer shall then pay". Only a party the
    playbook or the agreement names is taken; any other "It" is left as it is."""
    names = tuple(n for n in (*playbook.us, *playbook.them) if n.lower() not in PRONOUNS)
    if not names:
        return text
    # "Party A agrees that, during the Term ..., it shall not procure ..." reads "Party A shall
    # not procure"
    text = _agrees_that_it(names).sub(lambda m: m.group("lead") + m.group("who"), text)
    if not _IT_OPENS.search(text):
        return text
    subject = _subject_pattern(names)
    out: list[str] = []
    last = 0
    for m in _IT_OPENS.finditer(text):
        before = text[last : m.start()]
        sentence_start = max(text.rfind(". ", 0, m.start() - 2), text.rfind("; ", 0, m.start() - 2))
        previous = subject.search(text, sentence_start + 1 if sentence_start >= 0 else 0, m.start())
        if previous is None:
            continue
        who = previous.group("who")
        out += [before, who[0].upper() + who[1:] if m.group(0)[0] == "I" else who, " "]
        last = m.end()
    return "".join(out) + text[last:] if out else text


@functools.cache
def _agrees_that_it(names: tuple[str, ...]) -> re.Pattern[str]:
    """A party that agrees or undertakes that "it" will or will not do something."""
    return re.compile(
        r"(?P<lead>(?P<who>(?:[Tt]he\s+)?(?:"
        + "|".join(re.escape(n).replace("\\ ", "\\s+") for n in names)
        + r"))\s+(?:hereby\s+)?(?:agrees|undertakes|covenants|acknowledges\s+and\s+agrees)\s+"
        r"that\b[^.;]{0,200}?)\bit(?=\s+(?:\w+\s+)?(?:shall|will|must|may)\b)",
    )


@functools.cache
def _subject_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """A sentence (after its number and heading) whose subject is one of ``names``."""
    return re.compile(
        r"(?:^|(?<=[.;:]\s))\s*(?:(?:\d+(?:\.\d+)*|\([a-z0-9]+\))\.?\s+)?"
        r"(?:[A-Z][^.\n]{0,40}\.\s+)?(?P<who>(?:[Tt]he\s+)?(?:"
        + "|".join(re.escape(n).replace("\\ ", "\\s+") for n in names)
        + r"))(?=\s+(?:\w+\s+)?(?:shall|will|must|may|agrees|undertakes|is|has|warrants)\b)",
    )


def _worth_flagging(of_type: list[Finding], beside: set[str]) -> list[Finding]:
    """The places of one type (best first) whose checks are worth showing: those scoring at
    least ``FLAGGED_MIN_SHARE`` of the best, sub-items of their provisions, and the provisions
    read beside them in their article (``beside``, by key)."""
    if not of_type:
        return []
    floor = FLAGGED_MIN_SHARE * of_type[0].score
    confident = [f.heading_path for f in of_type if f.score >= floor and f.heading_path]
    return [
        f
        for f in of_type
        if f.score >= floor
        or f.key in beside
        or any(f.heading_path[: len(path)] == path for path in confident)
    ]


class _Articles:
    """The provisions of each article (clauses under one top-level heading), and each clause's
    units, so that a type's checks can read the provisions beside the places it is found."""

    def __init__(self, analysis: Analysis, segmentation: Segmentation) -> None:
        self._scores = analysis.scores
        thresholds = [analysis.calibration.threshold(t.id) for t in analysis.library.types]
        # how far each unit goes towards each type's threshold
        self._shares = analysis.scores / np.maximum(np.asarray(thresholds, np.float32), 1e-6)
        # an overlapping type (price changes, within price restrictions) is no rival of the others
        self._rivals = np.array([not t.overlapping for t in analysis.library.types], bool)
        self._units: dict[str, list[int]] = {}
        self._unit_clause = [unit.clause for unit in analysis.units]
        self._unit_kind = [unit.kind for unit in analysis.units]
        for u, unit in enumerate(analysis.units):
            self._units.setdefault(unit.clause, []).append(u)
        self._clauses = {c.id: c for c in segmentation.clauses}
        self._article: dict[str, list[Segment]] = {}
        #: the unnumbered paragraphs under each heading: one provision ("9.2 Termination by the
        #: Customer", then a paragraph giving the right and one the compensation it costs)
        self._paragraphs: dict[tuple[str, ...], list[Segment]] = {}
        for clause in segmentation.clauses:
            if len(clause.heading_path) > 1:
                self._article.setdefault(clause.heading_path[0], []).append(clause)
                if not clause.label:
                    self._paragraphs.setdefault(clause.heading_path, []).append(clause)

    def beside(self, t: int, places: list[int]) -> list[tuple[int, float, Segment]]:
        """For the places of type ``t`` (units), the other provisions of their articles
        that read more like the type than like any other (by their units' scores as shares of
        each type's threshold) or that speak of the obligations of the found provision or of
        their article by number: each as its best unit for the type, its score, and the found
        clause it is read with."""
        units = self._units
        found = {self._unit_clause[u]: self._clauses[self._unit_clause[u]] for u in places}
        out: list[tuple[int, float, Segment]] = []
        seen = set(found)
        # a definition last: a provision is better read with an operative place of its article
        for clause in sorted(found.values(), key=lambda c: opens_with_definition(c.text)):
            article = self._article.get(clause.heading_path[0]) if clause.heading_path else None
            if not article or len(article) > MAX_ARTICLE_PROVISIONS:
                continue
            for other in article:
                if other.id in seen or other.id not in units:
                    continue
                members = units[other.id]
                if (
                    not self._reads_most_like(members, t)
                    and not self._same_provision(clause, other)
                    and not _names_provision(other.text, clause.label)
                    and not _names_article(other.text, clause.heading_path[0])
                ):
                    continue
                seen.add(other.id)
                best = max(members, key=lambda u: float(self._scores[u, t]))
                out.append((best, float(self._scores[best, t]), clause))
        return out

    def _reads_most_like(self, members: list[int], t: int) -> bool:
        """Whether a provision (its units ``members``) reads more like type ``t`` than like any
        other: by its best unit, or as a whole (a list "The Licensee shall not be entitled:"
        of five items that reads as use restrictions, one item of which, on training other
        models, reads as training rights)."""
        readings = [self._shares[members].max(axis=0)]
        whole = [u for u in members if self._unit_kind[u] == "clause"]
        if whole and self._shares[whole[0], t] >= WHOLE_PROVISION_SHARE:
            readings.append(self._shares[whole[0]])
        if self._rivals[t]:
            readings = [np.where(self._rivals, shares, -np.inf) for shares in readings]
        return any(int(np.argmax(shares)) == t for shares in readings)

    def _same_provision(self, clause: Segment, other: Segment) -> bool:
        """Whether two unnumbered paragraphs sit under the same heading, of a few paragraphs."""
        if clause.label or other.label or clause.heading_path != other.heading_path:
            return False
        return len(self._paragraphs.get(clause.heading_path, ())) <= MAX_PROVISION_PARAGRAPHS


#: "obligations under", "duties in": what a provision says when it speaks of another's duties
_OBLIGATIONS_OF = (
    r"\b(?:obligations?|duties|undertakings?|restrictions?|covenants?)\s+(?:\w+\s+){0,3}?"
    r"(?:under|in|of|set\s+out\s+in)\s+"
)


#: "terminated under", "terminates pursuant to": what a provision says of the consequences of
#: ending the agreement by another provision
_TERMINATED_UNDER = (
    r"\bterminat\w*\s+(?:\w+\s+){0,3}?(?:under|pursuant\s+to|in\s+accordance\s+with)\s+"
)


def _names_provision(text: str, label: str) -> bool:
    """Whether ``text`` speaks of the obligations of the numbered provision ``label`` ("My
    obligations under Sections 2.1 through 2.4 ... continue for two (2) years", read with 2.1;
    not "Section 10.1 does not apply to a nonconformity ... after delivery"), or of the
    agreement ended by it ("If this Contract is terminated under clause 11.3 ..., the Customer
    shall ... pay ... compensation", read with 11.3)."""
    label = label.rstrip(".")
    if not re.fullmatch(r"\d+(?:\.\d+)+", label):
        return False
    return bool(
        re.search(
            f"(?:{_OBLIGATIONS_OF}|{_TERMINATED_UNDER})" + r"(?:Sections?|Clauses?|paragraphs?)\s+"
            r"(?:[\w.()]+,?\s+(?:and|or|to|through)\s+)?" + re.escape(label) + r"(?![\d]|\.\d)",
            text,
            re.IGNORECASE,
        )
    )


def _names_article(text: str, article: str) -> bool:
    """Whether ``text`` speaks of the obligations of its own article, named by number ("The
    obligations under this § 11 apply ... for a period of two (2) years", in § 11)."""
    number = re.match(r"(?i)(?:§|article|section|clause)\s*(\d+|[IVXLC]+)\b", article)
    if number is None:
        return False
    return bool(
        re.search(
            _OBLIGATIONS_OF
            + r"this\s+(?:§|Article|Section|Clause)\s*"
            + re.escape(number.group(1))
            + r"(?![\d.])",
            text,
            re.IGNORECASE,
        )
    )


def _distinct_issues(flagged: list[Finding]) -> list[Finding]:
    """Flagged places of one type (best first), without a place that repeats the very checks
    of a better place in the same section (the three sentences of one arbitration clause, each
    without a carve-out for court relief), unless it carries a tracked change of its own."""
    kept: list[Finding] = []
    for finding in flagged:
        same = {c.id for c in finding.checks}
        repeats = finding.heading_path and any(
            k.heading_path[:1] == finding.heading_path[:1] and {c.id for c in k.checks} == same
            for k in kept
        )
        if not repeats or any(c.fix_start is not None for c in finding.checks):
            kept.append(finding)
    return kept


def _gaps(library: Library, playbook: Playbook, present: set[str]) -> list[Gap]:
    wanted: list[tuple[str, bool, str]] = [(c, True, "") for c in playbook.required]
    wanted += [(c, False, "") for c in playbook.recommended]
    for clause_id, triggers in playbook.required_if.items():
        found = [t for t in triggers if t in present]
        if found:
            wanted.append((clause_id, True, found[0]))
    gaps: list[Gap] = []
    seen: set[str] = set()
    for clause_id, required, trigger in wanted:
        if clause_id in present or clause_id in seen:
            continue
        seen.add(clause_id)
        clause_type = library.get(clause_id)
        default: Severity = "high" if required else "medium"
        gaps.append(
            Gap(
                clause_id=clause_id,
                title=clause_type.title,
                family=clause_type.family,
                severity=playbook.gap_severity.get(clause_id, default),
                required=required,
                description=clause_type.description,
                recommendation=clause_type.preferred,
                fallback=clause_type.fallback,
                trigger=trigger,
            )
        )
    return gaps


# --- one call for front ends -------------------------------------------------------------------


def choose_playbook(
    playbooks: Playbooks, document: Document, requested: str | None
) -> tuple[Playbook, KindGuess]:
    """The requested playbook, or the one for the detected kind when ``requested`` is None/auto."""
    guess = detect_kind(document.title, document.text)
    if requested and requested != "auto":
        return playbooks.get(requested), guess
    return playbooks.for_kind(guess.kind), guess


def review_counts_line(result: Review) -> str:
    """"1 red flag, 3 weak, 0 missing, 42 present"."""
    c = result.counts()
    flags = "red flag" if c["red_flag"] == 1 else "red flags"
    return (
        f"{c['red_flag']} {flags}, {c['weak']} weak, {c['missing']} missing, "
        f"{c['present']} present"
    )
