"""Paragraphs, sentences and word tokens with character offsets into the article text.

Uses NLTK pieces that need no downloaded data: an untrained Punkt tokenizer told
the abbreviations common in news ("U.S.", "Mr.", initials), and a regular-expression
word tokenizer whose spans are exact. Sentences never end inside a quotation.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import lru_cache

from typing import TYPE_CHECKING

from ..corpus import Article
from ..model import Furniture, Paragraph, Sentence
from ..vocab import CLOSE_DOUBLE, CUE_RE, OPEN_DOUBLE
from .clean import CleanArticle, Line, clean_article

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

NEWS_ABBREVIATIONS = {
    "u.s", "u.k", "u.n", "e.u", "u.s.a", "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt",
    "adm", "gov", "sen", "rep", "pres", "st", "jr", "sr", "inc", "corp", "co", "ltd", "vs", "etc", "approx",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "a.m", "p.m", "i.e", "e.g",
    "dept", "est", "fig", "mt", "ft", "rev", "hon", "amb", "min", "pct",
} | set(string.ascii_lowercase)

# A "sentence" longer than this (text without sentence punctuation) is cut at spaces into pieces no longer,
# so every later stage does bounded work per sentence. Real sentences are far shorter: the longest in the
# study's corpora has 371 characters.
MAX_SENTENCE = 1000
WORD_PATTERN = r"(?:[A-Za-z]\.){2,}|\d+(?:[.,:/]\d+)+|\w+(?:[-–]\w+)*(?=['’]s\b)|['’]s\b|\w+(?:['’.-]\w+)*|[^\w\s]"
HARD_WRAP_MIN = 40


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class SegmentedArticle:
    """Everything later stages need about one article, all with offsets into `article.text`."""

    article: Article
    title: Paragraph | None
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    furniture: tuple[Furniture, ...]

    @property
    def text(self) -> str:
        return self.article.text

    def body_words(self) -> int:
        """Words (tokens holding a letter or digit) of the title and body paragraphs."""
        return sum(_block_words(self.text[p.start:p.end]) for p in self.paragraphs)


BLOCKS_KEPT = 1 << 15  # distinct paragraphs whose sentence spans and word counts each process keeps


@lru_cache(maxsize=1)
def sentence_tokenizer() -> PunktSentenceTokenizer:
    """Untrained Punkt that knows news abbreviations (NLTK, no downloaded data; imported when first needed)."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(NEWS_ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


def paragraphs_from_lines(article_id: str, title: Line | None, body: tuple[Line, ...], text: str) -> list[Paragraph]:
    """Title first, then body lines; a line continues the previous one only when that looks hard-wrapped."""
    paragraphs: list[Paragraph] = []
    if title is not None:
        paragraphs.append(Paragraph(article_id, title.start, title.end, index=0, is_title=True))
    previous: Line | None = None
    for line in body:
        between = text[previous.end: line.start] if previous else ""
        hard_wrapped = (
            previous is not None
            and between.count("\n") + between.count("\r") - between.count("\r\n") == 1
            and len(previous.text) >= HARD_WRAP_MIN
            and not re.search(r"[.!?:…\"”’»)]$", previous.text)
        )
        if hard_wrapped and paragraphs and not paragraphs[-1].is_title:
            last = paragraphs[-1]
            paragraphs[-1] = Paragraph(article_id, last.start, line.end, index=last.index)
        else:
            paragraphs.append(Paragraph(article_id, line.start, line.end, index=len(paragraphs)))
        previous = line
    return paragraphs


def _inside_quote_positions(text: str) -> list[bool]:
    """For each character of a paragraph: is it inside a double quotation that closes in this paragraph?"""
    inside = [False] * len(text)
    open_at = None
    for i, ch in enumerate(text):
        if open_at is None:
            if ch in OPEN_DOUBLE or (ch == '"' and (i == 0 or not text[i - 1].isalnum())):
                open_at = i
        elif ch in CLOSE_DOUBLE or ch == '"':
            for j in range(open_at + 1, i):
                inside[j] = True
            open_at = None
    return inside


def _continues(block: str, previous: tuple[int, int], s: int, e: int) -> bool:
    """Does a split sentence go on: it opens in lower case or with a dash ("(D-Ore.) said ...", "LYNWOOD,
    Ore. — A ..."), or it is a short reporting clause after a quotation ending in ? or ! ("“Why now?” Harris
    asked.")?"""
    first = block[s:s + 1]
    if first.islower() or first in "—–-":
        return True
    ending = block[previous[0]:previous[1]].rstrip()
    return bool(re.search(r"[?!][”\"’»]$", ending)) and len(block[s:e].split()) <= 8 and bool(CUE_RE.search(block[s:e]))


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans within text[start:end]; splits inside a closed quotation, before a lower-case word or
    before the reporting clause of a question or exclamation are undone."""
    end = len(text) if end is None else end
    return [(start + s, start + e) for s, e in _block_sentence_spans(text[start:end])]


@lru_cache(maxsize=BLOCKS_KEPT)
def _block_sentence_spans(block: str) -> tuple[tuple[int, int], ...]:
    """`sentence_spans` of one block, from its start (a function of the block alone, so kept: syndicated copy
    repeats paragraphs word for word)."""
    spans = list(sentence_tokenizer().span_tokenize(block))
    if len(spans) > 1:
        inside = _inside_quote_positions(block)
        merged = [spans[0]]
        for s, e in spans[1:]:
            if inside[merged[-1][1] - 1] and inside[s - 1] or _continues(block, merged[-1], s, e):
                merged[-1] = (merged[-1][0], e)
            else:
                merged.append((s, e))
        spans = merged
    return tuple(piece for span in spans for piece in _cut_long(block, *span))


def _cut_long(block: str, start: int, end: int) -> list[tuple[int, int]]:
    """A span cut at whitespace into pieces of at most MAX_SENTENCE characters (at any character if a piece
    has no whitespace)."""
    pieces = []
    while end - start > MAX_SENTENCE:
        window = block[start:start + MAX_SENTENCE + 1]
        cut = next((i for i in range(len(window) - 1, 0, -1) if window[i].isspace()), MAX_SENTENCE)
        piece_end = start + len(window[:cut].rstrip()) or start + cut
        pieces.append((start, piece_end))
        start += cut
        while start < end and block[start].isspace():
            start += 1
    if end > start:
        pieces.append((start, end))
    return pieces


@lru_cache(maxsize=BLOCKS_KEPT)
def _block_words(block: str) -> int:
    """Words (tokens holding a letter or digit) of one block, kept per block text."""
    return sum(token.isalnum() or any(map(str.isalnum, token)) for token in word_pattern().findall(block))


@lru_cache(maxsize=1)
def word_pattern():
    """WORD_PATTERN compiled as NLTK's RegexpTokenizer compiles it (the `regex` engine, same flags), matched
    directly: the tokenizer's per-match wrappers cost more than the matching on a large corpus."""
    import regex

    return regex.compile(WORD_PATTERN, re.UNICODE | re.MULTILINE | re.DOTALL)


def word_tokens(text: str, start: int = 0, end: int | None = None, words_only: bool = False) -> list[Token]:
    """Word tokens of text[start:end] with exact offsets; `words_only` drops punctuation."""
    end = len(text) if end is None else end
    tokens = []
    for match in word_pattern().finditer(text[start:end]):
        s, e = match.span()
        piece = text[start + s: start + e]
        if words_only and not any(ch.isalnum() for ch in piece):
            continue
        tokens.append(Token(start + s, start + e, piece))
    return tokens


def segment_cleaned(cleaned: CleanArticle) -> SegmentedArticle:
    article = cleaned.article
    paragraphs = paragraphs_from_lines(article.id, cleaned.title, cleaned.body, article.text)
    sentences = []
    for paragraph in paragraphs:
        for s, e in sentence_spans(article.text, paragraph.start, paragraph.end):
            sentences.append(Sentence(article.id, s, e, index=len(sentences), paragraph=paragraph.index, text=article.text[s:e]))
    title = paragraphs[0] if paragraphs and paragraphs[0].is_title else None
    return SegmentedArticle(article, title, tuple(paragraphs), tuple(sentences), cleaned.furniture)


def segment_article(article: Article) -> SegmentedArticle:
    """Clean an article and split its title and body into paragraphs and sentences."""
    return segment_cleaned(clean_article(article))
