"""Builders shared by the store, batch and portfolio tests (this module holds no tests).

:func:`fake_review` makes a real :class:`Review` of a small synthetic agreement with findings
chosen by the test, without the embedding model: the store only reads a review's values, so most
store behaviour can be tested in milliseconds and asserted on known content. The few tests that
need the real engine share one :func:`shared_engine` per session.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np

from clause_library.engine import Engine
from clause_library.ingest import load
from clause_library.library import Library, load_library
from clause_library.match import FEATURES, Analysis, hand_calibration
from clause_library.playbooks import Playbooks, load_playbooks
from clause_library.review import Finding, FindingStatus, Review, review
from clause_library.segment import segment

VENDOR_TEXT = """MASTER SERVICES AGREEMENT

1. Services
Supplier shall provide the hosted analytics service described in the Order Form.

2. Intellectual Property
All deliverables created by Supplier under this Agreement are hereby assigned to Customer.
Supplier retains ownership of its pre-existing tools and methods.

3. Liability
Neither party's total liability shall exceed the fees paid in the twelve months before the claim.
Nothing limits liability for breach of confidentiality, which shall be unlimited.

4. Governing Law
This Agreement is governed by the laws of the State of Delaware.
"""

_LIBRARY: Library | None = None
_PLAYBOOKS: Playbooks | None = None
_ENGINE: Engine | None = None


def library() -> Library:
    global _LIBRARY
    if _LIBRARY is None:
        _LIBRARY = load_library()
    return _LIBRARY


def playbooks() -> Playbooks:
    global _PLAYBOOKS
    if _PLAYBOOKS is None:
        _PLAYBOOKS = load_playbooks(library())
    return _PLAYBOOKS


def shared_engine() -> Engine:
    """One engine (one model load, ~10 s) for the whole test session, whichever module asks."""
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = Engine()
    return _ENGINE


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def fake_review(
    path: Path,
    findings: list[tuple[str, FindingStatus, str]],
    *,
    playbook: str = "vendor_customer",
    model_id: str = "test-model@128",
) -> Review:
    """A review of the file at ``path`` whose findings are ``(clause_id, status, quoted text)``;
    each quoted text must occur in the file. Gaps are the playbook's, minus the types found."""
    document = load(path)
    lib = library()
    segmentation = segment(document)
    n = len(lib.types)
    analysis = Analysis(
        document=document,
        segmentation=segmentation,
        library=lib,
        units=(),
        scores=np.zeros((0, n), np.float32),
        features=np.zeros((0, n, len(FEATURES)), np.float32),
        nearest=np.zeros((0, n), np.int32),
        calibration=hand_calibration(),
        model_id=model_id,
    )
    base = review(analysis, playbooks().get(playbook))
    made: list[Finding] = []
    for clause_id, status, quoted in findings:
        start = document.text.index(quoted)
        end = start + len(quoted)
        clause = next(c for c in segmentation.clauses if c.start <= start < c.end)
        clause_type = lib.get(clause_id)
        made.append(
            Finding(
                clause_id=clause_id,
                title=clause_type.title,
                family=clause_type.family,
                status=status,
                severity="info" if status == "present" else "high",
                score=0.9,
                start=start,
                end=end,
                text=quoted,
                clause_start=clause.start,
                clause_end=clause.end,
                segment_id=clause.id,
                heading_path=clause.heading_path,
                page=None,
                reasons=(),
            )
        )
    found = {f.clause_id for f in made}
    return replace(
        base,
        findings=tuple(sorted(made, key=lambda f: (f.start, f.clause_id))),
        gaps=tuple(g for g in base.gaps if g.clause_id not in found),
    )


VENDOR_FINDINGS: list[tuple[str, FindingStatus, str]] = [
    (
        "ip_assignment",
        "present",
        "All deliverables created by Supplier under this Agreement are hereby assigned to "
        "Customer.",
    ),
    (
        "limitation_of_liability",
        "weak",
        "Neither party's total liability shall exceed the fees paid in the twelve months "
        "before the claim.",
    ),
    (
        "uncapped_liability",
        "red_flag",
        "Nothing limits liability for breach of confidentiality, which shall be unlimited.",
    ),
    (
        "governing_law",
        "present",
        "This Agreement is governed by the laws of the State of Delaware.",
    ),
]
