"""What an import makes of one source record: an article's text and the metadata the source states.

Values the source does not state are `unknown`; ids are made safe (`[A-Za-z0-9_-]+`) and
unique in source order, so the same input always gives the same corpus.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..corpus import UNKNOWN

ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
ID_MAX = 60
ISO_PREFIX = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")
COMPACT_PREFIX = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:\d{6})?(?:$|[T\s.])")


class ImportProblem(ValueError):
    """A source that cannot be imported; the message is one line naming the source and what to do."""


@dataclass(frozen=True)
class ImportedArticle:
    """One article as read from a source, before it gets its final id and file."""

    name: str  # what the id is made from: a file stem, an id column, a URL
    text: str
    outlet: str = UNKNOWN
    title: str = UNKNOWN
    published: str = UNKNOWN
    url: str = UNKNOWN
    author: str = UNKNOWN
    encoding_detected: str = ""
    notes: str = ""
    extra: dict = field(default_factory=dict, compare=False)


def safe_id(name: str) -> str:
    """An id made of letters, digits, '-' and '_' from any name ("Le Monde 12.html" -> "Le-Monde-12-html")."""
    cleaned = ID_UNSAFE.sub("-", name).strip("-_")[:ID_MAX].strip("-_")
    return cleaned or "article"


def unique_ids(names: list[str]) -> list[str]:
    """Safe ids for the names, in order; repeats get -2, -3, ... (case-insensitively, for every file system)."""
    taken: set[str] = set()
    ids = []
    for name in names:
        base = safe_id(name)
        candidate, n = base, 1
        while candidate.lower() in taken:
            n += 1
            candidate = f"{base}-{n}"
        taken.add(candidate.lower())
        ids.append(candidate)
    return ids


def iso_date(value: object) -> str:
    """A date as YYYY-MM-DD from the forms exports use (ISO dates and times, GDELT's 20221202101500), else unknown."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value or "")
    for pattern in (ISO_PREFIX, COMPACT_PREFIX):
        match = pattern.match(text)
        if match:
            try:
                return dt.date(*(int(g) for g in match.groups())).isoformat()
            except ValueError:
                return UNKNOWN
    return UNKNOWN


def known(value: object) -> str:
    """A metadata value as one line of text, or unknown when empty."""
    text = " ".join(str(value).split()) if value is not None else ""
    return text if text and text.lower() not in ("nan", "none", "null") else UNKNOWN


def first_line(text: str) -> str:
    """The first non-empty line: a plain-text article's headline."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def with_headline(title: str, body: str) -> str:
    """The article as stored: the headline line, a blank line, then the body (unless the body opens with it)."""
    body = body.strip("\n")
    if title == UNKNOWN or " ".join(first_line(body).split()) == " ".join(title.split()):
        return body + "\n"
    return f"{title}\n\n{body}\n"
