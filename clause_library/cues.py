"""Searching many cue regexes over many texts, quickly.

A library holds several hundred cue regexes and a contract several hundred sentences. Most cues
occur in few sentences, so each regex is first reduced to its *needles*: literal strings one of
which every match must contain (``\\btrain(?:s|ed)?\\b`` needs "train"). A cue whose needles
are absent from the whole document is skipped; otherwise only the texts holding a needle are
searched with the regex. The result is exactly what searching every text with every regex
gives: needles are casefolded ASCII letters or other characters, and the only letters that ``re``
matches to an ASCII letter ignoring case but that do not casefold to it (dotted and dotless i)
send a text to the regex.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

try:  # the parser behind ``re``; without it every text is searched, which is only slower
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python < 3.11
    _sre = None
    _sre_parse = None

#: Letters that ``re`` matches to "i" ignoring case although they do not casefold to it.
_UNFOLDED = re.compile("[\u0130\u0131]")


def _foldable(code: int) -> bool:
    """Whether a literal character can be part of a needle (see the module's note on case)."""
    return code < 128 or not chr(code).isalpha()


def _needles(items: object) -> frozenset[str] | None:
    """Strings one of which every match of a parsed regex sequence contains, or None."""
    assert _sre is not None
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            candidates.append(frozenset({"".join(run)}))
        run.clear()

    for op, av in items:  # type: ignore[attr-defined]
        if op is _sre.LITERAL and _foldable(av):
            run.append(chr(av).casefold())
            continue
        flush()
        inner: frozenset[str] | None = None
        if op is _sre.IN and av and all(o is _sre.LITERAL and _foldable(c) for o, c in av):
            inner = frozenset(chr(c).casefold() for _, c in av)
        elif op is _sre.SUBPATTERN:
            inner = _needles(av[-1])
        elif op is _sre.BRANCH:
            alternatives = [_needles(branch) for branch in av[1]]
            if alternatives and all(alternatives):
                inner = frozenset().union(*alternatives)  # type: ignore[arg-type]
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            inner = _needles(av[2])
        elif op is _sre.ATOMIC_GROUP:
            inner = _needles(av)
        if inner:
            candidates.append(inner)
    flush()
    if not candidates:
        return None
    # the most selective requirement: long needles, few alternatives
    return max(candidates, key=lambda c: (min(len(s) for s in c), -len(c)))


def needles(regex: re.Pattern[str]) -> frozenset[str] | None:
    """Casefolded strings one of which every match of ``regex`` contains; None if unknown."""
    if _sre_parse is None or regex.flags & re.VERBOSE:
        return None
    try:
        return _needles(_sre_parse.parse(regex.pattern, regex.flags))
    except Exception:  # noqa: BLE001 - an unparseable pattern is simply searched everywhere
        return None


@dataclass(frozen=True)
class Cue:
    regex: re.Pattern[str]
    needles: frozenset[str] | None

    @classmethod
    def of(cls, regex: re.Pattern[str]) -> Cue:
        return cls(regex, needles(regex))


def search_all(cues: Sequence[Cue], texts: Sequence[str]) -> list[list[int]]:
    """For each cue, the indices of the texts it matches (as ``cue.regex.search`` would)."""
    folded = [t.casefold() for t in texts]
    whole = "\n".join(folded)
    starts = [0]
    for text in folded:
        starts.append(starts[-1] + len(text) + 1)
    # texts the needles cannot speak for are always searched
    unfolded = {i for i, t in enumerate(texts) if _UNFOLDED.search(t)}
    found: dict[str, set[int]] = {}

    def holding(needle: str) -> set[int]:
        """Indices of the texts whose casefolded form contains ``needle``."""
        if needle not in found:
            hits: set[int] = set()
            pos = whole.find(needle)
            while pos != -1:
                i = bisect_right(starts, pos) - 1
                hits.add(i)
                pos = whole.find(needle, starts[i + 1])
            found[needle] = hits
        return found[needle]

    out: list[list[int]] = []
    everything = range(len(texts))
    for cue in cues:
        if cue.needles is None:
            candidates: Iterable[int] = everything
        else:
            union = set(unfolded)
            for needle in cue.needles:
                union |= holding(needle)
            candidates = sorted(union)
        search = cue.regex.search
        out.append([i for i in candidates if search(texts[i])])
    return out
