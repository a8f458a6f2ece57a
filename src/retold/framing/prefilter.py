"""Which lexicon matchers can match an article at all: a fast, exact pre-check before matching.

Every lexicon pattern opens with a zero-width word edge, so Python's regex engine
cannot skip ahead and tries the whole pattern at every character; a lexicon of a
hundred patterns over every paragraph of every article cost most of the framing
stage. Yet most patterns open with one of a few literal words ("Kyiv regime", "Kiev
regime" open with "Kyiv", "Kiev" or "Kyyiv"), so every match contains one of those
prefixes. The article is case-folded once the way the regex engine compares
characters under IGNORECASE (simple lower case, plus its few extra equivalences such
as i/ı and s/ſ), and a pattern runs only where one of its folded prefixes occurs
(`str.find`); the others cannot match and are skipped. The patterns that run, run
exactly as before, so the matches are the same. A pattern whose matches need not
open with a literal (a character class, an optional first word) always runs.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from .lexicon import Match, longest_matches

try:  # the engine behind `re`: its parser (to read literal prefixes) and its case rules
    import _sre
    from re import _casefix, _parser as _sre_parse
    _EXTRA_CASES: dict[int, tuple[int, ...]] = _casefix._EXTRA_CASES
except (ImportError, AttributeError):  # pragma: no cover - another Python: every pattern runs
    _sre_parse = None

MAX_PREFIXES = 64
_ZERO_WIDTH = {"AT", "ASSERT", "ASSERT_NOT"}
_REPEATS = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}


def _extend(current: set[str], tails: set[str]) -> set[str] | None:
    grown = {a + b for a in current for b in tails}
    return grown if len(grown) <= MAX_PREFIXES else None


def _prefixes(items) -> tuple[set[str], bool]:
    """(literal strings every match of `items` starts with one of, whether they are the whole match)."""
    current = {""}
    for op, value in items:
        name = getattr(op, "name", "")
        if name == "LITERAL":
            current = {c + chr(value) for c in current}
            continue
        if name in _ZERO_WIDTH:
            continue
        if name == "SUBPATTERN":
            tails, complete = _prefixes(value[-1])
        elif name == "BRANCH":
            parts = [_prefixes(alternative) for alternative in value[1]]
            tails, complete = set().union(*(p for p, _ in parts)), all(c for _, c in parts)
        elif name in _REPEATS and value[0] >= 1:
            tails, complete = _prefixes(value[2])[0], False
        elif name in _REPEATS and value[1] == 1 and _prefixes(value[2])[1]:  # an optional literal: (?:high-)?
            tails, complete = _prefixes(value[2])[0] | {""}, True
        else:
            return current, False
        grown = _extend(current, tails)
        if grown is None:
            return current, False
        current = grown
        if not complete:
            return current, False
    return current, True


_FOLDED: dict[int, int] = {}
_SEEN: set[str] = set()


def fold(text: str) -> str:
    """text with each character replaced by one representative of the characters `re` treats as equal
    to it under IGNORECASE (same length, so offsets hold)."""
    for ch in set(text) - _SEEN:
        lower = _sre.unicode_tolower(ord(ch))
        representative = min((lower, *_EXTRA_CASES.get(lower, ())))
        if representative != ord(ch):
            _FOLDED[ord(ch)] = representative
        _SEEN.add(ch)
    return text.translate(_FOLDED)


@lru_cache(maxsize=8)
def _folded(text: str) -> str:
    return fold(text)


@lru_cache(maxsize=4096)
def literal_prefixes(pattern: re.Pattern) -> tuple[str, ...] | None:
    """The folded literal strings every match of `pattern` opens with one of; None when there are none."""
    if _sre_parse is None:
        return None
    try:
        prefixes, _ = _prefixes(_sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 - an unreadable pattern simply always runs
        return None
    if not prefixes or "" in prefixes:
        return None
    return tuple(sorted({fold(p) for p in prefixes}))


def _spans_holding(folded: str, spans: list[tuple[int, int]], starts: list[int] | None, prefix: str) -> set[int]:
    """Numbers of the spans that hold an occurrence of `prefix`; `starts` are the span starts when the spans
    are in order and do not overlap (paragraphs), so each occurrence is placed by bisection."""
    held = set()
    at = folded.find(prefix)
    while at >= 0:
        if starts is None:
            held.update(n for n, (start, end) in enumerate(spans) if start <= at and at + len(prefix) <= end)
        elif (n := bisect.bisect_right(starts, at) - 1) >= 0 and at + len(prefix) <= spans[n][1]:
            held.add(n)
        at = folded.find(prefix, at + 1)
    return held


def lexicon_matches(text: str, spans: list[tuple[int, int]], matchers: list[tuple[int, re.Pattern]]
                    ) -> list[Match]:
    """`lexicon.longest_matches`, each span searched only by the matchers that can match in it: those
    without a literal prefix, and those with one of their prefixes inside the span."""
    folded = _folded(text)
    ordered = all(spans[k][1] <= spans[k + 1][0] for k in range(len(spans) - 1))
    starts = [start for start, _ in spans] if ordered else None
    holding: dict[str, set[int]] = {}
    per_span: list[list[tuple[int, re.Pattern]]] = [[] for _ in spans]
    for key, regex in matchers:
        prefixes = literal_prefixes(regex)
        if prefixes is None:
            numbers: set[int] = set(range(len(spans)))
        else:
            for p in prefixes:
                if p not in holding:
                    holding[p] = _spans_holding(folded, spans, starts, p)
            numbers = set().union(*(holding[p] for p in prefixes))
        for n in numbers:
            per_span[n].append((key, regex))
    found: list[Match] = []
    for span, kept in zip(spans, per_span):
        if kept:
            found += longest_matches(text, [span], kept)
    return found
