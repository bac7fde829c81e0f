"""Fit the matcher's calibration on the CUAD development split.

    python benchmarks/fit_cuad.py --data ../shared/cuad-dev [--cache /tmp/cuad-cache] [--write]

What is fitted (and nothing else — no CUAD text is stored):
1. for each clause type with a CUAD counterpart, a linear probe on the unit embeddings
   (L2-regularised logistic regression; label: the unit lies inside a lawyer-labelled clause);
2. one logistic calibration shared by all types over the matcher's features (exemplar and
   counter-exemplar similarity, cues, headings, granularity, and the probe's out-of-fold logit),
   with a small per-type bias (label: the unit matches a labelled clause by CUAD's rule, word
   Jaccard >= 0.5);
3. a threshold per type that maximises document-level F1.

Steps 2 and 3 see only out-of-fold probe logits (5 folds by contract), so the cross-validated
scores printed at the end estimate what a held-out split will show. ``--write`` stores the
result in ``clause_library/data/model/weights.npz`` and ``weights.json``.

CUAD: The Atticus Project, CC BY 4.0; Hendrycks et al., "CUAD: An Expert-Annotated NLP Dataset
for Legal Contract Review", NeurIPS 2021.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _cuad import YES_NO_CATEGORIES, NpzCache, contracts

from clause_library.embed import Embedder
from clause_library.ingest import load
from clause_library.library import load_library
from clause_library.match import (
    FEATURES,
    build_units,
    compute_features,
    hand_calibration,
    top_units,
    type_index,
    unit_vectors,
)
from clause_library.segment import segment

MODEL_DIR = Path(__file__).resolve().parents[1] / "clause_library" / "data" / "model"
FOLDS = 5


def words(text: str) -> set[str]:
    """CUAD's word normalisation (as in its evaluate script and ../shared/tools/cuad_score.py)."""
    text = text.lower()
    for ch in ".,;:":
        text = text.replace(ch, "")
    return set(text.replace("/", " ").split())


def jaccard(a: set[str], b: set[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


@dataclass
class ContractData:
    id: str
    unit_texts: list[str]
    spans: np.ndarray  # (units, 2) start, end
    vectors: np.ndarray  # (units, dim)
    features: np.ndarray  # (units, cuad types, features)
    match: np.ndarray  # (units, cuad types) bool: Jaccard >= 0.5 with a labelled clause
    inside: np.ndarray  # (units, cuad types) bool: the unit lies inside a labelled clause
    gold: dict[int, int]  # cuad type index -> number of labelled clauses


def prepare(
    data: Path, cache_dir: Path, limit: int | None
) -> tuple[list[ContractData], list[str], list[str]]:
    library = load_library()
    cache = NpzCache(cache_dir)
    embedder = Embedder(cache=cache)
    index = type_index(library, embedder)
    ids = [t.id for t in library.types]
    cuad_types = [t.id for t in library.types if t.cuad_category in YES_NO_CATEGORIES]
    cuad_cols = [ids.index(t) for t in cuad_types]
    categories = [library.get(t).cuad_category or "" for t in cuad_types]
    out: list[ContractData] = []
    started = time.time()
    for n, contract in enumerate(contracts(data, limit)):
        document = load(contract.txt)
        segmentation = segment(document)
        units, sentence_texts = build_units(segmentation)
        sentence_vectors = embedder.embed(sentence_texts)
        feats, _ = compute_features(
            segmentation, units, sentence_vectors, index, hand_calibration()
        )
        text = document.text
        unit_texts = [text[u.start : u.end] for u in units]
        unit_words = [words(t) for t in unit_texts]
        match = np.zeros((len(units), len(cuad_types)), bool)
        inside = np.zeros((len(units), len(cuad_types)), bool)
        gold: dict[int, int] = {}
        for c, category in enumerate(categories):
            spans = contract.labels.get(category, [])
            gold[c] = len(spans)
            for span in spans:
                span_words = words(span["text"])
                start, end = span.get("start"), span.get("end")
                for u, unit in enumerate(units):
                    if jaccard(unit_words[u], span_words) >= 0.5:
                        match[u, c] = True
                    if start is not None and end is not None:
                        overlap = min(unit.end, end) - max(unit.start, start)
                        if overlap > 0.6 * (unit.end - unit.start):
                            inside[u, c] = True
                    elif unit_words[u] and len(unit_words[u] & span_words) >= 0.8 * len(
                        unit_words[u]
                    ):
                        inside[u, c] = True
        out.append(
            ContractData(
                contract.id,
                unit_texts,
                np.array([(u.start, u.end) for u in units]),
                unit_vectors(units, sentence_vectors),
                feats[:, cuad_cols, :],
                match,
                inside,
                gold,
            )
        )
        if n % 20 == 19:
            cache.save()
            print(f"  prepared {n + 1} contracts ({time.time() - started:.0f} s)", flush=True)
    cache.save()
    return out, cuad_types, categories


def fit_probe(x: np.ndarray, y: np.ndarray, c: float = 1.0):  # type: ignore[no-untyped-def]
    """Logistic probe on all positives and a sample of negatives (the rest add little)."""
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(11)
    pos = np.flatnonzero(y)
    neg = np.flatnonzero(~y)
    if len(neg) > 30 * max(len(pos), 1000):
        neg = rng.choice(neg, 30 * max(len(pos), 1000), replace=False)
    rows = np.concatenate([pos, neg])
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=300)
    model.fit(x[rows], y[rows])
    return model


def probe_logits(
    contracts_data: list[ContractData], n_types: int, folds: int
) -> tuple[list[np.ndarray], np.ndarray, np.ndarray]:
    """Out-of-fold probe logits per contract, and the probes fitted on everything."""
    fold_of = np.arange(len(contracts_data)) % folds
    oof = [np.zeros((len(c.unit_texts), n_types), np.float32) for c in contracts_data]
    dim = contracts_data[0].vectors.shape[1]
    final_w = np.zeros((n_types, dim), np.float32)
    final_b = np.zeros(n_types, np.float32)
    for t in range(n_types):
        xs = [c.vectors for c in contracts_data]
        ys = [c.inside[:, t] | c.match[:, t] for c in contracts_data]
        if sum(int(y.sum()) for y in ys) < 5:
            final_b[t] = -10.0
            for o in oof:
                o[:, t] = -10.0
            continue
        for f in range(folds):
            train = [i for i in range(len(contracts_data)) if fold_of[i] != f]
            x = np.concatenate([xs[i] for i in train])
            y = np.concatenate([ys[i] for i in train])
            if y.sum() < 2:
                for i in range(len(contracts_data)):
                    if fold_of[i] == f:
                        oof[i][:, t] = -10.0
                continue
            model = fit_probe(x, y)
            for i in range(len(contracts_data)):
                if fold_of[i] == f:
                    oof[i][:, t] = model.decision_function(xs[i])
        model = fit_probe(np.concatenate(xs), np.concatenate(ys))
        final_w[t] = model.coef_[0]
        final_b[t] = model.intercept_[0]
    return oof, final_w, final_b


def stage_two_rows(
    contracts_data: list[ContractData], oof: list[np.ndarray], rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Feature rows (with probe logits filled in), labels and type index; negatives subsampled."""
    xs, ys, ts = [], [], []
    p_col, hp_col = FEATURES.index("probe"), FEATURES.index("has_probe")
    for c, logits in zip(contracts_data, oof, strict=True):
        feats = c.features.copy()
        feats[:, :, p_col] = np.clip(logits, -10, 10) / 5.0
        feats[:, :, hp_col] = 1.0
        y = c.match
        keep = y | (rng.random(y.shape) < 0.15) | (feats[:, :, FEATURES.index("ex_max")] > 0.45)
        uu, tt = np.nonzero(keep)
        rows = feats[uu, tt]
        # the same rows without the probe teach the model to score types that have no probe
        # (the project's own types with no CUAD counterpart, or a user's)
        bare = rows.copy()
        bare[:, p_col] = 0.0
        bare[:, hp_col] = 0.0
        xs += [rows, bare]
        ys += [y[uu, tt], y[uu, tt]]
        ts += [tt, np.full_like(tt, -1)]
    return np.concatenate(xs), np.concatenate(ys), np.concatenate(ts)


def fit_stage_two(
    x: np.ndarray, y: np.ndarray, t: np.ndarray, n_types: int
) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.linear_model import LogisticRegression

    onehot = np.zeros((len(t), n_types), np.float32)
    with_type = t >= 0
    onehot[np.flatnonzero(with_type), t[with_type]] = 1.0
    design = np.concatenate([x[:, 1:], onehot], axis=1)  # intercept fitted by the model
    model = LogisticRegression(C=0.5, max_iter=2000)
    model.fit(design, y)
    coef = model.coef_[0]
    weights = np.concatenate([[model.intercept_[0]], coef[: x.shape[1] - 1]])
    type_bias = coef[x.shape[1] - 1 :]
    return weights, type_bias


def scores_for(
    c: ContractData, logits: np.ndarray | None, weights: np.ndarray, type_bias: np.ndarray
) -> np.ndarray:
    """Scores as the product computes them; ``logits=None`` scores as a type without a probe."""
    feats = c.features.copy()
    if logits is not None:
        feats[:, :, FEATURES.index("probe")] = np.clip(logits, -10, 10) / 5.0
        feats[:, :, FEATURES.index("has_probe")] = 1.0
    else:
        type_bias = np.zeros_like(type_bias)
    z = feats.astype(np.float64) @ weights + type_bias[None, :]
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def choose_thresholds(
    contracts_data: list[ContractData], scores: list[np.ndarray], n_types: int
) -> np.ndarray:
    """Per type, the score threshold that maximises document-level presence F1."""
    grid = np.linspace(0.05, 0.95, 91)
    best = np.full(n_types, 0.5)
    for t in range(n_types):
        top = np.array([s[:, t].max() if len(s) else 0.0 for s in scores])
        has = np.array([c.gold.get(t, 0) > 0 for c in contracts_data])
        best_f1 = -1.0
        for th in grid:
            pred = top >= th
            tp = int((pred & has).sum())
            fp = int((pred & ~has).sum())
            fn = int((~pred & has).sum())
            f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
            if f1 > best_f1:
                best_f1, best[t] = f1, th
    return best


def write_predictions(
    contracts_data: list[ContractData],
    scores: list[np.ndarray],
    thresholds: np.ndarray,
    categories: list[str],
    path: Path,
    k: int,
) -> None:
    """Predictions in the format of ../shared/tools/cuad_score.py: the ``k`` best units per
    category, skipping a unit that mostly overlaps a better one already listed."""
    with open(path, "w", encoding="utf-8") as handle:
        for c, score in zip(contracts_data, scores, strict=True):
            predictions = []
            for t, category in enumerate(categories):
                kept = top_units(score[:, t], c.spans, k)
                for u in kept:
                    predictions.append(
                        {
                            "category": category,
                            "text": c.unit_texts[u],
                            "score": float(score[u, t]),
                            "flagged": bool(score[u, t] >= thresholds[t]),
                        }
                    )
            handle.write(json.dumps({"id": c.id, "predictions": predictions}) + "\n")


def run_scorer(data: Path, predictions: Path) -> dict[str, float]:
    import subprocess

    scorer = data.resolve().parent / "tools" / "cuad_score.py"
    out = predictions.with_suffix(".scores.json")
    result = subprocess.run(
        [
            sys.executable,
            str(scorer),
            str(data / "labels.jsonl"),
            str(predictions),
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    print(result.stdout)
    return json.loads(out.read_text())["summary"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/cuad-cache"))
    parser.add_argument("--limit", type=int)
    parser.add_argument("--top", type=int, default=10, help="candidates per category and contract")
    parser.add_argument("--write", action="store_true", help="store the fitted calibration")
    args = parser.parse_args()
    rng = np.random.default_rng(7)
    started = time.time()
    contracts_data, cuad_types, categories = prepare(args.data, args.cache, args.limit)
    n_types = len(cuad_types)
    print(f"prepared {len(contracts_data)} contracts in {time.time() - started:.0f} s")
    oof, probe_w, probe_b = probe_logits(contracts_data, n_types, FOLDS)
    print(f"probes fitted ({time.time() - started:.0f} s)")
    x, y, t = stage_two_rows(contracts_data, oof, rng)
    weights, type_bias = fit_stage_two(x, y, t, n_types)
    scores = [
        scores_for(c, o, weights, type_bias) for c, o in zip(contracts_data, oof, strict=True)
    ]
    thresholds = choose_thresholds(contracts_data, scores, n_types)
    bare_scores = [scores_for(c, None, weights, type_bias) for c in contracts_data]
    bare_thresholds = choose_thresholds(contracts_data, bare_scores, n_types)
    default_threshold = float(np.median(bare_thresholds))
    print(f"threshold for types without a probe: {default_threshold:.2f}")
    bare_predictions = args.cache / "oof_predictions_no_probe.jsonl"
    write_predictions(
        contracts_data,
        bare_scores,
        np.full(n_types, default_threshold),
        categories,
        bare_predictions,
        args.top,
    )
    print("without probes (how the project's own types are scored):")
    run_scorer(args.data, bare_predictions)
    print("weights:", dict(zip(FEATURES, np.round(weights, 2).tolist(), strict=True)))
    predictions = args.cache / "oof_predictions.jsonl"
    write_predictions(contracts_data, scores, thresholds, categories, predictions, args.top)
    summary = run_scorer(args.data, predictions)
    print("cross-validated (out-of-fold) on the dev split:", json.dumps(summary))
    if args.write:
        MODEL_DIR.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            MODEL_DIR / "weights.npz",
            weights=weights.astype(np.float64),
            probe_weights=probe_w.astype(np.float16).astype(np.float32),
            probe_bias=probe_b,
        )
        library = load_library()
        meta = {
            "features": list(FEATURES),
            "probe_types": cuad_types,
            "type_bias": dict(zip(cuad_types, np.round(type_bias, 4).tolist(), strict=True)),
            "thresholds": dict(zip(cuad_types, np.round(thresholds, 3).tolist(), strict=True)),
            "default_threshold": round(default_threshold, 3),
            "library_version": library.version,
            "fitted": datetime.now(UTC).isoformat(timespec="seconds"),
            "contracts": len(contracts_data),
            "source": "Fitted by benchmarks/fit_cuad.py on the CUAD development split "
            "(The Atticus Project, CC BY 4.0). Holds weights only, no CUAD text.",
        }
        (MODEL_DIR / "weights.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_DIR / 'weights.npz'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
