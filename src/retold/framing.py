"""Framing: loaded terms and whose words they are, the naming map, distinctive words, concordances.

Lexicons are data (`data/lexicons/loaded_terms.yml`, `naming.yml`), validated on load so a
teacher who edits one sees every mistake with its file and entry. Matching is case-insensitive,
on whole words, over the title and body paragraphs only (never page furniture), and the longest
match wins where entries overlap. Every hit carries the voice (author / attributed / quoted)
and speaker of the span it sits in, from the shared voice map.

Distinctive words use the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi
& Quinn 2008, "Fightin' Words"), each article against all the others.
"""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import pandas as pd
import yaml

from .pipeline import LEXICON_DIR, Analysis
from .progress import progress
from .segment import word_tokens

STOPWORDS_FILE = LEXICON_DIR / "stopwords.txt"
VOICES = ("author", "attributed", "quoted")

_LOWER = "a-zß-öø-ÿ"
_UPPER = "A-ZÀ-ÖØ-Þ"
_CASE_BREAK = f"(?-i:(?<=[{_LOWER}])(?=[{_UPPER}]))"
LEFT_EDGE = rf"(?:(?<!\w)|{_CASE_BREAK})"
RIGHT_EDGE = rf"(?:(?!\w)|{_CASE_BREAK})"

TERM_FIELDS = {"term", "variants", "pattern", "category", "reason", "neutral", "echoes", "notes"}
CONCEPT_FIELDS = {"concept", "description", "labels", "notes"}
LABEL_FIELDS = {"label", "variants", "pattern", "note", "notes"}


class LexiconError(ValueError):
    """A lexicon file with problems; the message names the file, the entry and each problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


# --------------------------------------------------------------------------- lexicons

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


def _compile(body: str) -> re.Pattern:
    return re.compile(f"{LEFT_EDGE}(?:{body}){RIGHT_EDGE}", re.IGNORECASE)


def _as_list(value: Any) -> list | None:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    return None


def _matchers(record: dict, name: str, where: str, problems: list[str]) -> tuple[re.Pattern, ...]:
    """Compile an entry's variants and patterns, recording every problem with its location."""
    variants = _as_list(record.get("variants"))
    patterns = _as_list(record.get("pattern"))
    if variants is None:
        problems.append(f"{where}: 'variants' must be a text or a list of texts")
        variants = []
    if patterns is None:
        problems.append(f"{where}: 'pattern' must be a text or a list of texts")
        patterns = []
    bodies = [(v, literal_regex(v)) for v in variants if v.strip()]
    bodies += [(p, widened_regex(p)) for p in patterns if p.strip()]
    if not bodies and "variants" not in record and "pattern" not in record and name.strip():
        bodies = [(name, literal_regex(name))]
    if not bodies:
        problems.append(f"{where}: has nothing to match (give variants or a pattern)")
    compiled = []
    for source, body in bodies:
        try:
            regex = _compile(body)
        except re.error as exc:
            problems.append(f"{where}: pattern {source!r} is not a valid regular expression: {exc}")
            continue
        if regex.fullmatch("") or re.fullmatch(f"(?:{body})", "", re.IGNORECASE):
            problems.append(f"{where}: pattern {source!r} matches empty text")
            continue
        compiled.append(regex)
    return tuple(compiled)


def _read_yaml(path: Path) -> Any:
    if not path.is_file():
        raise LexiconError([f"{path}: lexicon file not found"])
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f": line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise LexiconError([f"{path}{where}: YAML syntax error: {getattr(exc, 'problem', None) or exc}"]) from None
    except UnicodeDecodeError as exc:
        raise LexiconError([f"{path}: not UTF-8 text: {exc}"]) from None


def _check_fields(record: dict, allowed: set[str], where: str, problems: list[str]) -> None:
    """One problem per field of `record` that the lexicon format does not know."""
    for key in sorted(set(record) - allowed):
        problems.append(f"{where}: unknown field {key!r} (allowed: {', '.join(sorted(allowed))})")


def _text_field(record: dict, key: str, where: str, problems: list[str], required: bool) -> str:
    value = record.get(key)
    if value is None or value == "":
        if required:
            problems.append(f"{where}: missing required field {key!r}")
        return ""
    if not isinstance(value, (str, int, float)):
        problems.append(f"{where}: field {key!r} should be text, got {type(value).__name__}")
        return ""
    return str(value)


@lru_cache(maxsize=8)
def _cached_loaded_terms(path: Path, mtime: float) -> LoadedTermsLexicon:
    data = _read_yaml(path)
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
        _check_fields(record, TERM_FIELDS, where, problems)
        term = _text_field(record, "term", where, problems, True)
        category = _text_field(record, "category", where, problems, True)
        reason = _text_field(record, "reason", where, problems, True)
        if category and categories and category not in categories:
            problems.append(f"{where}: category {category!r} is not listed under 'categories' "
                            f"({', '.join(categories)})")
        if term.lower() in seen:
            problems.append(f"{where}: duplicate term {term!r} (first at entry {seen[term.lower()]})")
        seen.setdefault(term.lower(), number)
        matchers = _matchers(record, term, where, problems)
        entries.append(LexiconEntry(term, category, reason,
                                    _text_field(record, "neutral", where, problems, False),
                                    _text_field(record, "echoes", where, problems, False), matchers))
    if problems:
        raise LexiconError(problems)
    return LoadedTermsLexicon(path, {str(k): str(v) for k, v in categories.items()}, tuple(entries))


def load_loaded_terms(path: str | Path) -> LoadedTermsLexicon:
    """Read and validate a loaded-terms lexicon; raise LexiconError listing every problem."""
    path = Path(path)
    return _cached_loaded_terms(path, path.stat().st_mtime if path.is_file() else 0.0)


@lru_cache(maxsize=8)
def _cached_naming(path: Path, mtime: float) -> tuple[NamingConcept, ...]:
    data = _read_yaml(path)
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
        _check_fields(record, CONCEPT_FIELDS, where, problems)
        concept = _text_field(record, "concept", where, problems, True)
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
            _check_fields(label_record, LABEL_FIELDS, label_where, problems)
            label = _text_field(label_record, "label", label_where, problems, True)
            if label.lower() in seen_labels:
                problems.append(f"{label_where}: duplicate label {label!r}")
            seen_labels.add(label.lower())
            note = _text_field(label_record, "note", label_where, problems, False)
            built.append(NamingLabel(concept, label, note, _matchers(label_record, label, label_where, problems)))
        concepts.append(NamingConcept(concept, _text_field(record, "description", where, problems, False),
                                      tuple(built)))
    if problems:
        raise LexiconError(problems)
    return tuple(concepts)


def load_naming(path: str | Path) -> tuple[NamingConcept, ...]:
    """Read and validate a naming lexicon; raise LexiconError listing every problem."""
    path = Path(path)
    return _cached_naming(path, path.stat().st_mtime if path.is_file() else 0.0)


# --------------------------------------------------------------------------- matching

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


def longest_matches(text: str, spans: Iterable[tuple[int, int]],
                    matchers: list[tuple[int, re.Pattern]]) -> list[Match]:
    """Non-overlapping matches inside the spans: the longest wins, then the earliest, then the lowest key."""
    found: list[Match] = []
    for start, end in spans:
        candidates = set()
        for key, regex in matchers:
            for m in regex.finditer(text, start, end):
                s, e = _span(m)
                if e > s:
                    candidates.add(Match(s, e, key))
        taken: list[Match] = []
        for cand in sorted(candidates, key=lambda c: (c.start - c.end, c.start, c.key)):
            if all(cand.end <= t.start or cand.start >= t.end for t in taken):
                taken.append(cand)
        found += sorted(taken, key=lambda c: c.start)
    return found


def paragraph_spans(analysis: Analysis, article_id: str) -> list[tuple[int, int]]:
    """Title and body paragraph spans of one article (page furniture left out)."""
    return [(p.start, p.end) for p in analysis.segmented[article_id].paragraphs]


# --------------------------------------------------------------------------- voice

def _voice_segments(source: Any) -> dict[str, list]:
    """Voice segments per article, from an Analysis (voice map) or a Report (voice.csv)."""
    from .voice import VoiceSegment, voice_map

    if isinstance(source, Analysis):
        return voice_map(source)
    table = source.tables.get("voice")
    result: dict[str, list] = {}
    if table is None:
        return result
    for row in table.sort_values(["article", "start"], kind="stable").itertuples(index=False):
        speaker = row.speaker if isinstance(row.speaker, str) and row.speaker else None
        paragraph = int(getattr(row, "paragraph", 0))
        result.setdefault(row.article, []).append(
            VoiceSegment(row.article, int(row.start), int(row.end), row.voice, speaker, paragraph))
    return result


def _voice_of(segments: list, start: int, end: int) -> tuple[str, str | None]:
    from .voice import voice_at

    segment = voice_at(segments, start, end)
    return segment.voice, segment.speaker


# --------------------------------------------------------------------------- loaded terms

@dataclass(frozen=True)
class TermHit:
    """One loaded term as printed, with whose voice it is in."""

    article: str
    start: int
    end: int
    term: str
    entry: str
    category: str
    voice: str
    speaker: str | None
    paragraph: int
    sentence: int


def _locate(analysis: Analysis, article_id: str, start: int) -> tuple[int, int]:
    seg = analysis.segmented[article_id]
    paragraph = next((p.index for p in seg.paragraphs if p.start <= start < p.end), -1)
    sentence = next((s.index for s in seg.sentences if s.start <= start < s.end), -1)
    return paragraph, sentence


def loaded_term_hits(analysis: Analysis) -> list[TermHit]:
    """Every loaded-term occurrence in title and body, longest match first, with voice and speaker."""
    def compute() -> list[TermHit]:
        lexicon = load_loaded_terms(analysis.lexicons.loaded_terms)
        matchers = [(i, rx) for i, entry in enumerate(lexicon.entries) for rx in entry.matchers]
        voices = _voice_segments(analysis)
        hits = []
        for article_id in progress(analysis.article_ids, "loaded terms"):
            text = analysis.segmented[article_id].text
            for m in longest_matches(text, paragraph_spans(analysis, article_id), matchers):
                entry = lexicon.entries[m.key]
                voice, speaker = _voice_of(voices.get(article_id, []), m.start, m.end)
                paragraph, sentence = _locate(analysis, article_id, m.start)
                hits.append(TermHit(article_id, m.start, m.end, text[m.start:m.end], entry.term, entry.category,
                                    voice, speaker, paragraph, sentence))
        return hits

    return analysis.memo("framing.loaded_term_hits", compute)


def loaded_terms_table(analysis: Analysis) -> pd.DataFrame:
    lexicon = load_loaded_terms(analysis.lexicons.loaded_terms)
    info = {e.term: e for e in lexicon.entries}
    names = analysis.corpus.outlet_names()
    rows = [{
        "article": h.article, "start": h.start, "end": h.end, "term": h.term, "entry": h.entry,
        "category": h.category, "voice": h.voice, "speaker": h.speaker, "outlet": names[h.article],
        "paragraph": h.paragraph, "sentence": h.sentence, "neutral": info[h.entry].neutral,
        "echoes": info[h.entry].echoes,
    } for h in loaded_term_hits(analysis)]
    columns = ["article", "start", "end", "term", "entry", "category", "voice", "speaker", "outlet",
               "paragraph", "sentence", "neutral", "echoes"]
    return pd.DataFrame(rows, columns=columns)


# --------------------------------------------------------------------------- naming

@dataclass(frozen=True)
class NameHit:
    article: str
    concept: str
    label: str
    start: int
    end: int
    text: str
    voice: str
    speaker: str | None


def naming_hits(analysis: Analysis) -> list[NameHit]:
    """Every naming-label occurrence; the longest label wins within a concept, concepts are independent."""
    def compute() -> list[NameHit]:
        concepts = load_naming(analysis.lexicons.naming)
        voices = _voice_segments(analysis)
        hits = []
        for concept in concepts:
            matchers = [(i, rx) for i, label in enumerate(concept.labels) for rx in label.matchers]
            for article_id in analysis.article_ids:
                text = analysis.segmented[article_id].text
                for m in longest_matches(text, paragraph_spans(analysis, article_id), matchers):
                    voice, speaker = _voice_of(voices.get(article_id, []), m.start, m.end)
                    hits.append(NameHit(article_id, concept.concept, concept.labels[m.key].label, m.start, m.end,
                                        text[m.start:m.end], voice, speaker))
        return hits

    return analysis.memo("framing.naming_hits", compute)


def naming_counts(analysis: Analysis) -> pd.DataFrame:
    """concept, label, article, count (zeros included) plus counts by voice, in lexicon and corpus order."""
    concepts = load_naming(analysis.lexicons.naming)
    tally = Counter((h.concept, h.label, h.article, h.voice) for h in naming_hits(analysis))
    names = analysis.corpus.outlet_names()
    rows = []
    for concept in concepts:
        for label in concept.labels:
            for article_id in analysis.article_ids:
                by_voice = {v: tally[(concept.concept, label.label, article_id, v)] for v in VOICES}
                rows.append({"concept": concept.concept, "label": label.label, "article": article_id,
                             "count": sum(by_voice.values()), **by_voice, "outlet": names[article_id]})
    return pd.DataFrame(rows, columns=["concept", "label", "article", "count", *VOICES, "outlet"])


def naming_map(naming: pd.DataFrame, outlets: dict[str, str], voice: str | None = None) -> pd.DataFrame:
    """A readable naming map: rows (concept, label), one column per outlet, counts; labels nobody used dropped.

    With `voice`, counts only occurrences in that voice (e.g. "author": the outlet's own words).
    """
    column = voice or "count"
    table = naming.pivot_table(index=["concept", "label"], columns="article", values=column, aggfunc="sum",
                               sort=False, fill_value=0)
    table = table[[a for a in outlets if a in table.columns]]
    table.columns = [outlets[a] for a in table.columns]
    table = table[table.sum(axis=1) > 0]
    table.index.names = ["concept", "label"]
    return table.astype(int)


# --------------------------------------------------------------------------- keyness

@lru_cache(maxsize=4)
def load_stopwords(path: Path = STOPWORDS_FILE) -> frozenset[str]:
    """Stop words from a plain list (one per line, # comments), no downloads."""
    words = set()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip().lower()
        if word:
            words.add(word)
    return frozenset(words)


def _norm(token: str) -> str:
    return token.lower().replace("’", "'").replace("–", "-")


def ngram_counts(text: str, sentence_spans: Iterable[tuple[int, int]], stopwords: frozenset[str]) -> Counter:
    """Unigrams and bigrams of content words; a bigram never crosses punctuation or a stop word."""
    counts: Counter = Counter()
    for start, end in sentence_spans:
        previous = None
        for token in word_tokens(text, start, end):
            word = _norm(token.text)
            content = any(ch.isalpha() for ch in word) and word not in stopwords and not word.startswith("'")
            if not content:
                previous = None
                continue
            counts[word] += 1
            if previous:
                counts[f"{previous} {word}"] += 1
            previous = word
    return counts


def log_odds_z(counts: dict[str, Counter], prior: Counter | None = None, prior_scale: float = 0.1,
               absent_top: int = 500) -> pd.DataFrame:
    """Log-odds ratio with informative Dirichlet prior, each group against the rest (Monroe et al. 2008).

    The prior for a term is `prior_scale` times its count in `prior` (default: the whole corpus).
    At scale 1 the prior weighs as much as the data, which flattens every score of a few short
    articles; at 0.1 a word an article repeats stands out while a word used once stays near 0.
    delta = log((y_i+a)/(n_i+a0-y_i-a)) - log((y_r+a)/(n_r+a0-y_r-a)); var = 1/(y_i+a) + 1/(y_r+a);
    z = delta / sqrt(var). Returns group, term, zscore, count, count_rest, log_odds for every term a
    group uses, and for the `absent_top` most frequent corpus terms it does not use (so the work grows
    with the number of tokens, not groups × vocabulary). Fewer than two groups: nothing to compare.
    """
    import numpy as np

    columns = ["group", "term", "zscore", "count", "count_rest", "log_odds"]
    groups = list(counts)
    total = Counter()
    for c in counts.values():
        total.update(c)
    if len(groups) < 2 or not total:
        return pd.DataFrame(columns=columns)
    prior = total if prior is None else prior
    vocabulary = sorted(total)
    index = {term: i for i, term in enumerate(vocabulary)}
    totals = np.array([total[t] for t in vocabulary], dtype=float)
    alpha = np.array([prior_scale * prior.get(t, 0) for t in vocabulary], dtype=float)
    alpha[alpha <= 0] = prior_scale * 0.01
    alpha0 = alpha.sum()
    n_total = totals.sum()
    frequent = np.argsort(-totals, kind="stable")[:absent_top]
    frames = []
    for group in groups:
        c = counts[group]
        used = np.array(sorted(index[t] for t in c), dtype=int)
        absent = np.setdiff1d(frequent, used)
        terms = np.concatenate([used, absent])
        y_i = np.array([c[vocabulary[t]] for t in used] + [0] * len(absent), dtype=float)
        n_i = float(sum(c.values()))
        n_r = n_total - n_i
        a = alpha[terms]
        y_r = totals[terms] - y_i
        with np.errstate(divide="ignore", invalid="ignore"):
            delta = np.log((y_i + a) / (n_i + alpha0 - y_i - a)) - np.log((y_r + a) / (n_r + alpha0 - y_r - a))
            z = delta / np.sqrt(1 / (y_i + a) + 1 / (y_r + a))
        frames.append(pd.DataFrame({"group": group, "term": [vocabulary[t] for t in terms], "zscore": z,
                                    "count": y_i.astype(int), "count_rest": y_r.astype(int), "log_odds": delta}))
    result = pd.concat(frames, ignore_index=True)
    return result[np.isfinite(result["zscore"])][columns].reset_index(drop=True)


def keyness(analysis: Analysis, min_z_absent: float = -1.96, prior_scale: float = 0.1) -> pd.DataFrame:
    """Distinctive words and bigrams of each article against all others (title + body).

    Keeps every term the article uses, plus terms it conspicuously avoids (z <= `min_z_absent`).
    Columns: article, term, zscore, count, count_rest, log_odds, ngram, outlet.
    """
    stopwords = load_stopwords()
    counts = {}
    for article_id in analysis.article_ids:
        seg = analysis.segmented[article_id]
        counts[article_id] = ngram_counts(seg.text, [(s.start, s.end) for s in seg.sentences], stopwords)
    frames = []
    for n in (1, 2):
        subset = {a: Counter({t: k for t, k in c.items() if t.count(" ") == n - 1}) for a, c in counts.items()}
        if not any(subset.values()):
            continue
        frame = log_odds_z(subset, prior_scale=prior_scale)
        frame["ngram"] = n
        frames.append(frame)
    columns = ["article", "term", "zscore", "count", "count_rest", "log_odds", "ngram", "outlet"]
    if not frames:
        return pd.DataFrame(columns=columns)
    result = pd.concat(frames, ignore_index=True).rename(columns={"group": "article"})
    result = result[(result["count"] > 0) | (result["zscore"] <= min_z_absent)].copy()
    result["zscore"] = result["zscore"].round(4)
    result["log_odds"] = result["log_odds"].round(4)
    result["outlet"] = result["article"].map(analysis.corpus.outlet_names())
    order = {a: i for i, a in enumerate(analysis.article_ids)}
    result["_order"] = result["article"].map(order)
    result = result.sort_values(["_order", "zscore", "term"], ascending=[True, False, True], kind="stable")
    return result[columns].reset_index(drop=True)


# --------------------------------------------------------------------------- concordance and dispersion

def _body_spans(source: Any) -> dict[str, list[tuple[int, int, int]]]:
    """Article id -> (paragraph, start, end) for title and body, from an Analysis or a Report's sentences."""
    if isinstance(source, Analysis):
        return {a: [(p.index, p.start, p.end) for p in source.segmented[a].paragraphs] for a in source.article_ids}
    sentences = source.tables["sentences"]
    spans: dict[str, list[tuple[int, int, int]]] = {a.id: [] for a in source.corpus.articles}
    grouped = sentences.groupby(["article", "paragraph"], sort=False).agg(start=("start", "min"), end=("end", "max"))
    for (article, paragraph), row in grouped.iterrows():
        spans.setdefault(article, []).append((int(paragraph), int(row["start"]), int(row["end"])))
    return {a: sorted(v, key=lambda t: t[1]) for a, v in spans.items()}


def _texts(source: Any) -> dict[str, str]:
    return {a.id: a.text for a in source.corpus.articles}


def term_regex(terms: str | Iterable[str], regex: bool = False) -> re.Pattern:
    """One matcher for a term or several: whole words, any case; literal unless `regex`."""
    items = [terms] if isinstance(terms, str) else list(terms)
    bodies = [widened_regex(t) if regex else literal_regex(t) for t in items]
    bodies.sort(key=len, reverse=True)
    return _compile("|".join(f"(?:{b})" for b in bodies))


def _term_occurrences(source: Any, terms: str | Iterable[str], regex: bool) -> list[dict]:
    matcher = term_regex(terms, regex)
    texts = _texts(source)
    voices = _voice_segments(source)
    rows = []
    for article_id, spans in _body_spans(source).items():
        if not spans:
            continue
        text = texts[article_id]
        body_start, body_end = spans[0][1], spans[-1][2]
        for paragraph, start, end in spans:
            for m in matcher.finditer(text, start, end):
                voice, speaker = _voice_of(voices.get(article_id, []), m.start(), m.end())
                rows.append({"article": article_id, "start": m.start(), "end": m.end(), "match": m.group(),
                             "paragraph": paragraph, "para_start": start, "para_end": end,
                             "position": (m.start() - body_start) / max(1, body_end - body_start),
                             "voice": voice, "speaker": speaker})
    return rows


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def concordance(source: Any, term: str | Iterable[str], width: int = 60, regex: bool = False) -> pd.DataFrame:
    """Keyword-in-context lines for a term (or several) in every article, from an Analysis or a Report.

    Context stays inside the paragraph. Columns: article, outlet, start, end, left, match, right,
    voice, speaker, paragraph, position (0 = start of the title, 1 = end of the body).
    """
    names = source.corpus.outlet_names()
    texts = _texts(source)
    rows = []
    for hit in _term_occurrences(source, term, regex):
        text = texts[hit["article"]]
        left_start = max(hit["para_start"], hit["start"] - width)
        right_end = min(hit["para_end"], hit["end"] + width)
        rows.append({
            "article": hit["article"], "outlet": names[hit["article"]], "start": hit["start"], "end": hit["end"],
            "left": ("…" if left_start > hit["para_start"] else "") + _one_line(text[left_start:hit["start"]]),
            "match": hit["match"],
            "right": _one_line(text[hit["end"]:right_end]) + ("…" if right_end < hit["para_end"] else ""),
            "voice": hit["voice"], "speaker": hit["speaker"], "paragraph": hit["paragraph"],
            "position": round(hit["position"], 4),
        })
    columns = ["article", "outlet", "start", "end", "left", "match", "right", "voice", "speaker", "paragraph",
               "position"]
    return pd.DataFrame(rows, columns=columns)


def concordance_html(lines: pd.DataFrame, title: str = "") -> str:
    """Concordance lines as an HTML table: all text escaped, the keyword highlighted, voice shown."""
    from .plots import VOICE_COLORS

    esc = html.escape
    parts = ['<table class="kwic" style="border-collapse:collapse;font-size:0.95em">']
    if title:
        parts.append(f"<caption style='text-align:left;font-weight:bold'>{esc(title)}</caption>")
    parts.append("<thead><tr><th>outlet</th><th>voice (speaker)</th><th>offsets</th>"
                 "<th style='text-align:right'>left context</th><th>term</th><th style='text-align:left'>"
                 "right context</th></tr></thead><tbody>")
    if lines.empty:
        parts.append("<tr><td colspan='6'><em>no occurrences</em></td></tr>")
    for row in lines.itertuples(index=False):
        speaker = row.speaker if isinstance(row.speaker, str) and row.speaker else ""
        voice = esc(str(row.voice)) + (f" ({esc(speaker)})" if speaker else "")
        color = VOICE_COLORS.get(str(row.voice), "#000000")
        parts.append(
            "<tr>"
            f"<td>{esc(str(row.outlet))}</td>"
            f"<td style='color:{color};font-weight:bold'>{voice}</td>"
            f"<td style='font-family:monospace'>{int(row.start)}–{int(row.end)}</td>"
            f"<td style='text-align:right;white-space:nowrap'>{esc(str(row.left))}</td>"
            f"<td style='white-space:nowrap'><mark style='background:#F0E442;font-weight:bold'>{esc(str(row.match))}"
            "</mark></td>"
            f"<td style='text-align:left;white-space:nowrap'>{esc(str(row.right))}</td>"
            "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def dispersion(source: Any, terms: dict[str, str | list[str]] | Iterable[str], regex: bool = False) -> pd.DataFrame:
    """Where each term falls in each article: position 0 = start of the title, 1 = end of the body.

    `terms` is a list of terms, or a mapping name -> term(s) to group spellings ({"Kyiv/Kiev": ["Kyiv", "Kiev"]}).
    Columns: article, outlet, term, match, start, end, position, voice, speaker.
    """
    groups = dict(terms) if isinstance(terms, dict) else {t: t for t in terms}
    names = source.corpus.outlet_names()
    rows = []
    for name, pattern in groups.items():
        for hit in _term_occurrences(source, pattern, regex):
            rows.append({"article": hit["article"], "outlet": names[hit["article"]], "term": name,
                         "match": hit["match"], "start": hit["start"], "end": hit["end"],
                         "position": round(hit["position"], 4), "voice": hit["voice"], "speaker": hit["speaker"]})
    columns = ["article", "outlet", "term", "match", "start", "end", "position", "voice", "speaker"]
    return pd.DataFrame(rows, columns=columns)


# --------------------------------------------------------------------------- summaries and tables

def category_voice_counts(loaded_terms: pd.DataFrame, articles: list[str]) -> pd.DataFrame:
    """Hits per article × category × voice (zeros included), from loaded_terms.csv."""
    categories = sorted(loaded_terms["category"].unique()) if not loaded_terms.empty else []
    counts = Counter(zip(loaded_terms["article"], loaded_terms["category"], loaded_terms["voice"]))
    rows = [{"article": a, "category": c, "voice": v, "count": counts[(a, c, v)]}
            for a in articles for c in categories for v in VOICES]
    return pd.DataFrame(rows, columns=["article", "category", "voice", "count"])


def tables(analysis: Analysis) -> dict[str, pd.DataFrame]:
    """loaded_terms.csv, naming.csv and keyness.csv."""
    return {
        "loaded_terms.csv": loaded_terms_table(analysis).reset_index(drop=True),
        "naming.csv": naming_counts(analysis),
        "keyness.csv": keyness(analysis),
    }
