"""word_tokens matches its pattern directly: the same tokens as NLTK's RegexpTokenizer gave."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.tokenize import RegexpTokenizer

from retold.text.segment import WORD_PATTERN, word_tokens

NLTK = RegexpTokenizer(WORD_PATTERN)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZé\u0301’'s.-–,1 U_\n\t«»\u00a0١½", max_size=80), st.integers(0, 10), st.integers(0, 10))
def test_same_tokens_as_the_nltk_tokenizer(text, cut_start, cut_end):
    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    expected = [(start + s, start + e) for s, e in NLTK.span_tokenize(text[start:end])]
    assert [(t.start, t.end) for t in word_tokens(text, start, end)] == expected
    assert all(text[t.start:t.end] == t.text for t in word_tokens(text, start, end))


def test_abbreviations_numbers_and_possessives():
    text = "The U.S. paid 1,000.50 for Putin’s plan"
    assert [t.text for t in word_tokens(text)] == ["The", "U.S.", "paid", "1,000.50", "for", "Putin", "’s", "plan"]
    assert [t.text for t in word_tokens(text, words_only=True)][-2:] == ["’s", "plan"]
