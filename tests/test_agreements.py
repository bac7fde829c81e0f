"""Whole agreements reviewed as a reviewer would read them (tests/data/agreements).

Four agreements were written for these tests apart from the clause library: the terms of an AI
API in "we/you" voice, a UK data licence for AI training, a US mutual NDA and an independent
consultant agreement. Each has an answer key: the kind of agreement, the clause types it holds
and where, the required or recommended types it deliberately lacks, the checks a reviewer would
raise, and checks one might suspect that should stay quiet. The review must detect the kind,
raise every expected check (one known shortfall below), show every absent type as missing, find
nearly every type the key lists, and keep quiet where the key says so (known exceptions below).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clause_library.engine import Engine
from clause_library.review import Review

AGREEMENTS = Path(__file__).parent / "data" / "agreements"
NAMES = ("api_terms", "data_licence", "mutual_nda", "consulting")

#: expected checks the review does not raise, and why
KNOWN_MISSES = {
    # the duty to destroy trained models sits in the clause on returning data, where the
    # return-of-data check raises it (drd_models_destroyed); no AI-training place is found there
    ("data_licence", "ai_training_models_destroyed_on_termination"),
}
#: checks the key rules out that the review raises, and why
KNOWN_EXTRAS = {
    # the training clause does limit use of the data to non-commercial research
    ("data_licence", "use_restrictions_noncommercial_only"),
    # the grant lists non-commercial research beside commercial search: the check reads the
    # purpose, not that the others are commercial
    ("data_licence", "lic_noncommercial_or_evaluation_only"),
    # the denial of third-party rights sits beside indemnities that protect the provider's
    # affiliates
    ("api_terms", "ntpb_shuts_out_protected_persons"),
}

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def reviews() -> dict[str, tuple[dict, Review]]:
    engine = Engine()
    out = {}
    for name in NAMES:
        key = json.loads((AGREEMENTS / f"{name}.key.json").read_text(encoding="utf-8"))
        out[name] = (key, engine.review_file(AGREEMENTS / f"{name}.txt"))
    return out


def _fired(review: Review) -> set[str]:
    return {c.id for f in review.findings for c in f.checks}


@pytest.mark.parametrize("name", NAMES)
def test_the_kind_and_every_expected_check(reviews, name: str) -> None:
    key, review = reviews[name]
    assert review.kind.kind == key["kind"]
    fired = _fired(review)
    missed = {c for c in key["checks_expected"] if c not in fired} - {
        c for n, c in KNOWN_MISSES if n == name
    }
    assert not missed, f"{name}: expected checks not raised: {sorted(missed)}"
    extra = {c for c in key["checks_not_expected"] if c in fired} - {
        c for n, c in KNOWN_EXTRAS if n == name
    }
    assert not extra, f"{name}: checks raised that the key rules out: {sorted(extra)}"


@pytest.mark.parametrize("name", NAMES)
def test_every_absent_clause_is_missing_and_nearly_every_present_one_found(
    reviews, name: str
) -> None:
    key, review = reviews[name]
    found = {f.clause_id for f in review.findings}
    gaps = {g.clause_id for g in review.gaps}
    assert not set(key["absent"]) & found
    expected_gaps = set(key["absent"]) & (
        set(review.playbook.required) | set(review.playbook.recommended)
    )
    assert expected_gaps <= gaps
    present = set(key["present"])
    assert len(present & found) >= 0.9 * len(present), sorted(present - found)
