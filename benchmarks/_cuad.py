"""Shared helpers of the CUAD benchmark and fitting scripts: contracts, labels, embedding cache.

CUAD (Contract Understanding Atticus Dataset, The Atticus Project, CC BY 4.0; Hendrycks et al.,
NeurIPS 2021) is read from a folder given on the command line and never copied into the product.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from clause_library.embed import Vector

#: CUAD's 33 yes/no categories (the others are names, dates and places).
YES_NO_CATEGORIES = (
    "Affiliate License-Licensee",
    "Affiliate License-Licensor",
    "Anti-Assignment",
    "Audit Rights",
    "Cap On Liability",
    "Change Of Control",
    "Competitive Restriction Exception",
    "Covenant Not To Sue",
    "Exclusivity",
    "Insurance",
    "Ip Ownership Assignment",
    "Irrevocable Or Perpetual License",
    "Joint Ip Ownership",
    "License Grant",
    "Liquidated Damages",
    "Minimum Commitment",
    "Most Favored Nation",
    "No-Solicit Of Customers",
    "No-Solicit Of Employees",
    "Non-Compete",
    "Non-Disparagement",
    "Non-Transferable License",
    "Post-Termination Services",
    "Price Restrictions",
    "Revenue/Profit Sharing",
    "Rofr/Rofo/Rofn",
    "Source Code Escrow",
    "Termination For Convenience",
    "Third Party Beneficiary",
    "Uncapped Liability",
    "Unlimited/All-You-Can-Eat-License",
    "Volume Restriction",
    "Warranty Duration",
)

#: CUAD categories that are not yes/no but mark whole clauses the library has types for; the
#: matcher is fitted on them too, and they are scored apart from the 33 (the quality targets
#: are over the yes/no categories)
CLAUSE_CATEGORIES = (
    "Governing Law",
    "Notice Period To Terminate Renewal",
    "Renewal Term",
)


@dataclass(frozen=True)
class Contract:
    id: str
    txt: Path
    pdf: Path | None
    labels: dict[str, list[dict[str, Any]]]
    type: str


def contracts(data: Path, limit: int | None = None) -> Iterator[Contract]:
    with open(data / "labels.jsonl", encoding="utf-8") as handle:
        for i, line in enumerate(handle):
            if limit is not None and i >= limit:
                break
            row = json.loads(line)
            pdf = data / row["pdf"] if row.get("pdf") else None
            yield Contract(
                row["id"],
                data / row["txt"],
                pdf if pdf and pdf.exists() else None,
                row["labels"],
                row["type"],
            )


class NpzCache:
    """An on-disk embedding cache for benchmark runs: one .npz of keys and vectors per model."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self._data: dict[str, dict[str, Vector]] = {}
        self._dirty: set[str] = set()

    def _file(self, model_id: str) -> Path:
        return self.folder / (model_id.replace("/", "_") + ".npz")

    def _table(self, model_id: str) -> dict[str, Vector]:
        if model_id not in self._data:
            table: dict[str, Vector] = {}
            path = self._file(model_id)
            if path.exists():
                with np.load(path) as npz:
                    table = dict(zip(npz["keys"].tolist(), npz["vectors"], strict=True))
            self._data[model_id] = table
        return self._data[model_id]

    def get_many(self, model_id: str, keys: Sequence[str]) -> dict[str, Vector]:
        table = self._table(model_id)
        return {k: table[k] for k in keys if k in table}

    def put_many(self, model_id: str, items: dict[str, Vector]) -> None:
        self._table(model_id).update(items)
        self._dirty.add(model_id)

    def save(self) -> None:
        for model_id in self._dirty:
            table = self._data[model_id]
            keys = np.array(list(table), dtype="U40")
            vectors = np.stack(list(table.values())) if table else np.zeros((0, 384), np.float32)
            tmp = self._file(model_id).with_suffix(".tmp.npz")
            np.savez(tmp, keys=keys, vectors=vectors)
            tmp.replace(self._file(model_id))
        self._dirty.clear()


def scorer_predictions(
    candidates: Sequence[dict[str, Any]], categories: Sequence[str] = YES_NO_CATEGORIES
) -> list[dict[str, Any]]:
    """Candidates (as in ``clause-review analyze --candidates``, with ``flagged`` added) turned
    into the scorer's predictions for ``categories``: one per category and span, at the best
    ranking score among the clause types that share the category."""
    best: dict[tuple[str, int, int], dict[str, Any]] = {}
    for candidate in candidates:
        category = candidate["cuad_category"]
        if category not in categories:
            continue
        rank = candidate["score"]
        key = (category, candidate["start"], candidate["end"])
        seen = best.get(key)
        flagged = candidate["flagged"] or (seen is not None and seen["flagged"])
        if seen is None or rank > seen["score"]:
            best[key] = {"category": category, "text": candidate["text"], "score": rank}
        best[key]["flagged"] = flagged
    return list(best.values())
