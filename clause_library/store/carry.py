"""Where an earlier decision belongs in a new review: by clause type and text, never by offsets.

When an agreement comes back edited, every offset after the first change moves, so a finding's key
(``clause_id@start-end``) no longer identifies it. A decision is carried to the finding of the same
clause type whose text is the same, or failing that, that overlaps the place where the old text
still occurs in the new document (the sentence became part of a longer passage, or the passage
was cut down around an unchanged sentence). A decision on a gap is carried when the new review has
the same gap. Anything else is left unplaced for the reviewer to see.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from clause_library.embed import normalise_text


@dataclass(frozen=True)
class Source:
    """A decision to place: its record id and what it was about."""

    record_id: int
    clause_id: str
    text: str
    is_gap: bool


@dataclass(frozen=True)
class Target:
    """A finding or gap of the new review."""

    key: str
    clause_id: str
    start: int | None
    end: int | None
    text: str
    is_gap: bool


def occurrences(text: str, document_text: str) -> list[tuple[int, int]]:
    """Spans of ``document_text`` holding ``text``, whatever the whitespace between its words."""
    words = text.split()
    if not words:
        return []
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    return [(m.start(), m.end()) for m in pattern.finditer(document_text)]


def place(
    sources: Sequence[Source],
    targets: Iterable[Target],
    document_text: str,
    taken: Iterable[str] = (),
) -> dict[int, str]:
    """Map record ids of ``sources`` to keys of ``targets``; each target receives at most one.

    ``taken`` are target keys that already carry a decision of their own, which a carried one
    must not overwrite. Exact matches are placed before overlaps, so a decision never loses its
    exact twin to a neighbour.
    """
    free = {t.key: t for t in targets if t.key not in set(taken)}
    placed: dict[int, str] = {}

    def claim(source: Source, key: str) -> None:
        placed[source.record_id] = key
        del free[key]

    for source in sources:
        if source.is_gap:
            key = f"{source.clause_id}@missing"
            if key in free and free[key].is_gap:
                claim(source, key)
    findings = [s for s in sources if not s.is_gap and s.text.strip()]
    for source in findings:
        wanted = normalise_text(source.text)
        for target in list(free.values()):
            if (
                not target.is_gap
                and target.clause_id == source.clause_id
                and normalise_text(target.text) == wanted
            ):
                claim(source, target.key)
                break
    for source in findings:
        if source.record_id in placed:
            continue
        candidates = [
            t
            for t in free.values()
            if not t.is_gap
            and t.clause_id == source.clause_id
            and t.start is not None
            and t.end is not None
        ]
        if not candidates:
            continue
        best: tuple[int, int, str] | None = None
        for start, end in occurrences(source.text, document_text):
            for target in candidates:
                assert target.start is not None and target.end is not None
                overlap = min(end, target.end) - max(start, target.start)
                if overlap <= 0:
                    continue
                # most overlap first, then the target closest in length to the old text
                slack = abs((target.end - target.start) - (end - start))
                if best is None or (overlap, -slack) > (best[0], -best[1]):
                    best = (overlap, slack, target.key)
        if best is not None:
            claim(source, best[2])
    return placed
