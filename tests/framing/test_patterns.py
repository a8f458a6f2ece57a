"""Lexicon patterns under a bound: explosive patterns refused, an RE2 prefilter that never misses a match and
skips most of the work, and a time bound that names the pattern."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEED_CORPUS
from retold.config import LEXICON_DIR
from retold.corpus import load_corpus
from retold.framing import lexicon as lexicon_module
from retold.framing.lexicon import load_loaded_terms, load_naming, longest_matches, matcher_set
from retold.framing.patterns import PatternTimeout, Prefilter, pattern_problem, time_bound
from retold.text.segment import segment_article


@pytest.mark.parametrize("body", [r"(a+)+$", r"(a*)*", r"(\w+\s)*x", r"(a|aa)+$", r"(a{1,3})+", r"(?:x?y)+",
                                  r"(a{1,3}){1,50}", r"(\w)\1", r"(a)?(?(1)b|c)"])
def test_explosive_patterns_are_refused(body):
    assert pattern_problem(body)


@pytest.mark.parametrize("body", [r"(?:a|b)+", r"(?:\S+\s+){0,5}?x", r"[\w'-]*", r"(?:\w|-)+", r"regimes?",
                                  r"(?<!anti-)terrorists?", r"juntas?(?! de)"])
def test_ordinary_patterns_pass(body):
    assert pattern_problem(body) is None


def _shipped_matchers():
    items = []
    for path in sorted((LEXICON_DIR / "loaded").glob("*.yml")):
        items += [rx for entry in load_loaded_terms(path).entries for rx in entry.matchers]
    for path in sorted((LEXICON_DIR / "naming").glob("*.yml")):
        items += [rx for concept in load_naming(path) for label in concept.labels for rx in label.matchers]
    return items


MATCHERS = _shipped_matchers()
PREFILTER = Prefilter([rx.pattern for rx in MATCHERS])
WORDS = sorted({w for rx in MATCHERS for w in re.findall(r"[A-Za-z]{3,}", rx.pattern)})[:400]


def test_every_shipped_pattern_is_accepted_and_prefiltered():
    assert len(MATCHERS) > 250 and not PREFILTER.always


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS + ["the", "of", "-", "'s", "’", " ", "  ", "\n", "Kiev", "KyivRegime"]),
                min_size=1, max_size=12))
def test_the_prefilter_never_misses_a_pattern_that_matches(pieces):
    text = " ".join(pieces)
    matching = {n for n, rx in enumerate(MATCHERS) if rx.search(text)}
    assert matching <= PREFILTER.candidates(text)


def test_the_prefilter_leaves_little_to_run_on_the_seed(monkeypatch):
    runs = []
    real = lexicon_module.time_bound
    monkeypatch.setattr(lexicon_module, "time_bound", lambda what: (runs.append(what), real(what))[1])
    lexicon = load_loaded_terms(LEXICON_DIR / "loaded" / "general.yml")
    matchers = matcher_set([(i, rx) for i, e in enumerate(lexicon.entries) for rx in e.matchers])
    paragraphs = 0
    for article in load_corpus(SEED_CORPUS).articles:
        segmented = segment_article(article)
        spans = [(p.start, p.end) for p in segmented.paragraphs]
        paragraphs += len(spans)
        for start, end in spans:
            found = {n for n, (_, rx) in enumerate(matchers.items) if rx.search(segmented.text, start, end)}
            assert found <= matchers.prefilter.candidates(segmented.text[start:end])
        longest_matches(segmented.text, spans, matchers)
    assert len(runs) < 0.05 * paragraphs * len(matchers.items), (len(runs), paragraphs, len(matchers.items))


def test_a_run_over_the_bound_names_what_ran():
    with pytest.raises(PatternTimeout, match="entry 7.*took longer than 0.2 s"):
        with time_bound("entry 7", 0.2):
            re.search(r"(\w*)*\w*\w*y", "a" * 40)


def test_lookbehind_reach_bounds_what_a_pattern_reads_before_a_match():
    from retold.framing.patterns import lookbehind_reach

    assert lookbehind_reach("abc") == 1  # a word boundary or anchor reads one character
    assert lookbehind_reach("(?<=not )agree") == 4
    assert lookbehind_reach("(?:(?<!\\w)|(?<=ab(?<=q)))c") == 4  # summed, nested ones included
    assert lookbehind_reach("(unclosed") is None


def test_matches_kept_per_passage_depend_on_the_text_a_lookbehind_reads():
    """Matches are kept per passage and the characters before it that the patterns can read: the same
    paragraph after different text gives each its own matches."""
    from retold.framing.lexicon import compile_bounded, longest_matches, matcher_set

    matchers = matcher_set([(0, compile_bounded("(?<=never\\n\\n)recognise"))])
    assert matchers.reach == 10
    for _ in range(2):
        for before, expected in (("never", [(7, 16)]), ("often", []), ("never", [(7, 16)])):
            text = f"{before}\n\nrecognise it"
            found = longest_matches(text, [(7, len(text))], matchers)
            assert [(m.start, m.end) for m in found] == expected
