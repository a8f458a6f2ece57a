import re
from html.parser import HTMLParser

from retold.view.markup import (MarkSpan, diff_fragments, diff_html, inline_diff_html, legend_html, marked_article_html,
                               speaker_colors)

HOSTILE = 'Peskov said "<script>alert(1)</script>" and <img src=x onerror=alert(2)> & more.'


class TagChecker(HTMLParser):
    """Fails on any element other than the harmless ones markup may emit, and checks nesting."""

    ALLOWED = {"span", "div", "table", "tr", "td", "th", "del", "ins", "ul", "li", "p", "b", "small"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.text: list[str] = []
        self.bad: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.ALLOWED or any(name.startswith("on") for name, _ in attrs):
            self.bad.append(tag)
        self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"bad nesting at </{tag}>: {self.stack}"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parsed(html: str) -> TagChecker:
    checker = TagChecker()
    checker.feed(html)
    checker.close()
    assert not checker.stack, f"unclosed: {checker.stack}"
    return checker


def test_diff_html_escapes_hostile_text_and_keeps_it_visible():
    html = diff_html(HOSTILE, HOSTILE.replace("more", "less"), "<b>a</b>", "b")
    checker = parsed(html)
    assert checker.bad == []
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html
    assert "alert(1)" in "".join(checker.text)


def test_diff_html_marks_changed_words_on_each_side():
    left, right = diff_fragments("they would never recognise it", "they would accept it")
    assert re.search(r"<del[^>]*>never recognise</del>", left)
    assert re.search(r"<ins[^>]*>accept</ins>", right)
    assert "<ins" not in left and "<del" not in right
    html = diff_html("a b c", "a x c", inline=True, note="flags: negation")
    parsed(html)
    assert "<del" in html and "<ins" in html and "flags: negation" in html


def test_diff_fragments_keep_all_text():
    a, b = "Attention was drawn to the devastating line.", "Attention has been drawn to the destructive line!"
    left, right = diff_fragments(a, b)
    assert "".join(parsed(left).text) == a
    assert "".join(parsed(right).text) == b


def test_marked_article_nests_overlapping_spans_and_keeps_text():
    text = "Peskov said the special operation will continue, said the Kremlin. Footer"
    spans = [
        MarkSpan(0, text.index("Footer") - 1, "attributed", "Kremlin"),
        MarkSpan(12, 48, "quote", "Dmitry Peskov"),
        MarkSpan(16, 33, "loaded", "euphemism", "euphemism: special operation"),
        MarkSpan(40, 60, "quote", "the Kremlin"),  # overlaps the first quote without nesting
        MarkSpan(text.index("Footer"), len(text), "furniture", "footer"),
    ]
    html = marked_article_html(text, spans)
    checker = parsed(html)
    assert checker.bad == []
    body = html[html.index('<div class="nf-article"'):]
    assert "".join(parsed(body).text) == text
    assert 'title="euphemism: special operation"' in html
    assert "line-through" in html
    assert "quoted: Dmitry Peskov" in html and "quoted: the Kremlin" in html


def test_marked_article_escapes_text_labels_and_titles():
    spans = [MarkSpan(12, 40, "quote", '<script>x</script>'), MarkSpan(0, 6, "loaded", "c", '" onmouseover="alert(3)')]
    html = marked_article_html(HOSTILE, spans)
    checker = parsed(html)
    assert checker.bad == []
    assert "<script>" not in html and "<img" not in html
    assert 'onmouseover="alert' not in html
    assert HOSTILE in "".join(checker.text)


def test_marked_article_ignores_invalid_spans_and_handles_no_spans():
    html = marked_article_html("abc", [MarkSpan(2, 1, "quote"), MarkSpan(0, 10, "loaded")])
    assert "nf-quote" not in html.split("</ul>")[-1] and "nf-loaded" not in html
    assert "No spans marked" in marked_article_html("abc", [])


def test_speaker_colors_are_stable_and_distinct():
    colors = speaker_colors(["b", "a", "c", "a"])
    assert list(colors) == ["a", "b", "c"] and len(set(colors.values())) == 3
    assert speaker_colors(["c", "a", "b"]) == colors
    assert "quoted: a" in legend_html([MarkSpan(0, 1, "quote", "a")])


def test_speaker_styles_are_fixed_for_the_corpus_and_distinct_beyond_the_palette():
    from retold.view.markup import SPEAKER_COLORS

    names = [f"speaker {i:02d}" for i in range(20)]
    styles = speaker_colors(names + ["speaker 19"] * 3)
    assert list(styles)[0] == "speaker 19"
    assert len({(s.color, s.line) for s in styles.values()}) == 20
    assert len({(s.color, s.line) for s in speaker_colors([f"s{i:02d}" for i in range(32)]).values()}) == 32
    first = list(styles.values())
    assert first[0].line != first[4].line  # the palette's two blues never look alike
    assert len({s.color for s in styles.values()}) == len(SPEAKER_COLORS)
    fixed = {"Putin": styles["speaker 19"], "Biden": styles["speaker 00"]}
    one = marked_article_html("Biden said x. Putin said y.", [MarkSpan(0, 5, "quote", "Biden"),
                                                              MarkSpan(14, 19, "quote", "Putin")], colors=fixed)
    other = marked_article_html("Putin only.", [MarkSpan(0, 5, "quote", "Putin")], colors=fixed)
    assert fixed["Putin"].css() in one and fixed["Putin"].css() in other


def test_reported_speech_looks_unlike_a_quotation_and_the_legend_says_so():
    html = marked_article_html("He said that it rains. “Yes,” she said.",
                               [MarkSpan(0, 21, "attributed", "He", "Speaker: He · voice: attributed"),
                                MarkSpan(23, 29, "quote", "She", "Speaker: She · voice: quoted")])
    reported = html[html.index('class="nf-mark nf-attributed"', html.index('nf-article')):]
    assert "background" not in reported.split(">")[0]
    assert "reported speech, no quotation marks" in html and "no background" in html
    assert 'title="Speaker: He · voice: attributed"' in html and 'tabindex="0"' in html


def test_spans_from_tables_uses_present_layers_and_notes_missing_ones():
    import pandas as pd

    from retold.view.markup import spans_from_tables

    tables = {
        "quotes": pd.DataFrame([{"article": "a", "start": 1, "end": 5, "speaker": "Peskov", "kind": "direct"},
                                {"article": "b", "start": 1, "end": 5, "speaker": "X", "kind": "direct"}]),
        "voice": pd.DataFrame([{"article": "a", "start": 0, "end": 9, "voice": "attributed", "speaker": None},
                               {"article": "a", "start": 9, "end": 12, "voice": "author", "speaker": None}]),
        "furniture": pd.DataFrame([{"article": "a", "start": 12, "end": 20, "kind": "related_link"}]),
    }
    spans, notes = spans_from_tables(tables, "a")
    kinds = sorted((s.kind, s.start, s.label) for s in spans)
    assert kinds == [("attributed", 0, "unnamed source"), ("furniture", 12, "related link"), ("quote", 1, "Peskov")]
    assert len(notes) == 1 and "loaded_terms.csv" in notes[0]
    tables["loaded_terms"] = pd.DataFrame([{"article": "a", "start": 2, "end": 4, "term": "regime",
                                            "category": "delegitimising"}])
    spans, notes = spans_from_tables(tables, "a")
    assert notes == [] and any("category: delegitimising (loaded term: regime)" in s.title for s in spans)


def test_inline_diff_keeps_the_variants_spacing_and_escapes_text():
    out = inline_diff_html("the devastating line <b>", "the destructive line <script>")
    assert "<script" not in out and "<b>" not in out and "&lt;" in out and "&gt;" in out
    assert "<del" in out and "devastating" in out and "<ins" in out and "destructive" in out
    assert inline_diff_html("same words", "same words") == "same words"


def test_reported_rows_of_quotes_csv_are_marked_as_reported_speech_not_quotations():
    import pandas as pd

    from retold.view.markup import corpus_speaker_colors, spans_from_tables

    tables = {"quotes": pd.DataFrame([
        {"article": "a", "start": 0, "end": 5, "speaker": "Peskov", "kind": "reported"},
        {"article": "a", "start": 9, "end": 14, "speaker": "Putin", "kind": "direct"}])}
    spans, _ = spans_from_tables(tables, "a")
    assert {(s.kind, s.label) for s in spans} == {("attributed", "Peskov"), ("quote", "Putin")}
    assert list(corpus_speaker_colors(tables)) == ["Putin"]


def test_a_marks_title_shows_on_focus_without_a_script():
    from retold.config import CSS_FILE

    css = CSS_FILE.read_text(encoding="utf-8")
    assert ".nf-mark[title]:focus::after" in css and "content: attr(title)" in css
    html = marked_article_html("Peskov said yes.", [MarkSpan(12, 15, "quote", "Peskov", "Speaker: Peskov")])
    assert 'tabindex="0"' in html and "<script" not in html
