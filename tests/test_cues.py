"""Cue search by needles gives exactly what searching every text with every regex gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from clause_library.cues import Cue, needles, search_all
from clause_library.embed import normalise_text
from clause_library.ingest import load
from clause_library.library import compile_pattern, default_library
from clause_library.segment import segment

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\b(?:re-?|pre-?)?train(?:s|ed|ing)?\b", {"train"}),
        (r"\bfine[\s-]?tun(?:e|ing)\b", {"fine"}),
        (r"\b(?:improv|develop)\w*\b[^.;]{0,80}\bmodels?\b", {"improv", "develop"}),
        (r"\bnon-?commercial\b|\bsolely\s+for\s+research\b", {"commercial", "research"}),
        (r"[$£€]\s?\d", {"$", "£", "€"}),
        (r"(?:foo)+bar?", {"foo"}),
        (r"\d+\s*%", {"%"}),
        (r"HEREBY", {"hereby"}),
    ],
)
def test_needles_are_literals_every_match_contains(pattern: str, expected: set[str]) -> None:
    assert needles(re.compile(pattern, re.IGNORECASE)) == expected


@pytest.mark.parametrize("pattern", [r"\w+\s+\w+", r"(?:a|\d)x?", r"[a-z]{3}", r"(?x) a b"])
def test_a_pattern_without_a_literal_has_no_needles(pattern: str) -> None:
    assert needles(re.compile(pattern, re.IGNORECASE)) is None


def test_search_all_matches_a_search_of_every_text_even_with_odd_letters() -> None:
    cues = [
        Cue.of(re.compile(p, re.IGNORECASE))
        for p in (r"\bconfidential\b", r"\bkelvin\b", r"\bsig\b", r"\w+ment\b", r"%")
    ]
    texts = [
        "CONFIDENTIAL information",
        "\u212aelvin scale",  # KELVIN SIGN matches k ignoring case
        "S\u0130G and S\u0131G",  # dotted and dotless capital/small i
        "the agreement “as is”",
        "fees of 10 %",
        "",
        "nothing here",
    ]
    expected = [[i for i, t in enumerate(texts) if cue.regex.search(t)] for cue in cues]
    assert search_all(cues, texts) == expected
    assert expected[1] == [1] and 2 in expected[2]


def test_every_library_cue_finds_the_same_sentences_as_a_plain_search() -> None:
    library = default_library()
    cues = [
        Cue.of(compile_pattern(p))
        for clause_type in library.types
        for p in [*clause_type.cues.values(), *clause_type.heading_cues]
    ]
    assert all(cue.needles for cue in cues), "a cue with no literal is searched everywhere"
    texts: list[str] = []
    for sample in sorted(SAMPLES.glob("*.docx")) + sorted(SAMPLES.glob("*.pdf")):
        segmentation = segment(load(sample))
        texts += [normalise_text(s.text) for s in segmentation.sentences]
        texts += [normalise_text(c.text) for c in segmentation.clauses]
    expected = [[i for i, t in enumerate(texts) if cue.regex.search(t)] for cue in cues]
    assert search_all(cues, texts) == expected
    assert sum(map(len, expected)) > 500  # the samples do hold cues
