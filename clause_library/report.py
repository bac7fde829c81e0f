"""Plain renderings of a review: the stable JSON interface and a terminal summary."""

from __future__ import annotations

from typing import Any, TextIO

import numpy as np

from clause_library.embed import normalise_text
from clause_library.match import ranked_units
from clause_library.review import NOT_LEGAL_ADVICE, SEVERITY_ORDER, Review, review_counts_line


def review_json(result: Review, candidates: int = 0) -> dict[str, Any]:
    """The ``analyze --format json`` object (documented in the README; keep it stable)."""
    document = result.document
    out: dict[str, Any] = {
        "document": {
            "path": str(document.path),
            "sha256": document.sha256,
            "kind": result.kind.kind,
            "kind_confidence": round(result.kind.confidence, 3),
            "pages": document.page_count,
        },
        "playbook": result.playbook.id,
        "parties": {
            "us": list(result.parties.us),
            "them": list(result.parties.them),
            "chosen": result.our_party or None,
        },
        "findings": [
            {
                "clause_id": f.clause_id,
                "title": f.title,
                "family": f.family,
                "status": f.status,
                "severity": f.severity,
                "score": f.score,
                "possible": f.possible,
                "text": f.text,
                "start": f.start,
                "end": f.end,
                "page": f.page,
                "reasons": list(f.reasons),
                "cuad_category": f.cuad_category,
            }
            for f in result.findings
        ],
        "gaps": [
            {
                "clause_id": g.clause_id,
                "title": g.title,
                "status": "missing",
                "severity": g.severity,
                "recommendation": g.recommendation,
            }
            for g in result.gaps
        ],
    }
    if candidates > 0:
        out["candidates"] = candidate_list(result, candidates)
    return out


def candidate_list(result: Review, n: int) -> list[dict[str, Any]]:
    """The ``n`` best-scoring places of every clause type, flagged or not, then up to ``n``
    units overlapping them (the sentence inside a listed clause, the clause around a listed
    sentence), marked ``"alternative": true``."""
    analysis = result.analysis
    text = analysis.document.text
    spans = np.array([(u.start, u.end) for u in analysis.units]).reshape(-1, 2)
    rows: list[dict[str, Any]] = []
    for t, clause_type in enumerate(analysis.library.types):
        column = analysis.scores[:, t]
        for u, alternative in ranked_units(column, spans, n, n):
            unit = analysis.units[u]
            rows.append(
                {
                    "clause_id": clause_type.id,
                    "cuad_category": clause_type.cuad_category,
                    "score": round(float(column[u]), 4),
                    "text": text[unit.start : unit.end],
                    "start": unit.start,
                    "end": unit.end,
                    "alternative": alternative,
                }
            )
    return rows


_MARK = {"red_flag": "RED FLAG", "weak": "WEAK", "present": "present", "missing": "MISSING"}


def write_review_text(result: Review, out: TextIO) -> None:
    document = result.document
    out.write(f"{document.name}\n")
    out.write(
        f"Playbook: {result.playbook.title}   (detected kind: {result.kind.kind}, "
        f"confidence {result.kind.confidence:.0%})\n"
    )
    if result.parties:
        out.write(f"{parties_line(result)}\n")
    out.write(f"{review_counts_line(result)}\n\n")
    issues = sorted(
        (f for f in result.findings if f.is_issue),
        key=lambda f: (-SEVERITY_ORDER[f.severity], f.start),
    )
    for finding in issues:
        where = finding.heading_path[-1] if finding.heading_path else f"offset {finding.start}"
        if finding.part:
            where = f"{finding.part} › {where}" if finding.heading_path else finding.part
        page = f", p. {finding.page}" if finding.page else ""
        mark = f"[{_MARK[finding.status]} · {finding.severity}]"
        out.write(f"{mark} {finding.title} — {where}{page}\n")
        for check in finding.checks:
            out.write(f"    {check.title}: {check.explanation}\n")
            if check.recommendation:
                out.write(f"    → {check.recommendation}\n")
        out.write(f"    “{_clip(finding.text)}”\n")
    for gap in result.gaps:
        kind = "required" if gap.required else "recommended"
        out.write(f"[MISSING · {gap.severity}] {gap.title} ({kind})\n")
        out.write(f"    {gap.description}\n")
    out.write("\nPresent: ")
    out.write(", ".join(_present_titles(result)) or "none")
    out.write(f"\n\n{NOT_LEGAL_ADVICE}\n")


def parties_line(result: Review) -> str:
    """Which of the document's own names the checks read as our side and as the other side."""
    parts = []
    for label, names in (("our side", result.parties.us), ("the other side", result.parties.them)):
        if names:
            parts.append(f"{', '.join(f'“{n}”' for n in names)} as {label}")
    chosen = f" (“{result.our_party}” chosen as our party)" if result.our_party else ""
    return "Reading " + " and ".join(parts) + chosen


def _present_titles(result: Review) -> list[str]:
    """The sound clause types, each marked "(possible)" when every place found is one."""
    places: dict[str, list[bool]] = {}
    for finding in result.findings:
        if not finding.is_issue:
            places.setdefault(finding.title, []).append(finding.possible)
    return [
        f"{title} (possible)" if all(possible) else title
        for title, possible in sorted(places.items())
    ]


def _clip(text: str, limit: int = 220) -> str:
    text = normalise_text(text)
    return text if len(text) <= limit else text[:limit] + "…"
