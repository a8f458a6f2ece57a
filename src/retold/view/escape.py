"""One escaping policy: every value from a corpus, lexicon or table, escaped for the place it lands.

Corpora and lexicons come from strangers, so a title, an outlet, a speaker or a term may hold
`<script>`, `<img onerror=…>`, `[x](javascript:…)` or `$\\foo$`. Each helper here turns a value
into text that shows exactly those characters and does nothing else:

* `text` – HTML element content; `attr` – a double-quoted HTML attribute value;
* `url` – a link target: only `http(s)` URLs are ever links, anything else is shown as text;
* `md` – a run of Markdown text (notebooks' `display(Markdown(...))`): every character with a
  Markdown meaning is backslash-escaped and `< > & "` become entities, so no link, emphasis,
  heading, list, HTML tag or maths can be formed; `md_code` – the same inside a code span.

View and build code never interpolates a raw value into HTML or Markdown: it goes through here.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

_MARKDOWN_PUNCTUATION = re.compile(r"""([\\`*_{}\[\]()#+\-.!|~$:'=^@%/])""")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_LINE_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029\x0b\x0c\x85]+\s*")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def text(value: object) -> str:
    """`value` as HTML element content."""
    return html.escape(_CONTROL.sub("", str(value)), quote=True)


def attr(value: object) -> str:
    """`value` as the content of a double-quoted HTML attribute."""
    return html.escape(_CONTROL.sub("", str(value)), quote=True).replace("\n", "&#10;").replace("\r", "&#13;")


def safe_url(value: object) -> str | None:
    """The URL if it is an absolute http(s) URL with a host (nothing else may become a link), else None."""
    candidate = str(value).strip()
    if not candidate or _CONTROL.search(candidate) or any(ch.isspace() for ch in candidate):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return candidate


def link(href: object, label: object | None = None) -> str:
    """An HTML link to an http(s) URL; any other value is shown as plain text, never as a link."""
    url = safe_url(href)
    shown = text(href if label is None else label)
    if url is None:
        return shown
    return f'<a href="{attr(url)}" rel="noopener noreferrer nofollow">{shown}</a>'


def md(value: object) -> str:
    """`value` as literal Markdown text on one line: it renders as the same characters, nothing more."""
    one_line = _LINE_BREAKS.sub(" ", _CONTROL.sub("", str(value))).replace("\t", " ").strip()
    escaped = _MARKDOWN_PUNCTUATION.sub(r"\\\1", one_line)
    return "".join(_ENTITIES.get(ch, ch) for ch in escaped)


def md_paragraphs(value: object) -> str:
    """Multi-paragraph text (a corpus description) as Markdown paragraphs, each escaped with `md`."""
    paragraphs = [p for p in re.split(r"(?:\r?\n|\r)\s*(?:\r?\n|\r)", str(value)) if p.strip()]
    return "\n\n".join(md(p.strip()) for p in paragraphs)


def md_code(value: object) -> str:
    """`value` as a Markdown code span (shown in a monospace font, never interpreted)."""
    return f"<code>{md(value)}</code>"
