"""Quotation marks: where quotations open and close in one paragraph, in every common style.

“curly”, "straight", ‘single’, «guillemets», „low-high“, mixed pairs (“…") and
unbalanced marks. An apostrophe inside a word (that’s, O'Neill's) never opens or
closes a quotation. Straight marks are told apart by position: a mark after a space or
an opening bracket and before a letter opens; one after a letter and before a space or
punctuation closes.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..vocab import CLOSE_DOUBLE, CLOSE_SINGLE, CUE_RE, DOUBLE_MARKS, OPEN_DOUBLE, OPEN_SINGLE

BEFORE_OPENING = "([{—–-/:;,\"“„«‘‚‹"


@dataclass(frozen=True)
class Marked:
    """One quotation: the marks at mark_start and mark_end - 1, the words between start and end."""

    mark_start: int
    start: int
    end: int
    mark_end: int
    open_mark: str
    close_mark: str
    open_end: bool = False
    unbalanced: bool = False


def _char(text: str, i: int, lo: int, hi: int) -> str:
    return text[i] if lo <= i < hi else " "


def _opening_position(text: str, i: int, lo: int, hi: int) -> bool:
    before, after = _char(text, i - 1, lo, hi), _char(text, i + 1, lo, hi)
    return (before.isspace() or before in BEFORE_OPENING) and not after.isspace()


def _closing_position(text: str, i: int, lo: int, hi: int) -> bool:
    before, after = _char(text, i - 1, lo, hi), _char(text, i + 1, lo, hi)
    return not before.isspace() and (after.isspace() or not after.isalnum() or after.isupper())


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _double_spans(text: str, lo: int, hi: int) -> list[Marked]:
    spans: list[Marked] = []
    open_at: int | None = None
    first_mark = True
    for i in range(lo, hi):
        ch = text[i]
        if ch not in DOUBLE_MARKS:
            continue
        if open_at is None:
            if ch in OPEN_DOUBLE or (ch in '"”' and _opening_position(text, i, lo, hi)
                                     and not (ch == "”" and _closing_position(text, i, lo, hi))):
                open_at = i
            elif first_mark and _closing_position(text, i, lo, hi) and CUE_RE.search(text[i + 1: min(hi, i + 60)]):
                s, e = trimmed(text, lo, i)
                if e > s:
                    spans.append(Marked(lo, s, e, i + 1, "", ch, unbalanced=True))
            first_mark = False
            continue
        first_mark = False
        opener = text[open_at]
        closes = (
            ch in CLOSE_DOUBLE
            or (ch == '"' and not (_opening_position(text, i, lo, hi) and not _closing_position(text, i, lo, hi)))
            or (ch == "“" and (opener == "„" or (_closing_position(text, i, lo, hi)
                                                 and not _opening_position(text, i, lo, hi))))
        )
        if closes:
            s, e = trimmed(text, open_at + 1, i)
            if e > s:
                spans.append(Marked(open_at, s, e, i + 1, opener, ch))
            open_at = None
        elif _opening_position(text, i, lo, hi):
            s, e = trimmed(text, open_at + 1, i)
            if e > s:
                spans.append(Marked(open_at, s, e, e, opener, "", unbalanced=True))
            open_at = i
    if open_at is not None:
        s, e = trimmed(text, open_at + 1, hi)
        if e > s:
            spans.append(Marked(open_at, s, e, e, text[open_at], "", open_end=True, unbalanced=True))
    return spans


def _is_apostrophe(text: str, j: int, lo: int, hi: int) -> bool:
    before, after = _char(text, j - 1, lo, hi), _char(text, j + 1, lo, hi)
    if before.isalpha() and after.isalpha():
        single_letter_word = not _char(text, j - 2, lo, hi).isalpha() and before.isupper()
        return after.islower() or single_letter_word
    if after in "sS" and not _char(text, j + 2, lo, hi).isalnum() and before.isalnum():
        return True
    return False


def _single_spans(text: str, lo: int, hi: int, blocked: list[tuple[int, int]]) -> list[Marked]:
    def is_blocked(i: int) -> bool:
        return any(a <= i < b for a, b in blocked)

    spans: list[Marked] = []
    i = lo
    while i < hi:
        ch = text[i]
        if ch in OPEN_SINGLE + "'" and not is_blocked(i) and _opening_position(text, i, lo, hi) \
                and not _is_apostrophe(text, i, lo, hi) and _char(text, i + 1, lo, hi).isalnum():
            close = None
            for j in range(i + 2, hi):
                if is_blocked(j):
                    break
                c = text[j]
                if c in CLOSE_SINGLE + "'" + ("‘" if ch == "‚" else "") and not text[j - 1].isspace() \
                        and not _is_apostrophe(text, j, lo, hi):
                    close = j
                    break
            if close is not None:
                s, e = trimmed(text, i + 1, close)
                if e > s:
                    spans.append(Marked(i, s, e, close + 1, ch, text[close]))
                i = close + 1
                continue
        i += 1
    return spans


def marked_spans(text: str, lo: int, hi: int) -> list[Marked]:
    """Quotation-mark spans in one paragraph text[lo:hi], outermost only, sorted."""
    doubles = _double_spans(text, lo, hi)
    singles = _single_spans(text, lo, hi, [(d.mark_start, d.mark_end) for d in doubles])
    return sorted(doubles + singles, key=lambda m: m.start)
