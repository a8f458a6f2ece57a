"""Datelines: the place, date and agency that open a wire story's first paragraph.

"MOSCOW (Reuters) - ", "WASHINGTON, Dec. 2 (AP) — ", "Reuters, December 2, Moscow - " name no
speaker and report nothing, so the quotation finders skip them: a place there is not the
subject of the sentence's verb, and the words before its comma are not reported content.
"""

from __future__ import annotations

import re

_PART = r"(?:[A-Z][\w.’'-]*|\d{1,4}(?:st|nd|rd|th)?|\([A-Z][^()\n]{0,30}\))"
_DATELINE = re.compile(rf"({_PART}(?:,?\s+{_PART}|,{_PART}){{0,7}}),?(?:\s+[–—-]{{1,2}}\s+|\s*[–—]\s*)(?=\S)")
_MONTHS = frozenset("jan jan. feb feb. mar mar. apr apr. may jun jun. jul jul. aug aug. sep sep. sept sept. oct oct. "
                    "nov nov. dec dec. january february march april june july august september october november "
                    "december".split())
_FUNCTION_WORDS = frozenset("the a an and but or in on at of for to with by as if this that it he she they we".split())
MAX_DATELINE = 80


def _looks_like_dateline(parts: list[str]) -> bool:
    """Some part only a dateline has (a capitalised place, a month, a day, an agency in brackets), and no
    function word ("The EU - which ..." opens a sentence)."""
    if any(p.lower() in _FUNCTION_WORDS for p in parts):
        return False
    return any(p.startswith("(") or p[:1].isdigit() or p.lower() in _MONTHS
               or (len(p) > 2 and p.isalpha() and p.isupper()) for p in parts)


def dateline_length(paragraph: str) -> int:
    """Characters of the dateline that opens `paragraph` (dash and space included), 0 when there is none;
    always fewer than the paragraph's (a dateline is followed by the story)."""
    match = _DATELINE.match(paragraph[:MAX_DATELINE + 10])
    if match is None or match.end() > MAX_DATELINE:
        return 0
    parts = re.findall(r"\([^()]*\)|[^\s,()]+", match.group(1))
    return match.end() if _looks_like_dateline(parts) else 0
