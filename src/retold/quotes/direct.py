"""Marked quotations and who said them.

Each quotation gets a `kind`: `direct` (a full utterance: it starts its sentence,
follows a colon or comma, or is a clause after "that") or `partial` (a fragment or
scare quote inside the writer's sentence). Its speaker comes from, in this order: a
reporting clause after the closing mark ("..., Peskov said"), "according to X" in the
sentence, a clause before it ("X said: ..."); failing those, a guess, recorded in
`attribution` so readers can tell guesses from clauses: the subject of the sentence,
the previous quotation of the paragraph (`carried`), or the last speaker named before
it. A quotation continued over paragraphs shares the speaker of the part with a clause.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Quote
from ..text.words import word_tuple
from ..vocab import CUE_RE
from . import bylines
from .cues import CueEvent
from .marks import Marked
from .scan import MASK, Scan
from .speakers import PREPOSITIONS, UNKNOWN_SIDE, Mention, Speaker
from .subjects import sentence_subject

DIRECT, PARTIAL, UNMARKED, REPORTED = "direct", "partial", "unmarked", "reported"
QUOTE_KINDS = (DIRECT, PARTIAL, UNMARKED)


def quote_kind(scan: Scan, m: Marked, sentence_start: int) -> str:
    """`direct` for a full utterance (opens its sentence, follows : , — or "that"), else `partial`."""
    before = scan.masked[sentence_start:m.mark_start].rstrip()
    n_words = len(word_tuple(scan.text[m.start:m.end]))
    if not before or before[-1] in ":,—–(" or before.endswith(MASK):
        return DIRECT if n_words >= 3 else PARTIAL
    if re.search(r"\bthat$", before, re.I) and n_words >= 6:
        return DIRECT
    return PARTIAL


def _after_clause(scan: Scan, m: Marked, k: int, next_mark: int) -> CueEvent | None:
    _, s, e = scan.sentences[k]
    hi = min(e, next_mark)
    region = scan.masked[m.mark_end:hi]
    lead = re.match(r"[\s,.;:!?—–-]*", region).end()
    for ev in scan.events_between(m.mark_end, hi):
        if not (m.mark_end <= ev.cue_start < hi) or ev.speaker is None and ev.mention is None:
            continue
        words_before = scan.words_between(m.mark_end + lead, ev.cue_start)
        if ev.cue.lower() == "according to" or ev.after_by:
            continue
        if ev.mention is not None and m.mark_end <= ev.mention.start and len(words_before) <= 6:
            return ev
    inverted = re.match(r"[\s,.;:—–-]*(" + CUE_RE.pattern[2:-2] + r")\s+", region, re.I)
    if inverted:
        cue_start = m.mark_end + inverted.start(1)
        mention = scan.mention_after(m.mark_end + inverted.end(), hi)
        if mention is not None:
            return CueEvent(cue_start, m.mark_end + inverted.end(1), inverted.group(1), mention,
                            scan.resolve(mention, cue_start, scan.events), k)
    return None


def _according(scan: Scan, k: int) -> CueEvent | None:
    found = [ev for ev in scan.events_in(k) if ev.cue.lower() == "according to"]
    return found[0] if found else None


def _before_clause(scan: Scan, m: Marked, k: int) -> CueEvent | None:
    found = [ev for ev in scan.events_in(k) if ev.cue_end <= m.mark_start and ev.cue.lower() != "according to"]
    return found[-1] if found else None


def _subject_guess(scan: Scan, m: Marked, k: int) -> Mention | None:
    _, s, _e = scan.sentences[k]
    for mention in scan.mentions(s, m.mark_start):
        if mention.kind in ("alias", "name") and mention.speaker is not None and mention.speaker.kind == "person":
            prev = scan.words_between(max(s, mention.start - 20), mention.start)
            if not (prev and prev[-1].lower() in PREPOSITIONS):
                return mention
    return None


def build_quote(scan: Scan, index: int, start: int, end: int, kind: str, paragraph: int, sentence: int,
                speaker: Speaker | None, printed: str | None, event: CueEvent | None, attribution: str,
                marked: Marked | None = None) -> Quote:
    """A Quote record for text[start:end] of the scanned article."""
    return Quote(
        article=scan.article, index=index, start=start, end=end, text=scan.text[start:end],
        speaker=speaker.name if speaker else None, speaker_as_printed=printed,
        side=speaker.side if speaker else UNKNOWN_SIDE, kind=kind,
        cue=event.cue if event else None, cue_start=event.cue_start if event else None,
        cue_end=event.cue_end if event else None, paragraph=paragraph, sentence=sentence,
        mark_start=marked.mark_start if marked else start, mark_end=marked.mark_end if marked else end,
        open_mark=marked.open_mark if marked else "", close_mark=marked.close_mark if marked else "",
        attribution=attribution, unbalanced=marked.unbalanced if marked else False,
    )


def _clause_for(scan: Scan, m: Marked, k: int, next_mark: int) -> tuple[CueEvent | None, str]:
    """The reporting clause that governs a quotation, and how it was found."""
    k_end = scan.sentence_of(max(m.start, m.mark_end - 1))
    event = _after_clause(scan, m, k_end, next_mark) or bylines.dash_byline(scan, m, k_end)
    how = "clause"
    if event is None:
        event = _according(scan, k)
        how = "according"
    if event is None:
        event = _before_clause(scan, m, k) or bylines.colon_subject(scan, m, k) \
            or bylines.colon_introduction(scan, m, k)
        how = "clause"
    if event is not None and event.mention is not None and event.mention.kind == "pronoun":
        how = "pronoun"
    return event, how


def _guess_for(scan: Scan, quotes: list[Quote], n: int, paragraph: int, m: Marked, k: int
               ) -> tuple[Speaker | None, str | None, str]:
    """A speaker for a quotation with no clause: the sentence's subject, the previous quotation's speaker, or the
    last speaker named in this or the previous paragraph."""
    previous = quotes[-1] if quotes and quotes[-1].paragraph == paragraph else None
    if previous is None and quotes and m.open_mark and quotes[-1].paragraph == paragraph - 1 \
            and scan.marked[n - 1][1].open_end:
        previous = quotes[-1]
    if bylines.is_title_or_nickname(scan, m):
        return None, None, "none"
    guess = sentence_subject(scan, k, m.mark_start) if quote_kind(scan, m, scan.sentences[k][1]) == PARTIAL \
        else None
    if guess is not None:
        return scan.resolve(guess, guess.start), guess.printed, "subject"
    guess = _subject_guess(scan, m, k)
    if guess is not None:
        return guess.speaker, guess.printed, "subject"
    if previous is not None and previous.speaker:
        return (scan.book.by_name.get(previous.speaker) or Speaker(previous.speaker), previous.speaker_as_printed,
                "carried")
    prior = sorted((ev for ev in scan.events if ev.cue_start < m.mark_start and ev.speaker
                    and scan.sentences[ev.sentence][0] >= paragraph - 1), key=lambda ev: ev.cue_start)
    if prior:
        return prior[-1].speaker, prior[-1].mention.printed if prior[-1].mention else None, "carried"
    return None, None, "none"


def marked_quotes(scan: Scan) -> list[Quote]:
    """Every quotation inside marks, with its kind and speaker."""
    quotes: list[Quote] = []
    marks = [m for _, m in scan.marked]
    for n, (paragraph, m) in enumerate(scan.marked):
        k = scan.sentence_of(m.start)
        next_mark = marks[n + 1].mark_start if n + 1 < len(marks) else len(scan.text)
        event, how = _clause_for(scan, m, k, next_mark)
        if event is not None:
            speaker, printed = event.speaker, event.mention.printed if event.mention else None
        else:
            speaker, printed, how = _guess_for(scan, quotes, n, paragraph, m, k)
        _, s, _e = scan.sentences[k]
        quote = build_quote(scan, len(quotes), m.start, m.end, quote_kind(scan, m, s), paragraph, k, speaker, printed,
                            event, how, m)
        if quotes and scan.marked[n - 1][1].open_end and scan.marked[n - 1][0] == paragraph - 1 \
                and m.mark_start == _paragraph_start(scan, paragraph):
            quote = replace(quote, continues=quotes[-1].index)
        quotes.append(quote)
    return _share_chain_speakers(quotes)


def _paragraph_start(scan: Scan, paragraph: int) -> int:
    for p, s, _e in scan.paragraphs:
        if p == paragraph:
            return s
    return -1


def _share_chain_speakers(quotes: list[Quote]) -> list[Quote]:
    """Parts of a paragraph-continued quotation share the speaker of the part with a clause."""
    result = list(quotes)
    for q in reversed(result):
        if q.continues is not None and q.speaker and q.attribution != "none":
            prev = result[q.continues]
            if prev.attribution in ("carried", "subject", "none"):
                result[q.continues] = replace(prev, speaker=q.speaker, speaker_as_printed=q.speaker_as_printed,
                                              side=q.side, attribution="continued")
    return result
