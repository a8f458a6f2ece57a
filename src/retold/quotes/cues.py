"""Reporting cues: each reporting verb or phrase outside quotation marks, and the speaker it names.

A cue is found by `vocab.CUE_RE` in the masked text of one sentence, then read by the
first pattern that fits it:

* `according_to_cue`: "according to X" names X after the cue;
* `passive_by_cue`: "was stated by X", "quoted by X" names X after "by";
* `participle_cue`: "..., saying ..." continues the previous cue of the sentence (or, with none,
  the sentence's subject: "Lawmakers tore into the firm, accusing it of ...");
* `subject_cue`: "X said", "the army said", "he added" names the subject before the verb.

Each pattern returns False when it does not fit the cue, None when it fits but names
nobody. A relay ("as reported by Reuters", "as quoted by ...") is not a speaker's cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..vocab import CUE_RE
from .scan import Scan
from .speakers import Mention, Speaker
from .subjects import sentence_subject

RELAY_BEFORE = re.compile(r"\b(?:as|was|were|being)\s*$", re.I)
AS_BEFORE = re.compile(r"\bas\s*$", re.I)
RELAY_VERBS = ("reported", "quoted", "said", "stated")
DETERMINER_BEFORE = re.compile(r"\b(?:the|a|this|that|such)\s+$", re.I)


@dataclass(frozen=True)
class CueEvent:
    """A reporting cue at [cue_start, cue_end) of sentence `sentence`, and the speaker it names."""

    cue_start: int
    cue_end: int
    cue: str
    mention: Mention | None
    speaker: Speaker | None
    sentence: int
    after_by: bool = False


def _named_after(scan: Scan, match: re.Match, k: int, gap: int, end: int) -> CueEvent | None:
    mention = scan.mention_after(match.end() + gap, end)
    if mention is None:
        return None
    return CueEvent(match.start(), match.end(), match.group(), mention,
                    scan.resolve(mention, match.start(), scan.events), k, True)


def according_to_cue(scan: Scan, match: re.Match, k: int, s: int, e: int) -> CueEvent | None | bool:
    """"according to X": the speaker follows the cue."""
    if match.group().lower() != "according to":
        return False
    return _named_after(scan, match, k, 1, e)


def passive_by_cue(scan: Scan, match: re.Match, k: int, s: int, e: int) -> CueEvent | None | bool:
    """"This was stated by X": the speaker follows "by" (not a relay "as reported by")."""
    before = scan.masked[max(s, match.start() - 40): match.start()]
    after = scan.masked[match.end(): match.end() + 4]
    if not after.startswith(" by") or match.group().lower() == "quoted":
        return False
    if RELAY_BEFORE.search(before) and AS_BEFORE.search(before):
        return None
    return _named_after(scan, match, k, 4, e)


def participle_cue(scan: Scan, match: re.Match, k: int, s: int, e: int) -> CueEvent | None | bool:
    """"..., saying ...": a participle after a comma continues the sentence's previous cue."""
    before = scan.masked[max(s, match.start() - 40): match.start()]
    if not (match.group().lower().endswith("ing") and re.search(r",\s*(?:\w+\s+){0,2}$", before)):
        return False
    previous = scan.latest_event_in(k, lambda ev: not ev.after_by and ev.cue.lower() != "according to")
    if previous is None:  # "Lawmakers ... tore into the firm, accusing it of ...": the sentence's subject
        mention = sentence_subject(scan, k, match.start())
        return CueEvent(match.start(), match.end(), match.group(), mention, scan.resolve(mention, match.start()), k) \
            if mention is not None else False
    return CueEvent(match.start(), match.end(), match.group(), previous.mention, previous.speaker, k)


def subject_cue(scan: Scan, match: re.Match, k: int, s: int, e: int) -> CueEvent | None:
    """"X said": the subject before the verb names the speaker."""
    mention = scan.subject_before(s, match.start())
    if mention is None:
        return None
    return CueEvent(match.start(), match.end(), match.group(), mention,
                    scan.resolve(mention, match.start(), scan.events), k)


def _is_relay(scan: Scan, match: re.Match, s: int) -> bool:
    before = scan.masked[max(s, match.start() - 40): match.start()]
    return bool(AS_BEFORE.search(before)) and match.group().lower() in RELAY_VERBS


def find_cues(scan: Scan) -> list[CueEvent]:
    """Every reporting cue of the article with its speaker, in text order (kept on `scan.events`)."""
    scan.events = []
    for k, (_, s, e) in enumerate(scan.sentences):
        for match in CUE_RE.finditer(scan.masked, s, e):
            cue = match.group()
            if cue[0].isupper() and scan.words_between(s, match.start()) and not scan.title_case(s, e):
                continue
            if DETERMINER_BEFORE.search(scan.masked[max(s, match.start() - 6):match.start()]):
                continue  # "the said property"
            event: CueEvent | None | bool = False
            for pattern in (according_to_cue, passive_by_cue):
                event = pattern(scan, match, k, s, e)
                if event is not False:
                    break
            if event is False:
                if _is_relay(scan, match, s):
                    continue
                event = participle_cue(scan, match, k, s, e)
                if event is False:
                    event = subject_cue(scan, match, k, s, e)
            if event:
                scan.events.append(event)
    return scan.events
