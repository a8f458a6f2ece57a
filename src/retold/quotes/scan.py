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

from ..text.segment import sentence_spans
from ..text.words import comparison_stop_words
from .marks import Marked, marked_spans, trimmed
from .speakers import (
    AUX_WORDS, DETERMINERS, NAME_RE, NOT_NAMES, PREPOSITIONS, SPEAKER_NOUNS, UNKNOWN_SIDE, Mention, Speaker,
    SpeakerBook, bare_word, guess_kind,
)

if TYPE_CHECKING:
    from .cues import CueEvent

MASK = "\ue000"
Unit = tuple[int, int, int]  # (paragraph, start, end)
STOP_WORDS = comparison_stop_words()
# How far before a reporting verb its subject is looked for: the subject is at most a dozen words away, so
# a longer window changes nothing but makes a long unpunctuated passage cost quadratic time.
SUBJECT_WINDOW = 400
CLAUSE_BREAKS = ",;:()[]" + MASK + "\n"


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

    def __post_init__(self) -> None:
        self.sentences = self.sentences or [(p, s, e) for p, s, e in self.paragraphs]
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
        return re.findall(r"[\w’'-]+", self.masked[a:b])

    def _unknown_name_before(self, lo: int, cue_start: int) -> Mention | None:
        window = self.masked[lo:cue_start]
        m = None
        for m in NAME_RE.finditer(window):
            pass
        if m is None:
            return None
        between = self.words_between(lo + m.end(), cue_start)
        if len([w for w in between if w.lower() not in AUX_WORDS]) > 0:
            return None
        printed = m.group().strip()
        words = [w for w in printed.split() if w not in NOT_NAMES]
        if not words:
            return None
        start = lo + m.start() + m.group().find(words[0])
        printed = self.masked[start: lo + m.start() + len(m.group().rstrip())]
        return Mention(start, start + len(printed), printed, self.book.canonical(printed), "name")

    def _source_mention(self, words: list[re.Match], offset: int) -> Mention | None:
        """A mention for an unnamed source: optional determiner, up to three modifiers, a speaker noun."""
        if not words or bare_word(words[-1].group()) not in SPEAKER_NOUNS:
            return None
        first = len(words) - 1
        while first > 0 and len(words) - first <= 3:
            word = bare_word(words[first - 1].group())
            if word in DETERMINERS or word in STOP_WORDS or word in PREPOSITIONS:
                break
            first -= 1
        start = offset + words[first].start()
        end = offset + words[-1].start() + len(words[-1].group().rstrip("."))
        printed = self.masked[start:end]
        if first > 0 and bare_word(words[first - 1].group()) in DETERMINERS:
            start = offset + words[first - 1].start()
        return Mention(start, end, printed, self.book.canonical(printed), "source")

    def _source_before(self, lo: int, cue_start: int) -> Mention | None:
        window = self.masked[lo:cue_start]
        clause_start = max(window.rfind(ch) for ch in CLAUSE_BREAKS) + 1
        words = list(re.finditer(r"[\w’'.-]+", window[clause_start:]))
        while words and words[-1].group().lower() in AUX_WORDS:
            words.pop()
        return self._source_mention(words, lo + clause_start)

    def _source_after(self, pos: int, hi: int) -> Mention | None:
        words = []
        for match in re.finditer(r"[\w’'.-]+|[^\w\s]", self.masked[pos:hi]):
            if not match.group()[0].isalnum() or len(words) > 4 or words and bare_word(match.group()) in DETERMINERS:
                break
            words.append(match)
            if bare_word(match.group()) in SPEAKER_NOUNS:
                return self._source_mention(words, pos)
        return None

    def subject_before(self, lo: int, cue_start: int) -> Mention | None:
        """The speaker governing a cue: an unnamed source right before it ("the army said"), else the nearest
        mention before it not governed by a preposition (looked for at most SUBJECT_WINDOW characters back)."""
        lo = max(lo, cue_start - SUBJECT_WINDOW)
        found = self._named_subject_before(lo, cue_start)
        source = self._source_before(lo, cue_start)
        if source is not None and (found is None or found.kind != "pronoun" and found.end <= source.start):
            return source
        return found

    def _named_subject_before(self, lo: int, cue_start: int) -> Mention | None:
        mentions = self.book.mentions(self.masked, lo, cue_start)
        for m in reversed(mentions):
            between = self.words_between(m.end, cue_start)
            if MASK in self.masked[m.end:cue_start]:
                break
            if m.kind == "pronoun":
                if all(w.lower() in AUX_WORDS for w in between):
                    return m
                continue
            if len(between) > 12:
                break
            if between and between[0].lower() == "who" and all(w.lower() in AUX_WORDS for w in between[1:]):
                return m
            prev = self.words_between(max(lo, m.start - 20), m.start)
            following = self.masked[m.end: m.end + 2]
            if (prev and prev[-1].lower() in PREPOSITIONS) or following.startswith(("'s", "’s", "'", "’")):
                continue
            return m
        return self._unknown_name_before(lo, cue_start)

    def mention_after(self, pos: int, hi: int) -> Mention | None:
        mentions = self.book.mentions(self.masked, pos, hi)
        if mentions and not self.words_between(pos, mentions[0].start):
            return mentions[0]
        source = self._source_after(pos, hi)
        if source is not None and not (mentions and mentions[0].start < source.end):
            return source
        m = NAME_RE.match(self.masked, pos + len(self.masked[pos:hi]) - len(self.masked[pos:hi].lstrip()))
        if m and m.end() <= hi:
            printed = m.group().strip()
            if printed.split()[0] not in NOT_NAMES:
                return Mention(m.start(), m.start() + len(printed), printed, self.book.canonical(printed), "name")
        return None

    def resolve(self, mention: Mention | None, pos: int, events: list[CueEvent]) -> Speaker | None:
        if mention is None:
            return None
        if mention.kind != "pronoun":
            return mention.speaker or Speaker(mention.printed, UNKNOWN_SIDE, "", guess_kind(mention.printed))
        want = {"he": "person", "she": "person", "it": "group"}.get(mention.printed.lower())
        in_order = events is self.events and self._in_order  # cues are then in text order: skip those after pos
        before = bisect.bisect_left(events, pos, key=lambda ev: ev.cue_start) if in_order else len(events)
        for event in map(events.__getitem__, range(before - 1, -1, -1)):
            if event.cue_start >= pos or event.speaker is None:
                continue
            if want is None or event.speaker.kind == want:
                return event.speaker
        for earlier in reversed(self.book.mentions(self.masked, max(0, pos - 2000), mention.start)):
            if earlier.kind == "alias" and (want is None or earlier.speaker.kind == want):
                return earlier.speaker
        return None

    def title_case(self, s: int, e: int) -> bool:
        words = re.findall(r"[A-Za-z][\w’'-]*", self.masked[s:e])
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
