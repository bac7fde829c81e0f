"""The wording of a passage as hashed word n-grams, and a linear model over them.

Lawyers name most clause types in a few telling phrases ("right of first refusal", "most
favored", "audit", "liquidated damages"). Sentence embeddings blur such phrases; a linear model
over the words and word pairs of a passage keeps them. Each n-gram is hashed (CRC-32) into one of
``2 ** bits`` buckets, so the model is a weight matrix and stores no vocabulary; a passage's
vector holds ``log(1 + count)`` per bucket, L2-normalised.

The weights are fitted with the rest of the calibration by ``benchmarks/fit_cuad.py``.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

TOKEN = re.compile(r"\w+")


def hashed_ngrams(
    texts: Sequence[str], bits: int, ngram: int = 2
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32], npt.NDArray[np.float32]]:
    """Sparse rows of the texts' n-gram vectors as ``(row, bucket, value)`` triples, sorted by
    row and bucket; every row is L2-normalised."""
    owners: list[int] = []
    hashes: list[int] = []
    for r, text in enumerate(texts):
        tokens = TOKEN.findall(text.lower())
        grams = list(tokens)
        for n in range(2, ngram + 1):
            grams += [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
        hashes += map(zlib.crc32, map(str.encode, grams))
        owners += [r] * len(grams)
    if not hashes:
        empty = np.zeros(0, np.int32)
        return empty, empty, np.zeros(0, np.float32)
    mask = (1 << bits) - 1
    keys = (np.asarray(owners, np.int64) << bits) | (np.asarray(hashes, np.int64) & mask)
    keys, counts = np.unique(keys, return_counts=True)
    rows = (keys >> bits).astype(np.int32)
    buckets = (keys & mask).astype(np.int32)
    values = np.log1p(counts.astype(np.float32))
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    norms = np.sqrt(np.add.reduceat(values * values, starts))
    values /= np.repeat(norms, np.diff(np.r_[starts, len(rows)]))
    return rows, buckets, values.astype(np.float32)


@dataclass(frozen=True)
class LexicalModel:
    """Per clause type, a weight per n-gram bucket and a bias; :meth:`logits` scores texts."""

    weights: npt.NDArray[np.float32]  # (2 ** bits, types)
    bias: npt.NDArray[np.float32]  # (types,)
    ngram: int = 2

    @property
    def bits(self) -> int:
        return int(self.weights.shape[0]).bit_length() - 1

    def logits(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """``(texts, types)`` logits."""
        out = np.zeros((len(texts), self.weights.shape[1]), np.float32)
        rows, buckets, values = hashed_ngrams(texts, self.bits, self.ngram)
        if rows.size:
            contributions = self.weights[buckets] * values[:, None]
            starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
            out[rows[starts]] = np.add.reduceat(contributions, starts, axis=0)
        return out + self.bias[None, :]
