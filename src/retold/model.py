"""The plain data model: every finding is a span of one article, located by character offsets.

Offsets index `Article.text`, the decoded file with its newlines untouched, so a reader
can always check a finding against the article as stored. Each record turns into a
table row with `to_row()`; tables choose and order their columns from it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, fields
from functools import cache
from operator import attrgetter
from typing import Callable, Sequence

from .text.words import word_tuple


@cache
def _field_names(record_type: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(record_type))


@cache
def field_values(record_type: type) -> Callable[[object], tuple]:
    """A record's field values as a tuple (one C call, not one getattr per field)."""
    names = _field_names(record_type)
    getter = attrgetter(*names)
    return getter if len(names) > 1 else (lambda record: (getter(record),))


def field_columns(record_type: type, records: list) -> dict[str, list]:
    """Records of one type as columns, field name -> values in record order (for a table of many records)."""
    names = _field_names(record_type)
    if not records:
        return {name: [] for name in names}
    return dict(zip(names, map(list, zip(*map(field_values(record_type), records)))))


@dataclass(frozen=True, slots=True)
class Span:
    """Characters [start, end) of one article's text."""

    article: str
    start: int
    end: int

    def to_row(self) -> dict:
        """The record as a flat dict, field name -> value."""
        return dict(zip(_field_names(type(self)), field_values(type(self))(self)))

    def __reduce__(self) -> tuple:
        """Pickled as (record type, field values): findings come back from worker processes by pickle, and the
        dataclass default looks the fields up again for every record (twice the time)."""
        return type(self), field_values(type(self))(self)


class SpanIndex:
    """Find spans by offset in time logarithmic in their number: for spans in text order without overlaps
    (paragraphs, sentences, voice segments) by bisection, for any others by the same linear scan as before."""

    def __init__(self, spans: Sequence[Span]):
        self.spans = spans
        self.starts = [s.start for s in spans]
        self.ends = [s.end for s in spans]
        self.in_order = all(e <= s for e, s in zip(self.ends, self.starts[1:]))

    def containing(self, pos: int) -> Span | None:
        """The first span with start <= pos < end."""
        if not self.in_order:
            return next((s for s in self.spans if s.start <= pos < s.end), None)
        k = bisect.bisect_right(self.starts, pos) - 1
        return self.spans[k] if k >= 0 and pos < self.ends[k] else None

    def touching(self, pos: int) -> Span | None:
        """The first span with start <= pos <= end."""
        if not self.in_order:
            return next((s for s in self.spans if s.start <= pos <= s.end), None)
        k = bisect.bisect_left(self.ends, pos)
        return self.spans[k] if k < len(self.spans) and self.starts[k] <= pos else None

    def first_from(self, pos: int) -> int:
        """Index of the first span starting at or after pos (len(spans) if none); spans in text order only."""
        if not self.in_order:
            return next((k for k, s in enumerate(self.spans) if s.start >= pos), len(self.spans))
        return bisect.bisect_left(self.starts, pos)


@dataclass(frozen=True, slots=True)
class Furniture(Span):
    """A piece of page furniture set aside from the body (navigation, caption, footer, ...)."""

    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph(Span):
    """A block of body text (the title is paragraph 0 when the article has one)."""

    index: int
    is_title: bool = False


@dataclass(frozen=True, slots=True)
class Sentence(Span):
    index: int
    paragraph: int
    text: str


@dataclass(frozen=True, slots=True)
class Quote(Span):
    """A quotation or reported-speech span; start/end are inside the marks."""

    index: int
    text: str
    speaker: str | None
    speaker_as_printed: str | None
    side: str
    kind: str
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    group: str | None = None
    paragraph: int = 0
    sentence: int = 0
    mark_start: int = 0
    mark_end: int = 0
    open_mark: str = ""
    close_mark: str = ""
    attribution: str = "none"
    continues: int | None = None
    unbalanced: bool = False

    @property
    def words(self) -> int:
        return len(word_tuple(self.text))


@dataclass(frozen=True, slots=True)
class VoiceSegment(Span):
    """A maximal run of one voice (and speaker) inside one paragraph."""

    voice: str
    speaker: str | None
    paragraph: int = 0


@dataclass(frozen=True, slots=True)
class TermHit(Span):
    """One loaded term as printed, with whose voice it is in."""

    term: str
    entry: str
    category: str
    voice: str
    speaker: str | None
    paragraph: int
    sentence: int


@dataclass(frozen=True, slots=True)
class NameHit(Span):
    """One use of a naming label, with whose voice it is in."""

    concept: str
    label: str
    text: str
    voice: str
    speaker: str | None


@dataclass(frozen=True, slots=True)
class SourceCredit(Span):
    """A news agency named in an article, with the cue that credits it (or `mention`)."""

    source: str
    cue: str
    in_body: bool
