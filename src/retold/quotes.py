"""Quotations, reported speech and their speakers; the same utterance aligned across outlets.

Extraction works on an article's title and body paragraphs (never page furniture):

* marked quotations in every common style: “curly”, "straight", ‘single’, «guillemets»,
  „low-high“, mixed pairs (“…") and unbalanced marks; an apostrophe inside a word
  (that’s, Kyiv's) never opens or closes a quotation; a paragraph left open and
  continued by an opening mark in the next paragraph is linked (`continues`);
* `kind`: `direct` (a full utterance: starts its sentence, follows a colon or comma, or
  a clause after "that"), `partial` (a fragment or scare quote inside the writer's
  sentence) or `unmarked` (first-person speech printed without marks but with a
  reporting clause: "In order to protect our interests, ..., Peskov told reporters.");
* reported speech without marks (`kind == "reported"`, a separate list): "X said (that)
  ...", "according to X, ...", "X told reporters ...", "This was stated by X",
  "what X called ...", and headline forms "..., Kremlin says" / "...: Putin".

Speakers come from reporting clauses after or before a quotation ("..., Peskov said",
"the statement read", "he added", "X responded: ...", "according to X"); a pronoun is
resolved to the last speaker of the right kind (person for he/she, organisation for
it); a quotation with no clause takes the speaker of the previous quotation in its
paragraph, the subject of its sentence, or the last speaker before it (`attribution`
says which, so readers can tell guesses from clauses). Names are made canonical with
the speakers lexicon; unknown speakers are kept as printed.

Quotations and reported spans that render the same utterance in different articles
are grouped with `retold.compare` (an inverted index proposes candidate pairs, so
this stays fast on large corpora; only pairs from different articles are scored).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from itertools import islice
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from . import compare
from .pipeline import Analysis
from .progress import progress
from .segment import SegmentedArticle, sentence_spans

DIRECT, PARTIAL, UNMARKED, REPORTED = "direct", "partial", "unmarked", "reported"
QUOTE_KINDS = (DIRECT, PARTIAL, UNMARKED)
UNKNOWN_SIDE = "unknown"

OPEN_DOUBLE = "“„«"
CLOSE_DOUBLE = "”»"
OPEN_SINGLE = "‘‚‹"
CLOSE_SINGLE = "’›"
DOUBLE_MARKS = OPEN_DOUBLE + CLOSE_DOUBLE + '"'
SINGLE_MARKS = OPEN_SINGLE + CLOSE_SINGLE + "'"
BEFORE_OPENING = "([{—–-/:;,\"“„«‘‚‹"
MASK = "\ue000"

SAY_VERBS = (
    "said says say saying told tells tell telling stated states stating added adds adding stressed stresses "
    "stressing noted notes declared declares announced announces insisted insists warned warns "
    "explained explains emphasized emphasised emphasizes emphasises argued argues asserted asserts affirmed "
    "affirms acknowledged acknowledges admitted admits revealed reveals confirmed confirms suggested suggests "
    "wrote writes"
).split()
THAT_VERBS = ("responded responds replied replies reported reports concluded commented remarked tweeted claimed claims "
              "believes believed").split()
FRAGMENT_VERBS = ("urged urges asked asks called calls described describes dubbed termed labelled labeled refer refers "
                  "referred").split()
AFTER_ONLY_VERBS = "read reads continued quoted".split()
CUE_RE = re.compile(
    r"\b(?:according to|refer(?:s|red)? to|"
    + "|".join(sorted(set(SAY_VERBS + THAT_VERBS + FRAGMENT_VERBS + AFTER_ONLY_VERBS), key=len, reverse=True))
    + r")\b",
    re.I,
)
AUX_WORDS = set("has had have was were is are been also later then further again has also once previously "
                "had earlier already would will".split())
PREPOSITIONS = set("with to by from of in at on for about between alongside against among toward towards "
                   "into onto than like during without under over via and".split())
TELL_OBJECTS = set("reporters journalists the press media him her them us me parliament lawmakers "
                   "correspondents".split())
FIRST_PERSON = re.compile(r"\b(?:I|me|my|mine|myself|we|We|us|our|Our|ours|ourselves)\b")
PRONOUN_RE = re.compile(r"\b(?:he|she|it|they|He|She|It|They)\b")
NAME_RE = re.compile(r"(?:\b[A-Z][\w’'-]*\.?\s+){0,3}\b[A-Z][\w’'-]+")
NOT_NAMES = set("The This That These Those It He She They We I A An But And Or So Yet However Then Now "
                "On In At For As If When While After Before Meanwhile Also Earlier Later".split())
DATELINE = re.compile(r"^[A-Z][A-Z .,]{1,40}\s[–—-]\s+")
LEADING_CONJUNCTION = re.compile(r"^(?:but|and|yet|so|however|meanwhile|also)\b,?\s*", re.I)
ORG_WORDS = set("government ministry office service council committee party army forces agency house "
                "countries states west kremlin side administration parliament union".split())
CLAUSE_FILLER = set("on in a an the statement friday monday tuesday wednesday thursday saturday sunday today "
                    "yesterday".split())
RELAY_BEFORE = re.compile(r"\b(?:as|was|were|being)\s*$", re.I)
# Unnamed sources that news prose makes speak ("the army said", "according to officials").
PERSON_NOUNS = set("spokesman spokeswoman spokesperson official governor mayor commander officer minister "
                   "diplomat analyst expert witness resident source prosecutor investigator researcher".split())
GROUP_NOUNS = set("officials spokespeople military army ministry government police authorities analysts experts "
                  "witnesses residents sources diplomats officers commanders leaders statement report media "
                  "newspaper agency observers critics lawmakers prosecutors investigators researchers embassy "
                  "office council committee administration parliament".split())
SPEAKER_NOUNS = PERSON_NOUNS | GROUP_NOUNS
DETERMINERS = set("the a an some several many two three".split())


# ---------------------------------------------------------------- speakers

@dataclass(frozen=True)
class Speaker:
    """A canonical speaker from the lexicon (or an unknown one kept as printed)."""

    name: str
    side: str = UNKNOWN_SIDE
    role: str = ""
    kind: str = "person"  # person | group


@dataclass(frozen=True)
class Mention:
    """A phrase that may name a speaker: an alias, a pronoun or an unlisted name."""

    start: int
    end: int
    printed: str
    speaker: Speaker | None
    kind: str  # alias | pronoun | name | source (an unnamed source: "officials", "the army")


def _normal_alias(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip().lower()


def _bare(word: str) -> str:
    return word.lower().rstrip(".")


def _guess_kind(name: str) -> str:
    words = name.split()
    if words and words[-1].lower() in PERSON_NOUNS:
        return "person"
    if len(words) >= 2 and all(w[:1].isupper() for w in words) and words[-1].lower() not in ORG_WORDS:
        return "person"
    return "group"


class SpeakerBook:
    """The speakers lexicon: finds alias mentions (longest wins) and canonical names."""

    def __init__(self, entries: list[dict]):
        self.aliases: dict[str, Speaker] = {}
        self.capitalised: set[str] = set()
        self.speakers: list[Speaker] = []
        for entry in entries:
            name = str(entry["name"])
            speaker = Speaker(name, str(entry.get("side") or UNKNOWN_SIDE), str(entry.get("role") or ""),
                              str(entry.get("kind") or _guess_kind(name)))
            self.speakers.append(speaker)
            for alias in [name, *(entry.get("aliases") or [])]:
                key = _normal_alias(str(alias))
                self.aliases.setdefault(key, speaker)
                if str(alias) != str(alias).lower():
                    self.capitalised.add(key)
        keys = sorted(self.aliases, key=len, reverse=True)
        self.pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in keys)
                                  + r")(?!\w)", re.I) if keys else None
        self.by_name = {s.name: s for s in self.speakers}

    def canonical(self, printed: str) -> Speaker | None:
        return self.aliases.get(_normal_alias(printed))

    def mentions(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Alias and pronoun mentions in text[start:end]; an alias needs a capital unless listed in lower case."""
        end = len(text) if end is None else end
        found: list[Mention] = []
        window = text[start:end].replace("’", "'")
        if self.pattern is not None:
            for m in self.pattern.finditer(window):
                printed = text[start + m.start(): start + m.end()]
                key = _normal_alias(printed)
                speaker = self.aliases.get(key)
                if speaker is None or (key in self.capitalised and printed == printed.lower()):
                    continue
                found.append(Mention(start + m.start(), start + m.end(), printed, speaker, "alias"))
        taken = [(m.start, m.end) for m in found]
        for m in PRONOUN_RE.finditer(window):
            s, e = start + m.start(), start + m.end()
            if not any(a <= s < b for a, b in taken):
                found.append(Mention(s, e, m.group(), None, "pronoun"))
        return sorted(found, key=lambda m: m.start)


def _book_from_entries(entries: list[dict]) -> SpeakerBook:
    return SpeakerBook(entries)


@lru_cache(maxsize=8)
def _load_speakers_cached(path: str, mtime: float) -> SpeakerBook:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    if isinstance(data, dict):
        data = data.get("speakers") or []
    return _book_from_entries([e for e in data if isinstance(e, dict) and e.get("name")])


def load_speakers(path: str | Path | None) -> SpeakerBook:
    """The speakers lexicon at `path` (an empty book if the file does not exist)."""
    if path is None or not Path(path).is_file():
        return _book_from_entries([])
    p = Path(path)
    return _load_speakers_cached(str(p.resolve()), p.stat().st_mtime)


def speakers_from_entries(entries: list[dict]) -> SpeakerBook:
    """A speakers book built from in-memory entries (name, aliases, side, role, kind)."""
    return _book_from_entries(entries)


# ---------------------------------------------------------------- data

@dataclass(frozen=True)
class Quote:
    """A quotation or reported-speech span; start/end are inside the marks (offsets into the article text)."""

    article: str
    index: int
    start: int
    end: int
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
        return len(compare.words(self.text))


@dataclass(frozen=True)
class _Marked:
    mark_start: int
    start: int
    end: int
    mark_end: int
    open_mark: str
    close_mark: str
    open_end: bool = False
    unbalanced: bool = False


@dataclass(frozen=True)
class _Event:
    """A reporting clause: a cue and the speaker it names."""

    cue_start: int
    cue_end: int
    cue: str
    mention: Mention | None
    speaker: Speaker | None
    sentence: int
    after_by: bool = False


# ---------------------------------------------------------------- marks

def _char(text: str, i: int, lo: int, hi: int) -> str:
    return text[i] if lo <= i < hi else " "


def _opening_position(text: str, i: int, lo: int, hi: int) -> bool:
    before, after = _char(text, i - 1, lo, hi), _char(text, i + 1, lo, hi)
    return (before.isspace() or before in BEFORE_OPENING) and not after.isspace()


def _closing_position(text: str, i: int, lo: int, hi: int) -> bool:
    before, after = _char(text, i - 1, lo, hi), _char(text, i + 1, lo, hi)
    return not before.isspace() and (after.isspace() or not after.isalnum() or after.isupper())


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _double_spans(text: str, lo: int, hi: int) -> list[_Marked]:
    spans: list[_Marked] = []
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
                s, e = _trimmed(text, lo, i)
                if e > s:
                    spans.append(_Marked(lo, s, e, i + 1, "", ch, unbalanced=True))
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
            s, e = _trimmed(text, open_at + 1, i)
            if e > s:
                spans.append(_Marked(open_at, s, e, i + 1, opener, ch))
            open_at = None
        elif _opening_position(text, i, lo, hi):
            s, e = _trimmed(text, open_at + 1, i)
            if e > s:
                spans.append(_Marked(open_at, s, e, e, opener, "", unbalanced=True))
            open_at = i
    if open_at is not None:
        s, e = _trimmed(text, open_at + 1, hi)
        if e > s:
            spans.append(_Marked(open_at, s, e, e, text[open_at], "", open_end=True, unbalanced=True))
    return spans


def _is_apostrophe(text: str, j: int, lo: int, hi: int) -> bool:
    before, after = _char(text, j - 1, lo, hi), _char(text, j + 1, lo, hi)
    if before.isalpha() and after.isalpha():
        single_letter_word = not _char(text, j - 2, lo, hi).isalpha() and before.isupper()
        return after.islower() or single_letter_word
    if after in "sS" and not _char(text, j + 2, lo, hi).isalnum() and before.isalnum():
        return True
    return False


def _single_spans(text: str, lo: int, hi: int, blocked: list[tuple[int, int]]) -> list[_Marked]:
    def is_blocked(i: int) -> bool:
        return any(a <= i < b for a, b in blocked)

    spans: list[_Marked] = []
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
                s, e = _trimmed(text, i + 1, close)
                if e > s:
                    spans.append(_Marked(i, s, e, close + 1, ch, text[close]))
                i = close + 1
                continue
        i += 1
    return spans


def marked_spans(text: str, lo: int, hi: int) -> list[_Marked]:
    """Quotation-mark spans in one paragraph text[lo:hi], outermost only, sorted."""
    doubles = _double_spans(text, lo, hi)
    singles = _single_spans(text, lo, hi, [(d.mark_start, d.mark_end) for d in doubles])
    return sorted(doubles + singles, key=lambda m: m.start)


# ---------------------------------------------------------------- article scan

def _paragraph_units(segmented: SegmentedArticle) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
    paragraphs = [(p.index, p.start, p.end) for p in segmented.paragraphs]
    sentences = [(s.paragraph, s.start, s.end) for s in segmented.sentences]
    return paragraphs, sentences


def _text_units(text: str) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
    paragraphs = []
    for m in re.finditer(r"[^\r\n]+", text):
        s, e = _trimmed(text, m.start(), m.end())
        if e > s:
            paragraphs.append((len(paragraphs), s, e))
    sentences = [(p, s, e) for p, ps, pe in paragraphs for s, e in sentence_spans(text, ps, pe)]
    return paragraphs, sentences


class _Scan:
    """One article's quotations, cue events and reported spans, computed together."""

    def __init__(self, article: str, text: str, paragraphs, sentences, book: SpeakerBook):
        self.article, self.text, self.book = article, text, book
        self.paragraphs = paragraphs
        self.sentences = sentences or [(p, s, e) for p, s, e in paragraphs]
        self.marked: list[tuple[int, _Marked]] = []
        for p, s, e in paragraphs:
            self.marked += [(p, m) for m in marked_spans(text, s, e)]
        chars = list(text)
        for _, m in self.marked:
            for k in range(m.mark_start, m.mark_end):
                chars[k] = MASK
        self.masked = "".join(chars)
        self.events: list[_Event] = []
        self._find_events()

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

    def _words_between(self, a: int, b: int) -> list[str]:
        return re.findall(r"[\w’'-]+", self.masked[a:b])

    def _unknown_name_before(self, lo: int, cue_start: int) -> Mention | None:
        window = self.masked[lo:cue_start]
        m = None
        for m in NAME_RE.finditer(window):
            pass
        if m is None:
            return None
        between = self._words_between(lo + m.end(), cue_start)
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
        if not words or _bare(words[-1].group()) not in SPEAKER_NOUNS:
            return None
        first = len(words) - 1
        while first > 0 and len(words) - first <= 3:
            word = _bare(words[first - 1].group())
            if word in DETERMINERS or word in compare.STOP_WORDS or word in PREPOSITIONS:
                break
            first -= 1
        start = offset + words[first].start()
        end = offset + words[-1].start() + len(words[-1].group().rstrip("."))
        printed = self.masked[start:end]
        if first > 0 and _bare(words[first - 1].group()) in DETERMINERS:
            start = offset + words[first - 1].start()
        return Mention(start, end, printed, self.book.canonical(printed), "source")

    def _source_before(self, lo: int, cue_start: int) -> Mention | None:
        window = self.masked[lo:cue_start]
        clause = re.search(r"[^,;:()\[\]" + MASK + r"\n]*$", window)
        words = list(re.finditer(r"[\w’'.-]+", clause.group()))
        while words and words[-1].group().lower() in AUX_WORDS:
            words.pop()
        return self._source_mention(words, lo + clause.start())

    def _source_after(self, pos: int, hi: int) -> Mention | None:
        words = []
        for match in re.finditer(r"[\w’'.-]+|[^\w\s]", self.masked[pos:hi]):
            if not match.group()[0].isalnum() or len(words) > 4 or words and _bare(match.group()) in DETERMINERS:
                break
            words.append(match)
            if _bare(match.group()) in SPEAKER_NOUNS:
                return self._source_mention(words, pos)
        return None

    def subject_before(self, lo: int, cue_start: int) -> Mention | None:
        """The speaker governing a cue: an unnamed source right before it ("the army said"), else the nearest
        mention before it not governed by a preposition."""
        found = self._named_subject_before(lo, cue_start)
        source = self._source_before(lo, cue_start)
        if source is not None and (found is None or found.kind != "pronoun" and found.end <= source.start):
            return source
        return found

    def _named_subject_before(self, lo: int, cue_start: int) -> Mention | None:
        mentions = self.book.mentions(self.masked, lo, cue_start)
        for m in reversed(mentions):
            between = self._words_between(m.end, cue_start)
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
            prev = self._words_between(max(lo, m.start - 20), m.start)
            following = self.masked[m.end: m.end + 2]
            if (prev and prev[-1].lower() in PREPOSITIONS) or following.startswith(("'s", "’s", "'", "’")):
                continue
            return m
        return self._unknown_name_before(lo, cue_start)

    def mention_after(self, pos: int, hi: int) -> Mention | None:
        mentions = self.book.mentions(self.masked, pos, hi)
        if mentions and not self._words_between(pos, mentions[0].start):
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

    def resolve(self, mention: Mention | None, pos: int, events: list[_Event]) -> Speaker | None:
        if mention is None:
            return None
        if mention.kind != "pronoun":
            return mention.speaker or Speaker(mention.printed, UNKNOWN_SIDE, "", _guess_kind(mention.printed))
        want = {"he": "person", "she": "person", "it": "group"}.get(mention.printed.lower())
        for event in reversed(events):
            if event.cue_start >= pos or event.speaker is None:
                continue
            if want is None or event.speaker.kind == want:
                return event.speaker
        for earlier in reversed(self.book.mentions(self.masked, max(0, pos - 2000), mention.start)):
            if earlier.kind == "alias" and (want is None or earlier.speaker.kind == want):
                return earlier.speaker
        return None

    # ---- cue events
    def _find_events(self) -> None:
        for k, (_, s, e) in enumerate(self.sentences):
            for m in CUE_RE.finditer(self.masked, s, e):
                cue = m.group()
                low = cue.lower()
                if cue[0].isupper() and self._words_between(s, m.start()) and not self._title_case(s, e):
                    continue
                if low == "according to":
                    mention = self.mention_after(m.end() + 1, e)
                    if mention is not None:
                        self.events.append(_Event(m.start(), m.end(), cue, mention,
                                                  self.resolve(mention, m.start(), self.events), k, True))
                    continue
                before = self.masked[max(s, m.start() - 40): m.start()]
                after = self.masked[m.end(): m.end() + 4]
                if after.startswith(" by") and low != "quoted":
                    if RELAY_BEFORE.search(before) and re.search(r"\bas\s*$", before, re.I):
                        continue
                    mention = self.mention_after(m.end() + 4, e)
                    if mention is not None:
                        self.events.append(_Event(m.start(), m.end(), cue, mention,
                                                  self.resolve(mention, m.start(), self.events), k, True))
                    continue
                if re.search(r"\bas\s*$", before, re.I) and low in ("reported", "quoted", "said", "stated"):
                    continue
                mention = self.subject_before(s, m.start())
                earlier = [ev for ev in self.events if ev.sentence == k and not ev.after_by
                           and ev.cue.lower() != "according to"]
                if low.endswith("ing") and earlier and re.search(r",\s*(?:\w+\s+){0,2}$", before):
                    previous = earlier[-1]
                    self.events.append(_Event(m.start(), m.end(), cue, previous.mention, previous.speaker, k))
                    continue
                if mention is None:
                    continue
                self.events.append(_Event(m.start(), m.end(), cue, mention,
                                          self.resolve(mention, m.start(), self.events), k))

    def _title_case(self, s: int, e: int) -> bool:
        words = re.findall(r"[A-Za-z][\w’'-]*", self.masked[s:e])
        return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)

    def events_in(self, k: int) -> list[_Event]:
        return [ev for ev in self.events if ev.sentence == k]


# ---------------------------------------------------------------- quotations

def _kind(scan: _Scan, m: _Marked, sentence_start: int) -> str:
    before = scan.masked[sentence_start:m.mark_start].rstrip()
    n_words = len(compare.words(scan.text[m.start:m.end]))
    if not before or before[-1] in ":,—–(" or before.endswith(MASK):
        return DIRECT if n_words >= 3 else PARTIAL
    if re.search(r"\bthat$", before, re.I) and n_words >= 6:
        return DIRECT
    return PARTIAL


def _after_clause(scan: _Scan, m: _Marked, k: int, next_mark: int) -> _Event | None:
    _, s, e = scan.sentences[k]
    hi = min(e, next_mark)
    region = scan.masked[m.mark_end:hi]
    lead = re.match(r"[\s,.;:!?—–-]*", region).end()
    for ev in scan.events:
        if not (m.mark_end <= ev.cue_start < hi) or ev.speaker is None and ev.mention is None:
            continue
        words_before = scan._words_between(m.mark_end + lead, ev.cue_start)
        if ev.cue.lower() == "according to" or ev.after_by:
            continue
        if ev.mention is not None and m.mark_end <= ev.mention.start and len(words_before) <= 6:
            return ev
    inverted = re.match(r"[\s,.;:—–-]*(" + CUE_RE.pattern[2:-2] + r")\s+", region, re.I)
    if inverted:
        cue_start = m.mark_end + inverted.start(1)
        mention = scan.mention_after(m.mark_end + inverted.end(), hi)
        if mention is not None:
            return _Event(cue_start, m.mark_end + inverted.end(1), inverted.group(1), mention,
                          scan.resolve(mention, cue_start, scan.events), k)
    return None


def _according(scan: _Scan, k: int) -> _Event | None:
    found = [ev for ev in scan.events_in(k) if ev.cue.lower() == "according to"]
    return found[0] if found else None


def _before_clause(scan: _Scan, m: _Marked, k: int) -> _Event | None:
    found = [ev for ev in scan.events_in(k) if ev.cue_end <= m.mark_start and ev.cue.lower() != "according to"]
    return found[-1] if found else None


def _subject_guess(scan: _Scan, m: _Marked, k: int) -> Mention | None:
    _, s, _e = scan.sentences[k]
    for mention in scan.book.mentions(scan.masked, s, m.mark_start):
        if mention.kind == "alias" and mention.speaker is not None and mention.speaker.kind == "person":
            prev = scan._words_between(max(s, mention.start - 20), mention.start)
            if not (prev and prev[-1].lower() in PREPOSITIONS):
                return mention
    return None


def _build_quote(scan: _Scan, index: int, start: int, end: int, kind: str, paragraph: int, sentence: int,
                 speaker: Speaker | None, printed: str | None, event: _Event | None, attribution: str,
                 marked: _Marked | None = None) -> Quote:
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


def _marked_quotes(scan: _Scan) -> list[Quote]:
    quotes: list[Quote] = []
    attributed: list[_Event] = []
    marks = [m for _, m in scan.marked]
    for n, (paragraph, m) in enumerate(scan.marked):
        k = scan.sentence_of(m.start)
        next_mark = marks[n + 1].mark_start if n + 1 < len(marks) else len(scan.text)
        k_end = scan.sentence_of(max(m.start, m.mark_end - 1))
        event = _after_clause(scan, m, k_end, next_mark)
        how = "clause"
        if event is None:
            event = _according(scan, k)
            how = "according"
        if event is None:
            event = _before_clause(scan, m, k)
            how = "clause"
        speaker, printed = None, None
        if event is not None:
            speaker, printed = event.speaker, event.mention.printed if event.mention else None
            if event.mention is not None and event.mention.kind == "pronoun":
                how = "pronoun"
        else:
            previous = quotes[-1] if quotes and quotes[-1].paragraph == paragraph else None
            if previous is None and quotes and m.open_mark and quotes[-1].paragraph == paragraph - 1 \
                    and scan.marked[n - 1][1].open_end:
                previous = quotes[-1]
            guess = _subject_guess(scan, m, k)
            if guess is not None:
                speaker, printed, how = guess.speaker, guess.printed, "subject"
            elif previous is not None and previous.speaker:
                speaker, printed, how = scan.book.by_name.get(previous.speaker) or Speaker(previous.speaker), \
                    previous.speaker_as_printed, "carried"
            else:
                prior = [ev for ev in scan.events + attributed if ev.cue_start < m.mark_start and ev.speaker
                         and scan.sentences[ev.sentence][0] >= paragraph - 1]
                prior.sort(key=lambda ev: ev.cue_start)
                if prior:
                    speaker, printed, how = prior[-1].speaker, prior[-1].mention.printed if prior[-1].mention \
                        else None, "carried"
                else:
                    how = "none"
            event = None
        _, s, _e = scan.sentences[k]
        quote = _build_quote(scan, len(quotes), m.start, m.end, _kind(scan, m, s), paragraph, k, speaker, printed,
                             event, how, m)
        if quotes and scan.marked[n - 1][1].open_end and scan.marked[n - 1][0] == paragraph - 1 \
                and m.mark_start == _paragraph_start(scan, paragraph):
            quote = replace(quote, continues=quotes[-1].index)
        quotes.append(quote)
    return _share_chain_speakers(quotes)


def _paragraph_start(scan: _Scan, paragraph: int) -> int:
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


# ---------------------------------------------------------------- reported speech and unmarked quotations

def _content_bounds(scan: _Scan, start: int, end: int) -> tuple[int, int]:
    s, e = _trimmed(scan.text, start, end)
    while e > s and scan.text[e - 1] in ".,;:!?" and scan.masked[e - 1] != MASK:
        e -= 1
    s, e = _trimmed(scan.text, s, e)
    dateline = DATELINE.match(scan.text[s:e])
    if dateline and dateline.end() < e - s:
        s += dateline.end()
    lead = LEADING_CONJUNCTION.match(scan.text[s:e])
    if lead and lead.end() < e - s:
        s += lead.end()
    if scan.text[s:e].lower().startswith("that "):
        s += 5
    return s, e


def _outside_words(scan: _Scan, start: int, end: int) -> int:
    return len(re.findall(r"\w+", scan.masked[start:end]))


def _direct_inside(scan: _Scan, start: int, end: int, quotes: list[Quote]) -> Quote | None:
    for q in quotes:
        if start <= q.mark_start < end and q.kind == DIRECT:
            return q
    return None


def _reported_spans(scan: _Scan, quotes: list[Quote]) -> tuple[list[Quote], list[Quote]]:
    """Reported-speech spans and unmarked direct quotations, sentence by sentence."""
    reported: list[tuple[int, int, _Event, int, int]] = []
    unmarked: list[tuple[int, int, _Event, int, int]] = []

    def add(start: int, end: int, ev: _Event, paragraph: int, k: int, allow_unmarked: bool = False) -> None:
        s, e = _content_bounds(scan, start, end)
        if e <= s or _outside_words(scan, s, e) < 2 or ev.speaker is None and ev.mention is None:
            return
        if allow_unmarked and MASK not in scan.masked[s:e] and FIRST_PERSON.search(scan.text[s:e]) \
                and _outside_words(scan, s, e) >= 4:
            unmarked.append((s, e, ev, paragraph, k))
        else:
            reported.append((s, e, ev, paragraph, k))

    for k, (paragraph, s, e) in enumerate(scan.sentences):
        events = [ev for ev in scan.events_in(k)]
        sentence_text = scan.masked[s:e]
        body_end = e - (len(sentence_text) - len(sentence_text.rstrip(" .!?;")))
        headline = re.search(r":\s*$", scan.masked[s:body_end]) is None and re.search(r":\s*([^:]+)$",
                                                                                     scan.masked[s:body_end])
        if headline:
            colon = s + headline.start()
            mentions = scan.book.mentions(scan.masked, colon, body_end)
            if mentions and mentions[0].kind == "alias" and not scan._words_between(colon, mentions[0].start) \
                    and mentions[-1].end >= body_end - 1 and len(mentions) == 1 \
                    and not scan._words_between(mentions[0].end, body_end):
                m = mentions[0]
                ev = _Event(colon, colon + 1, ":", m, m.speaker, k)
                add(s, colon, ev, paragraph, k)
        for n, ev in enumerate(events):
            low = ev.cue.lower()
            if low == "according to":
                mention_end = ev.mention.end if ev.mention else ev.cue_end
                comma_after = re.match(r"\s*,", scan.masked[mention_end:e])
                prefix_words = scan._words_between(s, ev.cue_start)
                if not prefix_words:
                    add(mention_end + (comma_after.end() if comma_after else 0), e, ev, paragraph, k)
                else:
                    add(s, ev.cue_start, ev, paragraph, k)
                    tail = mention_end + (comma_after.end() if comma_after else 0)
                    if comma_after and scan._words_between(tail, e):
                        if not re.match(r"\s*(?:who|which)\b", scan.masked[tail:e]):
                            add(tail, e, ev, paragraph, k)
                continue
            if ev.after_by:
                if re.match(r"^\s*(?:this|that|it)\s+(?:was|has been|had been|is)\s*$",
                            scan.masked[s:ev.cue_start], re.I) and k > 0:
                    _pp, ps, pe = scan.sentences[k - 1]
                    if not scan.events_in(k - 1) and _outside_words(scan, ps, pe) >= 3:
                        add(ps, pe, ev, _pp, k - 1)
                continue
            if low.split()[0] in FRAGMENT_VERBS + AFTER_ONLY_VERBS:
                continue
            mention = ev.mention
            following = scan.masked[ev.cue_end:body_end]
            clause_start = min(ev.cue_start, mention.start) if mention is not None else ev.cue_start
            if re.search(MASK + r"[\s,.;:!?—–-]*$", scan.masked[s:clause_start]):
                continue
            rest_words = re.findall(r"[\w’'-]+", re.sub(
                r",?\s*(?:as reported by|quoted by|citing|according to)\b.*$", "", following, flags=re.I))
            rest_words = [w for w in rest_words if w.lower() not in TELL_OBJECTS | CLAUSE_FILLER]
            trailing = len(rest_words) < 2 and not following.strip().startswith(":")
            if mention is not None and mention.start > s and trailing:
                if scan.masked[s:mention.start].rstrip().endswith(","):
                    add(s, mention.start, ev, paragraph, k, allow_unmarked=True)
                continue
            if mention is not None and mention.start > ev.cue_end:
                continue
            if re.match(r"\s*(?:it|this)\s*(?:[,.;:!?]|$|\s+(?:on|in|at|during|after|before|when|while|to|"
                        r"yesterday|today|earlier|later|again)\b)", following, re.I):
                if k > 0 and not scan.events_in(k - 1):
                    _pp, ps, pe = scan.sentences[k - 1]
                    if _outside_words(scan, ps, pe) >= 3:
                        add(ps, pe, ev, _pp, k - 1)
                continue
            start = ev.cue_end
            colon = re.match(r"\s*:", following)
            that = re.search(r"(?<!\band )(?<!\bbut )(?<!\bor )\bthat\b", scan.masked[ev.cue_end:e])
            words_to_that = len(scan._words_between(ev.cue_end, ev.cue_end + that.start())) if that else 99
            if colon:
                start = ev.cue_end + colon.end()
            elif that and words_to_that <= 12 and MASK not in scan.masked[ev.cue_end:ev.cue_end + that.start()]:
                start = ev.cue_end + that.end()
            elif low in THAT_VERBS:
                continue
            elif low.startswith("tell") or low.startswith("told"):
                obj = re.match(r"\s*([\w’'-]+)", following)
                if obj and obj.group(1).lower() in TELL_OBJECTS:
                    start = ev.cue_end + obj.end()
            direct = _direct_inside(scan, start, e, quotes)
            if direct is not None and (start == ev.cue_end or colon):
                continue
            end = e
            for later in events[n + 1:]:
                if later.cue.lower() == "according to" or later.mention is None or later.after_by:
                    continue
                subject_start = min(later.mention.start, later.cue_start)
                if subject_start <= start:
                    continue
                comma = max(scan.masked.rfind(",", start, subject_start), scan.masked.rfind(";", start, subject_start))
                if comma > start:
                    end = comma
                    break
            and_that = re.search(r",?\s+and that\b", scan.masked[start:end])
            if and_that:
                add(start, start + and_that.start(), ev, paragraph, k, allow_unmarked=bool(colon))
                add(start + and_that.end(), end, ev, paragraph, k, allow_unmarked=bool(colon))
            else:
                add(start, end, ev, paragraph, k, allow_unmarked=bool(colon))
        for lm in re.finditer(r"\bwhat\s+(he|she|it|they|[A-Z][\w’'-]+)\s+(?:(?:call|calls|called|dubs|dubbed|terms|"
                              r"termed|labels|labelled)|(?:describes?|described|refers? to|referred to)\s+as)\s+",
                              scan.masked[s:e]):
            ev = next((x for x in events if x.cue_start >= s + lm.start() and x.cue_start < s + lm.end()), None)
            if ev is None or ev.speaker is None:
                continue
            tail = re.match(r"[^,;.:!?]+?(?=\s+(?:and|but|that|which|who|because|while)\b|[,;.:!?]|$)",
                            scan.masked[s + lm.end():e])
            if tail:
                add(s + lm.end(), s + lm.end() + tail.end(), ev, paragraph, k)

    def to_quotes(items, kind: str) -> list[Quote]:
        seen = set()
        out = []
        for s, e, ev, paragraph, k in sorted(items, key=lambda x: (x[0], -x[1])):
            if (s, e) in seen:
                continue
            seen.add((s, e))
            how = "pronoun" if ev.mention is not None and ev.mention.kind == "pronoun" else (
                "according" if ev.cue.lower() == "according to" else "clause")
            out.append(_build_quote(scan, 0, s, e, kind, paragraph, k, ev.speaker,
                                    ev.mention.printed if ev.mention else None, ev, how))
        return out

    return to_quotes(reported, REPORTED), to_quotes(unmarked, UNMARKED)


def _drop_overlaps(items: list[Quote]) -> list[Quote]:
    kept: list[Quote] = []
    for q in sorted(items, key=lambda q: (q.start, -(q.end - q.start))):
        if kept and q.start < kept[-1].end:
            continue
        kept.append(q)
    return kept


def _extract(scan: _Scan) -> tuple[list[Quote], list[Quote]]:
    marked = _marked_quotes(scan)
    reported, unmarked = _reported_spans(scan, marked)
    unmarked = [u for u in unmarked if not any(u.start < q.mark_end and q.mark_start < u.end for q in marked)]
    quotes = _drop_overlaps(marked + unmarked)
    renumber = {(q.start, q.end): i for i, q in enumerate(quotes)}
    old_index = {q.index: (q.start, q.end) for q in marked}
    quotes = [replace(q, index=i, continues=renumber.get(old_index.get(q.continues)) if q.continues is not None
                      and q.kind != UNMARKED else None) for i, q in enumerate(quotes)]
    reported = [r for r in reported if not any(r.start >= u.start and r.end <= u.end for u in unmarked)]
    reported = [replace(r, index=len(quotes) + i) for i, r in enumerate(sorted(reported, key=lambda r: (r.start,
                                                                                                      r.end)))]
    return quotes, reported


def extract_article(segmented: SegmentedArticle, speakers: SpeakerBook | str | Path | None
                    ) -> tuple[list[Quote], list[Quote]]:
    """(quotations, reported-speech spans) of one article's title and body; indices run on across both.

    `speakers` is a SpeakerBook or the path of a speakers lexicon.
    """
    if not isinstance(speakers, SpeakerBook):
        speakers = load_speakers(speakers)
    paragraphs, sentences = _paragraph_units(segmented)
    return _extract(_Scan(segmented.article.id, segmented.text, paragraphs, sentences, speakers))


def quotes_in_article(segmented: SegmentedArticle, speakers: SpeakerBook | str | Path | None) -> list[Quote]:
    """Every quotation (direct, partial, unmarked) in an article's title and body."""
    return extract_article(segmented, speakers)[0]


def reported_in_article(segmented: SegmentedArticle, speakers: SpeakerBook | str | Path | None) -> list[Quote]:
    """Reported-speech spans (no marks, attributed by a reporting clause) of one article."""
    return extract_article(segmented, speakers)[1]


def quotes_in_text(text: str, speakers: SpeakerBook | None = None, article: str = "text") -> list[Quote]:
    """Quotations in a plain text (each line a paragraph): for tests and quick checks."""
    paragraphs, sentences = _text_units(text)
    return _extract(_Scan(article, text, paragraphs, sentences, speakers or speakers_from_entries([])))[0]


def reported_in_text(text: str, speakers: SpeakerBook | None = None, article: str = "text") -> list[Quote]:
    """Reported-speech spans in a plain text (each line a paragraph)."""
    paragraphs, sentences = _text_units(text)
    return _extract(_Scan(article, text, paragraphs, sentences, speakers or speakers_from_entries([])))[1]


# ---------------------------------------------------------------- alignment

PAIR_THRESHOLD = 0.4
SHORT_PAIR_THRESHOLD = 0.35
LINK_THRESHOLD = 0.35
MAX_LINK_MEMBERS = 40
PAIRS_PER_ITEM = 4
SHORT_STEMS = 3
MIN_REPORTED_STEMS = 4


@dataclass(frozen=True)
class QuotePair:
    """Two renderings of the same utterance in different articles."""

    group: str
    a: Quote
    b: Quote
    similarity: float
    flags: tuple[str, ...]


def _alignable(q: Quote) -> bool:
    n = len(compare.content_stems(q.text))
    return n >= 1 and (q.kind != REPORTED or n >= MIN_REPORTED_STEMS)


def _short(q: Quote) -> bool:
    return len(compare.content_stems(q.text)) <= SHORT_STEMS


SHORT_NEIGHBOURS = 10


def _short_candidates(items: list[Quote]) -> list[tuple[int, int]]:
    """Pairs of short fragments sharing a stem: each fragment with the next `SHORT_NEIGHBOURS` of other
    articles in that stem's list, so a word quoted in thousands of articles makes a chain, not all pairs."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, q in enumerate(items):
        if _short(q):
            for stem in compare.content_stems(q.text):
                index[stem].append(i)
    pairs = set()
    for members in index.values():
        for n, x in enumerate(members):
            partners = (y for y in members[n + 1:] if items[y].article != items[x].article)
            pairs.update((x, y) for y in islice(partners, SHORT_NEIGHBOURS))
    return sorted(pairs)


FRAGMENT_SOURCE_CHECKS = 200


def _word_run(text: str) -> str:
    return " " + " ".join(compare.words(text)) + " "


def _fragment_sources(items: list[Quote], group_sizes: list[int]) -> list[tuple[int, int]]:
    """(fragment, source) pairs: a short quotation left alone, printed word for word inside a longer
    quotation of another article with a compatible speaker ("destructive" inside “… the destructive line
    of Western states …”). A scare quote is often a cut from a fuller rendering of the same statement,
    which similarity scores cannot see because the fragment is so short. The source in the biggest group
    wins; each fragment checks at most `FRAGMENT_SOURCE_CHECKS` longer quotations sharing its rarest stem."""
    longer: dict[str, list[int]] = defaultdict(list)
    for i, q in enumerate(items):
        if not _short(q):
            for stem in compare.content_stems(q.text):
                longer[stem].append(i)
    runs: dict[int, str] = {}
    found = []
    for x, q in enumerate(items):
        stems = compare.content_stems(q.text)
        if not _short(q) or group_sizes[x] > 1 or not stems:
            continue
        run = _word_run(q.text)
        rarest = min(stems, key=lambda st: (len(longer.get(st, ())), st))
        sources = []
        for y in islice(longer.get(rarest, ()), FRAGMENT_SOURCE_CHECKS):
            if items[y].article != q.article and same_voice(q, items[y]):
                if y not in runs:
                    runs[y] = _word_run(items[y].text)
                if run in runs[y]:
                    sources.append(y)
        if sources:
            found.append((x, max(sources, key=lambda y: (group_sizes[y], -y))))
    return found


def same_voice(a: Quote, b: Quote) -> bool:
    """Could a and b render one utterance? Same speaker, or known speakers on the same side, or one unknown.

    Outlets attribute one readout to the Kremlin, its spokesman or the president, so
    the side (not the exact name) must agree.
    """
    if a.speaker is None or b.speaker is None or a.speaker == b.speaker:
        return True
    if a.side == UNKNOWN_SIDE or b.side == UNKNOWN_SIDE:
        return True
    return a.side == b.side


def _mean_cross(vectors: compare.TextVectors, left: list[int], right: list[int], owners: list[str]) -> float | None:
    """Mean similarity over the left x right pairs from different owners (None if there are none)."""
    pairs = [(i, j) for i in left for j in right if owners[i] != owners[j]]
    if not pairs:
        return None
    return float(vectors.pair_scores([i for i, _ in pairs], [j for _, j in pairs]).mean())


def _table_pairs(kept: list[tuple[float, int, int]]) -> list[tuple[float, int, int]]:
    """The pairs worth a row: each item's `PAIRS_PER_ITEM` best, so the table stays small on big corpora."""
    used: Counter = Counter()
    rows = []
    for value, x, y in sorted(kept, key=lambda t: (-t[0], t[1], t[2])):
        if used[x] < PAIRS_PER_ITEM or used[y] < PAIRS_PER_ITEM:
            rows.append((value, x, y))
            used[x] += 1
            used[y] += 1
    return rows


def align(items: list[Quote], article_order: list[str], threshold: float = PAIR_THRESHOLD,
          short_threshold: float = SHORT_PAIR_THRESHOLD, link: float = LINK_THRESHOLD
          ) -> tuple[list[Quote], list[QuotePair]]:
    """Group renderings of the same utterance across articles; return items with `group` set, and the pairs.

    Candidates come from compare's inverted index (long texts) or a stem index (short
    fragments: they pair only with short fragments), and only from different articles
    with compatible speakers (`same_voice`). Pairs at or above `threshold` are merged
    best first (average linkage): two groups join only if the mean similarity of their
    cross-article members reaches `link`, so a chain of weak links cannot glue different
    statements on one topic together. A short fragment still alone then joins the group of
    a longer quotation that prints it word for word (`_fragment_sources`). Group ids `q01`,
    `q02`, ... follow the first member in corpus order; a single item keeps its own id.
    """
    candidates = [i for i, q in enumerate(items) if _alignable(q)]
    sub = [items[i] for i in candidates]
    texts = [q.text for q in sub]
    pairs = set(compare.candidate_pairs(texts, [q.article for q in sub], top_k=20, min_shared=2)) if len(sub) > 1 \
        else set()
    pairs |= set(_short_candidates(sub))
    pairs = sorted(p for p in pairs if _short(sub[p[0]]) == _short(sub[p[1]]) and same_voice(sub[p[0]], sub[p[1]]))
    vectors = compare.text_vectors(texts) if pairs else None
    scores = dict(zip(pairs, (float(x) for x in vectors.pair_scores([p[0] for p in pairs], [p[1] for p in pairs])))) \
        if pairs else {}
    owners = [q.article for q in sub]

    members = {i: [i] for i in range(len(sub))}
    owner = list(range(len(sub)))
    kept = []

    def join(a: int, b: int) -> None:
        keep, drop = min(a, b), max(a, b)
        for i in members[drop]:
            owner[i] = keep
        members[keep] = sorted(members[keep] + members.pop(drop))

    for (x, y), value in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
        if value < (short_threshold if _short(sub[x]) else threshold):
            break
        a, b = owner[x], owner[y]
        if a == b:
            kept.append((value, x, y))
            continue
        left, right = compare.spread(members[a], MAX_LINK_MEMBERS), compare.spread(members[b], MAX_LINK_MEMBERS)
        mean = _mean_cross(vectors, left, right, owners)
        if mean is not None and mean < link:
            continue
        join(a, b)
        kept.append((value, x, y))
    for x, y in _fragment_sources(sub, [len(members[owner[i]]) for i in range(len(sub))]):
        join(owner[x], owner[y])
        kept.append((compare.similarity(sub[x].text, sub[y].text), x, y))
    root = {candidates[i]: owner[i] for i in range(len(sub))}
    order = {a: n for n, a in enumerate(article_order)}
    ranked = sorted(range(len(items)), key=lambda i: (order.get(items[i].article, len(order)), items[i].start,
                                                      items[i].end))
    keys = {i: ("c", root[i]) if i in root else ("s", i) for i in range(len(items))}
    first: dict[tuple, int] = {}
    for i in ranked:
        first.setdefault(keys[i], len(first) + 1)
    width = max(2, len(str(len(first))))
    grouped = [replace(q, group=f"q{first[keys[i]]:0{width}d}") for i, q in enumerate(items)]
    result_pairs = []
    for value, x, y in _table_pairs(kept):
        a, b = grouped[candidates[x]], grouped[candidates[y]]
        if (order.get(a.article, 0), a.start) > (order.get(b.article, 0), b.start):
            a, b = b, a
        result_pairs.append(QuotePair(a.group, a, b, round(value, 4), tuple(compare.meaning_flags(a.text, b.text))))
    result_pairs.sort(key=lambda p: (p.group, order.get(p.a.article, 0), p.a.index, order.get(p.b.article, 0),
                                     p.b.index))
    return grouped, result_pairs


# ---------------------------------------------------------------- corpus level

@dataclass(frozen=True)
class CorpusQuotes:
    """All quotations and reported spans of a corpus, grouped, with their cross-article pairs."""

    quotes: tuple[Quote, ...]
    reported: tuple[Quote, ...]
    pairs: tuple[QuotePair, ...]

    def by_article(self, article: str, include_reported: bool = False) -> list[Quote]:
        items = [q for q in self.quotes if q.article == article]
        if include_reported:
            items += [q for q in self.reported if q.article == article]
        return items


def _compute_corpus_quotes(analysis: Analysis) -> CorpusQuotes:
    book = load_speakers(analysis.lexicons.speakers)
    items: list[Quote] = []
    for article in progress(analysis.article_ids, "quotes"):
        quotes, reported = extract_article(analysis.segmented[article], book)
        items += quotes + reported
    grouped, pairs = align(items, analysis.article_ids)
    return CorpusQuotes(tuple(q for q in grouped if q.kind != REPORTED),
                        tuple(q for q in grouped if q.kind == REPORTED), tuple(pairs))


def corpus_quotes(analysis: Analysis) -> CorpusQuotes:
    """Quotations of every article, extracted and aligned once per analysis run."""
    return analysis.memo("quotes.corpus_quotes", lambda: _compute_corpus_quotes(analysis))


# ---------------------------------------------------------------- tables

QUOTE_COLUMNS = ["article", "quote", "start", "end", "text", "speaker", "kind", "cue", "group", "side",
                 "speaker_as_printed", "cue_start", "cue_end", "paragraph", "sentence", "words", "attribution",
                 "open_mark", "close_mark", "continues", "unbalanced"]
PAIR_COLUMNS = ["group", "article_a", "quote_a", "article_b", "quote_b", "similarity", "flags", "text_a", "text_b",
                "kind_a", "kind_b", "speaker_a", "speaker_b", "diff"]
VOICE_COLUMNS = ["article", "speaker", "side", "quotes", "words", "reported", "reported_words"]


def diff_text(a: str, b: str) -> str:
    """A one-line word diff: [-dropped-] {+added+} [-old-]{+new+}."""
    parts = []
    for op in compare.word_diff(a, b):
        if op.op == "equal":
            parts.append(op.a_text)
        elif op.op == "delete":
            parts.append(f"[-{op.a_text}-]")
        elif op.op == "insert":
            parts.append(f"{{+{op.b_text}+}}")
        else:
            parts.append(f"[-{op.a_text}-]{{+{op.b_text}+}}")
    return " ".join(p for p in parts if p)


def quotes_table(cq: CorpusQuotes) -> pd.DataFrame:
    rows = [{
        "article": q.article, "quote": q.index, "start": q.start, "end": q.end, "text": q.text,
        "speaker": q.speaker, "kind": q.kind, "cue": q.cue, "group": q.group, "side": q.side,
        "speaker_as_printed": q.speaker_as_printed, "cue_start": q.cue_start, "cue_end": q.cue_end,
        "paragraph": q.paragraph, "sentence": q.sentence, "words": q.words, "attribution": q.attribution,
        "open_mark": q.open_mark, "close_mark": q.close_mark, "continues": q.continues, "unbalanced": q.unbalanced,
    } for q in list(cq.quotes) + list(cq.reported)]
    frame = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    order = {a: n for n, a in enumerate(dict.fromkeys(q.article for q in cq.quotes + cq.reported))}
    frame["_order"] = frame["article"].map(order)
    frame = frame.sort_values(["_order", "quote"], kind="stable").drop(columns="_order")
    for column in ("cue_start", "cue_end", "continues"):
        frame[column] = frame[column].astype("Int64")
    return frame.reset_index(drop=True)


def pairs_table(cq: CorpusQuotes) -> pd.DataFrame:
    rows = [{
        "group": p.group, "article_a": p.a.article, "quote_a": p.a.index, "article_b": p.b.article,
        "quote_b": p.b.index, "similarity": p.similarity, "flags": ";".join(p.flags), "text_a": p.a.text,
        "text_b": p.b.text, "kind_a": p.a.kind, "kind_b": p.b.kind, "speaker_a": p.a.speaker,
        "speaker_b": p.b.speaker, "diff": diff_text(p.a.text, p.b.text),
    } for p in cq.pairs]
    return pd.DataFrame(rows, columns=PAIR_COLUMNS)


def voices_table(cq: CorpusQuotes, article_order: list[str]) -> pd.DataFrame:
    """Quotations and quoted words per article and speaker (reported speech counted separately)."""
    counts: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
    for q in list(cq.quotes) + list(cq.reported):
        key = (q.article, q.speaker or "(unknown)", q.side)
        if q.kind == REPORTED:
            counts[key]["reported"] += 1
            counts[key]["reported_words"] += q.words
        else:
            counts[key]["quotes"] += 1
            counts[key]["words"] += q.words
    order = {a: n for n, a in enumerate(article_order)}
    rows = [{"article": a, "speaker": s, "side": side, **{c: counts[(a, s, side)][c] for c in VOICE_COLUMNS[3:]}}
            for a, s, side in sorted(counts, key=lambda k: (order.get(k[0], len(order)), k[1], k[2]))]
    return pd.DataFrame(rows, columns=VOICE_COLUMNS)


def tables(analysis: Analysis) -> dict[str, pd.DataFrame]:
    """quotes.csv (quotations and reported spans), quote_pairs.csv, voices.csv."""
    cq = corpus_quotes(analysis)
    return {
        "quotes.csv": quotes_table(cq),
        "quote_pairs.csv": pairs_table(cq),
        "voices.csv": voices_table(cq, analysis.article_ids),
    }


# ---------------------------------------------------------------- measuring against gold

def spans_match(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Span match rule: the overlap covers at least half of the longer span."""
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    return overlap > 0 and overlap >= 0.5 * max(a[1] - a[0], b[1] - b[0])


def evaluate(cq: CorpusQuotes, gold: list[dict]) -> dict[str, float]:
    """Precision, recall, speaker and kind accuracy of quotations; reported recall; grouping pairwise P/R.

    Quotations are direct/partial/unmarked items on both sides; a system item matches a
    gold item of the same article under `spans_match`. Grouping is scored on gold items
    (including reported ones) matched by a system item: over pairs from different
    articles, "same group" in the gold (sharing `group` or `also_groups`) against the
    same system group.
    """
    system_quotes = [q for q in cq.quotes]
    system_all = system_quotes + list(cq.reported)
    gold_quotes = [g for g in gold if g["kind"] in QUOTE_KINDS]
    gold_reported = [g for g in gold if g["kind"] == REPORTED]

    def match(g: dict, pool: list[Quote]) -> Quote | None:
        hits = [q for q in pool if q.article == g["article"] and spans_match((q.start, q.end), (g["start"], g["end"]))]
        return max(hits, key=lambda q: min(q.end, g["end"]) - max(q.start, g["start"])) if hits else None

    matched = [(g, match(g, system_quotes)) for g in gold_quotes]
    found = [(g, q) for g, q in matched if q is not None]
    true_system = sum(1 for q in system_quotes if any(g["article"] == q.article and spans_match(
        (q.start, q.end), (g["start"], g["end"])) for g in gold_quotes))
    reported_found = sum(1 for g in gold_reported if match(g, system_all) is not None)
    all_found = [(g, match(g, system_all)) for g in gold]
    all_found = [(g, q) for g, q in all_found if q is not None]
    tp = fp = fn = 0
    for i in range(len(all_found)):
        for j in range(i + 1, len(all_found)):
            (g1, q1), (g2, q2) = all_found[i], all_found[j]
            if g1["article"] == g2["article"]:
                continue
            gold_same = bool({g1["group"], *(g1.get("also_groups") or [])}
                             & {g2["group"], *(g2.get("also_groups") or [])})
            system_same = q1.group == q2.group
            tp += gold_same and system_same
            fp += system_same and not gold_same
            fn += gold_same and not system_same
    return {
        "quotes_gold": len(gold_quotes),
        "quotes_system": len(system_quotes),
        "precision": true_system / len(system_quotes) if system_quotes else 0.0,
        "recall": len(found) / len(gold_quotes) if gold_quotes else 0.0,
        "speaker_accuracy": sum(q.speaker == g["speaker"] for g, q in found) / len(found) if found else 0.0,
        "kind_accuracy": sum(q.kind == g["kind"] for g, q in found) / len(found) if found else 0.0,
        "reported_recall": reported_found / len(gold_reported) if gold_reported else 0.0,
        "reported_speaker_accuracy": (
            sum(q.speaker == g["speaker"] for g, q in all_found if g["kind"] == REPORTED)
            / max(1, sum(1 for g, _ in all_found if g["kind"] == REPORTED))),
        "group_pair_precision": tp / (tp + fp) if tp + fp else 0.0,
        "group_pair_recall": tp / (tp + fn) if tp + fn else 0.0,
    }


def load_gold(path: str | Path) -> list[dict]:
    """The `quotes` list of a gold file (tests/gold/quotes.yml)."""
    return list((yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}).get("quotes") or [])
