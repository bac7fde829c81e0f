"""The shipped calibration fits the library and the embedder the product runs."""

from __future__ import annotations

import json
from importlib import resources

import numpy as np

from clause_library.embed import Embedder
from clause_library.library import default_library
from clause_library.match import FEATURES, Calibration, load_calibration, score


def _meta() -> dict:
    folder = resources.files("clause_library") / "data" / "model"
    return json.loads((folder / "weights.json").read_text(encoding="utf-8"))


def test_the_calibration_was_fitted_on_vectors_of_the_default_embedder() -> None:
    assert _meta()["model_id"] == Embedder().model_id


def test_the_shipped_calibration_loads_with_both_cuad_models() -> None:
    library = default_library()
    calibration = load_calibration(library)
    assert calibration.fitted and tuple(_meta()["features"]) == FEATURES
    # every type with a CUAD counterpart, the yes/no categories' and the clause categories'
    # (governing law, renewal term, notice to terminate renewal), has the fitted models
    assert set(calibration.probe_types) == {t.id for t in library if t.cuad_category}
    assert {"governing_law", "term_renewal", "notice_to_terminate_renewal"} <= set(
        calibration.probe_types
    )
    assert calibration.lexical is not None
    assert calibration.lexical.weights.shape[1] == len(calibration.probe_types)
    assert calibration.probe_layers[-1][0].shape[1] == len(calibration.probe_types)
    # every type with a CUAD counterpart has its threshold, bias and scale
    assert set(calibration.thresholds) == set(calibration.probe_types)
    assert set(calibration.type_bias) == set(calibration.type_scale) == set(calibration.probe_types)
    assert all(s > 0 for s in calibration.type_scale.values())


def test_a_type_scale_multiplies_the_weighted_features_before_the_bias() -> None:
    features = np.zeros((1, 2, len(FEATURES)), np.float32)
    features[0, :, 0] = 1.0  # the bias feature
    weights = np.zeros(len(FEATURES))
    weights[0] = 2.0
    calibration = Calibration(weights, type_bias={"b": -1.0}, type_scale={"b": 0.5})
    scores = score(features, calibration, ["a", "b"])
    logits = np.log(scores / (1 - scores))[0]
    assert np.allclose(logits, [2.0, 0.5 * 2.0 - 1.0], atol=1e-5)
