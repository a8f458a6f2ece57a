"""Meaning-change flags: the kinds of difference between two renderings that can alter what is claimed.

`meaning_flags` names negation, modality, number, entity, spelling and intensity
changes. Flags are cues for a reader to check, not judgements, and they only mean
something on two renderings of the same sentence (see `coverage.changes` for "close").

Negation and intensity are judged on the words that differ (`diff.word_diff`), not on
the whole sentences: a negator added, dropped or swapped for a positive word inside a
short edit anchored between shared words ("would [never recognise → accept]", "could
[+not] change") flips polarity; a negator inside a long added or dropped passage is new
or missing content, and "not accept" → "reject" keeps polarity. An intensity change is a
short substitution where either word carries strong feeling in the VADER valence lexicon
(`vaderSentiment`, |valence| >= 1: devastating → destructive, haughty → arrogant, mistake
→ miscalculation), or an intensifier added or dropped. What it cannot see: a change of
strength between two neutral words ("impeding" → "prevented"), and negation spread over
a restructured sentence. Known spelling variants are data (`data/word_scales.yml`).
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from importlib.resources import files

import yaml

from ..config import WORD_SCALES_FILE
from ..text.words import WORD_RE, normal_word, words
from .diff import word_diff
from .vectors import STOP_WORDS, stem

NEGATION_WORDS = frozenset(
    "not no never none nobody nothing neither nor without cannot can't won't don't doesn't didn't isn't "
    "aren't wasn't weren't wouldn't couldn't shouldn't hasn't haven't hadn't mustn't n't impossible unable "
    "refuse refused refuses refusing reject rejected rejects rejecting deny denied denies unlikely "
    "lack lacks lacked lacking".split()
)
MODAL_CLASSES = {
    "will": "will", "would": "will", "'ll": "will", "shall": "will", "won't": "will", "wouldn't": "will",
    "can": "can", "could": "can", "cannot": "can", "can't": "can", "couldn't": "can", "able": "can", "unable": "can",
    "may": "may", "might": "may", "possibly": "may", "perhaps": "may",
    "must": "must", "mustn't": "must",
    "should": "should", "ought": "should", "shouldn't": "should",
}
MUST_PHRASES = re.compile(r"\b(?:have|has|had|need|needs|needed)\s+to\b", re.I)

NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds "
    "thousand thousands million millions billion billions dozen dozens half third quarter fifth tenth "
    "first second".split()
)
DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december yesterday today tomorrow".split()
)

INTENSIFIERS = frozenset(
    "very extremely highly deeply absolutely completely totally entirely utterly fully really truly "
    "always ever essentially basically significantly seriously strongly much greatly particularly "
    "especially even only just still all any every most least definitely certainly clearly".split()
)


def _word_groups(key: str) -> tuple[frozenset[str], ...]:
    data = yaml.safe_load(WORD_SCALES_FILE.read_text(encoding="utf-8")) or {}
    return tuple(frozenset(line.split()) for line in data.get(key) or [])


SPELLING_VARIANTS = _word_groups("spelling_variants")
STRONG_VALENCE = 1.0
EDIT_WORDS = 6  # the longest edit (words a side) between shared words read as a change of the aligned clause
SMALL_EDIT = 2  # an edit this short needs shared words on one side only ("would [never recognise -> accept]")


@lru_cache(maxsize=1)
def valence() -> dict[str, float]:
    """Word -> mean valence (-4 .. 4) from the VADER lexicon shipped with `vaderSentiment`."""
    path = files("vaderSentiment") / "vader_lexicon.txt"
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and re.fullmatch(r"[a-z][a-z'-]*", parts[0]):
            table[parts[0]] = float(parts[1])
    return table


NUMBER_RE = re.compile(r"\d+(?:[.,:/]\d+)*")
TEXT_CACHE = 1 << 16  # per-text results kept: a sentence is compared with many others


@lru_cache(maxsize=TEXT_CACHE)
def negation_count(text: str) -> int:
    """Negation cues: not, never, no, n't, cannot, impossible, refuse, reject, ..."""
    lowered = text.lower().replace("’", "'")
    return sum(1 for w in re.findall(r"[a-z]+(?:'[a-z]+)?", lowered)
               if w in NEGATION_WORDS or w.endswith("n't"))


@lru_cache(maxsize=TEXT_CACHE)
def modal_classes(text: str) -> frozenset[str]:
    """Classes of modality expressed (will, can, may, must, should)."""
    found = {MODAL_CLASSES[w] for w in words(text) if w in MODAL_CLASSES}
    if MUST_PHRASES.search(text):
        found.add("must")
    return frozenset(found)


@lru_cache(maxsize=TEXT_CACHE)
def numbers(text: str) -> frozenset[str]:
    """Numbers, number words and date words, normalised."""
    found = {n.replace(",", "") for n in NUMBER_RE.findall(text)}
    for word in WORD_RE.findall(text):
        lowered = normal_word(word)
        if lowered in NUMBER_WORDS or (lowered in DATE_WORDS and (word[0].isupper() or lowered.startswith("yester")
                                                                  or lowered.startswith("to"))):
            found.add(lowered)
    return frozenset(found)


@lru_cache(maxsize=TEXT_CACHE)
def capitalised_names(text: str) -> frozenset[str]:
    """Lower-cased capitalised words that look like names (sentence-initial function words skipped)."""
    names = set()
    for match in WORD_RE.finditer(text):
        word = match.group()
        if not word[0].isupper():
            continue
        lowered = normal_word(word)
        if lowered in STOP_WORDS or lowered in NEGATION_WORDS or lowered in INTENSIFIERS or lowered in DATE_WORDS \
                or lowered in NOT_ENTITIES:
            continue
        before = text[:match.start()].rstrip(" \t\"'“”‘’«»„(–—-")
        initial = not before or before[-1] in ".!?:;\n"
        if initial and lowered in _COMMON_INITIAL:
            continue
        names.add(lowered)
    return frozenset(names)


NOT_ENTITIES = frozenset(
    "president chancellor minister ministry spokesman spokeswoman spokesperson secretary prime foreign defence "
    "defense general excellency premier leader head chief deputy ambassador government parliament federation "
    "republic state states kingdom union nations army forces his her their its "
    "american british french german russian ukrainian chinese european western eastern soviet iranian "
    "turkish polish indian japanese".split()
)
ACRONYMS = {"us": "united states", "usa": "united states", "uk": "united kingdom", "un": "united nations",
            "eu": "european union", "nato": "north atlantic treaty organization", "uae": "united arab emirates"}

_COMMON_INITIAL = frozenset(
    "asked speaking meanwhile however basically tens thousands earlier later last next then now yet still "
    "instead indeed although though despite moreover furthermore finally first second third attention "
    "blame leave read see in on yesterday today tomorrow".split()
)


def _same_name(x: str, y: str) -> bool:
    """Same entity up to inflection ("Norway"/"Norwegian", "Soviet"/"Soviets")."""
    if x == y:
        return True
    shorter, longer = sorted((x, y), key=len)
    return len(shorter) >= 4 and longer.startswith(shorter[:max(4, len(shorter) - 1)])


@lru_cache(maxsize=TEXT_CACHE)
def _word_index(text: str) -> tuple[frozenset[str], dict[str, tuple[str, ...]], str]:
    """(distinct words, words of 4+ letters by their first four, the words joined by spaces) of a text."""
    distinct = frozenset(words(text))
    heads: dict[str, list[str]] = {}
    for word in sorted(distinct):
        if len(word) >= 4:
            heads.setdefault(word[:4], []).append(word)
    return distinct, {head: tuple(group) for head, group in heads.items()}, " ".join(words(text))


def _named_in(x: str, names: set[str], text: str) -> bool:
    """Is x the same name as one of `names` or of the words of `text`? Two different names can only be
    `_same_name` when they share their first four letters, so only those words are tried."""
    distinct, heads, _ = _word_index(text)
    if x in names or x in distinct:
        return True
    return any(_same_name(x, y) for y in names) or any(_same_name(x, y) for y in heads.get(x[:4], ()))


def _spelling_variant(x: str, y: str) -> bool:
    if any(x in g and y in g for g in SPELLING_VARIANTS):
        return True
    return x[0] == y[0] and min(len(x), len(y)) >= 4 and difflib.SequenceMatcher(None, x, y).ratio() >= 0.75


def entity_changes(a: str, b: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(spelling variants as (a, b) pairs, names present in only one text)."""
    na, nb = capitalised_names(a), capitalised_names(b)
    joined_a, joined_b = _word_index(a)[2], _word_index(b)[2]
    expanded_a = {w for x in na if x in ACRONYMS and ACRONYMS[x] in joined_b for w in ACRONYMS[x].split()}
    expanded_b = {w for y in nb if y in ACRONYMS and ACRONYMS[y] in joined_a for w in ACRONYMS[y].split()}
    na, nb = (
        {x for x in na if not (x in ACRONYMS and ACRONYMS[x] in joined_b) and x not in expanded_b},
        {y for y in nb if not (y in ACRONYMS and ACRONYMS[y] in joined_a) and y not in expanded_a},
    )
    only_a = sorted(x for x in na if not _named_in(x, nb, b))
    only_b = sorted(y for y in nb if not _named_in(y, na, a))
    variants, changed = [], []
    matched_b: set[str] = set()
    for x in only_a:
        partner = next((y for y in only_b if y not in matched_b and _spelling_variant(x, y)), None)
        if partner:
            variants.append((x, partner))
            matched_b.add(partner)
        else:
            changed.append(x)
    changed += [y for y in only_b if y not in matched_b]
    return variants, changed


SHORT_EDIT = 3
SHORT_REPLACE = 6


def substituted_names(a: str, b: str, names: list[str]) -> list[str]:
    """The names that sit in a short substituted stretch (<= 6 words a side) or a short (<= 3 words) addition or drop.

    A name that only comes with a longer added passage ("..., as reported by Reuters in
    Geneva on Friday") is extra information, not a changed entity.
    """
    wanted = set(names)
    found = set()
    for op in word_diff(a, b):
        if op.op == "equal":
            continue
        for text in (op.a_text, op.b_text):
            hits = {w for w in words(text) if w in wanted}
            limit = SHORT_REPLACE if op.op == "replace" else SHORT_EDIT
            if hits and max(len(WORD_RE.findall(op.a_text)), len(WORD_RE.findall(op.b_text))) <= limit:
                found |= hits
    return sorted(found)


def _edits(a: str, b: str) -> list:
    """The edits of a word diff that change the aligned clause: up to `SMALL_EDIT` words a side next to shared
    words, or up to `EDIT_WORDS` a side with shared words on both sides."""
    ops = word_diff(a, b)
    found = []
    for n, op in enumerate(ops):
        if op.op == "equal":
            continue
        size = max(len(WORD_RE.findall(op.a_text)), len(WORD_RE.findall(op.b_text)))
        anchors = sum(0 <= m < len(ops) and ops[m].op == "equal" and bool(WORD_RE.search(ops[m].a_text))
                      for m in (n - 1, n + 1))
        if size <= SMALL_EDIT and anchors or size <= EDIT_WORDS and anchors == 2:
            found.append(op)
    return found


def polarity_flips(a: str, b: str) -> list[tuple[str, str]]:
    """The edits (a words, b words) that change polarity: the negators of the two sentences differ in parity,
    and so do those in their short anchored edits ("never recognise" -> "accept", "" -> "not"; "not accept"
    -> "reject" keeps polarity; "did not mince his words" for "said the strike was unnecessary" is another
    predicate, not a flip)."""
    if negation_count(a) % 2 == negation_count(b) % 2:
        return []
    edits = [op for op in _edits(a, b) if negation_count(op.a_text) or negation_count(op.b_text)]
    if sum(negation_count(op.a_text) for op in edits) % 2 == sum(negation_count(op.b_text) for op in edits) % 2:
        return []
    return [(op.a_text, op.b_text) for op in edits]


def intensity_changes(a: str, b: str) -> list[str]:
    """Short substitutions where a word of strong feeling is swapped ("devastating"/"destructive",
    "haughty"/"arrogant"), and intensifiers added or dropped ("very", "always")."""
    table = valence()
    changes = []
    for op in _edits(a, b):
        wa = [w for w in words(op.a_text) if w not in STOP_WORDS]
        wb = [w for w in words(op.b_text) if w not in STOP_WORDS]
        if op.op != "replace" or not wa or not wb or len(wa) > 3 or len(wb) > 3 \
                or negation_count(op.a_text) or negation_count(op.b_text):
            continue
        if {stem(w) for w in wa} == {stem(w) for w in wb}:
            continue
        strong = [w for w in wa + wb if abs(table.get(w, table.get(stem(w), 0.0))) >= STRONG_VALENCE]
        if strong:
            changes.append(f"{' '.join(wa)}/{' '.join(wb)}")
    wa, wb = set(words(a)), set(words(b))
    for word in sorted((wa ^ wb) & INTENSIFIERS):
        changes.append(word)
    return changes


def meaning_flags(a: str, b: str) -> list[str]:
    """Kinds of change between two renderings that may alter meaning, sorted.

    negation (polarity changed inside the aligned clause: `polarity_flips`), modality (will/can/may/must/should
    classes differ), number (numbers or dates differ), entity (a name in one text
    only, where it replaces other words or is a short addition or drop),
    spelling (the same name spelled differently: Nowak/Novak, Müller/Mueller),
    intensity (a word of strong feeling swapped, such as devastating/destructive, or an
    intensifier such as very/always/essentially added or dropped: `intensity_changes`).
    """
    flags = set()
    if polarity_flips(a, b):
        flags.add("negation")
    if modal_classes(a) != modal_classes(b):
        flags.add("modality")
    if numbers(a) != numbers(b):
        flags.add("number")
    variants, changed = entity_changes(a, b)
    if variants:
        flags.add("spelling")
    if changed and substituted_names(a, b, changed):
        flags.add("entity")
    if intensity_changes(a, b):
        flags.add("intensity")
    return sorted(flags)
