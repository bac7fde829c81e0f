"""The store with the real engine: cached vectors, and a document reopened as it was left.

These tests load the embedding model; they share one engine for the session
(:func:`test_store_helpers.shared_engine`) and are kept few.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from test_store_helpers import shared_engine, write

from clause_library.decisions import Decision
from clause_library.embed import normalise_text, text_key
from clause_library.engine import Engine
from clause_library.store import ReviewStore
from clause_library.store.session import open_review

pytestmark = pytest.mark.model

SAMPLE = (
    Path(__file__).resolve().parents[1] / "resources" / "samples" / "saas_vendor_agreement.docx"
)


@pytest.fixture(scope="session")
def engine() -> Engine:
    return shared_engine()


@pytest.fixture
def sample_text(engine: Engine) -> str:
    return engine.read(SAMPLE).text


@pytest.fixture
def cached_engine(engine: Engine) -> Iterator[tuple[Engine, ReviewStore]]:
    """The session engine writing to this test's database (restored afterwards)."""
    store = ReviewStore()
    previous = engine.embedder.persistent
    engine.embedder.persistent = store.embedding_cache
    try:
        yield engine, store
    finally:
        engine.embedder.persistent = previous
        store.close()


def test_reanalysing_an_unchanged_document_reuses_stored_vectors(
    cached_engine: tuple[Engine, ReviewStore],
    sample_text: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    engine, store = cached_engine
    # sentences no earlier test has embedded, so they really go through the model and the store
    marker = uuid.uuid4().hex[:8]
    text = "\n".join(
        f"{line} Ref {marker}-{i}." if line.strip() else line
        for i, line in enumerate(sample_text.splitlines())
    )
    path = write(tmp_path / "vendor.txt", text)
    first = engine.analyze(engine.read(path))
    assert (
        store.embedding_cache.count(engine.embedder.model_id)
        >= len({s.text for s in first.segmentation.sentences}) * 0.9
    )

    # a new engine, as in a new session: nothing in memory, the model not loaded
    fresh = Engine(
        library=engine.library,
        playbooks=engine.playbooks,
        calibration=engine.calibration,
        cache=store.embedding_cache,
    )

    # nor any cue regex: the cue and heading-cue matches of every text come from it too
    def no_search(*args: object) -> None:
        raise AssertionError("a cue regex was searched on re-analysis")

    monkeypatch.setattr("clause_library.match.search_all", no_search)
    started = time.perf_counter()
    again = fresh.analyze(fresh.read(path))
    elapsed = time.perf_counter() - started
    assert not fresh.embedder.loaded  # every vector came from the database
    # and every sentence's cue matches too
    keys = [text_key(normalise_text(s.text)) for s in again.segmentation.sentences]
    stored = store.embedding_cache.get_masks(engine.library.version, keys)
    assert set(stored) == set(keys)
    np.testing.assert_allclose(again.scores, first.scores, atol=1e-6)
    assert fresh.review(again).counts() == engine.review(first).counts()
    print(f"re-analysis from the store: {elapsed:.2f} s for {len(text):,} characters")
    assert elapsed < 5.0  # the target is 0.5 s; see benchmarks/batch.py for measured figures


def test_a_reopened_document_comes_back_as_left_and_an_edited_one_keeps_its_decisions(
    cached_engine: tuple[Engine, ReviewStore], sample_text: str, tmp_path: Path
) -> None:
    engine, store = cached_engine
    path = write(tmp_path / "vendor.txt", sample_text)
    opened = open_review(engine, store, path)
    assert not opened.restored
    review = opened.review
    findings = [f for f in review.findings if sample_text.count(f.text) == 1]
    dropped = findings[-1]
    kept = next(
        f
        for f in findings
        if f.segment_id != dropped.segment_id and f.clause_start != dropped.clause_start
    )
    sha = opened.sha256
    store.record_decision(sha, Decision(kept.key, "accepted", "standard wording", "alice"))
    store.record_decision(sha, Decision(dropped.key, "needs_change", "push back", "alice"))
    if review.gaps:
        store.record_decision(sha, Decision(review.gaps[0].key, None, "ask for it", "bob"))
    expected = store.decisions(sha)

    # reopen: a new store on the same file, as after restarting the app
    store.close()
    reopened_store = ReviewStore()
    engine.embedder.persistent = reopened_store.embedding_cache
    try:
        again = open_review(engine, reopened_store, path)
        assert again.restored
        assert again.stored.id == opened.stored.id
        assert again.review.playbook.id == review.playbook.id
        assert [f.key for f in again.review.findings] == [f.key for f in review.findings]
        assert again.decisions == expected
        assert again.unplaced == []

        # the file is edited: a new first line moves every offset, one clause is deleted
        edited = "Amendment draft for discussion.\n" + sample_text.replace(dropped.text, "")
        write(path, edited)
        changed = open_review(engine, reopened_store, path)
        assert not changed.restored
        assert changed.sha256 != sha
        assert changed.review.playbook.id == review.playbook.id  # the last playbook is kept
        moved = next(
            f
            for f in changed.review.findings
            if f.clause_id == kept.clause_id and f.text == kept.text
        )
        assert moved.key != kept.key
        assert changed.decisions[moved.key].status == "accepted"
        assert changed.decisions[moved.key].note == "standard wording"
        unplaced = [u.record.decision.note for u in changed.unplaced]
        assert "push back" in unplaced  # its clause is gone: listed, not dropped
        if review.gaps and review.gaps[0].key in {g.key for g in changed.review.gaps}:
            assert changed.decisions[review.gaps[0].key].author == "bob"
    finally:
        reopened_store.close()
