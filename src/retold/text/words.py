"""Words as every comparison sees them: lower-cased, apostrophes straightened, possessive 's dropped.

Used to count quoted words, to build content-word stems for similarity and 5-word
shingles for text reuse, so the three agree on what a word is.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..config import STOPWORDS_FILE

WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def normal_word(word: str) -> str:
    """Lower case, ’ as ', a final possessive 's removed."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    return word


@lru_cache(maxsize=65_536)
def word_tuple(text: str) -> tuple[str, ...]:
    """`words` as a tuple (cached: pairs of texts reuse the same texts many times)."""
    return tuple(normal_word(w) for w in WORD_RE.findall(text))


def words(text: str) -> list[str]:
    """The normalised words of a text, in order."""
    return list(word_tuple(text))


@lru_cache(maxsize=1)
def _stop_word_sections() -> tuple[frozenset[str], frozenset[str]]:
    sections: list[set[str]] = [set(), set()]
    current = 0
    for line in STOPWORDS_FILE.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip().lower()
        if word.startswith("["):
            current = 1
        elif word:
            sections[current].add(word)
    return frozenset(sections[0]), frozenset(sections[0] | sections[1])


def comparison_stop_words() -> frozenset[str]:
    """Words ignored when texts are compared (function words, the commonest reporting verbs)."""
    return _stop_word_sections()[0]


def keyness_stop_words() -> frozenset[str]:
    """Words ignored when counting distinctive words: the comparison list plus negations and hedges."""
    return _stop_word_sections()[1]
