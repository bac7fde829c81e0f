"""The review database: history, decisions, embedding cache, portfolio and search.

Open it once per process and share it (it is thread-safe)::

    store = ReviewStore()                        # user_data_dir()/reviews.sqlite3
    engine = Engine(cache=store.embedding_cache)
    opened = open_review(engine, store, path)    # as the reviewer left it
    store.record_decision(opened.sha256, Decision(key, "accepted", note="ok"))

See :mod:`clause_library.store.store` for durability and concurrency, and
:mod:`clause_library.store.schema` for migrations.
"""

from __future__ import annotations

from clause_library.store.cache import SqliteEmbeddingCache
from clause_library.store.errors import (
    DamagedStoreError,
    NewerStoreError,
    StoreError,
    UnknownDocumentError,
)
from clause_library.store.portfolio import KEY_CLAUSES, QUICK_FILTERS, KeyClause, QuickFilter
from clause_library.store.records import (
    STATUS_LABELS,
    STATUS_RANK,
    ClauseStatus,
    DecisionRecord,
    DocumentRecord,
    PortfolioRow,
    SaveResult,
    SearchHit,
    StoredFinding,
    StoredReview,
    UnplacedDecision,
)
from clause_library.store.schema import SCHEMA_VERSION
from clause_library.store.session import OpenedReview, open_review
from clause_library.store.store import ReviewStore, default_database_path

__all__ = [
    "KEY_CLAUSES",
    "QUICK_FILTERS",
    "SCHEMA_VERSION",
    "STATUS_LABELS",
    "STATUS_RANK",
    "ClauseStatus",
    "DamagedStoreError",
    "DecisionRecord",
    "DocumentRecord",
    "KeyClause",
    "NewerStoreError",
    "OpenedReview",
    "PortfolioRow",
    "QuickFilter",
    "ReviewStore",
    "SaveResult",
    "SearchHit",
    "SqliteEmbeddingCache",
    "StoreError",
    "StoredFinding",
    "StoredReview",
    "UnknownDocumentError",
    "UnplacedDecision",
    "default_database_path",
    "open_review",
]
