"""Synthetic corpora of any size, derived from a seed corpus, for scale tests.

Real collections about one event are full of near-copies: agency copy rewritten,
trimmed, re-spelled and wrapped in each site's page furniture. A synthetic article
here is one seed article put through the same kinds of edits, chosen at random:
sentences dropped and reordered, spelling variants and synonyms, quotation marks
restyled, words inside quotations paraphrased, quotations turned into reported
speech, and navigation, related-link, comment and share lines added. Each article
gets its own `random.Random` seeded from (seed, index), so output depends only on
the arguments, and the first N articles of a larger corpus equal a corpus of N.
Articles are written one at a time, so memory does not grow with N.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from .config import SYNTH_FILE
from .corpus import CORPUS_FILE, load_corpus
from .framing.packs import CORPUS_OWN, is_pack_name
from .text.clean import clean_article
from .text.segment import sentence_spans

WORDS = yaml.safe_load(SYNTH_FILE.read_text(encoding="utf-8"))
SPELLING_VARIANTS = [tuple(group) for group in WORDS["spelling_variants"]]
SYNONYMS = [tuple(group) for group in WORDS["synonyms"]]
OUTLETS = [f"The {a} {b}" for a in WORDS["outlet_first_words"] for b in WORDS["outlet_second_words"]] \
    + WORDS["more_outlets"]
COUNTRIES = WORDS["countries"]
NAV_SECTIONS = WORDS["nav_sections"]
RELATED_CUES = WORDS["related_cues"]
COMMENT_LINES = WORDS["comment_lines"]
SHARE_LINES = WORDS["share_lines"]

SPELLING_RATE = 0.35
SYNONYM_RATE = 0.12
INSIDE_QUOTE_SYNONYM_RATE = 0.5

QUOTE_STYLES = [("“", "”"), ('"', '"'), ("«", "»"), ("„", "“")]
QUOTED = re.compile(r"[“\"„«]([^“”\"„«»\n]{1,1000})[”\"»“]")

REPORTING_VERBS = r"said|added|stated|declared|told reporters|told journalists|noted"
SPEAKER = r"(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}|the\s+[a-z]+|he|she|it"
QUOTE_THEN_SPEAKER = re.compile(
    rf"^[“\"](?P<q>[^“”\"]+?)[,.]?[”\"],?\s+(?P<who>{SPEAKER})\s+(?P<verb>{REPORTING_VERBS})(?P<rest>[^“”\"]*)$")
SPEAKER_THEN_QUOTE = re.compile(
    rf"^(?P<pre>[^“”\"]*\b(?:{REPORTING_VERBS}|responded))(?: in a statement)?:"
    r"\s*[“\"](?P<q>[^“”\"]+?)[.,]?[”\"]\.?$")
LOWERCASE_OPENERS = {
    "the", "a", "an", "it", "this", "that", "these", "those", "of", "but", "and", "so", "we", "our", "basically",
    "attention", "that's", "that’s", "it's", "it’s", "in", "at", "on", "there", "such", "now", "then", "i", "if",
    "when", "while", "after", "as",
}
FIRST_PERSON = [(re.compile(r"\bour\b"), "their"), (re.compile(r"\bwe\b"), "they"), (re.compile(r"\bus\b"), "them")]

EVENT_DAY = dt.date(2022, 12, 2)


@dataclass(frozen=True)
class SeedArticle:
    """What a synthetic article is built from: one seed's title, body sentences and sources."""

    id: str
    title: str
    paragraphs: tuple[tuple[str, ...], ...]
    credited_sources: tuple[str, ...]


def seed_articles(seed_corpus: str | Path) -> list[SeedArticle]:
    """The seed corpus's articles as title + paragraphs of sentences, page furniture left out."""
    seeds = []
    for article in load_corpus(seed_corpus).articles:
        cleaned = clean_article(article)
        text = article.text
        paragraphs = []
        for line in cleaned.body:
            sentences = tuple(text[s:e] for s, e in sentence_spans(text, line.start, line.end))
            if sentences:
                paragraphs.append(sentences)
        title = cleaned.title.text if cleaned.title else article.title
        if paragraphs:
            seeds.append(SeedArticle(article.id, title, tuple(paragraphs), tuple(article.credited_sources)))
    if not seeds:
        raise ValueError(f"{seed_corpus}: no article with body text to derive synthetic articles from")
    return seeds


def _variant_table(groups: list[tuple[str, ...]]) -> tuple[re.Pattern, dict[str, tuple[str, ...]]]:
    table: dict[str, tuple[str, ...]] = {}
    for group in groups:
        for word in group:
            table[word.lower()] = tuple(w for w in group if w != word)
    words = sorted(table, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.I), table


SPELLING_RE, SPELLING_TABLE = _variant_table(SPELLING_VARIANTS)
SYNONYM_RE, SYNONYM_TABLE = _variant_table(SYNONYMS)


def _match_case(replacement: str, original: str) -> str:
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement[:1].lower() + replacement[1:]


def substitute(text: str, pattern: re.Pattern, table: dict[str, tuple[str, ...]], rate: float,
               rng: random.Random) -> str:
    """Replace each listed word, with probability `rate`, by another of its group (case kept)."""
    def replace(match: re.Match) -> str:
        word = match.group(0)
        if rng.random() >= rate:
            return word
        return _match_case(rng.choice(table[word.lower()]), word)

    return pattern.sub(replace, text)


def _lower_opener(text: str) -> str:
    first = re.match(r"[\w’']+", text)
    if first and first.group(0).lower() in LOWERCASE_OPENERS and first.group(0) != "I":
        return text[:1].lower() + text[1:]
    return text


def _third_person(text: str) -> str:
    for pattern, replacement in FIRST_PERSON:
        text = pattern.sub(replacement, text)
    return text


def reported_speech(sentence: str) -> str | None:
    """A quotation sentence rewritten as reported speech, or None if its shape is not recognised.

    `“X,” Peskov said.` -> `Peskov said that x.`; `He added: “X.”` -> `He added that x.`
    """
    match = QUOTE_THEN_SPEAKER.match(sentence.strip())
    if match:
        quote = _third_person(_lower_opener(match["q"].strip()))
        who = match["who"]
        who = who[:1].upper() + who[1:]
        rest = match["rest"].rstrip()
        if not rest.endswith((".", "!", "?")):
            rest += "."
        return f"{who} {match['verb']} that {quote}{rest}"
    match = SPEAKER_THEN_QUOTE.match(sentence.strip())
    if match:
        quote = _third_person(_lower_opener(match["q"].strip())).rstrip(".!?,")
        return f"{match['pre']} that {quote}."
    return None


def paraphrase_quotes(sentence: str, rng: random.Random) -> str:
    """Synonyms swapped inside the quoted parts of a sentence, as rewrites of translations do."""
    def replace(match: re.Match) -> str:
        inner = substitute(match.group(1), SYNONYM_RE, SYNONYM_TABLE, INSIDE_QUOTE_SYNONYM_RATE, rng)
        return match.group(0)[0] + inner + match.group(0)[-1]

    return QUOTED.sub(replace, sentence)


def restyle_quotes(text: str, style: tuple[str, str]) -> str:
    """Every closed double quotation re-marked with one opening/closing pair; unclosed marks kept."""
    opening, closing = style
    return QUOTED.sub(lambda m: opening + m.group(1) + closing, text)


def _edit_sentences(paragraphs: list[list[str]], rng: random.Random) -> list[list[str]]:
    edited = []
    for paragraph in paragraphs:
        kept = []
        for sentence in paragraph:
            if rng.random() < 0.1:
                continue
            if rng.random() < 0.25 and QUOTED.search(sentence):
                sentence = (reported_speech(sentence) if rng.random() < 0.5 else None) or \
                    paraphrase_quotes(sentence, rng)
            kept.append(sentence)
        if len(kept) > 1 and rng.random() < 0.1:
            i = rng.randrange(len(kept) - 1)
            kept[i], kept[i + 1] = kept[i + 1], kept[i]
        if kept:
            edited.append(kept)
    if len(edited) > 3 and rng.random() < 0.3:
        i, j = sorted(rng.sample(range(1, len(edited)), 2))
        edited[i], edited[j] = edited[j], edited[i]
    return edited or [[paragraphs[0][0]]]


def synthetic_article(seeds: list[SeedArticle], index: int, seed: int = 0) -> tuple[str, dict]:
    """The text and corpus.yml entry fields (without id/file) of synthetic article `index`."""
    rng = random.Random(f"retold-synth:{seed}:{index}")
    base = seeds[rng.randrange(len(seeds))]
    outlet = rng.choice(OUTLETS)
    title = substitute(base.title, SPELLING_RE, SPELLING_TABLE, SPELLING_RATE, rng)
    paragraphs = _edit_sentences([list(p) for p in base.paragraphs], rng)

    lines: list[str] = []
    if rng.random() < 0.25:
        lines.append("   /   ".join(rng.sample(NAV_SECTIONS, rng.randint(3, 5))))
    lines.append(f"{title} – {outlet}" if rng.random() < 0.3 else title)
    if rng.random() < 0.1:
        lines.append(title)
    for number, paragraph in enumerate(paragraphs):
        lines.append(" ".join(paragraph))
        if 0 < number < len(paragraphs) - 1 and rng.random() < 0.08:
            lines.append(f"{rng.choice(RELATED_CUES)} {rng.choice(seeds).title}")
    if rng.random() < 0.3:
        lines.append(rng.choice(COMMENT_LINES))
    if rng.random() < 0.4:
        lines.append(rng.choice(SHARE_LINES).format(outlet=outlet))

    text = "\n\n".join(lines)
    text = substitute(text, SPELLING_RE, SPELLING_TABLE, SPELLING_RATE, rng)
    text = substitute(text, SYNONYM_RE, SYNONYM_TABLE, SYNONYM_RATE, rng)
    text = restyle_quotes(text, rng.choice(QUOTE_STYLES))
    if rng.random() < 0.05:
        text = text.replace("\n", "\r\n")
    entry = {
        "outlet": outlet,
        "title": title,
        "published": (EVENT_DAY + dt.timedelta(days=rng.randint(0, 3))).isoformat(),
        "country": rng.choice(COUNTRIES),
        "credited_sources": list(base.credited_sources),
        "notes": f"synthetic variant of seed article {base.id}",
    }
    return text, entry


def _yaml_scalar(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_scalar(v) for v in value) + "]"
    quoted = json.dumps(str(value), ensure_ascii=False)
    return quoted.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\x85")


def write_synthetic_corpus(seed_corpus_path: str | Path, out_dir: str | Path, n: int, seed: int = 0) -> Path:
    """Write a corpus folder of `n` synthetic articles derived from a seed corpus; return its path.

    The same (seed corpus, n, seed) always gives the same bytes. corpus.yml is written
    last, so an interrupted run never leaves a folder that looks complete.
    """
    if n < 1:
        raise ValueError(f"synthetic corpus size must be at least 1, got {n}")
    seeds = seed_articles(seed_corpus_path)
    seed_corpus = load_corpus(seed_corpus_path)
    seed_title = seed_corpus.title
    out = Path(out_dir)
    (out / "articles").mkdir(parents=True, exist_ok=True)
    width = max(5, len(str(n - 1)))
    manifest_tmp = out / f".{CORPUS_FILE}.tmp"
    with manifest_tmp.open("w", encoding="utf-8", newline="\n") as manifest:
        manifest.write(f"title: {_yaml_scalar(f'Synthetic corpus of {n} articles (seed {seed})')}\n")
        manifest.write(f"description: {_yaml_scalar(f'Derived by retold synth from: {seed_title}')}\n")
        manifest.write("language: en\n")
        for kind, pack in seed_corpus.packs.items():  # the seed's lexicon packs, only when they are pack names
            if is_pack_name(pack):
                manifest.write(f"{kind}: {_yaml_scalar(pack)}\n")
        for own in CORPUS_OWN.values():  # the seed's own lexicons (speakers.yml), which synthetic articles share
            if (seed_corpus.path / own).is_file():
                shutil.copyfile(seed_corpus.path / own, out / own)
        manifest.write("articles:\n")
        for index in range(n):
            article_id = f"s{index:0{width}d}"
            relative = f"articles/{article_id}.txt"
            text, entry = synthetic_article(seeds, index, seed)
            (out / relative).write_bytes(text.encode("utf-8"))
            manifest.write(f"  - id: {article_id}\n    file: {relative}\n")
            for key, value in entry.items():
                manifest.write(f"    {key}: {_yaml_scalar(value)}\n")
    os.replace(manifest_tmp, out / CORPUS_FILE)
    return out
