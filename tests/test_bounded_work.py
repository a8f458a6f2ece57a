"""No input makes the work explode: measured by counting work done, never by timing.

`work()` counts the Python lines and calls the analysis executes (a trace limited to retold's own code):
the same input gives the same count on any machine. Four times the text must cost at most about four
times the work (4.5x allowed); a quadratic scan would cost 16 times. `make bench` shows the seconds.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pytest

import retold
from conftest import SEED_CORPUS, write_corpus
from retold.corpus import load_corpus
from retold.pipeline import analyse, build_tables

SOURCE = str(Path(retold.__file__).parent)
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted((SEED_CORPUS / "articles").glob("*.txt"))]


def work(function) -> int:
    """Lines and calls executed in retold's code while `function` runs."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        count += 1
        return local

    def enter(frame, event, arg):
        return local(frame, event, arg) if frame.f_code.co_filename.startswith(SOURCE) else None

    sys.settrace(enter)
    try:
        function()
    finally:
        sys.settrace(None)
    return count


def repeated(unit: str, size: int) -> str:
    return "Title\n\n" + (unit * (size // len(unit) + 1))[:size]


def seed_article(size: int) -> str:
    """News text of the given size: the seed articles one after another (many paragraphs)."""
    parts, total = [], 0
    while total < size:
        parts.append(SEED_TEXTS[len(parts) % len(SEED_TEXTS)])
        total += len(parts[-1])
    return "\n\n".join(parts)[:size]


def unpunctuated(size: int) -> str:
    """One paragraph of the seed articles' words (repeated as needed), no sentence punctuation."""
    words = " ".join(w for w in (w.strip(".,;:!?") for w in " ".join(SEED_TEXTS).split()) if w)
    return repeated(words + " ", size)


TEXTS = {
    "news article, many paragraphs": lambda n: seed_article(4 * n),
    "one paragraph without punctuation": unpunctuated,
    "a reporting verb every 11 characters": lambda n: repeated("Putin said ", n),
    "an opening quotation mark every 3 characters": lambda n: repeated("“a ", n),
    "quotation and reporting clause every 21 characters": lambda n: repeated("“quote” said Peskov ", n),
}


def tables_work(text: str) -> int:
    with tempfile.TemporaryDirectory() as folder:
        corpus = load_corpus(write_corpus(Path(folder) / "c", {"big": text, "small": SEED_TEXTS[0][:1500]}))
        return work(lambda: build_tables(analyse(corpus)))


@pytest.mark.parametrize("kind", TEXTS)
def test_four_times_the_text_costs_about_four_times_the_work(kind):
    small, large = tables_work(TEXTS[kind](4000)), tables_work(TEXTS[kind](16000))
    assert large / small < 4.5, (kind, small, large)
