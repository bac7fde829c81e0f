"""The issues of a review as every exporter presents them: one flat, ordered, decided list.

Comments, the memo, the table and the PDF notes all say the same thing about an issue (what is
wrong, why it matters, what to ask for, what the reviewer decided). Building that wording once
here keeps the four outputs consistent and keeps presentation code free of review logic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from clause_library.export.decisions import Decision, Decisions, decision_for
from clause_library.library import ClauseType, Library
from clause_library.review import (
    SEVERITY_ORDER,
    Finding,
    Gap,
    Review,
    is_possible,
    lower_first,
)
from clause_library.segment import is_part_heading

ItemStatus = Literal["present", "weak", "red_flag", "missing"]

STATUS_LABELS: dict[str, str] = {
    "present": "Present",
    "weak": "Weak",
    "red_flag": "Red flag",
    "missing": "Missing",
}

SEVERITY_LABELS: dict[str, str] = {
    "critical": "Critical",
    "high": "High",
    "medium": "Medium",
    "low": "Low",
    "info": "—",
}

#: Severities in the order a partner reads them.
SEVERITIES: tuple[str, ...] = ("critical", "high", "medium", "low")

KIND_LABELS: dict[str, str] = {
    "vendor": "Vendor / SaaS / services agreement",
    "contractor": "Contractor / consultant agreement",
    "data_licence": "Data licensing agreement",
    "model_licence": "Model / AI licence",
    "nda": "Non-disclosure agreement",
}


@dataclass(frozen=True)
class Item:
    """One row of the issue list: a finding (flagged or not) or a gap, with its decision.

    Text fields are plain sentences ready to print; lists of paragraphs are tuples so an
    exporter can lay them out as it likes.
    """

    key: str
    source: Literal["finding", "gap"]
    clause_id: str
    clause_title: str
    family: str
    status: ItemStatus
    severity: str
    #: the enclosing headings, outermost first ("5 Intellectual Property", "5.1 Ownership ...")
    heading_path: tuple[str, ...]
    page: int | None
    #: the clause text as quoted (whitespace normalised, one line per paragraph); "" for a gap
    excerpt: str
    #: one line naming the problem
    headline: str
    why: tuple[str, ...]
    recommendation: tuple[str, ...]
    #: wording to propose: the library's preferred language
    language: str
    fallback: str
    #: a word-level change the annotated .docx makes as a tracked change: (old, new)
    change: tuple[str, str] | None
    required: bool
    decision: Decision
    score: float | None
    #: the span that located the clause type (a sentence or the clause)
    start: int | None = None
    end: int | None = None
    #: the flagged clause: what the checks read, what comments and highlights cover
    clause_start: int | None = None
    clause_end: int | None = None
    number: int = 0

    @property
    def is_issue(self) -> bool:
        return self.status != "present"

    @property
    def possible(self) -> bool:
        """A finding the matcher is unsure of (see :data:`clause_library.review.POSSIBLE_BELOW`)."""
        return is_possible(self.status, self.score)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS.get(self.severity, self.severity.title())

    @property
    def section(self) -> str:
        """Where the clause is, as a reader would cite it (the innermost headings)."""
        return section_label(self.heading_path)

    @property
    def location(self) -> str:
        """Section and page, for a memo line: "5.1 Ownership of Work Product, page 2"."""
        parts = [self.section] if self.section else []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if not parts:
            return "Not in the agreement" if self.source == "gap" else "Opening of the agreement"
        return ", ".join(parts)


def section_label(path: tuple[str, ...]) -> str:
    """The innermost heading, with its parent when the innermost one is only a number ("3.1")."""
    if not path:
        return ""
    last = path[-1]
    if len(path) > 1 and not re.search(r"[A-Za-z]{3}", last):
        label = f"{display_title(path[-2])} › {last}"
        inner = 2
    else:
        label = display_title(last)
        inner = 1
    if len(path) > inner and is_part_heading(path[0]):
        # "4" in Appendix 3, whose items number afresh, is not the agreement's clause 4
        return f"{display_title(path[0])} › {label}"
    return label


def long_date(day: date) -> str:
    """"4 March 2025": unambiguous on both sides of the Atlantic."""
    return f"{day.day} {day:%B %Y}"


def display_title(title: str) -> str:
    """An agreement title as a memo heading: "CONSULTING SERVICES AGREEMENT" reads as
    "Consulting Services Agreement"; titles already in mixed case are kept."""
    title = " ".join(title.split())
    if not title.isupper():
        return title
    minor = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to"}
    parts = re.split(r"([\s\-/]+)", title.lower())
    return "".join(p if i and p in minor else _title_word(p) for i, p in enumerate(parts))


def _title_word(word: str) -> str:
    """A word of a title in capitals, lower-cased, as a title word: "llc" is "LLC", "(uk)" is
    "(UK)", "co." is "Co."."""
    m = re.match(r"^(\W*)(\w.*?)(\W*)$", word)
    if m is None:
        return word
    before, core, after = m.groups()
    return before + _AS_WRITTEN.get(core, core[:1].upper() + core[1:]) + after


#: words a title in capitals keeps as they are written: "HALLORAN PIERCE & CO. LLC" is
#: "Halloran Pierce & Co. LLC", "SAAS SUBSCRIPTION AGREEMENT" is "SaaS Subscription Agreement"
#: ("IT" is information technology: an agreement's title does not use the pronoun)
_AS_WRITTEN = {
    w.lower(): w
    for w in (
        "LLC", "LLP", "LP", "PLC", "GmbH", "AG", "NV", "BV", "AB", "SA", "NDA", "SaaS", "AI",
        "API", "IP", "SLA", "OEM", "SDK", "HR", "ML", "LLM", "EULA", "DPA", "MSA", "SOW", "USA",
        "UK", "EU", "IT",
    )
}  # fmt: skip


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


def quote(text: str, limit: int | None = None) -> str:
    """Clause text for quoting: one line per paragraph, runs of spaces and tabs collapsed,
    cut at a word boundary after ``limit`` characters."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    out = "\n".join(line for line in lines if line)
    if limit is not None and len(out) > limit:
        cut = out[:limit].rsplit(" ", 1)[0].rstrip(" ,;:")
        out = (cut or out[:limit]) + " …"
    return out


_US_ROLES = ("Customer", "Company", "Client", "Licensee", "Subscriber", "Buyer", "Purchaser")
_THEM_ROLES = (
    "Supplier", "Vendor", "Provider", "Service Provider", "Data Provider", "Contractor",
    "Consultant", "Licensor", "Seller", "Developer", "Freelancer",
)  # fmt: skip


@dataclass(frozen=True)
class Parties:
    """The agreement's own names for us and the other side, and how to put them into the
    library's model language (which says "Supplier" and "Customer" whatever the paper says)."""

    us: str
    them: str
    pattern: re.Pattern[str]
    mapping: dict[str, str]

    def adapt(self, text: str) -> str:
        return self.pattern.sub(lambda m: self.mapping[m.group(0)], text)


def parties(review: Review) -> Parties | None:
    """The party names to use, or None when the playbook is side-neutral (an NDA) or the
    agreement does not clearly use one of the playbook's names for each side."""
    playbook = review.playbook
    if playbook.side == "either" or not playbook.us or not playbook.them:
        return None
    text = review.document.text

    def most_used(names: tuple[str, ...]) -> str | None:
        counts = {n: len(re.findall(rf"\b{re.escape(n)}\b", text)) for n in names}
        best = max(counts, key=lambda n: counts[n])
        return best if counts[best] >= 3 else None

    us, them = most_used(playbook.us), most_used(playbook.them)
    if us is None or them is None or us == them:
        return None
    mapping = {w: us for w in {*playbook.us, *_US_ROLES} - set(playbook.them)}
    mapping |= {w: them for w in {*playbook.them, *_THEM_ROLES} - set(playbook.us)}
    words = sorted(mapping, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")
    return Parties(us, them, pattern, mapping)


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?:”\")" else text + "."


def _clause_type(library: Library, clause_id: str) -> ClauseType | None:
    try:
        return library.get(clause_id)
    except KeyError:
        return None


def _family_title(library: Library, family_id: str) -> str:
    try:
        return library.family(family_id).title
    except KeyError:
        return family_id


def _adapted(names: Parties | None, texts: tuple[str, ...]) -> tuple[str, ...]:
    return texts if names is None else tuple(names.adapt(t) for t in texts)


#: A clause longer than this is quoted by the sentence that located it instead.
QUOTE_LIMIT = 1500


def _excerpt(review: Review, finding: Finding) -> str:
    clause = review.document.text[finding.clause_start : finding.clause_end]
    return clause if len(clause) <= QUOTE_LIMIT else finding.text


def finding_item(
    review: Review, finding: Finding, decision: Decision, names: Parties | None = None
) -> Item:
    library = review.analysis.library
    clause_type = _clause_type(library, finding.clause_id)
    checks = sorted(finding.checks, key=lambda c: -SEVERITY_ORDER[c.severity])
    description = _sentence(clause_type.description) if clause_type else ""
    if checks:
        headline = "; ".join(
            lower_first(c.title) if i else c.title for i, c in enumerate(checks)
        )
        why = tuple(_sentence(c.explanation) for c in checks if c.explanation.strip())
        recommendation = tuple(_sentence(c.recommendation) for c in checks if c.recommendation)
    elif finding.status == "red_flag":
        headline = f"The {review.playbook.title} playbook treats this clause as a red flag"
        why = (description,) if description else ()
        recommendation = ()
    else:
        headline = "Present"
        why = recommendation = ()
    if finding.is_issue and not why and description:
        why = (description,)
    # The library's preferred clause is written for the clause type, not for a particular
    # weakness (a vendor training on our data is not fixed by the licensee-side training
    # grant), so it is proposed only when no check says what to ask for.
    preferred = clause_type.preferred.strip() if clause_type else ""
    if not finding.is_issue or recommendation:
        preferred = ""
    elif preferred:
        recommendation = ("Replace the clause with the preferred position.",)
    change: tuple[str, str] | None = None
    text = review.document.text
    for check in checks:
        if check.fix_start is not None and check.fix_end is not None and check.replacement:
            change = (text[check.fix_start : check.fix_end], check.replacement)
            break
    return Item(
        key=finding.key,
        source="finding",
        clause_id=finding.clause_id,
        clause_title=finding.title,
        family=_family_title(library, finding.family),
        status=finding.status,
        severity=finding.severity,
        heading_path=finding.place_path,
        page=finding.page,
        excerpt=quote(_excerpt(review, finding)),
        headline=headline,
        why=why,
        recommendation=_adapted(names, recommendation),
        language=_adapted(names, (" ".join(preferred.split()),))[0],
        fallback=_adapted(
            names, (" ".join(clause_type.fallback.split()) if clause_type and preferred else "",)
        )[0],
        change=change,
        required=finding.clause_id in review.playbook.required,
        decision=decision,
        score=finding.score,
        start=finding.start,
        end=finding.end,
        clause_start=finding.clause_start,
        clause_end=finding.clause_end,
    )


def gap_item(review: Review, gap: Gap, decision: Decision, names: Parties | None = None) -> Item:
    library = review.analysis.library
    need = "required" if gap.required else "recommended"
    headline = f"Missing: the {review.playbook.title} playbook {need}s this clause"
    if gap.trigger:
        trigger = _clause_type(library, gap.trigger)
        name = trigger.title.lower() if trigger else gap.trigger
        headline += f" because the agreement has a {name} clause"
    recommendation = (
        ("Add the preferred language set out below.",)
        if gap.recommendation.strip()
        else (f"Add a {gap.title.lower()} clause.",)
    )
    return Item(
        key=gap.key,
        source="gap",
        clause_id=gap.clause_id,
        clause_title=gap.title,
        family=_family_title(library, gap.family),
        status="missing",
        severity=gap.severity,
        heading_path=(),
        page=None,
        excerpt="",
        headline=headline,
        why=(_sentence(gap.description),) if gap.description.strip() else (),
        recommendation=recommendation,
        language=_adapted(names, (" ".join(gap.recommendation.split()),))[0],
        fallback=_adapted(names, (" ".join(gap.fallback.split()),))[0],
        change=None,
        required=gap.required,
        decision=decision,
        score=None,
    )


def build_items(
    review: Review,
    decisions: Decisions | None = None,
    *,
    include_resolved: bool = False,
    include_present: bool = False,
) -> list[Item]:
    """Findings then gaps, numbered from 1, in the order a reader meets them.

    Findings come in document order (the most severe first where several share a place); gaps
    follow, required before recommended and the most severe first. Issues the reviewer accepted
    or marked not applicable are left out unless ``include_resolved``; findings without an issue
    are left out unless ``include_present``.
    """
    items: list[Item] = []
    names = parties(review)
    findings = sorted(
        review.findings, key=lambda f: (f.start, -SEVERITY_ORDER[f.severity], f.clause_id)
    )
    for finding in findings:
        if not finding.is_issue and not include_present:
            continue
        decision = decision_for(decisions, finding.key)
        if finding.is_issue and decision.resolved and not include_resolved:
            continue
        items.append(finding_item(review, finding, decision, names))
    gaps = sorted(review.gaps, key=lambda g: (not g.required, -SEVERITY_ORDER[g.severity]))
    for gap in gaps:
        decision = decision_for(decisions, gap.key)
        if decision.resolved and not include_resolved:
            continue
        items.append(gap_item(review, gap, decision, names))
    return [_numbered(item, n) for n, item in enumerate(items, start=1)]


def _numbered(item: Item, number: int) -> Item:
    return replace(item, number=number)


def left_out(review: Review, decisions: Decisions | None) -> int:
    """How many issues a default export leaves out because the reviewer resolved them."""
    keys = [f.key for f in review.findings if f.is_issue] + [g.key for g in review.gaps]
    return sum(1 for key in keys if decision_for(decisions, key).resolved)


def severity_counts(items: list[Item]) -> dict[str, int]:
    counts = {s: 0 for s in SEVERITIES}
    for item in items:
        if item.is_issue and item.severity in counts:
            counts[item.severity] += 1
    return counts


def status_counts(items: list[Item]) -> dict[str, int]:
    counts = {s: 0 for s in ("red_flag", "weak", "missing")}
    for item in items:
        if item.status in counts:
            counts[item.status] += 1
    return counts


@dataclass(frozen=True)
class Header:
    """The facts printed at the top of a memo and in the metadata of every output."""

    document: str
    #: the agreement's own title ("Consulting Services Agreement"), else its file name
    title: str
    kind: str
    kind_confidence: float
    playbook: str
    side: str
    reviewer: str
    date: str
    reviewed: str
    library_version: str
    model_id: str
    page_count: int | None
    #: the agreement's names for (us, them) used in proposed language; None if not adapted
    parties: tuple[str, str] | None = None
    #: the name the agreement gives our side, as the review read it ("Purchaser"), if any
    our_name: str = ""
    #: the party the reviewer said we act for ("" when the sides were read as usual)
    our_party: str = ""


def header(review: Review, author: str, today: date | None = None) -> Header:
    document = review.document
    return Header(
        document=document.name,
        title=display_title(document.title) or document.name,
        kind=kind_label(review.kind.kind),
        kind_confidence=review.kind.confidence,
        playbook=review.playbook.title,
        side=review.playbook.side,
        reviewer=author.strip() or "Unnamed reviewer",
        date=long_date(today or date.today()),
        reviewed=review.created,
        library_version=review.library_version,
        model_id=review.model_id,
        page_count=document.page_count,
        parties=(names.us, names.them) if (names := parties(review)) else None,
        our_name=review.parties.us[0] if review.parties.us else "",
        our_party=review.our_party,
    )
