"""Speakers named without a reporting verb: dash bylines, colon introductions and the subject of the sentence.

One function per pattern, each returning a `CueEvent` (or a mention) or None:

* `dash_byline`: `“…” ― Commissioner Geoffrey Starks` (the name after a dash that ends
  the quotation's paragraph; a person wins over the organisation printed before it);
* `colon_introduction`: `And from Chairwoman Rosenworcel:` or `Harbour City manager Ibrahim
  Sesay on his new signing:`, then a paragraph that opens with the quotation;
* `colon_subject`: `Senator Reyes tweeted: “…”`: the subject that opens the quotation's
  sentence (`subjects.sentence_subject`, also used for a fragment with no clause:
  `Critics call them “rogue traders”`, `… accused Mr. Park of “grandstanding”`);
* `is_title_or_nickname`: “The Salt Road”, Paolo “Big Paulie” Ferreira: a quoted title or
  nickname, which nobody said.
"""

from __future__ import annotations

import re

from .cues import CueEvent
from .marks import Marked
from .scan import Scan
from .speakers import Mention
from .subjects import mention_after, sentence_subject

DASH = re.compile(r"\s*[―—–-]\s*")


def _paragraph_of(scan: Scan, pos: int) -> tuple[int, int, int]:
    return next(((p, s, e) for p, s, e in scan.paragraphs if s <= pos <= e), (0, 0, len(scan.text)))


def _person_first(scan: Scan, lo: int, hi: int) -> Mention | None:
    found = [m for m in scan.mentions(lo, hi) if m.kind != "pronoun" and m.speaker is not None]
    people = [m for m in found if m.speaker.kind == "person"]
    return (people or found or [None])[0]


def dash_byline(scan: Scan, m: Marked, k: int) -> CueEvent | None:
    """`“…” ― Commissioner Geoffrey Starks`: a name after a dash that runs to the end of the paragraph."""
    _, _, end = _paragraph_of(scan, m.mark_end)
    dash = DASH.match(scan.masked, m.mark_end, end)
    if dash is None or dash.end() == m.mark_end or "\ue000" in scan.masked[dash.end():end]:
        return None
    byline_end = min([end] + [i for i in (scan.masked.find(",", dash.end(), end),) if i > 0])
    mention = _person_first(scan, dash.end(), byline_end) or mention_after(scan, dash.end(), byline_end)
    if mention is None:
        return None
    return CueEvent(dash.start(), dash.end(), "―", mention, scan.resolve(mention, dash.end()), k)


def colon_introduction(scan: Scan, m: Marked, k: int) -> CueEvent | None:
    """`And from Chairwoman Rosenworcel:` ending the paragraph before one that opens with the quotation."""
    paragraph, start, _ = _paragraph_of(scan, m.mark_start)
    if m.mark_start != start:
        return None
    previous = next(((s, e) for p, s, e in scan.paragraphs if p == paragraph - 1), None)
    if previous is None or not scan.masked[previous[0]:previous[1]].rstrip().endswith(":") \
            or "\ue000" in scan.masked[previous[0]:previous[1]] or len(scan.words_between(*previous)) > 25:
        return None
    lo, hi = previous
    after_from = re.search(r"\bfrom\s+", scan.masked[lo:hi], re.I)
    mention = _person_first(scan, lo + after_from.end() if after_from else lo, hi)
    if mention is None:
        return None
    return CueEvent(hi - 1, hi, ":", mention, scan.resolve(mention, hi), k)


def colon_subject(scan: Scan, m: Marked, k: int) -> CueEvent | None:
    """`Senator Reyes tweeted: “…”`: a colon right before the quotation, no reporting verb; the sentence's
    subject speaks."""
    _, s, _ = scan.sentences[k]
    before = scan.masked[s:m.mark_start].rstrip()
    if not before.endswith(":"):
        return None
    mention = sentence_subject(scan, k, s + len(before))
    if mention is None:
        return None
    colon = s + len(before) - 1
    return CueEvent(colon, colon + 1, ":", mention, scan.resolve(mention, colon), k)


def is_title_or_nickname(scan: Scan, m: Marked) -> bool:
    """A quoted title (every word capitalised: “The Salt Road”, “Paper Lanterns”) or a nickname inside a name
    (Paolo “Big Paulie” Ferreira)."""
    inner = re.findall(r"[\w’'-]+", scan.text[m.start:m.end])
    long_words = [w for w in inner if len(w) > 3]
    if not inner or len(inner) > 6 or not long_words or not all(w[0].isupper() for w in long_words):
        return False
    before = scan.text[max(0, m.mark_start - 20):m.mark_start]
    after = scan.text[m.mark_end:m.mark_end + 20]
    nickname = re.search(r"[A-Z][\w’'-]+\s*$", before) and re.match(r"\s*[A-Z]", after)
    title = re.search(r"\b(?:the|a|an|novel|book|song|single|film|movie|album|play|show|series|titled|called)\s*$",
                      before, re.I) or not re.search(r"\w", before)
    return bool(nickname or title)
