"""The matcher on held-out wording: every clause type is found on clauses written apart from its
exemplars, and its near misses are not (tests/data/clause_cases/*.yaml).

Every type must reject at least two of its three near misses, and across the library at least
78% of the held-out clauses must be found and 93% of the near misses rejected. These bounds hold
the matcher's present quality (measured: 87% found, 93.3% rejected) so that it cannot slip back.

Two types are known confusions, named in :data:`KNOWN_CONFUSIONS` with their reasons: they still
count in the totals, but not in the per-type rule.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

from clause_library.document import Document, DocumentBuilder
from clause_library.engine import Engine
from clause_library.report import review_json

CASES = Path(__file__).parent / "data" / "clause_cases"

pytestmark = pytest.mark.model

#: Types whose near misses share their vocabulary so closely that they pass the one threshold
#: of the project's own types; the reviewer sees them as possible matches (scores under 0.5).
KNOWN_CONFUSIONS = {
    # an IP indemnity, a disclaimer of non-infringement and a use restriction that mentions
    # infringement score 0.25-0.47, against 0.78-0.89 for the three warranties
    "non_infringement_warranty": "IP indemnities and non-infringement disclaimers",
    # a contractor's non-infringement warranty and a cap carve-out that names the IP indemnity
    # section score 0.066-0.166, just over the threshold 0.05, against 0.58-0.86 for the
    # indemnities
    "indemnification_ip": "non-infringement warranties and cap carve-outs naming the indemnity",
}


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def _document(text: str) -> Document:
    builder = DocumentBuilder(Path("case.txt"), "txt")
    start, end = builder.append(text)
    builder.add_block("paragraph", start, end)
    return builder.build(sha256="case")


def _best_scores(engine: Engine, texts: list[str]) -> list[np.ndarray]:
    return [engine.analyze(_document(t)).scores.max(axis=0) for t in texts]


def test_held_out_clauses_are_found_and_near_misses_are_not(engine: Engine) -> None:
    cases: dict[str, dict] = {}
    for path in sorted(CASES.glob("*.yaml")):
        cases.update(yaml.safe_load(path.read_text(encoding="utf-8")))
    ids = [t.id for t in engine.library]
    found = rejected = positives = negatives = 0
    failing_types = []
    for clause_id, case in cases.items():
        t = ids.index(clause_id)
        threshold = engine.calibration.threshold(clause_id)
        hits = [s[t] >= threshold for s in _best_scores(engine, case["positive"])]
        misses = [s[t] < threshold for s in _best_scores(engine, case["negative"])]
        found += sum(hits)
        rejected += sum(misses)
        positives += len(hits)
        negatives += len(misses)
        if sum(misses) < 2 and clause_id not in KNOWN_CONFUSIONS:
            failing_types.append(f"{clause_id}: rejected only {sum(misses)}/3 near misses")
    assert not failing_types, "\n".join(failing_types)
    assert found / positives >= 0.78, f"found {found}/{positives}"
    assert rejected / negatives >= 0.93, f"rejected {rejected}/{negatives}"


def test_candidates_name_distinct_places_then_overlapping_alternatives(engine: Engine) -> None:
    sample = Path(__file__).resolve().parents[1] / "resources" / "samples"
    result = engine.review_file(sample / "saas_vendor_agreement.docx")
    rows = review_json(result, candidates=3)["candidates"]
    assert {r["clause_id"] for r in rows} == {t.id for t in engine.library}

    def overlaps(a: dict, b: dict) -> bool:
        shorter = min(a["end"] - a["start"], b["end"] - b["start"])
        return min(a["end"], b["end"]) - max(a["start"], b["start"]) > 0.5 * shorter

    alternatives = 0
    for clause_type in engine.library:
        mine = [r for r in rows if r["clause_id"] == clause_type.id]
        places = [r for r in mine if not r["alternative"]]
        others = [r for r in mine if r["alternative"]]
        assert len(places) == 3 and len(others) <= 3
        assert mine == places + others  # places first
        assert [r["score"] for r in places] == sorted((r["score"] for r in places), reverse=True)
        for i, a in enumerate(places):
            assert not any(overlaps(a, b) for b in places[i + 1 :])
        for other in others:
            covering = [p for p in places if overlaps(p, other)]
            assert covering and other["score"] <= max(p["score"] for p in covering)
        alternatives += len(others)
    assert alternatives > len(engine.library)  # clauses and their sentences do overlap


def test_two_threads_asking_for_the_library_index_build_it_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The desktop's start-up warm-up and a first analysis may both ask for the index; the
    second waits for the first rather than embedding the whole library again."""
    import threading
    import time

    import clause_library.match as match

    built: list[int] = []

    class SlowIndex:
        def __init__(self, library: object, embedder: object) -> None:
            built.append(1)
            time.sleep(0.2)

    class Library:
        version = "test-version"

    class Model:
        model_id = "test-model"

    monkeypatch.setattr(match, "_INDEX_CACHE", {})
    monkeypatch.setattr(match, "_TypeIndex", SlowIndex)
    got: list[object] = []
    threads = [
        threading.Thread(target=lambda: got.append(match.type_index(Library(), Model())))  # type: ignore[arg-type]
        for _ in range(3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 1
    assert len(got) == 3 and all(index is got[0] for index in got)
