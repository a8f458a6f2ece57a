"""The escaping policy: whatever a corpus or lexicon holds renders as exactly those characters, in HTML and in
Markdown as nbconvert renders notebook outputs, and only http(s) addresses become links."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nbconvert.filters.markdown import markdown2html

from retold.view import escape

HOSTILE = [
    "[x](javascript:alert(1))", "<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "$\\foo$",
    "Price $5 and $10", "*a* _b_ **c** __d__ `e` ~~f~~", "# head", "1. item", "- item", "> quote", "| a | b |",
    "<https://x.y>", "a@b.com", "![i](x)", "[a]: http://x", "&lt;b&gt;", "&amp;", "&#x3C;script", "\\", "\\[x]",
    "line1\n\nline2", "x\n# y", "<svg onload=alert(1)>", "<iframe srcdoc=\"<script>\">", "it's", "\"quoted\"", "===",
    "---", "$$x$$", "\\(x\\)", "[[x]]", "<!-- c -->", "<a href=\"javascript:x\">y</a>", "[^1]", "javascript:alert(1)",
    "\t tab", "    indented", "x\u2028y", "emoji 🙂 ü",
]


class _Parts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list = []
        self.data: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data):
        self.data.append(data)


def _parts(html_text: str) -> _Parts:
    parts = _Parts()
    parts.feed(html_text)
    return parts


def _as_one_line(value: str) -> str:
    value = re.sub(r"[\x00-\x08\x0e-\x1f\x7f]", "", value)
    return re.sub(r"\s*[\r\n\u2028\u2029\x0b\x0c\x85]+\s*", " ", value).replace("\t", " ").strip()


def _renders_literally(value: str) -> None:
    rendered = _parts(markdown2html(escape.md(value)))
    assert set(rendered.tags) <= {"p"} and not rendered.attrs, (value, markdown2html(escape.md(value)))
    assert "".join(rendered.data).strip() == _as_one_line(value)


@pytest.mark.parametrize("value", HOSTILE)
def test_markdown_escaping_renders_hostile_values_as_their_characters(value):
    _renders_literally(value)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("[]()<>!*_`~#$\\&;:/@.-+=|{}\"' \n\tabX01") + ["javascript:", "&lt;"]),
                max_size=30).map("".join))
def test_markdown_escaping_holds_for_any_mix_of_markdown_characters(value):
    _renders_literally(value)


def test_markdown_helpers_for_code_and_paragraphs():
    assert _parts(markdown2html(escape.md_code("x`<b>*a*"))).tags == ["p", "code"]
    assert "".join(_parts(markdown2html(escape.md_code("x`<b>*a*"))).data).strip() == "x`<b>*a*"
    rendered = markdown2html(escape.md_paragraphs("One *a*\n\nTwo <b>\r\n\r\nthree"))
    assert rendered.count("<p>") == 3 and "<b>" not in rendered and "<em>" not in rendered


@pytest.mark.parametrize("value", HOSTILE)
def test_html_text_and_attribute_escaping(value):
    page = f'<p title="{escape.attr(value)}">{escape.text(value)}</p>'
    parts = _parts(page)
    assert parts.tags == ["p"]
    assert parts.attrs == [("title", re.sub(r"[\x00-\x08\x0e-\x1f\x7f]", "", value))]


@pytest.mark.parametrize("url, is_link", [
    ("https://example.org/a?b=1&c=<2>", True), ("http://example.org", True), ("HTTPS://EXAMPLE.ORG/x", True),
    ("javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False), (" javascript:alert(1)", False),
    ("java\tscript:alert(1)", False), ("data:text/html,<script>", False), ("vbscript:x", False),
    ("//example.org", False), ("/etc/passwd", False), ("file:///etc/passwd", False), ("unknown", False),
    ("https://", False), ("http://exa mple.org", False), ("https://x\x00y.org", False),
])
def test_only_http_urls_become_links(url, is_link):
    shown = escape.link(url)
    assert ("<a " in shown) == is_link
    if not is_link:
        assert _parts(shown).tags == []
    else:
        assert 'rel="noopener noreferrer nofollow"' in shown and "<2>" not in shown
