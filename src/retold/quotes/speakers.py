"""Speakers: the speakers lexicon, canonical names, and the phrases that can name a speaker.

A `SpeakerBook` holds the lexicon's canonical speakers and their aliases; it finds
alias mentions (longest wins) and pronouns in a stretch of text. Names that no lexicon
lists are kept as printed. The noun lists say which common nouns can stand for an
unnamed source ("officials said", "the army said").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from ..kept import Kept
from ..records import LexiconError, check_fields, read_lexicon, text_field, text_list

UNKNOWN_SIDE = "unknown"
SPEAKER_FIELDS = {"name", "aliases", "role", "side", "kind", "gender", "plural"}
AUX_WORDS = set("has had have was were is are been also later then further again has also once previously "
                "had earlier already would will".split())
PREPOSITIONS = set("with to by from of in at on for about between alongside against among toward towards "
                   "into onto than like during without under over via and".split())
PRONOUN_RE = re.compile(r"\b(?:he|she|it|they|He|She|It|They)\b")
NAME_RE = re.compile(r"(?:\b[A-Z][\w’'-]*\.?\s+){0,3}\b[A-Z][\w’'-]+")
NOT_NAMES = set("The This That These Those It He She They We I A An But And Or So Yet However Then Now "
                "On In At For As If When While After Before Meanwhile Also Earlier Later".split())
ORG_WORDS = set("government ministry office service council committee party army forces agency house "
                "countries states west side administration parliament union".split())
# Unnamed sources that news prose makes speak ("the army said", "according to officials"); a definite one
# ("the governor", "the union") resolves to its holder when the article names it.
PERSON_NOUNS = set("spokesman spokeswoman spokesperson official governor mayor commander officer minister "
                   "diplomat analyst expert witness resident source prosecutor investigator researcher judge "
                   "senator representative superintendent president chairman chairwoman chair executive director "
                   "commissioner secretary chief coach manager captain member lawyer attorney author scientist "
                   "treasurer auditor leader steward engineer father mother nurse doctor".split())
GROUP_NOUNS = set("officials spokespeople military army ministry government police authorities analysts experts "
                  "witnesses residents sources diplomats officers commanders leaders statement report media "
                  "newspaper agency observers critics lawmakers prosecutors investigators researchers embassy "
                  "office council committee administration parliament company firm union authority association "
                  "federation guild club district board commission department campaign party utility airline "
                  "automaker regulator court organisers organizers campaigners protesters parents companies "
                  "people family representatives negotiators partners grocers".split())
PLURAL_NOUNS = set("officials spokespeople authorities analysts experts witnesses residents sources diplomats "
                   "officers commanders leaders observers critics lawmakers prosecutors investigators researchers "
                   "police organisers organizers campaigners protesters parents companies people family "
                   "representatives negotiators partners grocers".split())
SPEAKER_NOUNS = PERSON_NOUNS | GROUP_NOUNS
DETERMINERS = set("the a an some several many two three".split())
SPACE_RUN = re.compile(r"\s+")


@dataclass(frozen=True)
class Speaker:
    """A canonical speaker from the lexicon (or an unknown one kept as printed)."""

    name: str
    side: str = UNKNOWN_SIDE
    role: str = ""
    kind: str = "person"  # person | group
    gender: str = ""  # male | female | "" (unknown)
    plural: bool = False  # "they" can refer to it


@dataclass(frozen=True)
class Mention:
    """A phrase that may name a speaker: an alias, a pronoun or an unlisted name."""

    start: int
    end: int
    printed: str
    speaker: Speaker | None
    kind: str  # alias | pronoun | name (found by `people`) | source (unnamed: "officials", "the army")


def _normal_alias(text: str) -> str:
    return SPACE_RUN.sub(" ", text.replace("’", "'")).strip().lower()


def bare_word(word: str) -> str:
    return word.lower().rstrip(".")


def guess_kind(name: str) -> str:
    words = name.split()
    if words and words[-1].lower() in PERSON_NOUNS:
        return "person"
    if len(words) >= 2 and all(w[:1].isupper() for w in words) and words[-1].lower() not in ORG_WORDS:
        return "person"
    return "group"


WINDOWS_KEPT = 1 << 14  # windows whose mentions a speaker book keeps


class SpeakerBook:
    """The speakers lexicon: finds alias mentions (longest wins) and canonical names."""

    def __init__(self, entries: list[dict]):
        self.aliases: dict[str, Speaker] = {}
        self.capitalised: set[str] = set()
        self.speakers: list[Speaker] = []
        for entry in entries:
            name = str(entry["name"])
            speaker = Speaker(name, str(entry.get("side") or UNKNOWN_SIDE), str(entry.get("role") or ""),
                              str(entry.get("kind") or guess_kind(name)), str(entry.get("gender") or ""),
                              bool(entry.get("plural")))
            self.speakers.append(speaker)
            for alias in [name, *(entry.get("aliases") or [])]:
                key = _normal_alias(str(alias))
                self.aliases.setdefault(key, speaker)
                if str(alias) != str(alias).lower():
                    self.capitalised.add(key)
        keys = sorted(self.aliases, key=len, reverse=True)
        self.pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in keys)
                                  + r")(?!\w)", re.I) if keys else None
        # where an alias can start (its first character after a non-word one): tried first, so the long
        # alternation runs at a few places, not at every character of a window
        self._starts = re.compile(r"(?<!\w)[" + "".join(sorted({re.escape(k[0]) for k in keys})) + "]", re.I) \
            if keys and all(keys) else None
        self.by_name = {s.name: s for s in self.speakers}
        self._kept = Kept(WINDOWS_KEPT)

    def canonical(self, printed: str) -> Speaker | None:
        return self.aliases.get(_normal_alias(printed))

    def mentions(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Alias and pronoun mentions in text[start:end]; an alias needs a capital unless listed in lower case.

        They depend on the window's text alone (matched as a string of its own), so each window's are kept:
        syndicated copy brings the same sentences again and again."""
        end = len(text) if end is None else end
        window = text[start:end]
        found = self._kept.get_or(window, lambda: self._window_mentions(window))
        return [Mention(start + m.start, start + m.end, m.printed, m.speaker, m.kind) for m in found]

    def _window_mentions(self, original: str) -> tuple[Mention, ...]:
        found: list[Mention] = []
        window = original.replace("’", "'")
        if self.pattern is not None:
            for m in self._alias_matches(window):
                printed = original[m.start():m.end()]
                key = _normal_alias(printed)
                speaker = self.aliases.get(key)
                if speaker is None or (key in self.capitalised and printed == printed.lower()):
                    continue
                found.append(Mention(m.start(), m.end(), printed, speaker, "alias"))
        taken = [(m.start, m.end) for m in found]
        for m in PRONOUN_RE.finditer(window):
            s, e = m.start(), m.end()
            if not any(a <= s < b for a, b in taken):
                found.append(Mention(s, e, m.group(), None, "pronoun"))
        return tuple(sorted(found, key=lambda m: m.start))

    def _alias_matches(self, window: str) -> Iterator[re.Match]:
        """`self.pattern.finditer(window)`, trying the pattern only where an alias can start."""
        if self._starts is None:
            yield from self.pattern.finditer(window)
            return
        resume = 0
        for start in self._starts.finditer(window):
            if start.start() >= resume:
                match = self.pattern.match(window, start.start())
                if match:
                    resume = match.end()
                    yield match


def speaker_entries(data: object, path: str) -> list[dict]:
    """The entries of a speakers file, checked: a list of mappings with a name, optional aliases, role, side
    and kind (person or group); every problem is one line naming the file and the entry."""
    if isinstance(data, dict) and set(data) == {"speakers"}:
        data = data["speakers"]
    if data is None:
        return []
    if not isinstance(data, list):
        raise LexiconError([f"{path}: should be a list of speakers, each with name, aliases, role and side"])
    problems: list[str] = []
    entries, seen = [], set()
    for number, record in enumerate(data, start=1):
        where = f"{path}: speaker {number}"
        if not isinstance(record, dict):
            problems.append(f"{where}: should be a mapping with name, aliases, role and side")
            continue
        check_fields(record, SPEAKER_FIELDS, where, problems)
        name = text_field(record, "name", where, problems, True)
        kind = text_field(record, "kind", where, problems, False)
        if kind not in ("", "person", "group"):
            problems.append(f"{where}: field 'kind' should be person or group, got {kind!r}")
        if name in seen:
            problems.append(f"{where}: duplicate speaker {name!r}")
        seen.add(name)
        entries.append({"name": name, "aliases": text_list(record, "aliases", where, problems), "kind": kind,
                        "role": text_field(record, "role", where, problems, False),
                        "side": text_field(record, "side", where, problems, False),
                        "gender": text_field(record, "gender", where, problems, False),
                        "plural": record.get("plural") is True})
    if problems:
        raise LexiconError(problems)
    return [e for e in entries if e["name"]]


@lru_cache(maxsize=8)
def _load_speakers_cached(path: str, mtime: float) -> SpeakerBook:
    return SpeakerBook(speaker_entries(read_lexicon(path), path))


def load_speakers(path: str | Path | None) -> SpeakerBook:
    """The speakers lexicon at `path` (an empty book for None); a missing or broken file is a LexiconError."""
    if path is None:
        return SpeakerBook([])
    p = Path(path)
    return _load_speakers_cached(str(p.resolve()), p.stat().st_mtime if p.is_file() else 0.0)


def speakers_from_entries(entries: list[dict]) -> SpeakerBook:
    """A speakers book built from in-memory entries (name, aliases, side, role, kind)."""
    return SpeakerBook(entries)
