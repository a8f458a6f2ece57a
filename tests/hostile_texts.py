"""Texts built to stall the analysis, of any size: shared by tests/test_bounded_work.py and bench/hostile.py."""

from __future__ import annotations

from functools import lru_cache

from conftest import SEED_CORPUS

SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted((SEED_CORPUS / "articles").glob("*.txt"))]


def repeated(unit: str, size: int) -> str:
    """A title, then one paragraph of `unit` repeated to `size` characters."""
    return "Title\n\n" + (unit * (size // len(unit) + 1))[:size]


def news(size: int) -> str:
    """News text of the given size: the seed articles one after another (many paragraphs, page furniture too)."""
    parts, total = [], 0
    while total < size:
        parts.append(SEED_TEXTS[len(parts) % len(SEED_TEXTS)])
        total += len(parts[-1])
    return "\n\n".join(parts)[:size]


@lru_cache(maxsize=1)
def _body_words() -> str:
    from retold.corpus import load_corpus
    from retold.text.segment import segment_article

    bodies = [s.text[p.start:p.end] for a in load_corpus(SEED_CORPUS).articles
              for s in [segment_article(a)] for p in s.paragraphs if not p.is_title]
    return " ".join(w for w in (w.strip(".,;:!?…") for w in " ".join(bodies).split()) if w)


def unpunctuated(size: int) -> str:
    """One paragraph of the seed articles' body words (no page furniture) without sentence punctuation."""
    return repeated(_body_words() + " ", size)


ADVERSARIAL = {
    "a reporting verb every 11 characters": "Putin said ",
    "an opening quotation mark every 3 characters": "“a ",
    "a quotation and reporting clause every 21 characters": "“quote” said Peskov ",
}
