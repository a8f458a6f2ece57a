"""Word-level differences between two renderings of one statement, with offsets into each text."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from dataclasses import dataclass

TOKEN_RE = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
COMPOUND_TOKEN_RE = re.compile(r"\w+(?:['’‐‑–-]\w+)*|[^\w\s]")  # keeps "run-off", "Al-Sayed" whole


@dataclass(frozen=True)
class DiffOp:
    """One step of a word-level diff; offsets are relative to text a and text b."""

    op: str  # equal, insert, delete, replace
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_text: str
    b_text: str


def tokens(text: str, pattern: re.Pattern = TOKEN_RE) -> list[tuple[int, int, str]]:
    """Word and punctuation tokens with their offsets."""
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


def _token_key(token: str) -> str:
    return token.lower().replace("’", "'").replace("“", '"').replace("”", '"').replace("‘", "'")


@lru_cache(maxsize=1 << 16)
def _keyed_tokens(text: str, pattern: re.Pattern, key) -> tuple[list[tuple[int, int, str]], list[str]]:
    """`tokens` of a text and their matching keys (cached: a text is diffed against many others)."""
    found = tokens(text, pattern)
    return found, [key(t[2]) for t in found]


def word_diff(a: str, b: str, pattern: re.Pattern = TOKEN_RE, key=None) -> list[DiffOp]:
    """Word-level diff of a and b (case- and quote-style-insensitive matching); `pattern` says what a token is,
    `key` which tokens match (default: equal but for case and quote style)."""
    key = key or _token_key
    (ta, keys_a), (tb, keys_b) = _keyed_tokens(a, pattern, key), _keyed_tokens(b, pattern, key)
    matcher = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    ops = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        a_start, a_end = _span(ta, i1, i2, len(a))
        b_start, b_end = _span(tb, j1, j2, len(b))
        ops.append(DiffOp(tag, a_start, a_end, b_start, b_end, a[a_start:a_end], b[b_start:b_end]))
    return ops


def _span(toks: list[tuple[int, int, str]], i1: int, i2: int, length: int) -> tuple[int, int]:
    if i1 < i2:
        return toks[i1][0], toks[i2 - 1][1]
    position = toks[i1][0] if i1 < len(toks) else length
    return position, position


def diff_text(a: str, b: str) -> str:
    """A one-line word diff: [-dropped-] {+added+} [-old-]{+new+}."""
    parts = []
    for op in word_diff(a, b):
        if op.op == "equal":
            parts.append(op.a_text)
        elif op.op == "delete":
            parts.append(f"[-{op.a_text}-]")
        elif op.op == "insert":
            parts.append(f"{{+{op.b_text}+}}")
        else:
            parts.append(f"[-{op.a_text}-]{{+{op.b_text}+}}")
    return " ".join(p for p in parts if p)
