"""Reported speech (no quotation marks) and direct speech printed without marks.

Each reporting cue of a sentence is read by the first pattern that fits it; each
pattern returns the spans it finds, or None when it does not fit the cue:

* `according_to_spans`: "According to X, ..." / "..., according to X" / "The only way, according
  to X, was ..." (one clause around the cue);
* `stated_by_spans`: "This was stated by X" points back to the previous sentence;
* `accused_spans`: "X accused the government of ignoring warnings" reports the charge;
* `skipped_cue_spans`: cues that introduce no reported clause (fragment verbs such as
  "called", a clause that only follows a quotation, an inverted "said X");
* `trailing_clause_spans`: "..., X said." reports what comes before it;
* `pointing_back_spans`: "X said this" / "X said it on Friday" points back;
* `that_clause_spans`: "X said (that) ...", "X said: ...", "X told reporters ...".

Two more patterns work on the whole sentence: `headline_spans` ("..., ministry says" /
"...: Mayor") and `called_spans` ("what X called ..."). A span in the first person
after a colon or before a trailing clause is an `unmarked` quotation
("In order to protect our members, ..., Nowak told reporters.").
"""

from __future__ import annotations

import bisect
import re
from itertools import islice, takewhile
from typing import NamedTuple

from ..model import Quote
from ..text.dateline import dateline_length
from ..vocab import ACCUSE_VERBS, AFTER_ONLY_VERBS, FRAGMENT_VERBS, THAT_VERBS
from .cues import CueEvent
from .direct import DIRECT, REPORTED, UNMARKED, build_quote
from .scan import MASK, Scan, trimmed
from .people import is_title
from .speakers import SPEAKER_NOUNS
from .subjects import source_mention

LEADING_CONJUNCTION = re.compile(r"^(?:but|and|yet|so|however|meanwhile|also)\b,?\s*", re.I)
TELL_OBJECTS = set("reporters journalists the press media him her them us me parliament lawmakers "
                   "correspondents crowd room committee subcommittee supporters colleagues rally audience "
                   "members viewers listeners".split())
TAIL_START = re.compile(r"\s*(?:,|(?:through|from|at|in|outside|on|during|with|via|after|before|by|over|to)\b)",
                        re.I)
CLAUSE_FILLER = set("on in a an the statement friday monday tuesday wednesday thursday saturday sunday today "
                    "yesterday".split())
ADVERBIAL_OPENERS = set("on in at during after before earlier later meanwhile separately since until by for from "
                        "with without speaking asked addressing writing".split())
FIRST_PERSON = re.compile(r"\b(?:I|me|my|mine|myself|we|We|us|our|Our|ours|ourselves)\b")
POINTING_BACK = re.compile(r"\s*(?:it|this)\s*(?:[,.;:!?]|$|\s+(?:on|in|at|during|after|before|when|while|to|"
                           r"yesterday|today|earlier|later|again)\b)", re.I)
CALLED = re.compile(r"\bwhat\s+(he|she|it|they|[A-Z][\w’'-]+)\s+(?:(?:call|calls|called|dubs|dubbed|terms|termed|"
                    r"labels|labelled)|(?:describes?|described|refers? to|referred to)\s+as)\s+")


MID_CLAUSE_VERB = re.compile(r"\s*(?:was|is|were|are|has|have|had|will|would|could|can|must|should|may|might|"
                             r"remains?|remained|lies|lay|seems?|seemed)\b")


class Candidate(NamedTuple):
    """A span of reported content before trimming, with the cue that reports it."""

    start: int
    end: int
    event: CueEvent
    paragraph: int
    sentence: int
    may_be_unmarked: bool = False


class Sentence(NamedTuple):
    """One sentence as the patterns see it: its index, paragraph, bounds and its text's end before final
    punctuation."""

    index: int
    paragraph: int
    start: int
    end: int
    body_end: int


def _outside_words(scan: Scan, start: int, end: int) -> int:
    return len(re.findall(r"\w+", scan.masked[start:end]))


def _previous_sentence(scan: Scan, ev: CueEvent, k: int) -> list[Candidate]:
    """The previous sentence, reported by a cue that points back to it, unless it has a cue of its own."""
    if k > 0 and not scan.events_in(k - 1):
        paragraph, start, end = scan.sentences[k - 1]
        if _outside_words(scan, start, end) >= 3:
            return [Candidate(start, end, ev, paragraph, k - 1)]
    return []


def headline_spans(scan: Scan, sentence: Sentence) -> list[Candidate]:
    """"Mayor open to talks: union": a headline whose colon is followed by nothing but one speaker's name, or an
    unnamed source ("...: mayor")."""
    s, body_end, k = sentence.start, sentence.body_end, sentence.index
    text = scan.masked[s:body_end]
    headline = re.search(r":\s*$", text) is None and re.search(r":\s*([^:]+)$", text)
    if not headline:
        return []
    colon = s + headline.start()
    mentions = scan.mentions(colon, body_end)
    if mentions and mentions[0].kind in ("alias", "name") and not scan.words_between(colon, mentions[0].start) \
            and mentions[-1].end >= body_end - 1 and len(mentions) == 1 \
            and not scan.words_between(mentions[0].end, body_end):
        m = mentions[0]
        return [Candidate(s, colon, CueEvent(colon, colon + 1, ":", m, m.speaker, k), sentence.paragraph, k)]
    words = list(re.finditer(r"[\w’'.-]+", scan.masked[colon:body_end]))
    source = source_mention(scan, words, colon) if 0 < len(words) <= 3 else None
    if source is not None:  # "Council to cut six bus routes: mayor" -> the mayor the article names
        event = CueEvent(colon, colon + 1, ":", source, scan.resolve(source, colon), k)
        return [Candidate(s, colon, event, sentence.paragraph, k)]
    return []


def according_to_spans(scan: Scan, ev: CueEvent, sentence: Sentence) -> list[Candidate] | None:
    """"According to X, ..." reports the rest of the sentence; "..., according to X" what comes before."""
    if ev.cue.lower() != "according to":
        return None
    s, e, k, paragraph = sentence.start, sentence.end, sentence.index, sentence.paragraph
    mention_end = ev.mention.end if ev.mention else ev.cue_end
    comma_after = re.match(r"\s*,", scan.masked[mention_end:e])
    tail = mention_end + (comma_after.end() if comma_after else 0)
    if not scan.words_between(s, ev.cue_start):
        return [Candidate(tail, e, ev, paragraph, k)]
    if comma_after and MID_CLAUSE_VERB.match(scan.masked[tail:e]):
        # "The only way, according to X, was ...": one clause around the cue (two when ", and if ..." adds one)
        second = re.search(r",\s+and\s+(?=(?:if|that|when|while)\b)", scan.masked[tail:e])
        if second:
            return [Candidate(s, tail + second.start(), ev, paragraph, k),
                    Candidate(tail + second.end(), e, ev, paragraph, k)]
        return [Candidate(s, e, ev, paragraph, k)]
    found = [Candidate(s, ev.cue_start, ev, paragraph, k)]
    if comma_after and scan.words_between(tail, e) and not re.match(r"\s*(?:who|which)\b", scan.masked[tail:e]):
        found.append(Candidate(tail, e, ev, paragraph, k))
    return found


def stated_by_spans(scan: Scan, ev: CueEvent, sentence: Sentence) -> list[Candidate] | None:
    """"This was stated by X" reports the previous sentence."""
    if not ev.after_by:
        return None
    if re.match(r"^\s*(?:this|that|it)\s+(?:was|has been|had been|is)\s*$", scan.masked[sentence.start:ev.cue_start],
                re.I):
        return _previous_sentence(scan, ev, sentence.index)
    return []


def skipped_cue_spans(scan: Scan, ev: CueEvent, sentence: Sentence) -> list[Candidate] | None:
    """Cues that report no clause of their own: fragment verbs ("called", "described"), verbs that only follow a
    quotation ("the statement read"), a clause right after a quotation (the quotation is the speech), and an
    inverted "said X" with text after it."""
    if ev.cue.lower().split()[0] in FRAGMENT_VERBS + AFTER_ONLY_VERBS:
        return []
    clause_start = min(ev.cue_start, ev.mention.start) if ev.mention is not None else ev.cue_start
    if re.search(MASK + r"[\s,.;:!?—–-]*$", scan.masked[sentence.start:clause_start]):
        return []
    if ev.mention is not None and ev.mention.start > ev.cue_end and not _is_trailing(scan, ev, sentence):
        return []
    return None


def _is_trailing(scan: Scan, ev: CueEvent, sentence: Sentence) -> bool:
    """Is the cue at the end of its sentence (nothing but objects, dates and fillers after it)?"""
    following = scan.masked[ev.cue_end:sentence.body_end]
    rest = re.sub(r",?\s*(?:as reported by|quoted by|citing|according to)\b.*$", "", following, flags=re.I)
    rest = _without_tail(rest)
    rest_words = [w for w in re.findall(r"[\w’'-]+", rest) if w.lower() not in TELL_OBJECTS | CLAUSE_FILLER]
    return len(rest_words) < 2 and not following.strip().startswith(":")


def _without_tail(following: str) -> str:
    """What follows a closing reporting clause up to a participle or prepositional tail: "told the crowd|
    through a megaphone", "she said|, tucking a bundle under her arm", "said| outside the airport" (but not
    before a "that" clause: "declared on Friday that ...")."""
    obj = re.match(r"\s*(?:(?:the|a|an)\s+)?([\w’'-]+)", following)
    at = obj.end() if obj and obj.group(1).lower() in TELL_OBJECTS else 0
    if not at and re.search(r"\bthat\b|:", following):
        return following.split(",")[0]  # "declared on Friday that ...": a clause follows
    cut = TAIL_START.match(following, at)
    return following[:cut.start()] if cut else following.split(",")[0]


def trailing_clause_spans(scan: Scan, ev: CueEvent, sentence: Sentence) -> list[Candidate] | None:
    """"..., X said." reports what comes before the comma (first person there: an unmarked quotation)."""
    mention = ev.mention
    if mention is None or mention.start <= sentence.start or not _is_trailing(scan, ev, sentence):
        return None
    if mention.end < ev.cue_start and len(re.findall(r"[\w’'-]+", scan.masked[mention.end:ev.cue_start])) > 6:
        return []  # "..., the union declared that its members ... and believes in ...": the subject of another verb
    before = scan.masked[sentence.start:mention.start].rstrip()
    title = re.search(r"(?:\s+[\w’'.-]+){1,4}$", before)
    if title and all(is_title(w) or w.lower() in SPEAKER_NOUNS for w in title.group().split()):
        before = before[:title.start()].rstrip()  # "..., union leader Oluwaseun Adeyemi told the crowd."
    if MASK in scan.masked[ev.cue_end:sentence.body_end] or _fronted_adverbial(before):
        return []  # "On Thursday, Adeyemi said at a news conference, “...”": the quotation is what was said
    if before.endswith(","):
        return [Candidate(sentence.start, sentence.start + len(before), ev, sentence.paragraph, sentence.index, True)]
    return []


def _fronted_adverbial(before: str) -> bool:
    """"On Thursday,", "In a statement,", "Later,": a short phrase of time, place or manner, not a clause."""
    words = re.findall(r"[\w’'-]+", before)
    return len(words) <= 4 and bool(words) and (words[0].lower() in ADVERBIAL_OPENERS
                                                or all(w.lower() in CLAUSE_FILLER for w in words))


def pointing_back_spans(scan: Scan, ev: CueEvent, sentence: Sentence) -> list[Candidate] | None:
    """"X said this on Friday" reports the previous sentence."""
    if not POINTING_BACK.match(scan.masked[ev.cue_end:sentence.body_end]):
        return None
    return _previous_sentence(scan, ev, sentence.index)


def _clause_end(scan: Scan, events: list[CueEvent], n: int, start: int, end: int) -> int:
    """Where a reported clause stops: at the comma before the next cue's subject in the sentence."""
    for later in events[n + 1:]:
        if later.cue.lower() == "according to" or later.mention is None or later.after_by:
            continue
        subject_start = min(later.mention.start, later.cue_start)
        if subject_start <= start:
            continue
        comma = max(scan.masked.rfind(",", start, subject_start), scan.masked.rfind(";", start, subject_start))
        if comma > start:
            return comma
    return end


def _direct_opens_in(quotes: list[Quote], start: int, end: int) -> bool:
    """Does a direct quotation open in [start, end)? `quotes` are in text order (see `reported_spans`)."""
    first = bisect.bisect_left(quotes, start, key=lambda q: q.mark_start)
    return any(q.kind == DIRECT for q in takewhile(lambda q: q.mark_start < end, islice(quotes, first, None)))


def that_clause_spans(scan: Scan, ev: CueEvent, sentence: Sentence, events: list[CueEvent], n: int,
                      quotes: list[Quote]) -> list[Candidate]:
    """"X said (that) ...", "X said: ...", "X told reporters ...": the clause after the cue, cut at the next
    speaker's clause and split at ", and that"."""
    low = ev.cue.lower()
    e, k, paragraph = sentence.end, sentence.index, sentence.paragraph
    following = scan.masked[ev.cue_end:sentence.body_end]
    start = ev.cue_end
    if re.match(r"\s*,", following) and not re.match(r"\s*,(?:\s+[\w’'-]+){0,3}\s+that\b", following):
        return []
    colon = re.match(r"\s*:", following)
    that = re.search(r"(?<!\band )(?<!\bbut )(?<!\bor )\bthat\b", scan.masked[ev.cue_end:e])
    words_to_that = len(scan.words_between(ev.cue_end, ev.cue_end + that.start())) if that else 99
    if colon:
        start = ev.cue_end + colon.end()
    elif that and words_to_that <= 12 and MASK not in scan.masked[ev.cue_end:ev.cue_end + that.start()]:
        start = ev.cue_end + that.end()
    elif low in THAT_VERBS:
        return []
    elif low.startswith("tell") or low.startswith("told"):
        obj = re.match(r"\s*([\w’'-]+)", following)
        if obj and obj.group(1).lower() in TELL_OBJECTS:
            start = ev.cue_end + obj.end()
    if start == ev.cue_end and re.match(r"\s*(?:[\w’'-]+ing|to|of|for|on|about|with)\b", scan.masked[start:e]) \
            and low not in ("told", "tell", "tells", "telling"):
        return []
    direct = _direct_opens_in(quotes, start, e)
    if direct and (start == ev.cue_end or colon):
        return []
    end = _clause_end(scan, events, n, start, e)
    if start == ev.cue_end and low not in ("said", "says", "say", "told", "tells", "tell") \
            and len(scan.words_between(start, end)) < 4:
        return []  # "denied the report", "warned residents": an object, not a clause
    and_that = re.search(r",?\s+and that\b", scan.masked[start:end])
    if and_that:
        return [Candidate(start, start + and_that.start(), ev, paragraph, k, bool(colon)),
                Candidate(start + and_that.end(), end, ev, paragraph, k, bool(colon))]
    return [Candidate(start, end, ev, paragraph, k, bool(colon))]


def called_spans(scan: Scan, sentence: Sentence, events: list[CueEvent]) -> list[Candidate]:
    """"what X called a forced response": the label after the verb, X's words without marks."""
    s, e = sentence.start, sentence.end
    found = []
    for lm in CALLED.finditer(scan.masked[s:e]):
        ev = next((x for x in events if s + lm.start() <= x.cue_start < s + lm.end()), None)
        if ev is None or ev.speaker is None:
            continue
        tail = re.match(r"[^,;.:!?]+?(?=\s+(?:and|but|that|which|who|because|while)\b|[,;.:!?]|$)",
                        scan.masked[s + lm.end():e])
        if tail:
            found.append(Candidate(s + lm.end(), s + lm.end() + tail.end(), ev, sentence.paragraph, sentence.index))
    return found


def accused_spans(scan: Scan, ev: CueEvent, sentence: Sentence) -> list[Candidate] | None:
    """"X accused the government of ignoring warnings ...": the charge after "of" is X's claim (when at least
    three words of it stand outside quotation marks; a quoted fragment alone is a quotation)."""
    if ev.cue.lower() not in ACCUSE_VERBS:
        return None
    of = re.match(r"\s+(?:[\w’'.-]+\s+){1,6}?(?:of|for)\s+", scan.masked[ev.cue_end:sentence.end])
    if of is None:
        return []
    start = ev.cue_end + of.end()
    end = re.search(r"(?:,\s+(?:and|but|while|saying)\b|;|$)", scan.masked[start:sentence.end]).start() + start
    later = [e.cue_start for e in scan.events_in(sentence.index) if start < e.cue_start < end]
    if later:  # "accused the referee of bias and said ...": the charge stops before the next verb of saying
        end = start + len(re.sub(r"\s+(?:and|but)\s*$", "", scan.masked[start:min(later)].rstrip()))
    if _outside_words(scan, start, end) < 3:
        return []
    return [Candidate(start, end, ev, sentence.paragraph, sentence.index)]


EVENT_PATTERNS = (according_to_spans, stated_by_spans, accused_spans, skipped_cue_spans, trailing_clause_spans,
                  pointing_back_spans)


def _event_spans(scan: Scan, sentence: Sentence, events: list[CueEvent], n: int, quotes: list[Quote]
                 ) -> list[Candidate]:
    for pattern in EVENT_PATTERNS:
        found = pattern(scan, events[n], sentence)
        if found is not None:
            return found
    return that_clause_spans(scan, events[n], sentence, events, n, quotes)


def _content_bounds(scan: Scan, start: int, end: int) -> tuple[int, int]:
    """The reported content without surrounding space, final punctuation, a dateline, a leading "and" or "that"."""
    s, e = trimmed(scan.text, start, end)
    while e > s and scan.text[e - 1] in ".,;:!?" and scan.masked[e - 1] != MASK:
        e -= 1
    s, e = trimmed(scan.text, s, e)
    s += dateline_length(scan.text[s:e])
    lead = LEADING_CONJUNCTION.match(scan.text[s:e])
    if lead and lead.end() < e - s:
        s += lead.end()
    if scan.text[s:e].lower().startswith("that "):
        s += 5
    return s, e


def _to_quotes(scan: Scan, candidates: list[Candidate], kind: str) -> list[Quote]:
    seen = set()
    out = []
    for c in sorted(candidates, key=lambda c: (c.start, -c.end)):
        if (c.start, c.end) in seen:
            continue
        seen.add((c.start, c.end))
        ev = c.event
        how = "pronoun" if ev.mention is not None and ev.mention.kind == "pronoun" else (
            "according" if ev.cue.lower() == "according to" else "clause")
        out.append(build_quote(scan, 0, c.start, c.end, kind, c.paragraph, c.sentence, ev.speaker,
                               ev.mention.printed if ev.mention else None, ev, how))
    return out


def reported_spans(scan: Scan, quotes: list[Quote]) -> tuple[list[Quote], list[Quote]]:
    """(reported-speech spans, unmarked direct quotations), sentence by sentence."""
    quotes = sorted(quotes, key=lambda q: q.mark_start)
    reported: list[Candidate] = []
    unmarked: list[Candidate] = []
    for k, (paragraph, s, e) in enumerate(scan.sentences):
        text = scan.masked[s:e]
        sentence = Sentence(k, paragraph, s, e, e - (len(text) - len(text.rstrip(" .!?;"))))
        events = scan.events_in(k)
        candidates = headline_spans(scan, sentence)
        for n in range(len(events)):
            candidates += _event_spans(scan, sentence, events, n, quotes)
        candidates += called_spans(scan, sentence, events)
        for c in candidates:
            start, end = _content_bounds(scan, c.start, c.end)
            words = _outside_words(scan, start, end)
            if end <= start or words < 2 or c.event.speaker is None and c.event.mention is None:
                continue
            c = c._replace(start=start, end=end)
            if c.may_be_unmarked and MASK not in scan.masked[start:end] and FIRST_PERSON.search(scan.text[start:end]) \
                    and words >= 4:
                unmarked.append(c)
            else:
                reported.append(c)
    return _to_quotes(scan, reported, REPORTED), _to_quotes(scan, unmarked, UNMARKED)
