"""The second look at each type's best places: their features, the trees, the rescoring."""

from __future__ import annotations

import numpy as np
import pytest

from clause_library.library import default_library
from clause_library.match import load_calibration
from clause_library.rerank import (
    FEATURES,
    MAX_LIFT,
    PLACES,
    UNIT_FEATURES,
    Forest,
    places_of,
    ranked_units,
    rerank,
)


def _column(places, name: str) -> np.ndarray:  # type: ignore[no-untyped-def]
    return places.features[:, FEATURES.index(name)]


def _document() -> tuple[np.ndarray, np.ndarray]:
    """Five units: a clause (0) holding two sentences (1, 2), and two sentences far away."""
    spans = np.array([(0, 200), (0, 90), (91, 200), (5000, 5100), (9000, 9050)])
    logits = np.array(
        [  # type 0, type 1
            [2.0, -3.0],
            [1.5, -1.0],
            [-1.0, -2.0],
            [0.5, 3.0],
            [-4.0, -4.0],
        ]
    )
    return spans, logits


def _places(spans: np.ndarray, logits: np.ndarray, t: int = 0):  # type: ignore[no-untyped-def]
    n = len(spans)
    named = {name: np.zeros(n) for name in UNIT_FEATURES}
    named["is_clause"][0] = 1.0
    return places_of(logits, t, spans, np.zeros(n), np.zeros(n), named)


def test_places_are_distinct_then_overlapping_alternatives_with_their_parent() -> None:
    spans, logits = _document()
    places = _places(spans, logits)
    # distinct places best first (the clause, then the far sentences), then the sentences
    # inside the clause as alternatives, best first
    assert places.units.tolist() == [0, 3, 4, 1, 2]
    assert places.alternative.tolist() == [False, False, False, True, True]
    assert _column(places, "rank").tolist() == [0, 1, 2, 0, 1]
    assert np.allclose(_column(places, "behind_best"), [0.0, -1.5, -6.0, -0.5, -3.0])
    # an alternative is compared with the listed place it overlaps, a place with itself
    assert np.allclose(_column(places, "parent_lead"), [0.0, 0.0, 0.0, 0.5, 3.0])
    assert np.allclose(_column(places, "parent_length_ratio")[3], np.log(90 / 200))
    # the clause leads everything it overlaps; the first sentence trails its clause
    assert np.allclose(_column(places, "overlap_lead"), [0.0, 0.0, 0.0, 0.5, 3.0])
    # how the same words score for the other type
    assert np.allclose(_column(places, "other_type_best"), [-3.0, 3.0, -4.0, -1.0, -2.0])
    assert _column(places, "close_places").tolist() == [2.0] * 5  # 2.0 and 0.5 within 2 logits
    assert _column(places, "is_clause").tolist() == [1.0, 0.0, 0.0, 0.0, 0.0]


def test_ranked_units_list_at_most_k_distinct_places_and_k_alternatives() -> None:
    starts = np.arange(0, 100 * 30, 100)
    spans = np.stack([starts, starts + 80], axis=1)
    spans = np.concatenate([spans, spans + np.array([0, 10])])  # each place twice, a bit wider
    column = np.linspace(1.0, 0.0, len(spans))
    ranked = ranked_units(column, spans, 5, 3)
    assert [a for _, a in ranked] == [False] * 5 + [True] * 3
    assert len({u % 30 for u, a in ranked if not a}) == 5


def _ranked_one_by_one(column: np.ndarray, spans: np.ndarray, k: int, alternatives: int):  # type: ignore[no-untyped-def]
    """The ranking rule read literally: best first, a unit mostly overlapping a listed place is an
    alternative, any other unit a new place, each list up to its length."""
    kept: list[int] = []
    others: list[int] = []
    for u in np.argsort(-column, kind="stable")[: 8 * (k + alternatives) + 16].tolist():
        a, b = spans[u]
        covered = any(
            min(b, spans[v][1]) - max(a, spans[v][0]) > 0.5 * min(b - a, spans[v][1] - spans[v][0])
            for v in kept
        )
        if covered and len(others) < alternatives:
            others.append(u)
        elif not covered and len(kept) < k:
            kept.append(u)
    return [(u, False) for u in kept] + [(u, True) for u in others]


def test_ranked_units_follow_the_rule_read_one_unit_at_a_time() -> None:
    rng = np.random.default_rng(11)
    for _ in range(200):
        n = int(rng.integers(1, 120))
        starts = rng.integers(0, 3000, n)
        spans = np.stack([starts, starts + rng.integers(1, 400, n)], axis=1)
        column = rng.choice(np.linspace(0, 1, 15), n)  # ties too
        k, alternatives = int(rng.integers(1, 8)), int(rng.integers(0, 8))
        assert ranked_units(column, spans, k, alternatives) == _ranked_one_by_one(
            column, spans, k, alternatives
        )


def _fitted(seed: int = 0):  # type: ignore[no-untyped-def]
    sklearn = pytest.importorskip("sklearn.ensemble")
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(3000, len(FEATURES)))
    y = (x[:, 0] + 0.5 * x[:, 3] * x[:, 6] + rng.normal(scale=0.5, size=3000)) > 0.3
    model = sklearn.HistGradientBoostingClassifier(max_iter=30, max_leaf_nodes=7, random_state=0)
    model.fit(x, y)
    return model, x


def test_the_forest_scores_as_the_fitted_trees_do() -> None:
    model, x = _fitted()
    forest = Forest.from_sklearn(model)
    np.testing.assert_allclose(forest.probability(x), model.predict_proba(x)[:, 1], atol=1e-9)
    stored = Forest.from_arrays(forest.arrays("rerank"), "rerank")
    assert stored is not None
    np.testing.assert_allclose(stored.raw(x), forest.raw(x))
    assert Forest.from_arrays({}, "rerank") is None


def test_rescoring_keeps_unlisted_units_below_every_listed_place() -> None:
    model, _ = _fitted()
    forest = Forest.from_sklearn(model)
    rng = np.random.default_rng(3)
    n = 3 * PLACES + 10
    starts = np.arange(n) * 1000
    spans = np.stack([starts, starts + 500], axis=1)
    scores = rng.uniform(0.01, 0.99, size=(n, 3)).astype(np.float32)
    named = {k: np.zeros((n, 2)) for k in UNIT_FEATURES}
    out = rerank(scores, forest, [0, 2], spans, np.zeros((n, 2)), np.zeros((n, 2)), named)
    assert np.array_equal(out[:, 1], scores[:, 1])  # a type the forest does not know
    for t in (0, 2):
        listed = np.argsort(-scores[:, t])[:PLACES]  # no overlaps: the 20 best are the places
        rest = np.setdiff1d(np.arange(n), listed)
        assert out[rest, t].max() < out[listed, t].min()
        assert np.all(out[rest, t] <= scores[rest, t])


def test_the_forest_cannot_raise_a_place_far_above_its_first_stage_score() -> None:
    """A forest that takes every place for a clause (one leaf, probability 0.998) still leaves
    a place the first stage all but ruled out far under any threshold."""
    one_leaf = Forest(
        feature=np.zeros(1, np.int32),
        threshold=np.zeros(1),
        left=np.zeros(1, np.int32),
        right=np.zeros(1, np.int32),
        value=np.zeros(1),
        leaf=np.ones(1, bool),
        roots=np.zeros(1, np.int32),
        baseline=6.0,
    )
    n = 5
    spans = np.stack([np.arange(n) * 1000, np.arange(n) * 1000 + 500], axis=1)
    scores = np.array([[0.0009], [0.01], [0.3], [0.6], [0.9]], np.float32)
    named = {k: np.zeros((n, 1)) for k in UNIT_FEATURES}
    out = rerank(scores, one_leaf, [0], spans, np.zeros((n, 1)), np.zeros((n, 1)), named)
    z = np.log(scores[:, 0] / (1 - scores[:, 0]))
    expected = np.minimum(1 / (1 + np.exp(-6.0)), 1 / (1 + np.exp(-(z + MAX_LIFT))))
    np.testing.assert_allclose(out[:, 0], expected, rtol=1e-4)
    assert out[0, 0] < 0.02 and out[4, 0] > 0.99


def test_the_shipped_calibration_carries_both_rerankers_over_their_features() -> None:
    calibration = load_calibration(default_library())
    for forest in (calibration.reranker, calibration.reranker_bare):
        assert forest is not None
        inner = ~forest.leaf
        assert forest.feature[inner].max() < len(FEATURES)
        assert len(forest.roots) >= 50
    # the forest for the project's own types never saw the CUAD models' logits
    bare = calibration.reranker_bare
    assert bare is not None
    used = set(bare.feature[~bare.leaf].tolist())
    assert not used & {FEATURES.index("probe"), FEATURES.index("lexical")}


def test_own_types_and_cuad_types_are_both_rescored_and_still_found() -> None:
    from dataclasses import replace
    from pathlib import Path

    from clause_library.document import DocumentBuilder
    from clause_library.engine import Engine

    engine = Engine()
    first_stage = Engine(
        calibration=replace(engine.calibration, reranker=None, reranker_bare=None),
        embedder=engine.embedder,
    )
    builder = DocumentBuilder(Path("case.txt"), "txt")
    paragraphs = [
        "1. Governing Law. This Agreement is governed by the laws of the State of New York. "
        "The parties submit to the exclusive jurisdiction of the courts of New York County.",
        "2. Assignment. Neither party may assign or transfer this Agreement, by operation of "
        "law or otherwise, without the prior written consent of the other party.",
        "3. Notices. Notices must be in writing and delivered by hand or by courier.",
    ]
    for text in paragraphs:
        start, end = builder.append(text + "\n\n")
        builder.add_block("paragraph", start, end)
    document = builder.build(sha256="in-context")
    rescored, plain = engine.analyze(document), first_stage.analyze(document)
    for clause_id in ("governing_law", "anti_assignment"):  # the project's own, CUAD's
        t = rescored.type_index(clause_id)
        assert not np.allclose(rescored.scores[:, t], plain.scores[:, t]), clause_id
        assert rescored.scores[:, t].max() >= engine.calibration.threshold(clause_id), clause_id


def test_an_overlapping_type_is_no_rival_of_the_others() -> None:
    # type 2 reads one aspect of type 0's clauses: where it scores highest, type 0's places
    # are measured against type 1 alone, as if type 2 were not in the library
    spans, logits = _document()
    overlapping = np.c_[logits, logits[:, 0] + 1.0]
    n = len(spans)
    named = {name: np.zeros(n) for name in UNIT_FEATURES}
    named["is_clause"][0] = 1.0
    rivals = np.array([True, True, False])
    with_it = places_of(overlapping, 0, spans, np.zeros(n), np.zeros(n), named, rivals)
    without = _places(spans, logits)
    assert np.allclose(_column(with_it, "other_type_best"), _column(without, "other_type_best"))
    # ... while the overlapping type is measured against all the others
    own = places_of(overlapping, 2, spans, np.zeros(n), np.zeros(n), named, rivals)
    assert np.allclose(_column(own, "other_type_best"), logits[own.units].max(axis=1))
