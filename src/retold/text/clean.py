"""Separate an article's body from the page furniture a site wraps around it.

Scraped news pages carry navigation, repeated titles, photo captions, related-link
lines, comment forms and share footers. They are not the story, so they are set
aside (kept, with kind and offsets, so readers can see them) before any analysis.
The rules look at line shape, position, cue words and repetition, not at the exact
strings of one corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..corpus import Article
from ..model import Furniture

NAVIGATION = "navigation"
REPEATED_TITLE = "repeated_title"
SITE_NAME = "site_name"
CAPTION = "caption"
RELATED_LINK = "related_link"
COMMENTS = "comments"
FOOTER = "footer"
SECTION_LABEL = "section_label"
PAGE_TEXT = "page_text"  # text of a saved page that the extractor left out, of no recognisable kind
IMPORT_NOTE = "import_note"
FURNITURE_KINDS = (NAVIGATION, REPEATED_TITLE, SITE_NAME, CAPTION, RELATED_LINK, COMMENTS, FOOTER, SECTION_LABEL,
                   PAGE_TEXT)

# `retold import` keeps what a web-page extractor dropped at the end of the article file, after this line,
# one `[kind] text` line each, so offsets into the one stored file stay honest and readers can see it all.
FURNITURE_MARKER = "--- retold import: the rest of the saved page (page furniture, not part of the article) ---"
KIND_PREFIX = re.compile(r"^\[(?P<kind>[a-z_]+)\]\s+")
BODY_PARAGRAPH_WORDS = 30

LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s*$")

CUES: list[tuple[str, re.Pattern]] = [
    (COMMENTS, re.compile(
        r"^(?:leave a (?:reply|comment)\b|post a comment\b|add (?:a )?comment\b|\d+\s+comments?\b"
        r"|comments?\s*\(\d+\)|no comments\b)"
        r"|your email address will not be published|required fields are marked|akismet"
        r"|comment data is processed|you must be logged in to post", re.I)),
    (RELATED_LINK, re.compile(
        r"^(see also|read more|read also|also read|related( articles?| stories| news)?|more on this|read next"
        r"|baca( juga)?|lihat juga|simak|recommended|you may also like|more stories)\b\s*:?", re.I)),
    (FOOTER, re.compile(
        r"^(share( this( article| story| post)?| on)?|follow us|subscribe|sign up for|all rights reserved|copyright)\b"
        r"|can also be accessed at|©|\bprinted from\b", re.I)),
    (CAPTION, re.compile(
        r"\b(photo|foto|image|picture|pic|credit)s?\s*(/|:|by\b)|\((\w+\s+){0,3}(photo|file photo|image)\)\s*$"
        r"|\b(getty images|afp photo|ap photo|reuters/)", re.I)),
]
URL_LINE = re.compile(r"^(https?://|www\.)\S+$|^[\w-]+(\.[\w-]+)+/?$", re.I)
NAV_SEPARATOR = re.compile(r"\s+[/|»>›]\s+")
SECTION_CUE = re.compile(
    r"\b(news|pick|picks|popular|trending|latest|recent|most read|top stories|editor'?s?|editors’|more)\b", re.I)
SITE_SUFFIX = re.compile(r"\s+[–—|-]\s+((?:[A-Z0-9][\w'’&.]*\s*){1,4})$")


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class CleanArticle:
    """An article split into its title, body lines and furniture (offsets into article.text)."""

    article: Article
    title: Line | None
    body: tuple[Line, ...]
    furniture: tuple[Furniture, ...]


def split_lines(text: str) -> list[Line]:
    """Non-blank lines with offsets, stripped of surrounding whitespace and newline characters."""
    lines = []
    for match in LINE_RE.finditer(text):
        raw = match.group(0)
        if not raw:
            continue
        content = raw.rstrip("\r\n")
        stripped = content.strip()
        if not stripped:
            continue
        start = match.start() + (len(content) - len(content.lstrip()))
        lines.append(Line(start, start + len(stripped), stripped))
    return lines


def _normal(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def is_navigation(text: str) -> bool:
    parts = NAV_SEPARATOR.split(text)
    return len(parts) >= 3 and all(0 < len(_words(p)) <= 3 for p in parts)


def is_section_label(text: str) -> bool:
    words = re.findall(r"[\w'’]+", text)
    return 0 < len(words) <= 3 and not SENTENCE_END.search(text) and bool(SECTION_CUE.search(text)) \
        and all(w[0].isupper() or not w[0].isalpha() for w in words)


def _is_prose(text: str) -> bool:
    return len(_words(text)) >= 8 and bool(SENTENCE_END.search(text))


@lru_cache(maxsize=1 << 15)
def line_kind(text: str) -> str | None:
    """The furniture kind a line has on its own, or None if it may be body text (kept per line text: syndicated
    copy repeats lines word for word)."""
    if is_navigation(text):
        return NAVIGATION
    if URL_LINE.match(text):
        return FOOTER
    for kind, pattern in CUES:
        match = pattern.search(text)
        if not match or (kind == CAPTION and len(_words(text)) > 40):
            continue
        if kind == RELATED_LINK and _is_prose(text) and ":" not in match.group(0):
            continue
        return kind
    if is_section_label(text):
        return SECTION_LABEL
    return None


def furniture_block(lines: list[tuple[str, str]]) -> str:
    """The text `retold import` appends after an article: the marker line, then one `[kind] text` per line."""
    if not lines:
        return ""
    rows = [f"[{kind}] {' '.join(text.split())}" for kind, text in lines if text.strip()]
    return "\n".join([FURNITURE_MARKER, *rows]) + "\n"


def imported_furniture(article_id: str, lines: list[Line]) -> list[Furniture]:
    """Furniture from the lines after the import marker: the kind its prefix names (else by line rules)."""
    found = []
    for line in lines:
        prefix = KIND_PREFIX.match(line.text)
        kind = prefix.group("kind") if prefix else ""
        if prefix and kind in FURNITURE_KINDS:
            found.append(Furniture(article_id, line.start + prefix.end(), line.end, kind=kind,
                                   text=line.text[prefix.end():]))
        else:
            found.append(Furniture(article_id, line.start, line.end, kind=line_kind(line.text) or PAGE_TEXT,
                                   text=line.text))
    return found


def is_body_paragraph(text: str) -> bool:
    """A first line too long to be a headline: the text has no headline line and starts with its body."""
    return len(_words(text)) > BODY_PARAGRAPH_WORDS and bool(SENTENCE_END.search(text))


def _title_and_suffix(line: Line) -> tuple[Line, Line | None]:
    """Split a site-name suffix ("Headline – Site Name") off a title line."""
    match = SITE_SUFFIX.search(line.text)
    if not match or len(_words(line.text[: match.start()])) < 3:
        return line, None
    dash = match.start() + len(match.group(0)) - len(match.group(0).lstrip())
    title = Line(line.start, line.start + match.start(), line.text[: match.start()])
    return title, Line(line.start + dash, line.end, line.text[dash:])


def clean_article(article: Article) -> CleanArticle:
    """Split an article into title, body and furniture using line-level rules."""
    lines = split_lines(article.text)
    furniture: list[Furniture] = []
    marker = next((i for i, line in enumerate(lines) if line.text == FURNITURE_MARKER), None)
    if marker is not None:
        furniture.append(Furniture(article.id, lines[marker].start, lines[marker].end, kind=IMPORT_NOTE,
                                   text=lines[marker].text))
        furniture += imported_furniture(article.id, lines[marker + 1:])
        lines = lines[:marker]

    def set_aside(line: Line, kind: str) -> None:
        furniture.append(Furniture(article.id, line.start, line.end, kind=kind, text=line.text))

    title: Line | None = None
    title_key = None
    body: list[Line] = []
    tail_started = False
    for line in lines:
        kind = line_kind(line.text)
        if title is None and kind is None and not body and is_body_paragraph(line.text):
            body.append(line)
            continue
        if title is None and kind is None and not body:
            title, suffix = _title_and_suffix(line)
            title_key = _normal(title.text)
            if suffix:
                set_aside(suffix, SITE_NAME)
            continue
        if kind is None and title_key and _normal(_title_and_suffix(line)[0].text) == title_key:
            kind = REPEATED_TITLE
        elif kind is None and title_key and not body and title_key in _normal(line.text) and len(line.text) < 300 \
                and not _is_prose(line.text):
            kind = CAPTION
        elif kind is None and tail_started and not _is_prose(line.text):
            kind = FOOTER
        if kind in (COMMENTS, FOOTER, SECTION_LABEL) and body:
            tail_started = True
        if kind:
            set_aside(line, kind)
        else:
            body.append(line)
    return CleanArticle(article, title, tuple(body), tuple(sorted(furniture, key=lambda f: f.start)))
