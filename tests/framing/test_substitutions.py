"""Substitutions found without a lexicon: hand-made pairs, the seeds, and the three test corpora
(expectations in tests/fixtures/corpora/*/expectations.yml, written by reading the texts)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from retold.framing.substitutions import pair_substitutions, substitution_kind, substitutions, substitutions_table
from retold.framing.variants import discovered_naming
from retold.pipeline import Lexicons, analyse

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "data" / "corpora" / "kremlin-talks-2022-12-02"
FIXTURES = REPO / "tests" / "fixtures" / "corpora"
REQUIRED = ["claim", "article_a", "article_b", "start_a", "end_a", "start_b", "end_b", "text_a", "text_b", "kind"]


@pytest.mark.parametrize("a, b, kind", [
    ("labour", "labor", "spelling"), ("run-off", "runoff", "spelling"), ("dock workers", "dockworkers", "spelling"),
    ("organisation", "organization", "spelling"), ("centre", "center", "spelling"),
    ("Müller", "Mueller", "name variant"), ("Sørensen", "Sorensen", "name variant"), ("Kyiv", "Kiev", "name variant"),
    ("Scholz", "Schultz", "name variant"), ("Al-Sayed", "El-Sayed", "name variant"),
    ("haughty", "arrogant", "word choice"), ("Russian", "Russia's", "word choice"), ("The", "Three", "word choice"),
    ("so-called", "", "dropped"), ("", "not", "added"),
])
def test_kinds(a, b, kind):
    assert substitution_kind(a, b) == kind


def _pairs(a: str, b: str) -> list[tuple[str, str]]:
    return [(a[s:e], b[x:y]) for s, e, x, y in pair_substitutions(a, b)]


def test_swaps_in_hand_made_renderings():
    a = "The union called the haughty offer an insult, Katarzyna Nowak told striking dock workers on Monday."
    b = "The union called the arrogant offer an insult, Katarzyna Novak told striking dockworkers on Monday."
    assert _pairs(a, b) == [("haughty", "arrogant"), ("Nowak", "Novak"), ("dock workers", "dockworkers")]


def test_moved_clause_and_function_words():
    a = "He said that, after years of decline, the city finally stood up to haughty landlords."
    b = "He has said the city finally stood up to arrogant landlords after years of decline."
    assert _pairs(a, b) == [("haughty", "arrogant")]  # the moved clause is not "added"; has/that are not swaps


def test_spelling_inside_agreeing_text_and_drops():
    a = "Officials refused to recognise the so-called council of the province."
    b = "Officials refused to recognize the council of the province."
    assert _pairs(a, b) == [("recognise", "recognize"), ("so-called", "")]


@pytest.fixture(scope="module")
def seed_table():
    analysis = analyse(SEED)
    return substitutions_table(analysis.substitutions, analysis.article_ids)


def _found(table, text_a, text_b) -> bool:
    swaps = {(a.lower(), b.lower()) for a, b in zip(table["text_a"], table["text_b"])}
    return (text_a, text_b) in swaps or (text_b, text_a) in swaps


@pytest.mark.parametrize("text_a, text_b", [
    ("haughty", "arrogant"), ("devastating", "destructive"), ("kyiv", "kiev"), ("areas", "territories"),
    ("areas", "territory"),
    ("invading", "attacking"), ("recognise", "recognize"), ("leave", "withdraw from"),
])
def test_seed_substitutions(seed_table, text_a, text_b):
    assert _found(seed_table, text_a, text_b)


def test_seed_table_columns_offsets_and_ranking(seed_table):
    assert list(seed_table.columns[:10]) == REQUIRED and "count" in seed_table.columns
    texts = {a.id: a.text for a in analyse(SEED).corpus.articles}
    for row in seed_table.itertuples():
        assert texts[row.article_a][row.start_a:row.end_a] == row.text_a
        assert texts[row.article_b][row.start_b:row.end_b] == row.text_b
    assert list(seed_table["count"]) == sorted(seed_table["count"], reverse=True)
    top = seed_table.iloc[0]
    assert (top.text_a, top.text_b, top.kind) == ("Kyiv", "Kiev", "name variant")
    kyiv_regime = seed_table[(seed_table.text_a == "Kyiv") & (seed_table.text_b == "Kiev")]
    assert any(texts[r.article_b][r.end_b:r.end_b + 7] == " regime" for r in kyiv_regime.itertuples())


def test_seed_name_variants_are_discovered_without_a_naming_lexicon():
    analysis = analyse(SEED, Lexicons.from_paths("war", "general", SEED / "speakers.yml"))
    concepts = {c.concept: {label.label for label in c.labels} for c in analysis.naming_concepts if c.discovered}
    assert {"Kyiv", "Kiev"} in concepts.values()
    assert any({"Scholz", "Schultz"} <= labels for labels in concepts.values())
    with_war = analyse(SEED)  # the war naming pack covers both: nothing discovered twice
    assert not [c for c in with_war.naming_concepts if c.discovered and "Kiev" in {x.label for x in c.labels}]


def _recall(folder: Path) -> tuple[int, int, list]:
    analysis = analyse(folder)
    table = substitutions_table(substitutions(analysis.coverage), analysis.article_ids)
    texts = {a.id: a.text for a in analysis.corpus.articles}
    expected = yaml.safe_load((folder / "expectations.yml").read_text(encoding="utf-8"))["substitutions"]
    missed = []
    for e in expected:
        spans_a = [(m.start(), m.end()) for m in re.finditer(re.escape(e["text_a"]), texts[e["article_a"]])]
        spans_b = [(m.start(), m.end()) for m in re.finditer(re.escape(e["text_b"]), texts[e["article_b"]])]
        hit = False
        for r in table.itertuples():
            for x, y, sa, sb in ((r.article_a, r.article_b, (r.start_a, r.end_a), (r.start_b, r.end_b)),
                                 (r.article_b, r.article_a, (r.start_b, r.end_b), (r.start_a, r.end_a))):
                if (x, y) == (e["article_a"], e["article_b"]) and any(s < sa[1] and sa[0] < t for s, t in spans_a) \
                        and any(s < sb[1] and sb[0] < t for s, t in spans_b):
                    hit = True
        if not hit:
            missed.append((e["text_a"], e["text_b"]))
    return len(expected) - len(missed), len(expected), missed


@pytest.mark.parametrize("corpus, at_least", [("port-strike", 17), ("mayoral-election", 14), ("river-flood", 11)])
def test_fixture_substitutions_recall(corpus, at_least):
    found, total, missed = _recall(FIXTURES / corpus)
    assert found >= at_least, missed


def test_fixture_name_variants_feed_the_naming_map():
    analysis = analyse(FIXTURES / "port-strike")
    groups = [{x.label for x in c.labels} for c in analysis.naming_concepts if c.discovered]
    assert {"Nowak", "Novak"} in groups and {"Müller", "Mueller", "Muller"} in groups
    table = analysis.name_hits
    assert any(h.label == "Novak" and h.article == "ps2" for h in table)


def test_discovered_naming_of_nothing_is_empty():
    assert discovered_naming([], []) == ()
