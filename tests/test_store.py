"""The review database: reviews, decisions and their history, carry-over, portfolio, search.

Reviews here are built by :func:`test_store_helpers.fake_review` (real Review values with findings
the test chooses), so no test in this module loads the embedding model.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import numpy as np
import pytest
from test_store_helpers import VENDOR_FINDINGS, VENDOR_TEXT, fake_review, write

from clause_library.decisions import Decision
from clause_library.paths import user_data_dir
from clause_library.review import Review
from clause_library.store import ReviewStore, StoreError, UnknownDocumentError
from clause_library.store.carry import Source, Target, occurrences, place
from clause_library.store.search import fts_query

NDA_TEXT = """MUTUAL NON-DISCLOSURE AGREEMENT

1. Confidential Information
Each party shall keep the other party's Confidential Information secret and evaluate a non-compete.

2. Term
This Agreement continues for two years from the Effective Date.
"""


@pytest.fixture
def store(tmp_path: Path) -> ReviewStore:
    with ReviewStore(tmp_path / "reviews.sqlite3", author="alice") as opened:
        yield opened


def _vendor(tmp_path: Path, name: str = "msa.txt", text: str = VENDOR_TEXT) -> Review:
    return fake_review(write(tmp_path / name, text), VENDOR_FINDINGS)


def test_the_default_database_lives_in_the_user_data_folder() -> None:
    with ReviewStore() as store:
        assert store.path == user_data_dir() / "reviews.sqlite3"
        assert store.path.exists()


def test_a_review_is_stored_with_its_findings_gaps_and_clause_text(
    store: ReviewStore, tmp_path: Path
) -> None:
    review = _vendor(tmp_path)
    saved = store.save_review(review)
    assert saved.new
    stored = saved.review
    assert stored.sha256 == review.document.sha256
    assert stored.playbook == "vendor_customer"
    assert stored.counts == review.counts()
    assert stored.severity_counts == review.severity_counts()
    assert stored.library_version == review.library_version
    findings = store.findings(stored.id)
    assert [f.key for f in findings if not f.is_gap] == [f.key for f in review.findings]
    assert {f.key for f in findings if f.is_gap} == {g.key for g in review.gaps}
    liability = next(f for f in findings if f.clause_id == "limitation_of_liability")
    assert liability.text == VENDOR_FINDINGS[1][2]
    assert liability.heading_path == review.findings[1].heading_path
    document = store.document(review.document.sha256)
    assert document is not None
    assert (document.name, document.format, document.kind) == ("msa.txt", "txt", "vendor")
    assert document.path == (tmp_path / "msa.txt").resolve()


def test_an_identical_review_is_not_stored_twice(store: ReviewStore, tmp_path: Path) -> None:
    review = _vendor(tmp_path)
    first = store.save_review(review)
    again = store.save_review(review)
    assert not again.new
    assert again.review.id == first.review.id
    assert store.counts()["reviews"] == 1
    other_playbook = fake_review(tmp_path / "msa.txt", VENDOR_FINDINGS, playbook="nda_mutual")
    assert store.save_review(other_playbook).new
    assert [r.playbook for r in store.reviews(review.document.sha256)] == [
        "vendor_customer",
        "nda_mutual",
    ]


def test_a_decision_is_committed_the_moment_it_is_made(store: ReviewStore, tmp_path: Path) -> None:
    review = _vendor(tmp_path)
    store.save_review(review)
    key = review.findings[1].key
    store.record_decision(review.document.sha256, Decision(key, "needs_change", "cap is low"))
    # another connection (another process, or the file after a crash) already sees it
    other = sqlite3.connect(store.path)
    assert other.execute("SELECT key, status, note, author FROM decisions").fetchall() == [
        (key, "needs_change", "cap is low", "alice")
    ]
    other.close()


def test_decisions_survive_closing_and_reopening(tmp_path: Path) -> None:
    review = _vendor(tmp_path)
    sha = review.document.sha256
    path = tmp_path / "reviews.sqlite3"
    with ReviewStore(path, author="alice") as store:
        store.save_review(review)
        store.record_decision(sha, Decision(review.findings[1].key, "needs_change", "too low"))
        store.record_decision(sha, Decision(review.gaps[0].key, None, "ask legal"))
    with ReviewStore(path) as reopened:
        assert reopened.latest_review(sha) is not None
        decisions = reopened.decisions(sha)
        assert decisions[review.findings[1].key].status == "needs_change"
        assert decisions[review.findings[1].key].author == "alice"
        assert decisions[review.gaps[0].key].note == "ask legal"
        assert reopened.save_review(review).new is False  # reopening restores, adds nothing


def test_the_decision_history_keeps_every_change(store: ReviewStore, tmp_path: Path) -> None:
    review = _vendor(tmp_path)
    sha = review.document.sha256
    store.save_review(review)
    key = review.findings[2].key
    store.record_decision(sha, Decision(key, "needs_change", "uncapped!", author="alice"))
    store.record_decision(sha, Decision(key, "accepted", "agreed with legal", author="bob"))
    store.record_decision(sha, Decision(key))  # cleared
    history = store.decision_history(sha, key)
    assert [(r.decision.status, r.decision.author) for r in history] == [
        ("needs_change", "alice"),
        ("accepted", "bob"),
        (None, "alice"),
    ]
    assert all(r.decision.at for r in history)
    assert [r.id for r in history] == sorted(r.id for r in history)
    assert key not in store.decisions(sha)  # cleared: no current decision
    # the history cannot be rewritten, even with SQL
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.db.conn.execute("UPDATE decisions SET status = 'accepted'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.db.conn.execute("DELETE FROM decisions")
    store.db.conn.rollback()
    assert len(store.decision_history(sha)) == 3


def test_a_decision_needs_a_stored_document_and_a_known_status(
    store: ReviewStore, tmp_path: Path
) -> None:
    with pytest.raises(UnknownDocumentError, match="save its review"):
        store.record_decision("00" * 32, Decision("x@1-2", "accepted"))
    review = _vendor(tmp_path)
    store.save_review(review)
    with pytest.raises(ValueError, match="unknown decision status"):
        store.record_decision(review.document.sha256, Decision("x@1-2", "maybe"))  # type: ignore[arg-type]


EDITED = (
    VENDOR_TEXT.replace(
        "1. Services\n", "1. Services\nThis Agreement starts on the date of the last signature.\n"
    )
    .replace("twelve months", "six months")
    .replace(
        "4. Governing Law",
        "4. IP Indemnity\nSupplier shall defend and indemnify Customer against third-party IP "
        "claims.\n\n5. Governing Law",
    )
)


def _edited_review(tmp_path: Path) -> Review:
    return fake_review(
        write(tmp_path / "msa.txt", EDITED),
        [
            VENDOR_FINDINGS[0],  # same text, new offsets
            (
                "limitation_of_liability",
                "weak",
                "Neither party's total liability shall exceed the fees paid in the six months "
                "before the claim.",
            ),
            VENDOR_FINDINGS[2],
            (
                "indemnification_ip",
                "present",
                "Supplier shall defend and indemnify Customer against third-party IP claims.",
            ),
            VENDOR_FINDINGS[3],
        ],
    )


def test_decisions_carry_over_to_an_edited_document(store: ReviewStore, tmp_path: Path) -> None:
    old = _vendor(tmp_path)
    store.save_review(old)
    sha = old.document.sha256
    ip, liability, uncapped = old.findings[0], old.findings[1], old.findings[2]
    store.record_decision(sha, Decision(ip.key, "accepted", "fine", at="2026-02-01T10:00:00+00:00"))
    store.record_decision(sha, Decision(liability.key, "needs_change", "cap too low"))
    store.record_decision(sha, Decision(uncapped.key, None, "check with insurer"))
    store.record_decision(sha, Decision("confidentiality@missing", "needs_change", "add NDA terms"))
    store.record_decision(sha, Decision("indemnification_ip@missing", "needs_change", "add one"))

    new = _edited_review(tmp_path)
    assert new.document.sha256 != sha
    saved = store.save_review(new)
    new_sha = new.document.sha256
    document = store.document(new_sha)
    assert document is not None and document.previous_id == store.document(sha).id  # type: ignore[union-attr]

    new_ip = next(f for f in new.findings if f.clause_id == "ip_assignment")
    assert new_ip.key != ip.key  # the offsets moved
    decisions = store.decisions(new_sha)
    assert decisions[new_ip.key].status == "accepted"
    assert decisions[new_ip.key].author == "alice"
    assert decisions[new_ip.key].at == "2026-02-01T10:00:00+00:00"  # when it was decided
    new_uncapped = next(f for f in new.findings if f.clause_id == "uncapped_liability")
    assert decisions[new_uncapped.key].note == "check with insurer"
    assert decisions["confidentiality@missing"].note == "add NDA terms"  # still missing
    assert len(saved.carried) == 3
    assert {r.carried_from for r in saved.carried} <= {r.id for r in store.decision_history(sha)}

    unplaced = {u.clause_id: u for u in store.unplaced_decisions(new_sha)}
    assert set(unplaced) == {"limitation_of_liability", "indemnification_ip"}
    assert unplaced["limitation_of_liability"].text == liability.text
    assert unplaced["limitation_of_liability"].record.decision.note == "cap too low"
    assert "changed" in unplaced["limitation_of_liability"].reason
    assert unplaced["indemnification_ip"].reason == "the clause it was about is no longer missing"
    assert unplaced["indemnification_ip"].document_name == "msa.txt"

    # the reviewer places one by hand and dismisses the other: nothing is lost either way
    new_liability = next(f for f in new.findings if f.clause_id == "limitation_of_liability")
    store.place_decision(new_sha, unplaced["limitation_of_liability"].record.id, new_liability.key)
    store.dismiss_decision(new_sha, unplaced["indemnification_ip"].record.id)
    assert store.unplaced_decisions(new_sha) == []
    assert store.decisions(new_sha)[new_liability.key].note == "cap too low"
    assert len(store.decision_history(sha)) == 5  # the old version's history is untouched


def test_carried_decisions_follow_a_third_version(store: ReviewStore, tmp_path: Path) -> None:
    old = _vendor(tmp_path)
    store.save_review(old)
    store.record_decision(
        old.document.sha256, Decision(old.findings[1].key, "needs_change", "cap too low")
    )
    store.save_review(_edited_review(tmp_path))  # the liability decision is unplaced here
    third = fake_review(
        write(tmp_path / "msa.txt", VENDOR_TEXT + "\n5. Notices\nNotices are sent by e-mail.\n"),
        VENDOR_FINDINGS,
    )
    store.save_review(third)  # the original wording is back: the decision finds its clause
    decisions = store.decisions(third.document.sha256)
    liability = next(f for f in third.findings if f.clause_id == "limitation_of_liability")
    assert decisions[liability.key].note == "cap too low"
    assert store.unplaced_decisions(third.document.sha256) == []


def test_a_decision_follows_its_sentence_into_a_longer_finding() -> None:
    text = "Intro. The Supplier assigns all rights in the Deliverables. It waives moral rights."
    sentence = "The Supplier assigns all rights in the Deliverables."
    start = text.index(sentence)
    placed = place(
        [
            Source(
                1, "ip_assignment", "The  Supplier assigns all\nrights in the Deliverables.", False
            )
        ],
        [
            Target("ip_assignment@0-6", "ip_assignment", 0, 6, "Intro.", False),
            Target(
                f"ip_assignment@{start}-{len(text)}", "ip_assignment", start, len(text), "", False
            ),
            Target("moral_rights_waiver@0-84", "moral_rights_waiver", 0, len(text), text, False),
        ],
        text,
    )
    assert placed == {1: f"ip_assignment@{start}-{len(text)}"}


def test_placement_prefers_exact_text_and_gives_each_finding_one_decision() -> None:
    text = "Alpha clause here. Beta clause here."
    targets = [
        Target("x@0-18", "x", 0, 18, "Alpha clause here.", False),
        Target("x@19-36", "x", 19, 36, "Beta clause here.", False),
    ]
    sources = [
        Source(1, "x", "Alpha clause here. Beta clause here.", False),  # overlaps both
        Source(2, "x", "Beta clause here.", False),  # exact
        Source(3, "x", "Beta clause here.", False),  # exact, but its twin is taken
        Source(4, "y", "Alpha clause here.", False),  # another clause type
    ]
    placed = place(sources, targets, text, taken=["x@0-18"])
    assert placed == {2: "x@19-36"}
    assert occurrences("clause   here.", text) == [(6, 18), (24, 36)]


def test_the_portfolio_shows_each_current_document_once(store: ReviewStore, tmp_path: Path) -> None:
    store.save_review(_vendor(tmp_path))
    nda = fake_review(
        write(tmp_path / "nda.txt", NDA_TEXT),
        [
            (
                "confidentiality",
                "present",
                "Each party shall keep the other party's Confidential Information secret",
            )
        ],
        playbook="nda_mutual",
    )
    store.save_review(nda)
    store.save_review(_edited_review(tmp_path))  # replaces msa.txt's first version
    rows = {row.name: row for row in store.portfolio()}
    assert set(rows) == {"msa.txt", "nda.txt"}
    msa = rows["msa.txt"]
    assert msa.sha256 == store.latest_review_at(tmp_path / "msa.txt").sha256  # type: ignore[union-attr]
    assert msa.status("uncapped_liability") == "red_flag"
    assert msa.status("limitation_of_liability") == "weak"
    assert msa.status("indemnification_ip") == "present"
    assert msa.status("non_compete") == "absent"
    assert rows["nda.txt"].kind == "nda"
    assert rows["nda.txt"].playbook == "nda_mutual"


def test_open_issues_count_down_as_the_reviewer_resolves_them(
    store: ReviewStore, tmp_path: Path
) -> None:
    review = _vendor(tmp_path)
    store.save_review(review)
    (row,) = store.portfolio()
    issues = row.counts["weak"] + row.counts["red_flag"] + row.counts["missing"]
    assert (row.open_issues, row.decided) == (issues, 0)
    sha = review.document.sha256
    store.record_decision(sha, Decision(review.findings[1].key, "accepted"))
    store.record_decision(sha, Decision(review.gaps[0].key, "needs_change"))
    (row,) = store.portfolio()
    assert (row.open_issues, row.decided) == (issues - 1, 2)


def test_full_text_search_across_reviews(store: ReviewStore, tmp_path: Path) -> None:
    store.save_review(_vendor(tmp_path))
    store.save_review(
        fake_review(
            write(tmp_path / "nda.txt", NDA_TEXT),
            [
                (
                    "confidentiality",
                    "present",
                    "Each party shall keep the other party's Confidential Information secret",
                )
            ],
            playbook="nda_mutual",
        )
    )
    (hit,) = store.search("Delaware")
    assert (hit.name, hit.clause_types) == ("msa.txt", ("Governing law",))
    assert "«Delaware»" in hit.snippet
    assert hit.start is not None and VENDOR_TEXT[hit.start : hit.end].startswith("4.")
    assert {h.name for h in store.search("agreement")} == {"msa.txt", "nda.txt"}
    assert [h.name for h in store.search('"confidential information"')] == ["nda.txt"]
    assert [h.name for h in store.search("non-compete")] == ["nda.txt"]  # no FTS syntax error
    assert [h.name for h in store.search("Delaw", prefix_last=True)] == ["msa.txt"]
    assert store.search("Delaw") == []
    assert {h.name for h in store.search("Delaware OR evaluate")} == {"msa.txt", "nda.txt"}
    assert store.search('(( "" -:') == []
    # a typed prefix longer than the indexed stem ("continu" for "continues") still matches
    assert [h.name for h in store.search("continues")] == ["nda.txt"]
    assert [h.name for h in store.search("continue*")] == ["nda.txt"]
    liability = store.search("liability", clause_id="uncapped_liability")
    assert [h.clause_ids for h in liability] == [("limitation_of_liability", "uncapped_liability")]
    assert store.search("liability", clause_id="governing_law") == []


def test_search_shows_only_the_current_version(store: ReviewStore, tmp_path: Path) -> None:
    store.save_review(_vendor(tmp_path))
    assert len(store.search('"twelve months"')) == 1
    store.save_review(_edited_review(tmp_path))
    assert store.search('"twelve months"') == []
    assert len(store.search('"six months"')) == 1


def test_fts_query_quotes_whatever_the_user_types() -> None:
    assert fts_query("IP indemnity") == '"IP" "indemnity"'
    assert fts_query('"work made for hire" assign*') == '"work made for hire" "assign"*'
    assert fts_query("non-compete OR exclusivity") == '"non compete" OR "exclusivity"'
    assert fts_query("OR foo OR") == '"foo"'
    assert fts_query("indem", prefix_last=True) == '"indem"*'
    assert fts_query("  -- () :") == ""


def test_the_embedding_cache_round_trips_float32_vectors(store: ReviewStore) -> None:
    cache = store.embedding_cache
    vectors = {f"k{i}": np.random.default_rng(i).random(384).astype(np.float32) for i in range(3)}
    cache.put_many("model-a@128", vectors)
    cache.put_many("model-a@128", {"k0": np.zeros(384, np.float32)})  # first write wins
    got = cache.get_many("model-a@128", ["k0", "k1", "k2", "unknown"])
    assert set(got) == {"k0", "k1", "k2"}
    for key, vector in vectors.items():
        assert got[key].dtype == np.float32
        assert np.array_equal(got[key], vector)
    assert cache.get_many("model-b@128", ["k0"]) == {}  # another model's vectors never mix
    many = [f"k{i}" for i in range(1200)]
    assert set(cache.get_many("model-a@128", many)) == {"k0", "k1", "k2"}


def test_vectors_of_the_same_model_under_other_settings_are_retired(store: ReviewStore) -> None:
    cache = store.embedding_cache
    vector = {f"k{i}": np.full(384, i, np.float32) for i in range(4)}
    for model_id in ("mini@128-int8", "mini@256", "mini@128-w8a8", "other-model@128", "mini2@128"):
        cache.put_many(model_id, vector)
    assert cache.model_ids() == sorted(
        ["mini@128-int8", "mini@256", "mini@128-w8a8", "other-model@128", "mini2@128"]
    )
    assert cache.retire_other_settings("mini@128-w8a8") == 8
    # this model's current vectors, and other models' (a user may switch back), stay
    assert cache.model_ids() == ["mini2@128", "mini@128-w8a8", "other-model@128"]
    assert set(cache.get_many("mini@128-w8a8", list(vector))) == set(vector)
    assert cache.retire_other_settings("mini@128-w8a8") == 0
    # a folder name may hold an @: the settings are what follows the last one
    cache.put_many("team@mini@128", vector)
    assert cache.retire_other_settings("team@other@128") == 0
    assert cache.retire_other_settings("team@mini@256") == 4


def _stale_and_current_vectors(store: ReviewStore, count: int) -> None:
    rng = np.random.default_rng(0)
    for model_id in ("mini@128-int8", "mini@128-w8a8"):
        vectors = {f"{model_id}-{i}": rng.random(384).astype(np.float32) for i in range(count)}
        store.embedding_cache.put_many(model_id, vectors)
    store.checkpoint()


def test_retired_vectors_give_their_space_back_to_the_disk(store: ReviewStore) -> None:
    _stale_and_current_vectors(store, 3000)
    before = store.size_bytes()
    assert store.embedding_cache.retire_other_settings("mini@128-w8a8") == 3000
    store.checkpoint()
    # half the vectors went, and about half the file with them
    assert store.size_bytes() < 0.6 * before
    assert store.db.conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
    assert len(store.embedding_cache.get_many("mini@128-w8a8", ["mini@128-w8a8-7"])) == 1


def test_a_file_made_before_auto_vacuum_reuses_its_freed_pages(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as conn:  # an older version's file: no auto-vacuum
        conn.execute("PRAGMA page_size = 8192")
        conn.execute("CREATE TABLE placeholder (x)")
    with ReviewStore(path, author="alice") as store:
        assert store.db.conn.execute("PRAGMA auto_vacuum").fetchone()[0] == 0
        _stale_and_current_vectors(store, 1000)
        store.embedding_cache.retire_other_settings("mini@128-w8a8")
        store.checkpoint()
        free = store.db.conn.execute("PRAGMA freelist_count").fetchone()[0]
        assert free > 0  # kept, not returned
        before = store.size_bytes()
        store.embedding_cache.put_many(
            "mini@128-w8a8", {f"new-{i}": np.ones(384, np.float32) for i in range(500)}
        )
        store.checkpoint()
        assert store.size_bytes() == before  # the new vectors went into the freed pages
        assert store.db.conn.execute("PRAGMA freelist_count").fetchone()[0] < free


class _RecordingCache:
    def __init__(self) -> None:
        self.retired: list[str] = []

    def get_many(self, model_id: str, keys: list[str]) -> dict[str, np.ndarray]:
        return {}

    def put_many(self, model_id: str, items: dict[str, np.ndarray]) -> None:
        pass

    def retire_other_settings(self, model_id: str) -> int:
        self.retired.append(model_id)
        return 0


@pytest.mark.model
def test_loading_the_model_retires_its_vectors_under_other_settings() -> None:
    from clause_library.embed import Embedder

    cache = _RecordingCache()
    embedder = Embedder(cache=cache)
    embedder.embed(["Neither party may assign this Agreement."])
    embedder.embed(["Governing law."])
    assert cache.retired == [embedder.model_id]  # once, when the model loaded


def test_threads_can_share_one_store(store: ReviewStore, tmp_path: Path) -> None:
    review = _vendor(tmp_path)
    store.save_review(review)
    sha = review.document.sha256
    errors: list[BaseException] = []

    def decide(n: int) -> None:
        try:
            for i in range(20):
                store.record_decision(sha, Decision(f"k{n}", "accepted", note=str(i)))
                store.portfolio()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=decide, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(store.decision_history(sha)) == 80
    assert {k: d.note for k, d in store.decisions(sha).items()} == {f"k{n}": "19" for n in range(4)}


def test_a_reader_is_never_blocked_by_another_connection_writing(tmp_path: Path) -> None:
    path = tmp_path / "reviews.sqlite3"
    reviews = [
        fake_review(
            write(tmp_path / f"c{i}.txt", VENDOR_TEXT + f"\nSchedule {i}.\n"), VENDOR_FINDINGS
        )
        for i in range(8)
    ]
    writer, reader = ReviewStore(path), ReviewStore(path)
    seen: list[int] = []
    errors: list[BaseException] = []

    def write_all() -> None:
        try:
            for review in reviews:
                writer.save_review(review)
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=write_all)
    thread.start()
    while thread.is_alive():
        seen.append(len(reader.portfolio()))
        reader.search("Delaware")
    thread.join()
    seen.append(len(reader.portfolio()))
    assert errors == []
    assert seen == sorted(seen) and seen[-1] == 8
    writer.close()
    reader.close()


def test_reopening_an_earlier_version_makes_it_current_again(
    store: ReviewStore, tmp_path: Path
) -> None:
    old = _vendor(tmp_path)
    store.save_review(old)
    new = _edited_review(tmp_path)
    store.save_review(new)
    assert [row.sha256 for row in store.portfolio()] == [new.document.sha256]
    write(tmp_path / "msa.txt", VENDOR_TEXT)  # the reviewer restores the old file
    assert not store.save_review(old).new
    assert [row.sha256 for row in store.portfolio()] == [old.document.sha256]


def test_a_write_blocked_too_long_fails_whole_with_a_plain_message(tmp_path: Path) -> None:
    path = tmp_path / "reviews.sqlite3"
    review = _vendor(tmp_path)
    with ReviewStore(path) as setup:
        setup.save_review(review)
    other = sqlite3.connect(path)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with ReviewStore(path, timeout=0.2) as store:
            with pytest.raises(StoreError, match="busy for too long"):
                store.record_decision(review.document.sha256, Decision("k@1-2", "accepted"))
            other.rollback()
            store.record_decision(review.document.sha256, Decision("k@1-2", "accepted"))
            assert list(store.decisions(review.document.sha256)) == ["k@1-2"]
    finally:
        other.close()
