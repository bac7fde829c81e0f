"""Hashed word n-grams and the linear model over them."""

from __future__ import annotations

import zlib

import numpy as np

from clause_library.lexical import LexicalModel, hashed_ngrams


def _bucket(gram: str, bits: int) -> int:
    return zlib.crc32(gram.encode("utf-8")) & ((1 << bits) - 1)


def test_words_and_word_pairs_are_counted_case_blind_and_normalised() -> None:
    rows, buckets, values = hashed_ngrams(["Audit, audit rights", "", "x"], bits=12)
    assert set(rows.tolist()) == {0, 2}  # an empty text has no features
    first = dict(zip(buckets[rows == 0].tolist(), values[rows == 0].tolist(), strict=True))
    expected = {
        _bucket("audit", 12): np.log1p(2),
        _bucket("rights", 12): np.log1p(1),
        _bucket("audit audit", 12): np.log1p(1),
        _bucket("audit rights", 12): np.log1p(1),
    }
    norm = np.sqrt(sum(v * v for v in expected.values()))
    assert first.keys() == expected.keys()
    for bucket, value in expected.items():
        assert np.isclose(first[bucket], value / norm, rtol=1e-6)
    assert np.isclose(np.sum(values[rows == 2] ** 2), 1.0)


def test_logits_are_the_dense_product_plus_bias() -> None:
    rng = np.random.default_rng(0)
    bits = 10
    weights = rng.normal(size=(1 << bits, 3)).astype(np.float32)
    bias = np.array([0.5, -1.0, 2.0], np.float32)
    model = LexicalModel(weights, bias)
    texts = [
        "Licensee may audit the books.",
        "",
        "Most favored customer pricing applies.",
        "audit",
    ]
    rows, buckets, values = hashed_ngrams(texts, bits)
    dense = np.zeros((len(texts), 1 << bits), np.float32)
    np.add.at(dense, (rows, buckets), values)
    np.testing.assert_allclose(model.logits(texts), dense @ weights + bias, rtol=1e-5, atol=1e-5)
    assert model.bits == bits
    assert model.logits([]).shape == (0, 3)


def test_many_texts_score_as_each_would_alone() -> None:
    """Texts are scored in blocks; a text's logits do not depend on its neighbours or on where
    a block ends (empty texts included)."""
    rng = np.random.default_rng(1)
    weights = rng.normal(size=(1 << 10, 2)).astype(np.float32)
    model = LexicalModel(weights, np.array([0.25, -0.5], np.float32))
    words = ["audit", "rights", "licence", "fees", "term", "notice", "supplier", "customer"]
    texts = [" ".join(rng.choice(words, size=int(rng.integers(0, 12)))) for _ in range(700)]
    together = model.logits(texts)
    alone = np.concatenate([model.logits([text]) for text in texts])
    np.testing.assert_array_equal(together, alone)
