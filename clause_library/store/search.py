"""Full-text search over the clause text of every reviewed agreement (SQLite FTS5).

What a user types is never passed to FTS5 as is: its query language treats ``-``, ``:``, ``(`` and
bare quotes as syntax, so "non-compete" or "Licensor's" would be errors. :func:`parse_query`
keeps words, "quoted phrases", ``OR`` between terms and a trailing ``*`` for a prefix, and
quotes everything else.

The index stems words (Porter: "terminate", "terminated" and "termination" all match each other),
but FTS5 does not stem a prefix, and a stem is often shorter than what the user typed: the index
holds "termin" for "termination", which the prefix "terminat*" does not reach. A prefix is
therefore widened to the longest indexed stem it begins with, if that stem is at most
:data:`PREFIX_SLACK` characters shorter (``terminat*`` searches ``termin*``).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from clause_library.store.portfolio import CURRENT_REVIEWS
from clause_library.store.records import SearchHit

_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")

#: How much shorter than a typed prefix an indexed stem may be and still stand for it.
PREFIX_SLACK = 5
#: Shortest stem a prefix is widened to ("ter" would match half the dictionary).
MIN_STEM = 4


@dataclass(frozen=True)
class Term:
    """A word, or a phrase of several, optionally a prefix."""

    words: tuple[str, ...]
    prefix: bool = False


def parse_query(text: str, *, prefix_last: bool = False) -> list[Term | str]:
    """Terms and ``"OR"`` operators from what the user typed; ``prefix_last`` makes the last
    bare word a prefix (search as you type)."""
    out: list[Term | str] = []
    pending_or = False
    matches = list(_TOKEN.finditer(text))
    for i, match in enumerate(matches):
        phrase, bare = match.group(1), match.group(2)
        if bare == "OR":
            pending_or = bool(out)
            continue
        words = tuple(_WORD.findall(phrase if phrase is not None else bare))
        if not words:
            continue
        last = i == len(matches) - 1
        prefix = bare is not None and (bare.endswith("*") or (prefix_last and last))
        if pending_or:
            out.append("OR")
            pending_or = False
        out.append(Term(words, prefix))
    return out


def fts_query(
    text: str,
    *,
    prefix_last: bool = False,
    widen: Callable[[str], str] | None = None,
) -> str:
    """An FTS5 query for ``text``; "" when it has no words. ``widen`` maps the last word of a
    prefix term to the prefix actually searched (see the module docstring)."""
    parts: list[str] = []
    for term in parse_query(text, prefix_last=prefix_last):
        if isinstance(term, str):
            parts.append(term)
            continue
        words = list(term.words)
        if term.prefix and widen is not None:
            words[-1] = widen(words[-1])
        parts.append('"' + " ".join(words) + '"' + ("*" if term.prefix else ""))
    return " ".join(parts)


def widen_prefix(conn: sqlite3.Connection, prefix: str) -> str:
    """The longest indexed stem that ``prefix`` begins with (within the slack), else
    ``prefix``. The vocabulary is searched in the small range of terms that can qualify."""
    word = prefix.lower()
    shortest = max(MIN_STEM, len(word) - PREFIX_SLACK)
    if len(word) <= shortest:
        return word
    rows = conn.execute(
        "SELECT term FROM clauses_vocab WHERE term >= ? AND term <= ?",
        [word[:shortest], word],
    ).fetchall()
    stems = [t for (t,) in rows if word.startswith(t) and len(t) >= shortest]
    return max(stems, key=len) if stems else word


def search_clauses(
    conn: sqlite3.Connection,
    query: str,
    *,
    limit: int = 50,
    clause_id: str | None = None,
    marks: tuple[str, str] = ("«", "»"),
    prefix_last: bool = False,
) -> list[SearchHit]:
    """Clauses of the current documents matching ``query``, best first (BM25, headings count
    double)."""
    match = fts_query(query, prefix_last=prefix_last, widen=lambda w: widen_prefix(conn, w))
    if not match:
        return []
    # The matches are taken first and on their own (MATERIALIZED): left to itself, the planner
    # may run the full-text query once per clause of every document.
    sql = (
        "WITH hits AS MATERIALIZED ("
        "  SELECT rowid AS id, bm25(clauses_fts, 1.0, 2.0) AS rank FROM clauses_fts"
        "  WHERE clauses_fts MATCH ?), "
        f"{CURRENT_REVIEWS}, docs AS MATERIALIZED ("
        "  SELECT r.document_id, r.id AS review_id FROM reviews r"
        "  JOIN current c ON c.review_id = r.id) "
        'SELECT c.id, c.document_id, docs.review_id, c.segment_id, c.start, c."end", c.heading, '
        "c.page, hits.rank, d.path, d.name, coalesce(d.kind, '') "
        "FROM hits "
        "JOIN clauses c ON c.id = hits.id "
        "JOIN docs ON docs.document_id = c.document_id "
        "JOIN documents d ON d.id = c.document_id "
    )
    params: list[object] = [match]
    if clause_id is not None:
        sql += (
            "WHERE EXISTS (SELECT 1 FROM findings f WHERE f.review_id = docs.review_id "
            "AND f.segment_id = c.segment_id AND f.clause_id = ?) "
        )
        params.append(clause_id)
    sql += "ORDER BY hits.rank LIMIT ?"
    params.append(int(limit))
    rows = conn.execute(sql, params).fetchall()
    if not rows:
        return []
    ids = json.dumps([r[0] for r in rows])
    snippets = dict(
        conn.execute(
            "SELECT rowid, snippet(clauses_fts, -1, ?, ?, '…', 24) FROM clauses_fts "
            "WHERE clauses_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))",
            [marks[0], marks[1], match, ids],
        ).fetchall()
    )
    types: dict[tuple[int, str], list[tuple[str, str]]] = {}
    pairs = json.dumps([[r[2], r[3]] for r in rows])
    for review_id, segment_id, found_id, title in conn.execute(
        "SELECT DISTINCT f.review_id, f.segment_id, f.clause_id, f.title FROM findings f "
        "JOIN json_each(?) p ON f.review_id = json_extract(p.value, '$[0]') "
        "AND f.segment_id = json_extract(p.value, '$[1]') ORDER BY f.title",
        [pairs],
    ):
        types.setdefault((review_id, segment_id), []).append((found_id, title))
    hits: list[SearchHit] = []
    for r in rows:
        found = types.get((r[2], r[3]), [])
        hits.append(
            SearchHit(
                document_id=r[1],
                path=Path(r[9]),
                name=r[10],
                kind=r[11],
                segment_id=r[3],
                start=r[4],
                end=r[5],
                heading=r[6],
                page=r[7],
                snippet=" ".join(str(snippets.get(r[0], "")).split()),
                clause_types=tuple(title for _, title in found),
                clause_ids=tuple(i for i, _ in found),
                rank=float(r[8]),
            )
        )
    return hits
