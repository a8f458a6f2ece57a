"""Who a reporting verb names: the subject before it, the name after it, and what a pronoun or title stands for.

Mentions are lexicon aliases (`speakers`), the names `people` finds in the article, pronouns and
unnamed sources ("officials", "the governor"). One small function per pattern:

* `appositive_trimmed_end`: skip what sits between a name and its verb: a party tag in
  brackets ("Rep. Jane Doe (D-Ore.) said"), an appositive or relative clause ("Maria Lopez,
  Democrat of Ohio, said"), adverbs and auxiliaries ("Harris also said");
* `subject_before`: an unnamed source right before the verb, else the nearest mention before it
  that no preposition governs;
* `mention_after`: "said Rep. Jane Dorsey", "said company spokesman Raj Malhotra";
* `resolve`: a pronoun takes the last compatible mention before it (he/she: one person of that
  gender or of unknown gender, it: one organisation, they: several people or an organisation),
  and teaches the article that person's gender; a definite description ("the governor", "the
  authority") takes the holder the article names, else stays an unnamed source.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from .people import TIME_WORDS, US_STATES, is_title, role_of
from .speakers import (
    AUX_WORDS, DETERMINERS, NAME_RE, NOT_NAMES, PERSON_NOUNS, PLURAL_NOUNS, PREPOSITIONS, SPEAKER_NOUNS,
    UNKNOWN_SIDE, Mention, Speaker, bare_word, guess_kind,
)

if TYPE_CHECKING:
    from .scan import Scan

ADVERB = re.compile(r"(?:ly|also|later|then|again|once|further|earlier|previously|already|only|still)$", re.I)
PRONOUN_WANTS = {"he": "male", "she": "female", "it": "group", "they": "plural"}
INDEFINITE = {"a", "an", "one", "some", "another", "two", "three", "several", "many"}
# How far back a reporting verb's subject and a pronoun's antecedent are looked for: a subject is a dozen words
# away and an antecedent a few sentences, so longer windows change nothing but cost quadratic time on a long
# unpunctuated passage.
SUBJECT_WINDOW = 400
ANTECEDENT_WINDOW = 2000
CLAUSE_BREAKS = ",;:()[]\ue000\n"


def mentions(scan: Scan, lo: int, hi: int) -> list[Mention]:
    """Aliases, names and pronouns in masked[lo:hi], in order; an alias hides a name it overlaps, a joint name
    ("Mei and Daniel Hoffmann") is kept beside the names inside it."""
    found = scan.book.mentions(scan.masked, lo, hi)
    taken = [(m.start, m.end) for m in found if m.kind == "alias"]
    cast = scan.cast.mentions
    first = bisect.bisect_left(scan.cast.starts, lo)
    for m in cast[first:]:
        if m.start >= hi:
            break
        if m.end <= hi and not any(a < m.end and m.start < b for a, b in taken):
            found.append(m)
    names = [(m.start, m.end) for m in found if m.kind == "name"]
    found = [m for m in found if m.kind != "pronoun" or not any(a <= m.start < b for a, b in names)]
    return sorted(found, key=lambda m: (m.start, -m.end))


def appositive_trimmed_end(scan: Scan, lo: int, end: int) -> int:
    """Where the subject of a verb at `end` ends, once brackets, appositives and adverbs are skipped."""
    masked = scan.masked
    while True:
        region = masked[lo:end].rstrip()
        last = re.search(r"([\w’'-]+)$", region)
        if last and (last.group(1).lower() in AUX_WORDS or ADVERB.search(last.group(1))):
            end = lo + last.start()
            continue
        if region.endswith(")") and "(" in region:
            end = lo + region.rfind("(")
            continue
        if region.endswith(","):
            earlier = region.rfind(",", 0, len(region) - 1)
            head_end = lo + earlier if earlier >= 0 else -1
            if earlier >= 0 and _ends_with_name(scan, lo, head_end) and "\ue000" not in region[earlier:]:
                end = head_end
                continue
        return lo + len(region)


def _ends_with_name(scan: Scan, lo: int, end: int) -> bool:
    region = scan.masked[lo:end].rstrip()
    return any(m.end == lo + len(region) and m.kind in ("alias", "name") for m in mentions(scan, lo, lo + len(region)))


def _unknown_name_before(scan: Scan, lo: int, cue_start: int) -> Mention | None:
    """A capitalised name right before the verb that no other finder knew (never a weekday, month or state)."""
    m = None
    for m in NAME_RE.finditer(scan.masked, lo, cue_start):
        pass
    if m is None or [w for w in scan.words_between(m.end(), cue_start) if w.lower() not in AUX_WORDS]:
        return None
    words = [w for w in m.group().split() if w not in NOT_NAMES and bare_word(w) not in TIME_WORDS | US_STATES]
    if not words or m.group().split()[-1] != words[-1]:
        return None
    start = m.start() + m.group().find(words[0])
    printed = scan.masked[start:m.start() + len(m.group().rstrip())]
    return Mention(start, start + len(printed), printed, scan.book.canonical(printed), "name")


def source_mention(scan: Scan, words: list[re.Match], offset: int) -> Mention | None:
    """An unnamed source: optional determiner, up to three modifiers, a speaker noun."""
    if not words or bare_word(words[-1].group()) not in SPEAKER_NOUNS:
        return None
    first = len(words) - 1
    while first > 0 and len(words) - first <= 3:
        word = bare_word(words[first - 1].group())
        if word in DETERMINERS or word in scan.stop_words or word in PREPOSITIONS:
            break
        first -= 1
    start = offset + words[first].start()
    end = offset + words[-1].start() + len(words[-1].group().rstrip("."))
    printed = scan.masked[start:end]
    if first > 0 and bare_word(words[first - 1].group()) in DETERMINERS:
        start = offset + words[first - 1].start()
    return Mention(start, end, printed, scan.book.canonical(printed), "source")


def _source_before(scan: Scan, lo: int, cue_start: int) -> Mention | None:
    window = scan.masked[lo:cue_start]
    clause_start = max(window.rfind(ch) for ch in CLAUSE_BREAKS) + 1
    words = list(re.finditer(r"[\w’'.-]+", window[clause_start:]))
    while words and (words[-1].group().lower() in AUX_WORDS or ADVERB.search(words[-1].group())):
        words.pop()
    return source_mention(scan, words, lo + clause_start)


def _source_after(scan: Scan, pos: int, hi: int) -> Mention | None:
    words = []
    for match in re.finditer(r"[\w’'.-]+|[^\w\s]", scan.masked[pos:hi]):
        if not match.group()[0].isalnum() or len(words) > 4 or words and bare_word(match.group()) in DETERMINERS:
            break
        words.append(match)
        if bare_word(match.group()) in SPEAKER_NOUNS and not (
                len(words) < 5 and re.match(r"\s+[A-Z]", scan.masked[pos + match.end():pos + match.end() + 2])):
            return source_mention(scan, words, pos)
    return None


def subject_before(scan: Scan, lo: int, cue_start: int) -> Mention | None:
    """The speaker governing a cue: an unnamed source right before it ("the army said"), else the nearest
    mention before it not governed by a preposition (looked for at most SUBJECT_WINDOW characters back: the
    subject is a few words away, and a longer window only costs time on a long unpunctuated passage)."""
    lo = max(lo, cue_start - SUBJECT_WINDOW)
    end = appositive_trimmed_end(scan, lo, cue_start)
    if re.search(r"\b(?:and|but)\s*$", scan.masked[lo:end]):  # "Harris accused X of Y and said ...": one subject
        shared = sentence_subject(scan, scan.sentence_of(lo), end)
        if shared is not None:
            return shared
    found = _named_subject_before(scan, lo, end)
    source = _source_before(scan, lo, end)
    if source is None or found is not None and (found.kind == "pronoun" or found.start <= source.start
                                                and found.end >= source.end or found.start >= source.end):
        return found
    return source


def _named_subject_before(scan: Scan, lo: int, cue_start: int) -> Mention | None:
    found = mentions(scan, lo, cue_start)
    for m in sorted(found, key=lambda m: (m.end, m.end - m.start), reverse=True):
        between = scan.words_between(m.end, cue_start)
        if "\ue000" in scan.masked[m.end:cue_start]:
            break
        if m.kind == "pronoun":
            if all(w.lower() in AUX_WORDS for w in between):
                return m
            continue
        if len(between) > 12:
            break
        if between and between[0].lower() == "who" and all(w.lower() in AUX_WORDS for w in between[1:]):
            return m
        if governed(scan, lo, m) or scan.masked[m.end: m.end + 2].startswith(("'s", "’s", "'", "’")):
            continue
        return m
    return _unknown_name_before(scan, lo, cue_start)


def mention_after(scan: Scan, pos: int, hi: int) -> Mention | None:
    """The speaker named right after a verb: a name (titles such as "Rep." or "company spokesman" may come
    first), else an unnamed source, else a capitalised name."""
    found = [m for m in mentions(scan, pos, hi) if m.kind != "pronoun"]
    if found and all(is_title(w) or w.lower() in DETERMINERS | SPEAKER_NOUNS or w[0].isupper()
                     for w in scan.words_between(pos, found[0].start)) \
            and len(scan.words_between(pos, found[0].start)) <= 4:
        return found[0]
    source = _source_after(scan, pos, hi)
    if source is not None and not (found and found[0].start < source.end):
        return source
    m = NAME_RE.match(scan.masked, pos + len(scan.masked[pos:hi]) - len(scan.masked[pos:hi].lstrip()))
    if m and m.end() <= hi:
        printed = m.group().strip()
        if printed.split()[0] not in NOT_NAMES and bare_word(printed.split()[0]) not in TIME_WORDS:
            return Mention(m.start(), m.start() + len(printed), printed, scan.book.canonical(printed), "name")
    return None


def sentence_subject(scan: Scan, k: int, limit: int) -> Mention | None:
    """The name or unnamed source that opens sentence k (before `limit`), not governed by a preposition."""
    _, s, _ = scan.sentences[k]
    names = [m for m in scan.mentions(s, limit) if m.kind != "pronoun" and m.speaker is not None
             and not governed(scan, s, m)]
    words = list(re.finditer(r"[\w’'.-]+", scan.masked[s:limit]))[:8]
    source = None
    for n, word in enumerate(words):
        if bare_word(word.group()) in SPEAKER_NOUNS:
            source = source_mention(scan, words[:n + 1], s)
            break
        if re.search(r"[,;:\ue000]", scan.masked[s + word.end():s + word.end() + 1]):
            break
    if source is not None and names and not scan.masked[source.end:names[0].start].strip(" .,"):
        return names[0]  # "Eastfield manager Rui Almeida": the title's holder is named right after it
    candidates = [c for c in (names[0] if names else None, source) if c is not None]
    return min(candidates, key=lambda c: c.start) if candidates else None


def governed(scan: Scan, lo: int, m: Mention) -> bool:
    """Is a mention the object of a preposition ("from the ministry", "on the Senate Oversight Committee")?"""
    prev = [w.lower() for w in scan.words_between(max(lo, m.start - 30), m.start)]
    while prev and prev[-1] in DETERMINERS:
        prev.pop()
    return bool(prev) and prev[-1] in PREPOSITIONS


def gender_of(scan: Scan, speaker: Speaker) -> str:
    return scan.genders.get(speaker.name, speaker.gender)


def _fits(scan: Scan, speaker: Speaker | None, want: str) -> bool:
    if speaker is None:
        return False
    if want == "plural":
        return speaker.plural or speaker.kind == "group"
    if want == "group":
        return speaker.kind == "group" and not speaker.plural
    return speaker.kind == "person" and not speaker.plural and gender_of(scan, speaker) in ("", want)


def _description(scan: Scan, mention: Mention) -> Speaker | None:
    """The named holder of a description ("the governor", "the authority", a headline's "mayor"), if the article
    names one; "a spokesperson" or "officials" stay unnamed."""
    words = mention.printed.split()
    first = scan.masked[mention.start:mention.end].split()[0].lower()
    if first in INDEFINITE or bare_word(words[-1]) in PLURAL_NOUNS:
        return None
    head = role_of(words[-1])
    return scan.cast.holder(head, mention.start) or scan.cast.organisation(head, mention.start)


def unnamed_speaker(printed: str) -> Speaker:
    """An unnamed source as printed; a capital that only opens the sentence is dropped ("Officials" -> "officials")."""
    first = printed.split()[0]
    if first[:1].isupper() and not first.isupper() and bare_word(first) in SPEAKER_NOUNS | DETERMINERS:
        printed = printed[0].lower() + printed[1:]
    head = bare_word(printed.split()[-1])
    kind = "person" if head in PERSON_NOUNS else "group"
    return Speaker(printed, UNKNOWN_SIDE, "", kind, "", head in PLURAL_NOUNS)


def resolve(scan: Scan, mention: Mention | None, pos: int) -> Speaker | None:
    """The speaker a mention stands for (a pronoun: the last compatible mention before it)."""
    if mention is None:
        return None
    if mention.kind == "source":
        return mention.speaker or _description(scan, mention) or unnamed_speaker(mention.printed)
    if mention.kind != "pronoun":
        return mention.speaker or Speaker(mention.printed, UNKNOWN_SIDE, "", guess_kind(mention.printed))
    if mention.start in scan.resolved:
        return scan.resolved[mention.start]
    want = PRONOUN_WANTS[mention.printed.lower()]
    sentence = scan.sentence_of(mention.start)
    same_sentence = [ev.speaker for ev in scan.events_in(sentence) if ev.cue_end <= mention.start
                     and ev.mention is not None and ev.mention.kind != "pronoun"]
    lo = max(0, pos - ANTECEDENT_WINDOW)
    candidates = [(m.start, m.end, resolve(scan, m, m.start), _salient(scan, m))
                  for m in mentions(scan, lo, mention.start) if m.kind != "pronoun"]
    candidates += [(ev.mention.start, ev.mention.end, ev.speaker, True)
                   for ev in scan.events_between(lo - SUBJECT_WINDOW, mention.start + 1)
                   if ev.mention is not None and ev.mention.start < mention.start and ev.speaker is not None]
    starts = scan.resolved_starts
    candidates += [(start, start, scan.resolved[start], True)
                   for start in starts[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, mention.start)]]
    ranked = sorted(candidates, key=lambda c: (c[0], c[1]), reverse=True)
    for speaker in [s for s in same_sentence[::-1]] + [c[2] for c in ranked if c[3]] + [c[2] for c in ranked]:
        if _fits(scan, speaker, want):
            if want in ("male", "female") and not gender_of(scan, speaker):
                scan.genders[speaker.name] = want
            scan.resolved[mention.start] = speaker
            bisect.insort(scan.resolved_starts, mention.start)
            return speaker
    return None


def _salient(scan: Scan, m: Mention) -> bool:
    """Is a mention a likely antecedent: not a possessive ("the mayor's remarks"), not after a preposition, not
    inside what a speaker is reported to have said ("The ministry said Ostrany must stop")?"""
    if scan.masked[m.end:m.end + 2] in ("'s", "’s") or governed(scan, 0, m):
        return False
    return not any(ev.cue_end <= m.start and ev.mention is not None and ev.mention.start < ev.cue_start
                   for ev in scan.events_in(scan.sentence_of(m.start)))
