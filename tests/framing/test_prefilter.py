"""The literal-prefix pre-check must never change what the lexicon matches, only how fast."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from retold.config import DEFAULT_LEXICON, DEFAULT_NAMING
from retold.framing import load_loaded_terms, load_naming, longest_matches
from retold.framing.lexicon import compile_bounded, literal_regex, widened_regex
from retold.framing.prefilter import fold, lexicon_matches, literal_prefixes


def _matchers(bodies: list[str]) -> list[tuple[int, re.Pattern]]:
    return [(i, compile_bounded(body)) for i, body in enumerate(bodies)]


def test_prefixes_of_a_literal_alternation():
    regex = compile_bounded(widened_regex("(?:Kyiv|Kiev)(?:'s)? regime"))
    assert literal_prefixes(regex) == ("kiev", "kyiv")


def test_an_optional_literal_widens_the_prefixes():
    regex = compile_bounded(widened_regex("(?:high-)?precision strikes?"))
    assert literal_prefixes(regex) == ("high-precision", "precision")


def test_no_prefix_when_a_match_may_open_with_anything():
    assert literal_prefixes(compile_bounded(r"[a-z]+ism")) is None
    assert literal_prefixes(compile_bounded(r"(?:very )?\w+ regime")) is None


def test_fold_follows_the_regex_engine_case_rules():
    # `re` under IGNORECASE takes dotless ı for i, long ſ for s, the Kelvin sign for k
    for a, b in [("Kyiv", "KYIV"), ("kyiv", "kyıv"), ("kyiv", "KYİV"), ("ss", "ſs"), ("k", "\u212a")]:
        assert re.fullmatch(re.escape(a), b, re.IGNORECASE)
        assert fold(a) == fold(b)
        assert len(fold(b)) == len(b)


def test_exotic_case_still_matches():
    matchers = _matchers([literal_regex("Kyiv regime")])
    text = "They blamed the KYİV REGIME and the kyıv regime."
    spans = [(0, len(text))]
    assert lexicon_matches(text, spans, matchers) == longest_matches(text, spans, matchers)
    assert len(lexicon_matches(text, spans, matchers)) == 2


FRAGMENTS = ["Kyiv", "Kiev", "KYİV", "regime", "regimes", " ", "  ", "\n", "'s", "’s", "precision", "high-",
             "strike", "strikes", "special", "military", "operation", "SchultzThe", "Schultz", "x", ".", ",",
             "ſpecial", "ı", "Regime"]
BODIES = [widened_regex("(?:Kyiv|Kiev)(?:'s)? regime"), literal_regex("special military operation"),
          widened_regex("(?:high-)?precision strikes?"), literal_regex("Schultz"), widened_regex("regimes?"),
          r"\w+ regime", widened_regex("strike(?!s)")]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40), st.lists(st.integers(0, 200), max_size=8))
def test_same_matches_as_longest_matches(parts, cuts):
    text = "".join(parts)
    bounds = sorted({min(c, len(text)) for c in cuts} | {0, len(text)})
    spans = [(a, b) for a, b in zip(bounds, bounds[1:])][::2]  # alternate spans, with gaps between them
    matchers = _matchers(BODIES)
    assert lexicon_matches(text, spans, matchers) == longest_matches(text, spans, matchers)


def test_same_matches_with_the_shipped_lexicons(seed_corpus):
    from retold.pipeline import analyse

    terms = load_loaded_terms(DEFAULT_LEXICON)
    matchers = [(i, rx) for i, entry in enumerate(terms.entries) for rx in entry.matchers]
    concepts = load_naming(DEFAULT_NAMING)
    for segmented in analyse(seed_corpus).articles:
        spans = [(p.start, p.end) for p in segmented.paragraphs]
        assert lexicon_matches(segmented.text, spans, matchers) == longest_matches(segmented.text, spans, matchers)
        for concept in concepts:
            labels = [(i, rx) for i, label in enumerate(concept.labels) for rx in label.matchers]
            assert lexicon_matches(segmented.text, spans, labels) == longest_matches(segmented.text, spans, labels)
