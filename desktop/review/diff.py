"""Word-level comparison of a clause with the library's preferred language.

Lawyers compare wording word by word, not character by character, so the texts are split into
words and punctuation and compared with :mod:`difflib`. Deleted words are struck through and
inserted words underlined, so the diff still reads without colour.
"""

from __future__ import annotations

import difflib
import html
import re
from typing import Literal

Op = Literal["equal", "delete", "insert"]

_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")

DELETE_STYLE = "color:#8A3A00; background:#FBE3D6; text-decoration:line-through;"
INSERT_STYLE = "color:#005C45; background:#D8F1E8; text-decoration:underline;"


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[tuple[Op, str]]:
    """Runs of equal, deleted (only in ``old``) and inserted (only in ``new``) words."""
    a, b = tokens(old), tokens(new)
    matcher = difflib.SequenceMatcher(None, [t.lower() for t in a], [t.lower() for t in b],
                                      autojunk=False)
    out: list[tuple[Op, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(("equal", _join(b[j1:j2])))
            continue
        if tag in ("delete", "replace"):
            out.append(("delete", _join(a[i1:i2])))
        if tag in ("insert", "replace"):
            out.append(("insert", _join(b[j1:j2])))
    return out


def similarity(old: str, new: str) -> float:
    """Share of words in common, 0..1."""
    a, b = [t.lower() for t in tokens(old)], [t.lower() for t in tokens(new)]
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _join(words: list[str]) -> str:
    text = ""
    for word in words:
        opening = text.endswith(("(", "“", "‘"))
        if text and (word[0].isalnum() or word[0] in "(“‘\"") and not opening:
            text += " "
        text += word
    return text


def diff_html(old: str, new: str) -> str:
    """The diff as HTML for a QTextBrowser (inline styles only)."""
    parts: list[str] = []
    for op, text in word_diff(old, new):
        if not text:
            continue
        escaped = html.escape(text)
        if parts and (text[0].isalnum() or text[0] in "(“‘\""):
            parts.append(" ")
        if op == "delete":
            parts.append(f'<span style="{DELETE_STYLE}">{escaped}</span>')
        elif op == "insert":
            parts.append(f'<span style="{INSERT_STYLE}">{escaped}</span>')
        else:
            parts.append(escaped)
    return "".join(parts)
