"""Key terms are chosen from what a corpus holds: loaded terms found, labels that vary, swaps repeated."""

from __future__ import annotations

import pandas as pd

from retold.framing.keyterms import (KeyTerm, dispersion_terms, function_words_only, key_terms, loaded_key_terms,
                                     naming_key_terms, swap_key_terms, varying_concepts)

TERMS = pd.DataFrame([
    {"article": "a1", "term": "Thugs", "entry": "thugs", "voice": "author"},
    {"article": "a2", "term": "thugs", "entry": "thugs", "voice": "quoted"},
    {"article": "a2", "term": "so-called", "entry": "so-called", "voice": "author"},
    {"article": "a3", "term": "a mob", "entry": "mob", "voice": "quoted"},
])
NAMING = pd.DataFrame([
    {"concept": "work stoppage", "label": "strike", "article": "a1", "count": 2},
    {"concept": "work stoppage", "label": "walkout", "article": "a2", "count": 1},
    {"concept": "people protesting", "label": "mob", "article": "a3", "count": 1},
    {"concept": "people protesting", "label": "crowd", "article": "a3", "count": 0},
])
SUBSTITUTIONS = pd.DataFrame([
    {"text_a": "and", "text_b": "along with", "kind": "word choice", "count": 5},
    {"text_a": "strike", "text_b": "walkout", "kind": "word choice", "count": 3},
    {"text_a": "lorry", "text_b": "truck", "kind": "word choice", "count": 2},
    {"text_a": "Lorry", "text_b": "truck", "kind": "word choice", "count": 2},
    {"text_a": "Nowak", "text_b": "Novak", "kind": "name variant", "count": 2},
    {"text_a": "President", "text_b": "counterpart", "kind": "word choice", "count": 2},
    {"text_a": "revised", "text_b": "", "kind": "dropped", "count": 2},
])


def test_loaded_key_terms_rank_by_hits_and_keep_every_printed_form():
    chosen = loaded_key_terms(TERMS, top=2)
    assert chosen[0] == KeyTerm("thugs", ("Thugs",), "loaded term")  # case-folded forms: one
    assert chosen[1].name == "so-called"  # one hit in own voice beats one quoted hit


def test_only_concepts_whose_outlets_use_two_labels_vary():
    assert varying_concepts(NAMING) == ["work stoppage"]
    assert naming_key_terms(NAMING, top=3) == [KeyTerm("work stoppage", ("strike", "walkout"), "naming concept")]


def test_swaps_skip_function_words_repeats_and_drops():
    assert function_words_only("and") and function_words_only("of the") and not function_words_only("along a road")
    assert [t.name for t in swap_key_terms(SUBSTITUTIONS, top=5)] == ["strike / walkout", "lorry / truck"]


def test_key_terms_never_repeat_forms_an_earlier_term_searches():
    names = [t.name for t in key_terms(TERMS, NAMING, SUBSTITUTIONS)]
    assert names == ["thugs", "so-called", "mob", "work stoppage", "lorry / truck"]
    assert dispersion_terms(key_terms(TERMS, NAMING, None, loaded=1))["thugs"] == ["Thugs"]


def test_an_empty_corpus_has_no_key_terms():
    empty_terms = TERMS.iloc[0:0]
    empty_naming = NAMING.iloc[0:0]
    assert key_terms(empty_terms, empty_naming, None) == []
    assert key_terms(empty_terms, empty_naming, SUBSTITUTIONS.iloc[0:0]) == []
