"""Property-based tests: for any text, segmentation and cleaning return spans inside the
text, in order, not overlapping, whose text is exactly the slice they claim, and never crash."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retold.text.clean import clean_article
from retold.corpus import Article
from retold.text.segment import segment_article, sentence_spans, word_tokens

FRAGMENTS = [
    "Putin", " said", " the", " Kremlin", ".", ". ", "! ", "? ", "…", " U.S.", " Mr.", " Dr. ", " 2/12/2022", " 1.5",
    "“", "”", '"', "‘", "’", "«", "»", "„", "'s", " –", "-", ":", ",", " (", ")", "\n", "\n\n", "\r\n", "\r",
    "\r\n\r\n", "  ", "\t", "Read more: ", "Share this article", "Leave a Reply", "News / World / Europe",
    "Київ", "Газета", "é", "ß", "ﬁ", "İ", "\u00a0", "\u2028", "\ufeff", "😀", "<script>", "&amp;", "0 Comments",
    " Peskov told reporters.", " he said. ", "PHOTO/Reuters", "A", "z",
]
news_like = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join)
any_text = st.one_of(news_like, st.text(max_size=200), st.text(alphabet="“”\"'. \n\r!?aB«»", max_size=120))
PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_ordered_disjoint(spans, low, high):
    previous_end = low
    for start, end in spans:
        assert previous_end <= start <= end <= high, (spans, low, high)
        previous_end = end


@st.composite
def text_and_range(draw):
    text = draw(any_text)
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return text, start, end


@PROPERTY
@given(text_and_range())
def test_sentence_spans_lie_inside_the_range_in_order(case):
    text, start, end = case
    spans = sentence_spans(text, start, end)
    assert_ordered_disjoint(spans, start, end)
    assert all(s < e for s, e in spans)
    assert sentence_spans(text, start, end) == spans


@PROPERTY
@given(text_and_range())
def test_word_tokens_are_exact_ordered_slices(case):
    text, start, end = case
    tokens = word_tokens(text, start, end)
    assert_ordered_disjoint([(t.start, t.end) for t in tokens], start, end)
    for token in tokens:
        assert token.text == text[token.start:token.end]
        assert token.text.strip(" \t\n\r\f\v\u00a0") == token.text != ""
    words = word_tokens(text, start, end, words_only=True)
    assert set(words) <= set(tokens)
    assert all(any(ch.isalnum() for ch in w.text) for w in words)


def _article(text):
    return Article("p1", "Outlet", text, Path("p1.txt"))


@PROPERTY
@given(any_text)
def test_clean_article_splits_the_text_into_disjoint_exact_lines(text):
    cleaned = clean_article(_article(text))
    parts = [*([cleaned.title] if cleaned.title else []), *cleaned.body, *cleaned.furniture]
    for part in parts:
        assert part.text == text[part.start:part.end]
        assert part.text.strip() == part.text and part.text
    assert_ordered_disjoint(sorted((p.start, p.end) for p in parts), 0, len(text))
    assert_ordered_disjoint([(f.start, f.end) for f in cleaned.furniture], 0, len(text))
    if any(not line.isspace() for line in text.splitlines() if line):
        assert parts


@PROPERTY
@given(any_text)
def test_segmented_sentences_are_exact_slices_within_their_paragraphs(text):
    seg = segment_article(_article(text))
    assert_ordered_disjoint([(p.start, p.end) for p in seg.paragraphs], 0, len(text))
    assert [p.index for p in seg.paragraphs] == list(range(len(seg.paragraphs)))
    assert [s.index for s in seg.sentences] == list(range(len(seg.sentences)))
    assert_ordered_disjoint([(s.start, s.end) for s in seg.sentences], 0, len(text))
    for sentence in seg.sentences:
        paragraph = seg.paragraphs[sentence.paragraph]
        assert paragraph.start <= sentence.start < sentence.end <= paragraph.end
        assert sentence.text == text[sentence.start:sentence.end]
