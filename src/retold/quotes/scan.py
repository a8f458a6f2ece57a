"""One article prepared for quotation finding: its paragraphs, sentences and marks, and who is mentioned where.

The text is scanned with every quotation mark masked (`masked`), so reporting clauses
and names are looked for only outside the marks. The mention finders here answer "who
is the subject of this reporting verb?": an alias from the speakers lexicon, a pronoun,
an unlisted capitalised name, or an unnamed source ("the army", "officials").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..text.segment import sentence_spans
from ..text.words import comparison_stop_words
from .marks import Marked, marked_spans, trimmed
from . import subjects
from .people import Cast, find_cast
from .speakers import Mention, Speaker, SpeakerBook

if TYPE_CHECKING:
    from .cues import CueEvent

MASK = "\ue000"
Unit = tuple[int, int, int]  # (paragraph, start, end)
STOP_WORDS = comparison_stop_words()


@dataclass
class Scan:
    """One article's text, its paragraph and sentence units, its quotation marks and its reporting cues."""

    article: str
    text: str
    paragraphs: list[Unit]
    sentences: list[Unit]
    book: SpeakerBook
    marked: list[tuple[int, Marked]] = field(default_factory=list)
    masked: str = ""
    events: list[CueEvent] = field(default_factory=list)
    cast: Cast | None = None
    genders: dict[str, str] = field(default_factory=dict)  # learned from pronouns ("Ruiz ... she said")
    resolved: dict[int, Speaker] = field(default_factory=dict)  # pronoun start -> its speaker
    stop_words: frozenset[str] = STOP_WORDS

    def __post_init__(self) -> None:
        self.sentences = self.sentences or [(p, s, e) for p, s, e in self.paragraphs]
        for p, s, e in self.paragraphs:
            self.marked += [(p, m) for m in marked_spans(self.text, s, e)]
        chars = list(self.text)
        for _, m in self.marked:
            for k in range(m.mark_start, m.mark_end):
                chars[k] = MASK
        self.masked = "".join(chars)
        self.cast = find_cast(self.masked, self.paragraphs, self.book)

    # ---- helpers
    def sentence_of(self, pos: int) -> int:
        for k, (_, s, e) in enumerate(self.sentences):
            if s <= pos < e or (pos == e and k == len(self.sentences) - 1):
                return k
        best = 0
        for k, (_, s, _e) in enumerate(self.sentences):
            if s <= pos:
                best = k
        return best

    def words_between(self, a: int, b: int) -> list[str]:
        return re.findall(r"[\w’'-]+", self.masked[a:b])

    def subject_before(self, lo: int, cue_start: int) -> Mention | None:
        return subjects.subject_before(self, lo, cue_start)

    def mention_after(self, pos: int, hi: int) -> Mention | None:
        return subjects.mention_after(self, pos, hi)

    def resolve(self, mention: Mention | None, pos: int, events: list[CueEvent] | None = None) -> Speaker | None:
        return subjects.resolve(self, mention, pos)

    def mentions(self, lo: int, hi: int) -> list[Mention]:
        return subjects.mentions(self, lo, hi)

    def title_case(self, s: int, e: int) -> bool:
        words = re.findall(r"[A-Za-z][\w’'-]*", self.masked[s:e])
        return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)

    def events_in(self, k: int) -> list[CueEvent]:
        return [ev for ev in self.events if ev.sentence == k]




def text_units(text: str) -> tuple[list[Unit], list[Unit]]:
    """Paragraphs (one per line) and sentences of a plain text, for extracting from text outside a corpus."""
    paragraphs = []
    for m in re.finditer(r"[^\r\n]+", text):
        s, e = trimmed(text, m.start(), m.end())
        if e > s:
            paragraphs.append((len(paragraphs), s, e))
    sentences = [(p, s, e) for p, ps, pe in paragraphs for s, e in sentence_spans(text, ps, pe)]
    return paragraphs, sentences
