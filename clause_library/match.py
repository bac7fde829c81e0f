"""Score every part of a document against every clause type, lexically and semantically.

Scoring units are sentences, whole clauses, and runs of two sentences inside a clause, so a
clause type is found whether the drafter put it in one sentence or spread it over a paragraph.
Only sentences are embedded (each distinct text once); a clause or a run is represented by the
normalised mean of its sentences' vectors, which costs nothing more.

For each unit and clause type the matcher computes features — similarity to the type's
exemplars and counter-exemplars, how far ahead of the other types it is, the type's lexical cues
(with the required cues of the definitions of the terms it uses), its heading cues against the
heading path and defined terms, and, for types with a CUAD
counterpart, two models fitted on CUAD: a small network over the unit's, its clause's and its
heading's vectors, and a linear model over its word n-grams (:mod:`clause_library.lexical`) —
and turns them into a calibrated score in [0, 1]
with a logistic model. Each type has its own threshold. The weights live in
``clause_library/data/model/weights.npz`` and are fitted by ``benchmarks/fit_cuad.py``; without
that file a hand-set calibration is used.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from itertools import pairwise
from typing import Literal, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from clause_library.cues import Cue, search_all
from clause_library.document import Document
from clause_library.embed import Embedder, normalise_text, text_key
from clause_library.lexical import LexicalModel
from clause_library.library import Library, compile_pattern
from clause_library.paths import user_cache_dir
from clause_library.rerank import UNIT_FEATURES, Forest, ranked_units, rerank
from clause_library.segment import Segmentation, segment

UnitKind = Literal["sentence", "clause", "window"]

FEATURES = (
    "bias",
    "ex_max",
    "ex_top3",
    "cx_max",
    "ex_margin",
    "rank_gap",
    "cue_any",
    "cue_count",
    "required_missing",
    "heading",
    "is_clause",
    "is_window",
    "log_length",
    "probe",
    "lexical",
    "has_probe",
)

#: The CUAD models' logits enter the features clipped to [-10, 10] and divided by this.
LOGIT_SCALE = 5.0


def logit_feature(logits: np.ndarray) -> np.ndarray:
    """A model's logits as the ``probe`` or ``lexical`` feature."""
    return np.clip(logits, -10, 10) / LOGIT_SCALE


#: Progress callback: (stage name, done, total).
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Unit:
    """A scored stretch of the document: a sentence, a clause, or two sentences of a clause."""

    kind: UnitKind
    start: int
    end: int
    clause: str
    heading_path: tuple[str, ...]
    sentences: tuple[int, ...]


@dataclass(frozen=True)
class Calibration:
    """Weights of the logistic scorer, per-type thresholds and optional CUAD probes."""

    weights: npt.NDArray[np.float64]
    type_bias: dict[str, float] = field(default_factory=dict)
    #: per type, a factor on the weighted features (before its bias), so that scores of
    #: different types rank alike across types
    type_scale: dict[str, float] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=dict)
    default_threshold: float = 0.5
    probe_types: tuple[str, ...] = ()
    #: the probe's layers as (weights, bias) pairs; ReLU between layers, logits out
    probe_layers: tuple[tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]], ...] = ()
    #: word n-gram model over the same types as the probe
    lexical: LexicalModel | None = None
    #: second look at the probe types' best places in the context of the document
    reranker: Forest | None = None
    #: the same for the other types (fitted without the CUAD models' logits)
    reranker_bare: Forest | None = None
    fitted: bool = False

    def probe_logits(self, inputs: np.ndarray) -> np.ndarray:
        """Logits ``(units, len(probe_types))`` of the CUAD probe for :func:`probe_inputs`."""
        h = inputs
        for i, (weights, bias) in enumerate(self.probe_layers):
            h = h @ weights + bias
            if i < len(self.probe_layers) - 1:
                h = np.maximum(h, 0.0)
        return h

    def threshold(self, clause_id: str) -> float:
        return self.thresholds.get(clause_id, self.default_threshold)


def hand_calibration() -> Calibration:
    """A calibration that reads sensibly before any fitting: similarity first, cues help."""
    w = dict.fromkeys(FEATURES, 0.0)
    w.update(
        bias=-9.5,
        ex_max=11.0,
        ex_top3=3.0,
        cx_max=-3.0,
        ex_margin=4.0,
        rank_gap=3.0,
        cue_any=1.2,
        cue_count=1.0,
        required_missing=-5.0,
        heading=1.5,
        is_clause=-0.2,
        is_window=-0.3,
    )
    return Calibration(np.array([w[f] for f in FEATURES]))


def load_calibration(library: Library) -> Calibration:
    """The fitted calibration shipped with the engine, or the hand-set one."""
    folder = resources.files("clause_library") / "data" / "model"
    weights_file = folder / "weights.npz"
    meta_file = folder / "weights.json"
    if not weights_file.is_file() or not meta_file.is_file():
        return hand_calibration()
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    if tuple(meta.get("features", ())) != FEATURES:
        return hand_calibration()
    lexical = None
    with weights_file.open("rb") as handle, np.load(handle) as npz:
        weights = npz["weights"].astype(np.float64)
        reranker = Forest.from_arrays(npz, "rerank")
        reranker_bare = Forest.from_arrays(npz, "rerank_bare")
        if "lexical_w" in npz:
            lexical = LexicalModel(
                npz["lexical_w"].astype(np.float32),
                npz["lexical_b"].astype(np.float32),
                int(meta.get("lexical_ngram", 2)),
            )
        layers: list[tuple[np.ndarray, np.ndarray]] = []
        while f"probe_w{len(layers)}" in npz:
            i = len(layers)
            layers.append(
                (npz[f"probe_w{i}"].astype(np.float32), npz[f"probe_b{i}"].astype(np.float32))
            )
    probe_types = tuple(meta.get("probe_types", ()))
    return Calibration(
        weights=weights,
        type_bias={k: float(v) for k, v in meta.get("type_bias", {}).items() if k in library},
        type_scale={k: float(v) for k, v in meta.get("type_scale", {}).items() if k in library},
        thresholds={k: float(v) for k, v in meta.get("thresholds", {}).items()},
        default_threshold=float(meta.get("default_threshold", 0.5)),
        probe_types=probe_types,
        probe_layers=tuple(layers),
        lexical=lexical,
        reranker=reranker,
        reranker_bare=reranker_bare,
        fitted=True,
    )


@dataclass(frozen=True)
class Analysis:
    """Everything the matcher computed for one document, independent of the playbook.

    ``scores[u, t]`` is the calibrated score of unit ``u`` for ``library.types[t]``;
    ``features[u, t]`` the raw features behind it (see :data:`FEATURES`).
    """

    document: Document
    segmentation: Segmentation
    library: Library
    units: tuple[Unit, ...]
    scores: npt.NDArray[np.float32] = field(repr=False, compare=False)
    features: npt.NDArray[np.float32] = field(repr=False, compare=False)
    nearest: npt.NDArray[np.int32] = field(repr=False, compare=False)
    calibration: Calibration = field(repr=False, compare=False)
    model_id: str = ""

    def unit_text(self, unit: Unit) -> str:
        return self.document.text[unit.start : unit.end]

    def type_index(self, clause_id: str) -> int:
        for i, clause_type in enumerate(self.library.types):
            if clause_type.id == clause_id:
                return i
        raise KeyError(clause_id)


def build_units(segmentation: Segmentation) -> tuple[list[Unit], list[str]]:
    """Scoring units and the sentence texts to embed (units refer to sentences by index)."""
    by_clause: dict[str, list[int]] = {}
    for i, sentence in enumerate(segmentation.sentences):
        by_clause.setdefault(sentence.parent or "", []).append(i)
    units: list[Unit] = []
    sentences = segmentation.sentences
    for clause in segmentation.clauses:
        members = by_clause.get(clause.id, [])
        path = clause.heading_path
        for i in members:
            s = sentences[i]
            units.append(Unit("sentence", s.start, s.end, clause.id, path, (i,)))
        if len(members) > 1:
            units.append(Unit("clause", clause.start, clause.end, clause.id, path, tuple(members)))
        if len(members) > 2:
            for a, b in pairwise(members):
                units.append(
                    Unit("window", sentences[a].start, sentences[b].end, clause.id, path, (a, b))
                )
    return units, [s.text for s in sentences]


class _TypeIndex:
    """Per-library precomputation: exemplar vectors grouped by type and compiled cues."""

    def __init__(self, library: Library, embedder: Embedder) -> None:
        self.library = library
        self.types = library.types
        owner = [t for t, clause_type in enumerate(self.types) for _ in clause_type.exemplars]
        counter_owner = [
            t for t, clause_type in enumerate(self.types) for _ in clause_type.counter_exemplars
        ]
        texts = library_vector_texts(library)
        self.exemplar_texts = texts[: len(owner)]
        self.exemplar_owner = np.array(owner, dtype=np.int32)
        vectors = _library_vectors(library, embedder, texts)
        self.exemplars = vectors[: len(owner)]
        self.counters = vectors[len(owner) :]
        self.counter_owner = np.array(counter_owner, dtype=np.int32)
        self.cues = [
            [(name, Cue.of(compile_pattern(pattern))) for name, pattern in clause_type.cues.items()]
            for clause_type in self.types
        ]
        # per type, the bits of its cue masks (bit i: its i-th cue) that are required cues and
        # excluding cues; with ``strict_required``, a unit with no required cue is held like one
        # that matches an excluding cue
        self.required_bits = self._bits([t.required_cues for t in self.types])
        self.excluding_bits = self._bits([t.excluding_cues for t in self.types])
        strict = np.array([t.strict_required for t in self.types], bool)
        self.strict_bits = np.where(strict, self.required_bits, 0)
        # the types that count as rivals when a type's lead over the others is measured
        self.rivals = np.array([not t.overlapping for t in self.types], bool)
        # named by their pattern, as the cues are by their name
        self.headings = [
            [(p, Cue.of(compile_pattern(p))) for p in clause_type.heading_cues]
            for clause_type in self.types
        ]

    def _bits(self, names: Sequence[Sequence[str]]) -> npt.NDArray[np.int64]:
        """Per type, the mask bits of the cues named in ``names[type]``."""
        return np.array(
            [
                sum(1 << bit for bit, cue in enumerate(t.cues) if cue in named)
                for t, named in zip(self.types, names, strict=True)
            ],
            np.int64,
        )


def library_vector_texts(library: Library) -> list[str]:
    """What the library embeds: every type's exemplars, then every type's counter-exemplars."""
    exemplars = [text for clause_type in library.types for text in clause_type.exemplars]
    counters = [text for clause_type in library.types for text in clause_type.counter_exemplars]
    return exemplars + counters


#: the library's exemplar vectors for the bundled model, shipped with the package
#: (written by ``scripts/library_vectors.py``)
PACKAGED_LIBRARY_VECTORS = "library_vectors.npz"


def library_texts_key(texts: Sequence[str]) -> str:
    """Identifies the exemplar texts a set of library vectors was computed from."""
    return text_key("\x00".join(texts))


def packaged_library_vectors(embedder: Embedder, texts: Sequence[str]) -> np.ndarray | None:
    """The shipped vectors of ``texts``, if they were computed from exactly these texts by the
    model and settings ``embedder`` uses (the bundled model only); else None."""
    if embedder.model_path is not None:
        return None
    try:
        source = resources.files("clause_library") / "data" / "model" / PACKAGED_LIBRARY_VECTORS
        with source.open("rb") as handle, np.load(handle) as stored:
            computed_from = (str(stored["model_id"]), str(stored["texts_key"]))
            if computed_from != (embedder.model_id, library_texts_key(texts)):
                return None
            vectors = np.asarray(stored["vectors"], np.float32)
    except (OSError, ValueError, KeyError):
        return None
    return vectors if vectors.shape[0] == len(texts) else None


def _library_vectors(library: Library, embedder: Embedder, texts: list[str]) -> np.ndarray:
    """Vectors of the library's exemplars: shipped with the package for the bundled model, and
    otherwise embedded once and kept on disk per library version and model, so that a process
    does not embed a thousand exemplars before its first review."""
    packaged = packaged_library_vectors(embedder, texts)
    if packaged is not None:
        return packaged
    name = f"library-{library.version}-{embedder.model_id}.npy".replace("/", "_")
    path = user_cache_dir() / name
    try:
        vectors = np.load(path)
        if vectors.shape[0] == len(texts):
            return vectors.astype(np.float32, copy=False)
    except (OSError, ValueError):
        pass
    vectors = embedder.embed(texts)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.npy")
        np.save(tmp, vectors)
        tmp.replace(path)
    except OSError:
        pass  # a read-only cache only costs time
    return vectors


_INDEX_CACHE: dict[tuple[str, str], _TypeIndex] = {}
_INDEX_LOCK = threading.Lock()


def type_index(library: Library, embedder: Embedder) -> _TypeIndex:
    """The library's index for the embedder's model, built once per process: a second thread
    asking while the first builds it waits for that one rather than building its own."""
    key = (library.version, embedder.model_id)
    index = _INDEX_CACHE.get(key)
    if index is None:
        with _INDEX_LOCK:
            index = _INDEX_CACHE.get(key)
            if index is None:
                index = _INDEX_CACHE[key] = _TypeIndex(library, embedder)
    return index


@runtime_checkable
class CueMaskCache(Protocol):
    """Persistent store of cue bit masks keyed by library version and text hash (the review
    database's embedding cache also implements this)."""

    def get_masks(self, library_version: str, keys: Sequence[str]) -> dict[str, np.ndarray]: ...

    def put_masks(self, library_version: str, items: dict[str, np.ndarray]) -> None: ...


#: prefix of the cache key of a heading path's heading-cue masks (a heading may also be a
#: sentence, whose masks are of the other cues)
_HEADING_KEY = "\x00heading\x00"


def _cue_masks(
    index: _TypeIndex,
    texts: list[str],
    cache: CueMaskCache | None = None,
    *,
    headings: bool = False,
) -> np.ndarray:
    """``(texts, types)`` bit masks of the cues of each type that match each text (with
    ``headings``, of each type's heading cues; the cache keeps the two kinds apart)."""
    m = len(index.types)
    cues = index.headings if headings else index.cues
    masks = np.zeros((len(texts), m), np.int64)
    keys = (
        [text_key(_HEADING_KEY + t if headings else t) for t in texts] if cache is not None else []
    )
    stored = cache.get_masks(index.library.version, keys) if cache is not None else {}
    todo: list[int] = []
    for i in range(len(texts)):
        row = stored.get(keys[i]) if keys else None
        if row is not None and row.shape == (m,):
            masks[i] = row
        else:
            todo.append(i)
    if todo:
        flat = [(t, b, cue) for t, named in enumerate(cues) for b, (_, cue) in enumerate(named)]
        hits = search_all([cue for _, _, cue in flat], [texts[i] for i in todo])
        rows = np.array(todo)
        for (t, bit, _), found in zip(flat, hits, strict=True):
            if found:
                masks[rows[found], t] |= 1 << bit
        if cache is not None:
            cache.put_masks(index.library.version, {keys[i]: masks[i] for i in todo})
    return masks


def unit_cue_masks(
    index: _TypeIndex,
    segmentation: Segmentation,
    units: list[Unit],
    cache: CueMaskCache | None = None,
) -> npt.NDArray[np.int64]:
    """``(units, types)`` bit masks of the cues of each type that each unit matches.

    Cues are searched once per sentence and once per clause; a run of sentences takes the union
    of its sentences' cues (so it is excluded from a type when one of its sentences is: the
    other sentence is scored on its own). A clause is excluded only by what the whole clause
    says: a lead-in that names no infringement ("shall indemnify ... against any third-party
    claim:") does not exclude its clause, whose items name it.
    """
    sentences = [normalise_text(s.text) for s in segmentation.sentences]
    clauses = [normalise_text(c.text) for c in segmentation.clauses]
    both = _cue_masks(index, sentences + clauses, cache)
    sentence_masks, clause_masks = both[: len(sentences)], both[len(sentences) :]
    lent = lent_by_definitions(index, segmentation, sentence_masks)
    clause_ids = {c.id: i for i, c in enumerate(segmentation.clauses)}
    masks = np.zeros((len(units), len(index.types)), np.int64)
    keep = ~index.excluding_bits[None, :]
    for u, unit in enumerate(units):
        if unit.kind == "clause":
            masks[u] = clause_masks[clause_ids[unit.clause]]
            for i in unit.sentences:
                masks[u] |= (sentence_masks[i] | lent[i]) & keep[0]
            continue
        for i in unit.sentences:
            masks[u] |= sentence_masks[i] | lent[i]
    return masks


#: a definition longer than this lends no cues (a definitions clause run together, say)
MAX_DEFINITION = 600
#: ... nor does a term used in more than this share of the sentences (or 3, in a short text):
#: "Services" or "Confidential Information" runs through a whole agreement
MAX_TERM_SHARE = 0.05


def lent_by_definitions(
    index: _TypeIndex, segmentation: Segmentation, sentence_masks: np.ndarray
) -> npt.NDArray[np.int64]:
    """``(sentences, types)``: the required cues a sentence takes from the definitions of the
    terms it uses. "The Consultant retains all right, title and interest in the Consultancy
    Tools" names no background IP, but "Consultancy Tools" is defined as what the consultant
    owned before the Effective Date, and a lawyer reads the clause with that in mind. Only
    required cues are lent, and not strict ones, which the wording itself must carry."""
    sentences = segmentation.sentences
    lent = np.zeros_like(sentence_masks)
    row = {s.id: i for i, s in enumerate(sentences)}
    lendable = index.required_bits & ~index.strict_bits
    definitions: dict[str, tuple[int, np.ndarray]] = {}
    for term in segmentation.glossary:
        i = row.get(term.segment)
        if i is None or term.end - term.start > MAX_DEFINITION:
            continue
        bits = sentence_masks[i] & lendable
        if bits.any():
            definitions[term.term] = (i, bits)
    if not definitions:
        return lent
    names = sorted(definitions, key=len, reverse=True)
    uses = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b")
    users: dict[str, list[int]] = {name: [] for name in names}
    for k, sentence in enumerate(sentences):
        for name in set(uses.findall(sentence.text)):
            if definitions[name][0] != k:
                users[name].append(k)
    limit = max(3, int(MAX_TERM_SHARE * len(sentences)))
    for name, ks in users.items():
        if len(ks) <= limit:
            lent[ks] |= definitions[name][1]
    return lent


def _unit_cue_features(
    index: _TypeIndex, masks: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per unit and type: any cue, distinct cues (capped at 3, scaled), required cue missing;
    excluding cues do not count."""
    masks = masks & ~index.excluding_bits[None, :]
    required_bits = index.required_bits
    count = np.zeros(masks.shape, np.float32)
    remaining = masks.copy()
    while remaining.any():
        count += (remaining & 1).astype(np.float32)
        remaining >>= 1
    any_hit = (masks != 0).astype(np.float32)
    missing = ((required_bits[None, :] != 0) & ((masks & required_bits[None, :]) == 0)).astype(
        np.float32
    )
    return any_hit, np.minimum(count, 3.0) / 3.0, missing


def excluded_units(masks: np.ndarray, index: _TypeIndex) -> npt.NDArray[np.bool_]:
    """``(units, types)``: whether a unit matches an excluding cue of the type, or lacks every
    required cue of a type whose required cues are strict."""
    excluding = (masks & index.excluding_bits[None, :]) != 0
    strict = index.strict_bits[None, :]
    return excluding | ((strict != 0) & ((masks & strict) == 0))


def hold_excluded(
    scores: np.ndarray, excluded: np.ndarray, thresholds: Sequence[float] | np.ndarray
) -> np.ndarray:
    """``scores`` with every unit excluded from a type (``excluded``, as :func:`excluded_units`
    gives it) held under half the type's threshold (``thresholds``, one per type; the score is
    scaled by that, so such units keep their order): it stays among the type's candidates but
    is never taken for the type."""
    if not excluded.any():
        return scores
    caps = 0.5 * np.asarray(thresholds, scores.dtype)
    return np.where(excluded, scores * caps[None, :], scores)


def _group_max(sims: np.ndarray, owner: np.ndarray, m: int, top: int = 1) -> np.ndarray:
    """Per unit and type, the max (or mean of the ``top`` best) similarity over that type's rows."""
    out = np.full((sims.shape[0], m), -1.0, np.float32)
    for t in range(m):
        cols = np.flatnonzero(owner == t)
        if cols.size == 0:
            continue
        block = sims[:, cols]
        if top == 1 or cols.size == 1:
            out[:, t] = block.max(axis=1)
        else:
            k = min(top, cols.size)
            out[:, t] = np.sort(block, axis=1)[:, -k:].mean(axis=1)
    return out


def analyze(
    document: Document,
    library: Library,
    embedder: Embedder,
    calibration: Calibration | None = None,
    *,
    segmentation: Segmentation | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Analysis:
    """Score ``document`` against ``library`` (the expensive, playbook-independent step)."""
    calibration = calibration or load_calibration(library)
    segmentation = segmentation or segment(document)
    if progress:
        progress("segment", 1, 1)
    units, sentence_texts = build_units(segmentation)
    index = type_index(library, embedder)

    def embed_progress(done: int, total: int) -> None:
        if progress:
            progress("embed", done, total)

    headings = heading_texts(units) if calibration.probe_layers else []
    vectors = (
        embedder.embed(sentence_texts + headings, progress=embed_progress, cancelled=cancelled)
        if sentence_texts
        else np.zeros((0, index.exemplars.shape[1]), np.float32)
    )
    sentence_vectors = vectors[: len(sentence_texts)]
    heading_vectors = dict(zip(headings, vectors[len(sentence_texts) :], strict=True))
    if progress:
        progress("score", 0, 1)
    cue_cache = embedder.persistent if isinstance(embedder.persistent, CueMaskCache) else None
    masks = unit_cue_masks(index, segmentation, units, cue_cache)
    features, nearest = compute_features(
        segmentation, units, sentence_vectors, index, calibration, heading_vectors, cue_cache, masks
    )
    type_ids = [t.id for t in library.types]
    scores = score(features, calibration, type_ids)
    thresholds = [calibration.threshold(t) for t in type_ids]
    excluded = excluded_units(masks, index)
    # before the second look, so that an excluded passage is not the place the others of its
    # type are measured against, and after it, which rescores the places it lists
    scores = hold_excluded(scores, excluded, thresholds)
    spans = np.array([(u.start, u.end) for u in units], np.int64).reshape(-1, 2)
    with_models = [type_ids.index(c) for c in calibration.probe_types if c in type_ids]
    if calibration.reranker is not None:
        scores = rescore_places(scores, features, spans, with_models, calibration.reranker)
    if calibration.reranker_bare is not None:
        others = [t for t in range(len(type_ids)) if t not in with_models]
        scores = rescore_places(
            scores, features, spans, others, calibration.reranker_bare, index.rivals
        )
    scores = hold_excluded(scores, excluded, thresholds)
    if progress:
        progress("score", 1, 1)
    return Analysis(
        document=document,
        segmentation=segmentation,
        library=library,
        units=tuple(units),
        scores=scores,
        features=features,
        nearest=nearest,
        calibration=calibration,
        model_id=embedder.model_id,
    )


def unit_vectors(units: list[Unit], sentence_vectors: np.ndarray) -> np.ndarray:
    if not units:
        return np.zeros(
            (0, sentence_vectors.shape[1] if sentence_vectors.ndim == 2 else 384), np.float32
        )
    out = np.empty((len(units), sentence_vectors.shape[1]), np.float32)
    for u, unit in enumerate(units):
        if len(unit.sentences) == 1:
            out[u] = sentence_vectors[unit.sentences[0]]
        else:
            v = sentence_vectors[list(unit.sentences)].mean(axis=0)
            out[u] = v / max(float(np.linalg.norm(v)), 1e-9)
    return out


def heading_texts(units: list[Unit]) -> list[str]:
    """The distinct heading paths of the units (what the probe embeds besides sentences)."""
    return sorted({" > ".join(u.heading_path) for u in units if u.heading_path})


def probe_inputs(
    segmentation: Segmentation,
    units: list[Unit],
    sentence_vectors: np.ndarray,
    heading_vectors: dict[str, np.ndarray],
    unit: np.ndarray | None = None,
) -> npt.NDArray[np.float32]:
    """Per unit: its vector, its whole clause's vector and its heading path's vector, side by
    side, so the probe sees a sentence in its clause and under its heading. ``unit`` is
    :func:`unit_vectors` when the caller has it already."""
    dim = sentence_vectors.shape[1]
    if unit is None:
        unit = unit_vectors(units, sentence_vectors)
    members: dict[str, list[int]] = {}
    for i, sentence in enumerate(segmentation.sentences):
        members.setdefault(sentence.parent or "", []).append(i)
    # one row per distinct clause and heading path; units pick theirs by index
    clause_row: dict[str, int] = {}
    clause_rows: list[np.ndarray] = []
    path_row: dict[tuple[str, ...], int] = {}
    path_rows: list[np.ndarray] = [np.zeros(dim, np.float32)]
    clause_of = np.empty(len(units), np.int64)
    path_of = np.empty(len(units), np.int64)
    for u, item in enumerate(units):
        row = clause_row.get(item.clause)
        if row is None:
            rows = members.get(item.clause) or list(item.sentences)
            v = sentence_vectors[rows].mean(axis=0)
            row = clause_row[item.clause] = len(clause_rows)
            clause_rows.append(v / max(float(np.linalg.norm(v)), 1e-9))
        clause_of[u] = row
        row = path_row.get(item.heading_path)
        if row is None:
            vector = heading_vectors.get(" > ".join(item.heading_path))
            row = 0 if vector is None else len(path_rows)
            if vector is not None:
                path_rows.append(vector[:dim])
            path_row[item.heading_path] = row
        path_of[u] = row
    clause = np.asarray(clause_rows, np.float32).reshape(-1, dim)[clause_of]
    heading = np.asarray(path_rows, np.float32)[path_of]
    return np.concatenate([unit, clause, heading], axis=1)


def compute_features(
    segmentation: Segmentation,
    units: list[Unit],
    sentence_vectors: np.ndarray,
    index: _TypeIndex,
    calibration: Calibration,
    heading_vectors: dict[str, np.ndarray] | None = None,
    cue_cache: CueMaskCache | None = None,
    cue_masks: np.ndarray | None = None,
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int32]]:
    """Feature tensor ``(units, types, len(FEATURES))`` and the nearest exemplar per unit/type
    (``cue_masks``: the units' :func:`unit_cue_masks`, searched here when not given)."""
    m = len(index.types)
    n = len(units)
    feats = np.zeros((n, m, len(FEATURES)), np.float32)
    nearest = np.zeros((n, m), np.int32)
    if n == 0:
        return feats, nearest
    vectors = unit_vectors(units, sentence_vectors)
    sims = vectors @ index.exemplars.T
    ex_max = _group_max(sims, index.exemplar_owner, m)
    ex_top3 = _group_max(sims, index.exemplar_owner, m, top=3)
    for t in range(m):
        cols = np.flatnonzero(index.exemplar_owner == t)
        if cols.size:
            nearest[:, t] = cols[np.argmax(sims[:, cols], axis=1)]
    if index.counters.shape[0] and index.counters.shape[1] == vectors.shape[1]:
        cx_max = _group_max(vectors @ index.counters.T, index.counter_owner, m)
        cx_max[cx_max < -0.5] = 0.0
    else:
        cx_max = np.zeros((n, m), np.float32)
    # how far ahead of the best other type this type is for the unit, among the types that
    # count as rivals (an overlapping type is measured against them, and takes no lead from
    # them)
    order = np.sort(ex_max[:, index.rivals], axis=1)
    k = order.shape[1]
    best, second = order[:, -1:], order[:, -2:-1] if k > 1 else order[:, -1:]
    rank_gap = np.where(ex_max >= best, ex_max - second, ex_max - best)
    rank_gap[:, ~index.rivals] = ex_max[:, ~index.rivals] - best

    # cues on the unit text; headings on the heading path (plus run-in heading) and terms
    if cue_masks is None:
        cue_masks = unit_cue_masks(index, segmentation, units, cue_cache)
    cue_any, cue_count, required_missing = _unit_cue_features(index, cue_masks)
    paths = sorted({u.heading_path for u in units})
    path_masks = _cue_masks(index, [" > ".join(p) for p in paths], cue_cache, headings=True)
    path_hits = (path_masks != 0).astype(np.float32)
    row_of = {path: i for i, path in enumerate(paths)}
    heading = path_hits[[row_of[u.heading_path] for u in units]]

    kinds = np.array([u.kind for u in units])
    lengths = np.array([u.end - u.start for u in units], np.float32)
    col = {name: i for i, name in enumerate(FEATURES)}
    feats[:, :, col["bias"]] = 1.0
    feats[:, :, col["ex_max"]] = ex_max
    feats[:, :, col["ex_top3"]] = ex_top3
    feats[:, :, col["cx_max"]] = cx_max
    feats[:, :, col["ex_margin"]] = ex_max - cx_max
    feats[:, :, col["rank_gap"]] = rank_gap
    feats[:, :, col["cue_any"]] = cue_any
    feats[:, :, col["cue_count"]] = cue_count
    feats[:, :, col["required_missing"]] = required_missing
    feats[:, :, col["heading"]] = heading
    feats[:, :, col["is_clause"]] = (kinds == "clause")[:, None]
    feats[:, :, col["is_window"]] = (kinds == "window")[:, None]
    feats[:, :, col["log_length"]] = (np.log1p(lengths) / 8.0)[:, None]
    if calibration.probe_layers and heading_vectors is not None:
        ids = [t.id for t in index.types]
        inputs = probe_inputs(segmentation, units, sentence_vectors, heading_vectors, vectors)
        logits = calibration.probe_logits(inputs)
        text = segmentation.document.text
        lexical = (
            calibration.lexical.logits([text[u.start : u.end] for u in units])
            if calibration.lexical is not None
            else np.zeros_like(logits)
        )
        for p, clause_id in enumerate(calibration.probe_types):
            if clause_id in ids:
                t = ids.index(clause_id)
                feats[:, t, col["probe"]] = logit_feature(logits[:, p])
                feats[:, t, col["lexical"]] = logit_feature(lexical[:, p])
                feats[:, t, col["has_probe"]] = 1.0
    return feats, nearest


def score(
    features: np.ndarray, calibration: Calibration, type_ids: list[str]
) -> npt.NDArray[np.float32]:
    """Calibrated scores ``(units, types)`` from the feature tensor."""
    z = features.astype(np.float64) @ calibration.weights
    if calibration.type_scale:
        z = z * np.array([calibration.type_scale.get(t, 1.0) for t in type_ids])[None, :]
    if calibration.type_bias:
        bias = np.array([calibration.type_bias.get(t, 0.0) for t in type_ids])
        z = z + bias[None, :]
    return (1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))).astype(np.float32)


def place_inputs(
    features: np.ndarray, columns: list[int]
) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    """The probe and n-gram features and the other first-stage features the reranker reads,
    ``(units, len(columns))`` each."""
    sub = features[:, columns, :]
    named = {name: sub[:, :, FEATURES.index(name)] for name in UNIT_FEATURES}
    return sub[:, :, FEATURES.index("probe")], sub[:, :, FEATURES.index("lexical")], named


def rescore_places(
    scores: np.ndarray,
    features: np.ndarray,
    spans: np.ndarray,
    columns: list[int],
    forest: Forest,
    rivals: np.ndarray | None = None,
) -> npt.NDArray[np.float32]:
    """``scores`` with the best places of the types in ``columns`` rescored by ``forest``
    (see :mod:`clause_library.rerank`); ``rivals`` marks, of all types, those that count as
    rivals of the others."""
    probe, lexical, named = place_inputs(features, columns)
    among = None if rivals is None else rivals[columns]
    return rerank(scores, forest, columns, spans, probe, lexical, named, among)


def top_units(column: np.ndarray, spans: np.ndarray, k: int) -> list[int]:
    """Indices of the ``k`` best-scoring units, skipping any unit that mostly overlaps (more than
    half of the shorter of the two) a better unit already chosen; so the list names ``k``
    different places rather than one sentence, its clause and its window."""
    return [u for u, alternative in ranked_units(column, spans, k) if not alternative]
