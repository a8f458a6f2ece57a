"""Page furniture rules on hand-made pages and on the seed articles."""

from __future__ import annotations

from retold.text.clean import clean_article, line_kind, split_lines
from retold.corpus import Article, load_corpus
from conftest import SEED_CORPUS


def _article(text: str) -> Article:
    return Article("t1", "Test", text, path=None)  # type: ignore[arg-type]


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in clean_article(_article(text)).furniture]


def test_offsets_index_the_text_with_crlf():
    text = "Headline here\r\n\r\n  First paragraph of the story.  \r\nSecond line.\r\n"
    lines = split_lines(text)
    assert [text[l.start:l.end] for l in lines] == ["Headline here", "First paragraph of the story.", "Second line."]


def test_hand_made_page_with_every_kind_of_furniture():
    page = "\n".join([
        "Home | World | Europe | Politics",
        "Ministers meet to discuss the grain deal | Daily Planet",
        "",
        "Ministers meet to discuss the grain deal",
        "Ministers arrive in Ankara on Monday. (AFP photo)",
        "Ministers from four countries met on Monday to discuss the grain deal, officials said.",
        "Read also: Grain prices fall for a third week",
        "The talks will continue on Tuesday, a spokesman said.",
        "Share on Facebook",
        "Comments (3)",
        "Most Popular",
        "Trending Now",
        "https://example.org/world",
    ])
    kinds = _kinds(page)
    assert ("navigation", "Home | World | Europe | Politics") in kinds
    assert ("site_name", "| Daily Planet") in kinds
    assert ("repeated_title", "Ministers meet to discuss the grain deal") in kinds
    assert ("caption", "Ministers arrive in Ankara on Monday. (AFP photo)") in kinds
    assert ("related_link", "Read also: Grain prices fall for a third week") in kinds
    assert any(k == "footer" and t == "Share on Facebook" for k, t in kinds)
    assert ("comments", "Comments (3)") in kinds
    assert any(t == "Most Popular" for _, t in kinds) and any(t == "Trending Now" for _, t in kinds)
    assert ("footer", "https://example.org/world") in kinds
    cleaned = clean_article(_article(page))
    assert cleaned.title.text == "Ministers meet to discuss the grain deal"
    assert [b.text for b in cleaned.body] == [
        "Ministers from four countries met on Monday to discuss the grain deal, officials said.",
        "The talks will continue on Tuesday, a spokesman said.",
    ]


def test_prose_that_mentions_cue_words_stays_in_the_body():
    text = ("Title of the story here\n\n"
            "He said the photo was taken before the leaders could share their views on the deal.\n"
            "Related talks in Paris were mentioned by the minister, who said more news would follow.")
    assert _kinds(text) == []


def test_a_headline_with_a_reported_speech_suffix_is_not_a_site_name():
    text = "Putin is open to talks, Kremlin says\n\nBody sentence of the story is here and long enough."
    cleaned = clean_article(_article(text))
    assert cleaned.title.text == "Putin is open to talks, Kremlin says"
    assert line_kind("Putin is open to talks, Kremlin says") is None


def test_seed_furniture_matches_reading():
    corpus = load_corpus(SEED_CORPUS)
    found = {a.id: {(f.kind, f.text.strip()) for f in clean_article(a).furniture} for a in corpus.articles}
    assert ("site_name", "– Global Circumstances") in found["a000"]
    assert any(k == "repeated_title" for k, _ in found["a000"])
    assert ("related_link", "See also\xa0 Web Hosting vs. Colocation Hosting: Pros and Cons") in found["a000"]
    assert ("comments", "Leave a Reply") in found["a000"]
    assert found["a001"] == {("related_link", "Read More About: World News")}
    assert found["a002"] == {("comments", "0 Comments")}
    a003_kinds = sorted(k for k, _ in found["a003"])
    assert a003_kinds.count("related_link") == 3 and a003_kinds.count("caption") == 1
    assert ("section_label", "Recent News") in found["a003"] and ("section_label", "Editor's Pick") in found["a003"]
    assert ("navigation", "News \xa0 / \xa0 Russia \xa0 / \xa0 Germany \xa0 / \xa0 More") in found["a004"]
    assert {t for k, t in found["a004"] if k == "footer"} == {
        "Press TV’s website can also be accessed at the following alternate addresses:",
        "www.presstv.co.uk", "SHARE THIS ARTICLE", "Press TV News Roku"}
    assert any(k == "caption" and t.endswith("(Reuters photo)") for k, t in found["a004"])


def test_seed_bodies_keep_subheads_and_standfirsts():
    corpus = load_corpus(SEED_CORPUS)
    bodies = {a.id: [b.text for b in clean_article(a).body] for a in corpus.articles}
    assert "TALKS?" in bodies["a002"]
    assert "West’s support encouraging Kiev to reject talks: Putin" in bodies["a004"]
    assert bodies["a002"][0] == "According to the Kremlin, Putin is willing to discuss and negotiate Ukraine."
    assert all("Leave a Reply" not in b for body in bodies.values() for b in body)
