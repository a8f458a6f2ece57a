"""One article prepared for quotation finding: its paragraphs, sentences and marks, and who is mentioned where.

The text is scanned with every quotation mark masked (`masked`), so reporting clauses
and names are looked for only outside the marks. The mention finders here answer "who
is the subject of this reporting verb?": an alias from the speakers lexicon, a pronoun,
an unlisted capitalised name, or an unnamed source ("the army", "officials").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from ..text.dateline import dateline_length
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
WORD = re.compile(r"[\w’'-]+")
LATIN_WORD = re.compile(r"[A-Za-z][\w’'-]*")


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
    resolved_starts: list[int] = field(default_factory=list)  # the keys of `resolved`, sorted
    stop_words: frozenset[str] = STOP_WORDS

    def __post_init__(self) -> None:
        self.sentences = self.sentences or [(p, s, e) for p, s, e in self.paragraphs]
        opening = {s for _, s, _ in self.paragraphs}
        self.sentences = [(p, s + dateline_length(self.text[s:e]) if s in opening else s, e)
                          for p, s, e in self.sentences]
        for p, s, e in self.paragraphs:
            self.marked += [(p, m) for m in marked_spans(self.text, s, e)]
        pieces, cursor = [], 0
        for _, m in sorted(self.marked, key=lambda pm: pm[1].mark_start):
            start = max(cursor, m.mark_start)
            if m.mark_end > start:
                pieces += [self.text[cursor:start], MASK * (m.mark_end - start)]
                cursor = m.mark_end
        self.masked = "".join(pieces) + self.text[cursor:]
        self._starts = [s for _, s, _ in self.sentences]
        self._in_order = all(e <= s2 for (_, _, e), (_, s2, _) in zip(self.sentences, self.sentences[1:]))
        self._mentions: dict[int, list[Mention]] = {}
        self.cast = find_cast(self.masked, self.paragraphs, self.book)

    # ---- helpers
    def sentence_of(self, pos: int) -> int:
        """The sentence holding `pos` (the last one for its end), else the last one starting before it.

        Sentences in text order without overlaps (as segmentation gives them) are found by bisection."""
        if self._in_order:
            return max(0, bisect.bisect_right(self._starts, pos) - 1)
        for k, (_, s, e) in enumerate(self.sentences):
            if s <= pos < e or (pos == e and k == len(self.sentences) - 1):
                return k
        best = 0
        for k, (_, s, _e) in enumerate(self.sentences):
            if s <= pos:
                best = k
        return best

    def words_between(self, a: int, b: int) -> list[str]:
        return WORD.findall(self.masked[a:b])

    def subject_before(self, lo: int, cue_start: int) -> Mention | None:
        return subjects.subject_before(self, lo, cue_start)

    def mention_after(self, pos: int, hi: int) -> Mention | None:
        return subjects.mention_after(self, pos, hi)

    def resolve(self, mention: Mention | None, pos: int, events: list[CueEvent] | None = None) -> Speaker | None:
        return subjects.resolve(self, mention, pos)

    def mentions(self, lo: int, hi: int) -> list[Mention]:
        return subjects.mentions(self, lo, hi)

    def title_case(self, s: int, e: int) -> bool:
        words = LATIN_WORD.findall(self.masked[s:e])
        return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)

    def events_in(self, k: int) -> list[CueEvent]:
        """The cues of sentence k (events are kept in sentence order, so they are found by bisection)."""
        key = (lambda ev: ev.sentence)
        return self.events[bisect.bisect_left(self.events, k, key=key):bisect.bisect_right(self.events, k, key=key)]

    def mentions_before(self, k: int, pos: int) -> list[Mention]:
        """Mentions in sentence k that end before `pos`, a masked quotation mark (found once per sentence:
        nothing can straddle the mark, so this equals looking in the sentence up to `pos`)."""
        if self.masked[pos:pos + 1] != MASK:
            return self.book.mentions(self.masked, self.sentences[k][1], pos)
        if k not in self._mentions:
            _, s, e = self.sentences[k]
            self._mentions[k] = self.book.mentions(self.masked, s, e)
        return [m for m in self._mentions[k] if m.end <= pos]

    def events_between(self, lo: int, hi: int) -> list[CueEvent]:
        """Cues whose verb starts in [lo, hi), in text order (every cue when sentences are not in order)."""
        if not self._in_order:
            return self.events
        key = (lambda ev: ev.cue_start)
        return self.events[bisect.bisect_left(self.events, lo, key=key):bisect.bisect_left(self.events, hi, key=key)]

    def latest_event_in(self, k: int, accept: Callable[[CueEvent], bool]) -> CueEvent | None:
        """The last cue found so far in sentence k that `accept`s."""
        for ev in reversed(self.events):
            if ev.sentence != k:
                return None
            if accept(ev):
                return ev
        return None


def text_units(text: str) -> tuple[list[Unit], list[Unit]]:
    """Paragraphs (one per line) and sentences of a plain text, for extracting from text outside a corpus."""
    paragraphs = []
    for m in re.finditer(r"[^\r\n]+", text):
        s, e = trimmed(text, m.start(), m.end())
        if e > s:
            paragraphs.append((len(paragraphs), s, e))
    sentences = [(p, s, e) for p, ps, pe in paragraphs for s, e in sentence_spans(text, ps, pe)]
    return paragraphs, sentences
