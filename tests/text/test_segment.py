"""Paragraphs, sentences and tokens: offsets and the tricky cases of news text."""

from __future__ import annotations

import pytest

from retold.corpus import load_corpus
from retold.text.segment import segment_article, sentence_spans, word_tokens
from conftest import SEED_CORPUS


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize("text, expected", [
    ("The U.S. said no. Russia said yes.", ["The U.S. said no.", "Russia said yes."]),
    ("Mr. Peskov spoke. Then Dr. Smith left.", ["Mr. Peskov spoke.", "Then Dr. Smith left."]),
    ("J. R. R. Tolkien wrote it. It sold well.", ["J. R. R. Tolkien wrote it.", "It sold well."]),
    ("He said: “It is done. We go now.” Then he left.", ["He said: “It is done. We go now.”", "Then he left."]),
    ('"That is what he said. He claimed talks were possible." Peskov added.',
     ['"That is what he said. He claimed talks were possible."', "Peskov added."]),
    ("Talks began on Dec. 2 in Moscow. They ended.", ["Talks began on Dec. 2 in Moscow.", "They ended."]),
])
def test_sentences_do_not_split_on_abbreviations_initials_or_inside_quotes(text, expected):
    assert _sentences(text) == expected


def test_unbalanced_quote_does_not_swallow_the_paragraph():
    text = "He said “this never closes. Another sentence here. And a third one."
    assert len(_sentences(text)) == 3


def test_word_tokens_have_exact_offsets():
    text = "Russia’s U.S.-backed Kyiv's 2/12/2022 talks, “quoted”."
    tokens = word_tokens(text)
    assert all(text[t.start:t.end] == t.text for t in tokens)
    words = [t.text for t in word_tokens(text, words_only=True)]
    assert words[:2] == ["Russia", "’s"] and "2/12/2022" in words and "quoted" in words


def test_seed_segmentation_offsets_and_counts():
    corpus = load_corpus(SEED_CORPUS)
    for article in corpus.articles:
        seg = segment_article(article)
        assert seg.title is not None and seg.paragraphs[0].is_title
        for sentence in seg.sentences:
            assert article.text[sentence.start:sentence.end] == sentence.text
    a002 = segment_article(corpus.article("a002"))
    quote = [s.text for s in a002.sentences if s.text.startswith('"President Putin has, is')]
    assert len(quote) == 1 and quote[0].endswith('is the best option."')
    a004 = segment_article(corpus.article("a004"))
    assert any(s.text == "West’s support encouraging Kiev to reject talks: Putin" for s in a004.sentences)
    a002_texts = [s.text for s in a002.sentences]
    assert "TALKS?" in a002_texts
    assert a002_texts[0] == "Putin is open to talks and diplomacy on Ukraine, Kremlin says"


def test_hard_wrapped_lines_join_into_one_paragraph():
    from retold.corpus import Article

    text = ("A headline\n\nThis paragraph was wrapped by the sender at a fixed\nwidth so it continues here.\n\n"
            "A new paragraph starts after the blank line.")
    seg = segment_article(Article("w", "W", text, path=None))  # type: ignore[arg-type]
    body = [text[p.start:p.end] for p in seg.paragraphs if not p.is_title]
    assert len(body) == 2 and body[0].endswith("continues here.")


def test_a_sentence_without_punctuation_is_cut_at_spaces_into_bounded_pieces():
    from retold.text.segment import MAX_SENTENCE

    text = "Title\n\n" + "word " * 900 + "x" * 2500 + " end of it"
    spans = sentence_spans(text, 7, len(text))
    assert len(spans) >= 6 and all(0 < e - s <= MAX_SENTENCE for s, e in spans)
    assert all(text[s:e] == text[s:e].strip() for s, e in spans)
    assert "".join(text[s:e] for s, e in spans).replace(" ", "") == text[7:].replace(" ", "")
    assert all(text[e - 1] != " " and (e == len(text) or text[e] in " x") for s, e in spans)
