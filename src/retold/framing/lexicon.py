"""Lexicons are data: loaded terms and naming concepts, validated on load, and how their entries match text.

A teacher who edits a lexicon sees every mistake at once, each with its file and entry.
Matching is case-insensitive, on whole words (a word also ends where lower case runs
into upper case, as in the scraped "SchmidtThe"), and the longest match wins where
entries overlap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from ..kept import Kept
from ..records import LexiconError, check_fields, read_lexicon, text_field, text_list
from .patterns import Prefilter, lookbehind_reach, pattern_problem, time_bound

_LOWER = "a-zß-öø-ÿ"
_UPPER = "A-ZÀ-ÖØ-Þ"
_CASE_BREAK = f"(?-i:(?<=[{_LOWER}])(?=[{_UPPER}]))"
LEFT_EDGE = rf"(?:(?<!\w)|{_CASE_BREAK})"
RIGHT_EDGE = rf"(?:(?!\w)|{_CASE_BREAK})"

TERM_FIELDS = {"term", "variants", "pattern", "category", "reason", "neutral", "echoes", "notes"}
CONCEPT_FIELDS = {"concept", "description", "labels", "notes"}
LABEL_FIELDS = {"label", "variants", "pattern", "note", "notes"}


__all__ = ["LexiconError", "LoadedTermsLexicon", "MatcherSet", "NamingConcept", "load_loaded_terms", "load_naming",
           "longest_matches", "matcher_set"]


@dataclass(frozen=True)
class LexiconEntry:
    """One loaded term: its matchers and what it means."""

    term: str
    category: str
    reason: str
    neutral: str
    echoes: str
    matchers: tuple[re.Pattern, ...]


@dataclass(frozen=True)
class LoadedTermsLexicon:
    path: Path
    categories: dict[str, str]
    entries: tuple[LexiconEntry, ...]


@dataclass(frozen=True)
class NamingLabel:
    concept: str
    label: str
    note: str
    matchers: tuple[re.Pattern, ...]


@dataclass(frozen=True)
class NamingConcept:
    concept: str
    description: str
    labels: tuple[NamingLabel, ...]
    discovered: bool = False  # found in the corpus (framing.variants), not read from a lexicon


def literal_regex(text: str) -> str:
    """A literal form as a regex: any whitespace run for a space, ’ for ', an optional hyphen."""
    parts: list[str] = []
    for ch in text.strip():
        if ch.isspace():
            if parts[-1:] != [r"\s+"]:
                parts.append(r"\s+")
        elif ch in "'’":
            parts.append("['’]")
        elif ch in "-‐‑–":
            parts.append(r"[-‐‑–]?\s*")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


def widened_regex(pattern: str) -> str:
    """A user regex with spaces widened to `\\s+` and ' to ['’], except inside [...] and escapes."""
    out: list[str] = []
    in_class = escaped = False
    for ch in pattern:
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif in_class:
            out.append(ch)
            in_class = ch != "]"
        elif ch == "[":
            out.append(ch)
            in_class = True
        elif ch == " ":
            if out[-1:] != [r"\s+"]:
                out.append(r"\s+")
        elif ch in "'’":
            out.append("['’]")
        else:
            out.append(ch)
    return "".join(out)


def compile_bounded(body: str) -> re.Pattern:
    """A pattern that matches only whole words (also at a lower-to-upper case break), any case."""
    return re.compile(f"{LEFT_EDGE}(?:{body}){RIGHT_EDGE}", re.IGNORECASE)


def _matchers(record: dict, name: str, where: str, problems: list[str]) -> tuple[re.Pattern, ...]:
    """Compile an entry's variants and patterns, recording every problem with its location."""
    variants = text_list(record, "variants", where, problems)
    patterns = text_list(record, "pattern", where, problems)
    bodies = [(v, literal_regex(v)) for v in variants if v.strip()]
    bodies += [(p, widened_regex(p)) for p in patterns if p.strip()]
    if not bodies and "variants" not in record and "pattern" not in record and name.strip():
        bodies = [(name, literal_regex(name))]
    if not bodies:
        problems.append(f"{where}: has nothing to match (give variants or a pattern)")
    compiled = []
    for source, body in bodies:
        try:
            regex = compile_bounded(body)
        except (re.error, RecursionError, OverflowError) as exc:
            problems.append(f"{where}: pattern {source!r} is not a valid regular expression: {exc}")
            continue
        danger = pattern_problem(body)
        if danger:
            problems.append(f"{where}: pattern {source!r} {danger}")
            continue
        if regex.fullmatch("") or re.fullmatch(f"(?:{body})", "", re.IGNORECASE):
            problems.append(f"{where}: pattern {source!r} matches empty text")
            continue
        compiled.append(regex)
    return tuple(compiled)


@lru_cache(maxsize=8)
def _cached_loaded_terms(path: Path, mtime: float) -> LoadedTermsLexicon:
    data = read_lexicon(path)
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        raise LexiconError([f"{path}: should be a mapping with 'categories' and a list 'terms'"])
    problems: list[str] = []
    categories = data.get("categories") or {}
    if not isinstance(categories, dict):
        problems.append(f"{path}: 'categories' should map category ids to descriptions")
        categories = {}
    entries: list[LexiconEntry] = []
    seen: dict[str, int] = {}
    for number, record in enumerate(data["terms"], start=1):
        where = f"{path}: entry {number}"
        if not isinstance(record, dict):
            problems.append(f"{where}: should be a mapping with term, category and reason")
            continue
        if isinstance(record.get("term"), str):
            where = f"{where} ({record['term']!r})"
        check_fields(record, TERM_FIELDS, where, problems)
        term = text_field(record, "term", where, problems, True)
        category = text_field(record, "category", where, problems, True)
        reason = text_field(record, "reason", where, problems, True)
        if category and categories and category not in categories:
            problems.append(f"{where}: category {category!r} is not listed under 'categories' "
                            f"({', '.join(categories)})")
        if term.lower() in seen:
            problems.append(f"{where}: duplicate term {term!r} (first at entry {seen[term.lower()]})")
        seen.setdefault(term.lower(), number)
        matchers = _matchers(record, term, where, problems)
        entries.append(LexiconEntry(term, category, reason,
                                    text_field(record, "neutral", where, problems, False),
                                    text_field(record, "echoes", where, problems, False), matchers))
    if problems:
        raise LexiconError(problems)
    return LoadedTermsLexicon(path, {str(k): str(v) for k, v in categories.items()}, tuple(entries))


def load_loaded_terms(path: str | Path) -> LoadedTermsLexicon:
    """Read and validate a loaded-terms lexicon; raise LexiconError listing every problem."""
    path = Path(path)
    return _cached_loaded_terms(path, path.stat().st_mtime if path.is_file() else 0.0)


@lru_cache(maxsize=8)
def _cached_naming(path: Path, mtime: float) -> tuple[NamingConcept, ...]:
    data = read_lexicon(path)
    if not isinstance(data, dict) or not isinstance(data.get("concepts"), list):
        raise LexiconError([f"{path}: should be a mapping with a list 'concepts'"])
    problems: list[str] = []
    concepts: list[NamingConcept] = []
    seen_concepts: set[str] = set()
    for number, record in enumerate(data["concepts"], start=1):
        where = f"{path}: concept {number}"
        if not isinstance(record, dict):
            problems.append(f"{where}: should be a mapping with concept and labels")
            continue
        if isinstance(record.get("concept"), str):
            where = f"{path}: concept {record['concept']!r}"
        check_fields(record, CONCEPT_FIELDS, where, problems)
        concept = text_field(record, "concept", where, problems, True)
        if concept in seen_concepts:
            problems.append(f"{where}: duplicate concept {concept!r}")
        seen_concepts.add(concept)
        labels = record.get("labels")
        if not isinstance(labels, list) or not labels:
            problems.append(f"{where}: 'labels' must be a non-empty list")
            labels = []
        built: list[NamingLabel] = []
        seen_labels: set[str] = set()
        for label_number, label_record in enumerate(labels, start=1):
            label_where = f"{where}, label {label_number}"
            if not isinstance(label_record, dict):
                problems.append(f"{label_where}: should be a mapping with 'label'")
                continue
            if isinstance(label_record.get("label"), str):
                label_where = f"{where}, label {label_record['label']!r}"
            check_fields(label_record, LABEL_FIELDS, label_where, problems)
            label = text_field(label_record, "label", label_where, problems, True)
            if label.lower() in seen_labels:
                problems.append(f"{label_where}: duplicate label {label!r}")
            seen_labels.add(label.lower())
            note = text_field(label_record, "note", label_where, problems, False)
            built.append(NamingLabel(concept, label, note, _matchers(label_record, label, label_where, problems)))
        concepts.append(NamingConcept(concept, text_field(record, "description", where, problems, False),
                                      tuple(built)))
    if problems:
        raise LexiconError(problems)
    return tuple(concepts)


def load_naming(path: str | Path) -> tuple[NamingConcept, ...]:
    """Read and validate a naming lexicon; raise LexiconError listing every problem."""
    path = Path(path)
    return _cached_naming(path, path.stat().st_mtime if path.is_file() else 0.0)


@dataclass(frozen=True)
class Match:
    """A span matched by lexicon item number `key`."""

    start: int
    end: int
    key: int


def _span(match: re.Match) -> tuple[int, int]:
    if "term" in match.re.groupindex and match.start("term") >= 0:
        return match.span("term")
    return match.span()


@dataclass
class MatcherSet:
    """Compiled lexicon matchers (key, regex), an RE2 prefilter over them, and a label per key for errors.

    What the matchers find in a passage depends on the passage and the `reach` characters before it (their
    look-behinds), so it is kept by those (`longest_in_span`): syndicated copy repeats paragraphs word for
    word. `reach` None: nothing is kept."""

    items: list[tuple[int, re.Pattern]]
    labels: dict[int, str]
    prefilter: Prefilter
    reach: int | None = None
    kept: Kept = field(default_factory=lambda: Kept(BLOCKS_KEPT), repr=False)

    def possible(self, passage: str) -> list[int]:
        """Numbers of the matchers the prefilter lets through for a passage, in order."""
        return sorted(self.prefilter.candidates(passage))


MATCHER_SETS_KEPT = 64
_MATCHER_SETS = Kept(MATCHER_SETS_KEPT)
BLOCKS_KEPT = 1 << 14  # passages whose matches each matcher set keeps


def matcher_set(items: list[tuple[int, re.Pattern]], labels: dict[int, str] | None = None) -> MatcherSet:
    """The matchers with their RE2 prefilter, built once per process for the same patterns and labels
    (compiling the prefilter costs far more than matching one article)."""
    labels = labels or {}
    key = (tuple((k, regex.pattern, regex.flags) for k, regex in items), tuple(sorted(labels.items())))

    def built() -> MatcherSet:
        reaches = [lookbehind_reach(regex.pattern, regex.flags) for _, regex in items]
        return MatcherSet(list(items), dict(labels), Prefilter([regex.pattern for _, regex in items]),
                          None if None in reaches else max(reaches, default=1))

    return _MATCHER_SETS.get_or(key, built)


def longest_matches(text: str, spans: Iterable[tuple[int, int]],
                    matchers: MatcherSet | list[tuple[int, re.Pattern]]) -> list[Match]:
    """Non-overlapping matches inside the spans: the longest wins, then the earliest, then the lowest key.

    Only the matchers the RE2 prefilter finds possible in a span run there, each under a time bound."""
    if not isinstance(matchers, MatcherSet):
        matchers = matcher_set(matchers)
    found: list[Match] = []
    for start, end in spans:
        found += longest_in_span(text, start, end, matchers.possible(text[start:end]), matchers)
    return found


def longest_in_span(text: str, start: int, end: int, numbers: Iterable[int], matchers: MatcherSet) -> list[Match]:
    """`longest_matches` in text[start:end] of the matchers numbered `numbers` (those the prefilter let
    through), in text order; kept by the passage and what the matchers can read before it."""
    numbers = tuple(numbers)
    if matchers.reach is None:
        return _longest_in_span(text, start, end, numbers, matchers)
    key = (text[max(0, start - matchers.reach):start], text[start:end], numbers)
    found = matchers.kept.get_or(key, lambda: tuple((m.start - start, m.end - start, m.key)
                                                    for m in _longest_in_span(text, start, end, numbers, matchers)))
    return [Match(start + s, start + e, k) for s, e, k in found]


def _longest_in_span(text: str, start: int, end: int, numbers: tuple[int, ...], matchers: MatcherSet
                     ) -> list[Match]:
    candidates = set()
    for number in numbers:
        key, regex = matchers.items[number]
        label = matchers.labels.get(key, f"lexicon entry {key + 1}")
        with time_bound(f"{label}: a pattern on a passage of {end - start:,} characters"):
            for m in regex.finditer(text, start, end):
                s, e = _span(m)
                if e > s:
                    candidates.add(Match(s, e, key))
    taken: list[Match] = []
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, c.start, c.key)):
        if all(cand.end <= t.start or cand.start >= t.end for t in taken):
            taken.append(cand)
    return sorted(taken, key=lambda c: c.start)
