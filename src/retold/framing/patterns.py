"""Lexicon patterns from strangers, run with bounded work.

A backtracking regex such as `(a+)+$` can take longer than the age of the universe on a line of `a`s.
Three layers keep lexicon matching bounded and fast:

* `pattern_problem` refuses, when the lexicon is loaded, the constructions that explode: nested
  unbounded repetition (`(a+)+`, `(\\w+\\s?)*`), ambiguous alternatives under unbounded repetition
  (`(a|aa)+`), back-references and conditionals;
* `Prefilter` asks RE2 (linear time, no backtracking) which entries can match in a paragraph at all,
  using each pattern with its look-arounds, anchors and word boundaries dropped (a superset of what it
  matches). Only those entries run, so a 200-entry lexicon costs one RE2 pass per paragraph plus the few
  entries that are there; results are exactly those of Python's `re`;
* `time_bound` stops any single pattern run that still takes longer than `PATTERN_SECONDS` and names it.
"""

from __future__ import annotations

import os
import re
import signal
import threading
from contextlib import contextmanager
from re import _constants as C
from re import _parser as parser
from typing import Iterator

import re2

PATTERN_SECONDS = float(os.environ.get("RETOLD_PATTERN_SECONDS", "10"))
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
_RE2_MAX_COUNT = 1000
_SPACE = r"\t-\r\x{1c}-\x{1f}\x{85}\p{Z}"
_WORD = r"\p{L}\p{N}_"
_CATEGORIES = {C.CATEGORY_DIGIT: r"\p{Nd}", C.CATEGORY_SPACE: _SPACE, C.CATEGORY_WORD: _WORD}
_NEGATED = {C.CATEGORY_NOT_DIGIT: C.CATEGORY_DIGIT, C.CATEGORY_NOT_SPACE: C.CATEGORY_SPACE,
            C.CATEGORY_NOT_WORD: C.CATEGORY_WORD}
ANY = "(?s:.)"


class PatternTimeout(RuntimeError):
    """A pattern ran longer than the bound; the message names it."""


# ---- validation
MAX_FREE_REPEAT = 10
NESTED = ("repeats a part of variable length many times, like (a+)+ or (\\w+\\s)*, which can take exponential "
          "time; bound the repetition, e.g. (?:\\w+\\s+){0,5}")
AMBIGUOUS = "repeats alternatives that can start alike, like (a|aa)+, without a bound, which can take exponential time"


def _first_chars(items) -> set[str] | None:
    """Characters a parsed pattern must start with (lower case), or None if that is not simply known."""
    for op, av in items:
        if op is C.LITERAL:
            return {chr(av).lower()}
        if op is C.IN and all(kind is C.LITERAL for kind, _ in av):
            return {chr(c).lower() for _, c in av}
        if op is C.SUBPATTERN:
            return _first_chars(av[-1])
        return None
    return None


def _ambiguous(body) -> bool:
    """Is `body` (the body of a repetition) a choice between alternatives that can start with the same character?"""
    while len(body) == 1 and body[0][0] is C.SUBPATTERN:
        body = body[0][1][-1]
    if len(body) != 1 or body[0][0] is not C.BRANCH:
        return False
    starts = [_first_chars(branch) for branch in body[0][1][1]]
    if any(s is None for s in starts):
        return False
    return sum(len(s) for s in starts) != len(set().union(*starts))


def _repeat_problem(items) -> str | None:
    """The first construction in a parsed pattern that backtracking could take exponential time on."""
    for op, av in items:
        problem = None
        if op in _REPEATS:
            low, high, body = av
            many = high == C.MAXREPEAT or high > MAX_FREE_REPEAT
            shortest, longest = body.getwidth()
            if many and shortest != longest:
                return NESTED
            if high == C.MAXREPEAT and _ambiguous(body):
                return AMBIGUOUS
            problem = _repeat_problem(body)
        elif op is C.BRANCH:
            problem = next((p for p in map(_repeat_problem, av[1]) if p), None)
        elif op is C.SUBPATTERN:
            problem = _repeat_problem(av[-1])
        elif op in (C.ASSERT, C.ASSERT_NOT):
            problem = _repeat_problem(av[1])
        elif op is C.ATOMIC_GROUP:
            problem = _repeat_problem(av)
        elif op is C.GROUPREF:
            problem = "uses a back-reference (\\1), which is not supported"
        elif op is C.GROUPREF_EXISTS:
            problem = "uses a conditional group (?(1)...), which is not supported"
        if problem:
            return problem
    return None


def pattern_problem(body: str) -> str | None:
    """Why a lexicon regex body may not be run (it could take exponential time), or None."""
    try:
        parsed = parser.parse(body, re.IGNORECASE)
    except (re.error, RecursionError, OverflowError):
        return None  # compiling the pattern reports the syntax error
    return _repeat_problem(parsed)


# ---- how far back a pattern reads
def lookbehind_reach(pattern: str, flags: int = 0) -> int | None:
    """How many characters before the position where a match is tried `pattern` can read: its look-behinds
    summed (an upper bound, nested ones included), at least 1 for word boundaries and anchors. A match tried
    in text[pos:end] depends on text[pos - reach:end] only. None when the pattern cannot be read."""
    try:
        return max(1, _behind(parser.parse(pattern, flags)))
    except (re.error, RecursionError, OverflowError):
        return None


def _behind(items) -> int:
    total = 0
    for op, av in items:
        if op in (C.ASSERT, C.ASSERT_NOT):
            direction, body = av
            total += (body.getwidth()[1] if direction < 0 else 0) + _behind(body)
        elif op is C.BRANCH:
            total += sum(_behind(branch) for branch in av[1])
        elif op is C.SUBPATTERN:
            total += _behind(av[-1])
        elif op is C.ATOMIC_GROUP:
            total += _behind(av)
        elif op in _REPEATS:
            total += _behind(av[2])
    return total


# ---- an RE2 superset of a pattern, for the prefilter
def _char(code: int) -> str:
    character = chr(code)
    return character if character.isascii() and character.isalnum() else f"\\x{{{code:x}}}"


def _class(items) -> str:
    negate = bool(items) and items[0][0] is C.NEGATE
    parts = []
    for op, av in items[1:] if negate else items:
        if op is C.LITERAL:
            parts.append(_char(av))
        elif op is C.RANGE:
            parts.append(f"{_char(av[0])}-{_char(av[1])}")
        elif op is C.CATEGORY and av in _CATEGORIES:
            parts.append(_CATEGORIES[av])
        else:
            return ANY  # a negated category inside a class: anything will do for a superset
    return f"[{'^' if negate else ''}{''.join(parts)}]" if parts else ANY


def _superset(items) -> str:
    out = []
    for op, av in items:
        if op is C.LITERAL:
            out.append(_char(av))
        elif op is C.NOT_LITERAL:
            out.append(f"[^{_char(av)}]")
        elif op is C.ANY:
            out.append(ANY)
        elif op is C.IN:
            out.append(_class(av))
        elif op is C.BRANCH:
            out.append("(?:" + "|".join(_superset(branch) for branch in av[1]) + ")")
        elif op is C.SUBPATTERN:
            _, add, remove, body = av
            flags = ("i" if add & re.IGNORECASE else "") + ("-i" if remove & re.IGNORECASE else "")
            out.append(f"(?{flags}:{_superset(body)})")
        elif op is C.ATOMIC_GROUP:
            out.append(f"(?:{_superset(av)})")
        elif op in _REPEATS:
            low, high, body = av
            low = min(low, _RE2_MAX_COUNT)
            count = f"{{{low},}}" if high == C.MAXREPEAT or high > _RE2_MAX_COUNT else f"{{{low},{high}}}"
            out.append(f"(?:{_superset(body)}){count}")
        elif op is C.CATEGORY and av in _CATEGORIES:
            out.append(f"[{_CATEGORIES[av]}]")
        elif op is C.CATEGORY and av in _NEGATED:
            out.append(f"[^{_CATEGORIES[_NEGATED[av]]}]")
        elif op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # dropping an assertion only widens what matches
        else:
            out.append(f"{ANY}*")
    return "".join(out)


def superset_pattern(body: str) -> str | None:
    """An RE2 pattern matching wherever `body` (case-insensitive) can match, or None if there is none."""
    try:
        return f"(?i:{_superset(parser.parse(body, re.IGNORECASE))})"
    except (re.error, RecursionError, OverflowError):
        return None


def _options() -> re2.Options:
    options = re2.Options()
    options.max_mem = 256 << 20
    options.log_errors = False
    return options


class Prefilter:
    """Which of many patterns can match in a piece of text, decided by RE2 in one linear pass."""

    def __init__(self, bodies: list[str]):
        self.count = len(bodies)
        self.always: set[int] = set()
        self._numbers: list[int] = []
        self._set = re2.Set.SearchSet(_options())
        for number, body in enumerate(bodies):
            pattern = superset_pattern(body)
            try:
                if pattern is None:
                    raise re2.error("no superset")
                self._set.Add(pattern)
                self._numbers.append(number)
            except re2.error:
                self.always.add(number)
        if self._numbers:
            self._set.Compile()

    def candidates(self, text: str) -> set[int]:
        """Numbers of the patterns that may match somewhere in `text`."""
        found = self._set.Match(text) if self._numbers else None
        return self.always | {self._numbers[i] for i in found or ()}


# ---- a time bound for what remains
@contextmanager
def time_bound(what: str, seconds: float | None = None) -> Iterator[None]:
    """Raise PatternTimeout naming `what` if the block runs longer than `seconds` (main thread on Unix;
    elsewhere the block runs unbounded: the validation and the prefilter still apply)."""
    seconds = PATTERN_SECONDS if seconds is None else seconds
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum, frame):
        raise PatternTimeout(f"{what} took longer than {seconds:g} s; simplify it (avoid nested or ambiguous "
                             "repetition)")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
