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
from conftest import write_corpus
from hostile_texts import ADVERSARIAL, SEED_TEXTS, news, repeated, unpunctuated
from retold.corpus import load_corpus
from retold.pipeline import analyse, build_tables

SOURCE = str(Path(retold.__file__).parent)


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


TEXTS = {
    "news article, many paragraphs": lambda n: news(4 * n),
    "one paragraph without punctuation": lambda n: unpunctuated(4 * n),
    **{name: (lambda unit: lambda n: repeated(unit, n))(unit) for name, unit in ADVERSARIAL.items()},
}


def tables_work(text: str) -> int:
    with tempfile.TemporaryDirectory() as folder:
        corpus = load_corpus(write_corpus(Path(folder) / "c", {"big": text, "small": SEED_TEXTS[0][:1500]}))
        return work(lambda: build_tables(analyse(corpus)))


@pytest.mark.parametrize("kind", TEXTS)
def test_four_times_the_text_costs_about_four_times_the_work(kind):
    small, large = tables_work(TEXTS[kind](4000)), tables_work(TEXTS[kind](16000))
    assert large / small < 4.5, (kind, small, large)
