"""A second look at each clause type's best places, with the whole document in view.

The first-stage score (:func:`clause_library.match.score`) rates every unit on its own. A
reviewer going down the list of places found for one clause type reads them together: how far a
place trails the best one in the document, how many places come close, whether it only restates
a better place it overlaps (the sentence inside a listed clause), and whether the same words
read more like another type. This module turns those facts into
:data:`FEATURES` for the places the candidate list shows (the :data:`PLACES` best distinct units
of a type and as many overlapping alternatives) and scores them with a small forest of decision
trees.

The forest is fitted by ``benchmarks/fit_cuad.py`` on CUAD, for the types with a CUAD
counterpart, with a label that counts a place only when it finds a lawyer-labelled clause that
no better place of the same type has already found; so a restatement of a found clause is not
rewarded, and the score estimates what a reviewer gains by reading the place. Units outside the
list keep their first-stage score, capped below the lowest listed one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

#: what the forest reads of a place. Where a place lies is not among them: its position in the
#: document, its distance from the type's best place and the best score of its neighbours within
#: 1,500 characters moved the out-of-fold figures by less than a refit with other seeds does
#: (pooled AUPR 0.611 either way, precision at 80% recall 0.296 against 0.293, nested document
#: F1 0.746 against 0.747)
FEATURES = (
    "logit",
    "probe",
    "lexical",
    "alternative",
    "rank",
    "document_best",
    "behind_best",
    "close_places",
    "log_length",
    "overlap_lead",
    "parent_lead",
    "parent_length_ratio",
    "ex_max",
    "cue_any",
    "heading",
    "is_clause",
    "is_window",
    "other_type_best",
    "other_type_lead",
)

#: first-stage features of a unit (see :data:`clause_library.match.FEATURES`) the forest reads,
#: besides the CUAD models' logits
UNIT_FEATURES = ("ex_max", "cue_any", "heading", "is_clause", "is_window")

#: distinct places per type (and as many overlapping alternatives) the forest rescores
PLACES = 20
#: how far behind the document's best place a place still counts as close (in logits)
CLOSE = 2.0
#: how far the forest may raise a place above its first-stage score (in logits; a factor of
#: about 20 in odds). The forest reads a place among its document's other places, and a
#: document unlike those it was fitted on (a one-page draft of a dozen sentences, where every
#: place of a type is close to the best) must not turn a place the first stage all but ruled
#: out into a finding. On CUAD, out of fold, 1% to 2% of the places that match a labelled
#: clause were raised further, and capping the rise at 3 moved pooled AUPR and precision at 80%
#: recall by less than 0.002 (0.616 and 0.302 with, 0.616 and 0.301 without).
MAX_LIFT = 3.0


def logits_of(scores: np.ndarray) -> npt.NDArray[np.float64]:
    p = np.clip(scores.astype(np.float64), 1e-12, 1 - 1e-12)
    return np.log(p / (1 - p))


def ranked_units(
    column: np.ndarray, spans: np.ndarray, k: int, alternatives: int = 0
) -> list[tuple[int, bool]]:
    """The ``k`` best-scoring distinct places, skipping any unit that mostly overlaps (more
    than half of the shorter of the two) a better unit already chosen, then up to
    ``alternatives`` units among the next best that overlap a listed place, marked ``True``."""
    order, kept, others = _ranking(column, spans, k, alternatives)
    return [(int(order[i]), False) for i in kept] + [(int(order[i]), True) for i in others]


def _ranking(
    column: np.ndarray, spans: np.ndarray, k: int, alternatives: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`ranked_units` as positions in ``order``, the units it looked at, best first."""
    # a unit beyond this many is too far down to be listed in either part
    order = np.argsort(-column, kind="stable")[: 8 * (k + alternatives) + 16]
    starts, ends = spans[order, 0], spans[order, 1]
    lengths = ends - starts
    overlap = np.minimum(ends[:, None], ends[None, :]) - np.maximum(
        starts[:, None], starts[None, :]
    )
    # covered[i, j]: the better unit j covers unit i
    covered = (overlap > 0.5 * np.minimum(lengths[:, None], lengths[None, :])) & np.tri(
        len(order), k=-1, dtype=bool
    )
    # a unit is a distinct place unless a better distinct place covers it: settle the units
    # whose better coverers are all settled, until every unit is (each round settles at least
    # the first unsettled one)
    distinct = ~covered.any(axis=1)
    settled = distinct.copy()
    while not settled.all():
        ready = ~(covered & ~settled[None, :]).any(axis=1) & ~settled
        distinct[ready] = ~(covered[ready] & distinct[None, :]).any(axis=1)
        settled |= ready
    kept = np.flatnonzero(distinct)[:k]
    others = np.flatnonzero(covered[:, kept].any(axis=1) & ~distinct)[:alternatives]
    return order, kept, others


@dataclass(frozen=True)
class Places:
    """The listed places of one type: unit indices, whether each is an alternative, features."""

    units: npt.NDArray[np.int64]
    alternative: npt.NDArray[np.bool_]
    features: npt.NDArray[np.float64]


def places_of(
    logits: np.ndarray,
    t: int,
    spans: np.ndarray,
    probe: np.ndarray,
    lexical: np.ndarray,
    unit_features: dict[str, np.ndarray],
    rivals: np.ndarray | None = None,
) -> Places:
    """The listed places of type ``t`` and their :data:`FEATURES`.

    ``logits`` is ``(units, types)`` first-stage logits of the types the forest knows;
    ``probe``/``lexical`` the two CUAD models' logit features of type ``t`` per unit;
    ``unit_features`` per unit the named first-stage features of type ``t``; ``rivals`` marks
    the types another type's words may read more like (all, unless an overlapping type reads
    one aspect of the others' clauses).
    """
    z = logits[:, t]
    ahead, kept_at, others_at = _ranking(z, spans, PLACES, PLACES)
    units = ahead[np.concatenate([kept_at, others_at])].astype(np.int64)
    alternative = np.r_[np.zeros(len(kept_at), bool), np.ones(len(others_at), bool)]
    starts, ends = spans[:, 0].astype(np.float64), spans[:, 1].astype(np.float64)
    lengths = np.maximum(ends - starts, 1.0)
    kept = units[~alternative]
    best = float(z.max())
    close = float((z[kept] > best - CLOSE).sum())
    s, e = starts[units, None], ends[units, None]

    def overlapping(others: np.ndarray) -> np.ndarray:
        return (np.minimum(ends[others][None, :], e) - np.maximum(starts[others][None, :], s)) > 0

    # the best unit overlapping a place scores at least as high as the place, so it is among
    # the units the ranking looked at
    overlap_best = np.maximum(
        np.where(overlapping(ahead), z[ahead][None, :], -np.inf).max(axis=1), z[units]
    )
    # an alternative's parent: the best listed distinct place it overlaps (a place is its own)
    parent_overlaps = overlapping(kept)
    has_parent = parent_overlaps.any(axis=1) & alternative
    parent = np.where(has_parent, kept[np.argmax(parent_overlaps, axis=1)], units)
    rival = np.ones(logits.shape[1], bool) if rivals is None else rivals.copy()
    rival[t] = False
    others = logits[units][:, rival]
    other_best = others.max(axis=1) if others.shape[1] else np.full(len(units), -30.0)
    rank = np.where(alternative, np.arange(len(units)) - len(kept), np.arange(len(units)))
    zu = z[units]
    columns = {
        "logit": zu,
        "probe": probe[units],
        "lexical": lexical[units],
        "alternative": alternative.astype(np.float64),
        "rank": rank.astype(np.float64),
        "document_best": np.full(len(units), best),
        "behind_best": zu - best,
        "close_places": np.full(len(units), close),
        "log_length": np.log1p(lengths[units]),
        "overlap_lead": overlap_best - zu,
        "parent_lead": z[parent] - zu,
        "parent_length_ratio": np.log(lengths[units] / lengths[parent]),
        "other_type_best": other_best,
        "other_type_lead": zu - other_best,
    }
    for name in UNIT_FEATURES:
        columns[name] = unit_features[name][units].astype(np.float64)
    return Places(units, alternative, np.stack([columns[f] for f in FEATURES], axis=1))


@dataclass(frozen=True)
class Forest:
    """Gradient-boosted decision trees, flattened: node ``i`` of the forest splits on
    ``feature[i]`` at ``threshold[i]`` (go to ``left[i]`` when the value is not above it, else
    ``right[i]``; both absolute node indices) unless it is a leaf with ``value[i]``. ``roots``
    holds each tree's first node; the raw score is ``baseline`` plus one leaf value per tree."""

    feature: npt.NDArray[np.int32]
    threshold: npt.NDArray[np.float64]
    left: npt.NDArray[np.int32]
    right: npt.NDArray[np.int32]
    value: npt.NDArray[np.float64]
    leaf: npt.NDArray[np.bool_]
    roots: npt.NDArray[np.int32]
    baseline: float

    def raw(self, x: np.ndarray) -> npt.NDArray[np.float64]:
        """Raw (logit) scores of the rows of ``x``."""
        trees = len(self.roots)
        flat = np.ascontiguousarray(x, dtype=np.float64).ravel()
        width = x.shape[1]
        node = np.tile(self.roots, len(x))  # (row, tree) pairs, row-major
        active = np.arange(node.size)
        while active.size:
            current = node[active]
            inner = ~self.leaf[current]
            active, current = active[inner], current[inner]
            values = flat[(active // trees) * width + self.feature[current]]
            node[active] = np.where(
                values <= self.threshold[current], self.left[current], self.right[current]
            )
        return self.baseline + self.value[node].reshape(len(x), trees).sum(axis=1)

    def probability(self, x: np.ndarray) -> npt.NDArray[np.float64]:
        return 1.0 / (1.0 + np.exp(-np.clip(self.raw(x), -30, 30)))

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        """The forest as named arrays (for an .npz file)."""
        return {
            f"{prefix}_feature": self.feature,
            f"{prefix}_threshold": self.threshold,
            f"{prefix}_left": self.left,
            f"{prefix}_right": self.right,
            f"{prefix}_value": self.value,
            f"{prefix}_leaf": self.leaf,
            f"{prefix}_roots": self.roots,
            f"{prefix}_baseline": np.array([self.baseline]),
        }

    @classmethod
    def from_sklearn(cls, model: object) -> Forest:
        """The trees of a fitted binary ``sklearn`` ``HistGradientBoostingClassifier`` with
        numeric features only (used by the fitting script; sklearn is not needed to score)."""
        parts: dict[str, list[np.ndarray]] = {k: [] for k in ("f", "t", "l", "r", "v", "leaf")}
        roots: list[int] = []
        offset = 0
        for (tree,) in model._predictors:  # type: ignore[attr-defined]
            nodes = tree.nodes
            roots.append(offset)
            parts["f"].append(nodes["feature_idx"])
            parts["t"].append(nodes["num_threshold"])
            parts["l"].append(nodes["left"] + offset)
            parts["r"].append(nodes["right"] + offset)
            parts["v"].append(nodes["value"])
            parts["leaf"].append(nodes["is_leaf"].astype(bool))
            offset += len(nodes)
        return cls(
            feature=np.concatenate(parts["f"]).astype(np.int32),
            threshold=np.concatenate(parts["t"]).astype(np.float64),
            left=np.concatenate(parts["l"]).astype(np.int32),
            right=np.concatenate(parts["r"]).astype(np.int32),
            value=np.concatenate(parts["v"]).astype(np.float64),
            leaf=np.concatenate(parts["leaf"]),
            roots=np.array(roots, np.int32),
            baseline=float(np.ravel(model._baseline_prediction)[0]),  # type: ignore[attr-defined]
        )

    @classmethod
    def from_arrays(cls, arrays: object, prefix: str) -> Forest | None:
        """The forest stored by :meth:`arrays`, or None when ``arrays`` holds none."""
        if f"{prefix}_roots" not in arrays:  # type: ignore[operator]
            return None

        def get(name: str) -> np.ndarray:
            return np.asarray(arrays[f"{prefix}_{name}"])  # type: ignore[index]

        return cls(
            feature=get("feature").astype(np.int32),
            threshold=get("threshold").astype(np.float64),
            left=get("left").astype(np.int32),
            right=get("right").astype(np.int32),
            value=get("value").astype(np.float64),
            leaf=get("leaf").astype(bool),
            roots=get("roots").astype(np.int32),
            baseline=float(get("baseline")[0]),
        )


def rerank(
    scores: np.ndarray,
    forest: Forest,
    columns: list[int],
    spans: np.ndarray,
    probe: np.ndarray,
    lexical: np.ndarray,
    unit_features: dict[str, np.ndarray],
    rivals: np.ndarray | None = None,
) -> npt.NDArray[np.float32]:
    """``scores`` with the columns ``columns`` (the types the forest knows) rescored.
    ``rivals`` (per column) is passed to :func:`places_of`.

    ``probe``/``lexical`` are ``(units, len(columns))``; ``unit_features`` maps a first-stage
    feature name to ``(units, len(columns))``. Listed places get the forest's score; every other
    unit keeps its first-stage score, capped below the lowest listed place of its type.
    """
    out = scores.astype(np.float32, copy=True)
    if len(scores) == 0 or not columns:
        return out
    logits = logits_of(scores[:, columns])
    listed = [
        places_of(
            logits,
            j,
            spans,
            probe[:, j],
            lexical[:, j],
            {name: values[:, j] for name, values in unit_features.items()},
            rivals,
        )
        for j in range(len(columns))
    ]
    # one pass of the trees over every type's places, each held within MAX_LIFT of where the
    # first stage put it
    first = np.concatenate([logits[p.units, j] for j, p in enumerate(listed)])
    ceiling = 1.0 / (1.0 + np.exp(-(first + MAX_LIFT)))
    new = np.minimum(
        forest.probability(np.concatenate([p.features for p in listed])), ceiling
    ).astype(np.float32)
    bounds = np.cumsum([0] + [len(p.units) for p in listed])
    for j, (t, places) in enumerate(zip(columns, listed, strict=True)):
        mine = new[bounds[j] : bounds[j + 1]]
        floor = np.nextafter(np.float32(mine.min()), np.float32(0.0))
        column = np.minimum(out[:, t], floor)
        column[places.units] = mine
        out[:, t] = column
    return out
