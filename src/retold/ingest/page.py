"""The text of a saved web page that is not the article, as page furniture of a recognisable kind.

A main-text extractor keeps the story and drops the rest. The rest is kept for readers,
each block labelled by where it sat on the page: inside navigation, a comment section,
related links, a footer or a figure caption (the element's tag, role, class and id, the
nearest such ancestor winning), else by the line rules of `text.clean`.
"""

from __future__ import annotations

import re

from ..text.clean import CAPTION, COMMENTS, FOOTER, NAVIGATION, PAGE_TEXT, RELATED_LINK, line_kind

BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "figcaption", "blockquote", "pre", "td", "th", "dt",
              "dd", "caption", "address", "summary", "div", "section", "article", "aside", "nav", "header",
              "footer", "form", "ul", "ol", "dl", "table", "figure", "main"}
SKIPPED_TAGS = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object", "select", "option"}
KIND_CUES: list[tuple[str, re.Pattern]] = [
    (COMMENTS, re.compile(r"comment|disqus|respond|replies|reply", re.I)),
    (CAPTION, re.compile(r"^figcaption\b|caption|credit", re.I)),
    (RELATED_LINK, re.compile(r"^aside\b|related|recommend|more-?stories|read-?more|also-?read|trending|popular"
                              r"|sidebar|promo|teaser|outbrain|taboola|most-?read", re.I)),
    (NAVIGATION, re.compile(r"^(?:nav|header)\b|navigation|banner|\bnav|menu|breadcrumb|masthead|topbar", re.I)),
    (FOOTER, re.compile(r"^footer\b|contentinfo|footer|copyright|share|social|newsletter|subscribe|cookie", re.I)),
]
SHORT_WORDS = 3


def _normal(text: str) -> str:
    return " ".join(re.sub(r"\W+", " ", text).lower().split())


def _signature(element) -> str:
    """The tag, role, class and id of an element, for the kind cues."""
    return " ".join([element.tag if isinstance(element.tag, str) else "", element.get("role", ""),
                     element.get("class", ""), element.get("id", "")])


def structural_kind(element) -> str | None:
    """The furniture kind of the nearest element (itself or an ancestor) whose tag, role, class or id says one."""
    node = element
    while node is not None:
        signature = _signature(node)
        for kind, cue in KIND_CUES:
            if cue.search(signature):
                return kind
        node = node.getparent()
    return None


def _is_leaf_block(element) -> bool:
    return element.tag in BLOCK_TAGS and not any(
        isinstance(d.tag, str) and d.tag in BLOCK_TAGS for d in element.iterdescendants())


def _block_text(element) -> str:
    links = [" ".join(a.text_content().split()) for a in element.iter("a")]
    links = [t for t in links if t]
    text = " ".join(element.text_content().split())
    if len(links) >= 2 and sum(len(t) for t in links) >= 0.8 * len(text.replace(" ", "")):
        return " | ".join(links)
    return text


def page_blocks(root) -> list[tuple[object, str]]:
    """(element, text) of every innermost block of visible text in a parsed page, in document order."""
    for element in list(root.iter(*SKIPPED_TAGS)):
        element.drop_tree()
    blocks = []
    for element in root.iter():
        if isinstance(element.tag, str) and _is_leaf_block(element):
            text = _block_text(element)
            if text:
                blocks.append((element, text))
    return blocks


def _kept(text: str, main: str, main_lines: set[str]) -> bool:
    normal = _normal(text)
    if not normal:
        return True
    if len(normal.split()) <= SHORT_WORDS:
        return normal in main_lines
    return f" {normal} " in f" {main} "


def dropped_furniture(root, main_text: str, title: str) -> list[tuple[str, str]]:
    """(kind, text) of each block of the page that is neither in the extracted main text nor the headline.

    Short navigation items that follow each other are joined into one line ("Home | World | Sport")."""
    main = _normal(main_text)
    main_lines = {_normal(line) for line in main_text.splitlines()} | {_normal(title)}
    found: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for element, text in page_blocks(root):
        if _kept(text, main, main_lines):
            continue
        kind = structural_kind(element) or line_kind(text) or PAGE_TEXT
        if (kind, text) in seen:
            continue
        seen.add((kind, text))
        if kind == NAVIGATION and found and found[-1][0] == NAVIGATION and len(text.split()) <= SHORT_WORDS:
            found[-1] = (NAVIGATION, f"{found[-1][1]} | {text}")
        else:
            found.append((kind, text))
    return found
