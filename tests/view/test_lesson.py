"""Lesson plans add up to their length on any corpus; objectives are listed."""

from __future__ import annotations

import pandas as pd
import pytest

from retold.pipeline import analyse, build_tables
from retold.view import lesson
from conftest import REPO_ROOT, SEED_CORPUS

PORT_STRIKE = REPO_ROOT / "tests" / "fixtures" / "corpora" / "port-strike"


def _tables(corpus):
    return {name.removesuffix(".csv"): frame for name, frame in build_tables(analyse(corpus)).items()}


@pytest.fixture(scope="module", params=[SEED_CORPUS, PORT_STRIKE], ids=["seed", "port-strike"])
def corpus_tables(request):
    from retold.corpus import load_corpus

    return _tables(request.param), load_corpus(request.param).outlet_names()


@pytest.mark.parametrize("minutes", lesson.PLAN_LENGTHS)
def test_every_plan_adds_up_exactly(corpus_tables, minutes):
    tables, outlets = corpus_tables
    steps = lesson.lesson_plan(minutes, tables, outlets)
    assert sum(step.minutes for step in steps) == minutes
    assert steps[0].key == "warmup" and steps[-1].key == "wrapup"
    assert all(step.minutes > 0 for step in steps)
    text = lesson.plan_markdown(minutes, tables, outlets)
    assert f"| **{minutes}** | **Total** |" in text


@pytest.mark.parametrize("minutes", lesson.PLAN_LENGTHS)
def test_a_corpus_with_nothing_found_still_gets_a_full_plan(minutes):
    outlets = {"x1": "One", "x2": "Two", "x3": "Three"}
    steps = lesson.lesson_plan(minutes, {}, outlets)
    assert [s.key for s in steps] == ["warmup", "exercise", "wrapup"]
    assert sum(s.minutes for s in steps) == minutes
    assert "3 headlines" in steps[0].activity


def test_longer_plans_hold_more_steps_and_unknown_lengths_are_refused(corpus_tables):
    tables, outlets = corpus_tables
    keys = [{s.key for s in lesson.lesson_plan(m, tables, outlets)} for m in lesson.PLAN_LENGTHS]
    assert keys[0] <= keys[1] <= keys[2]
    with pytest.raises(ValueError, match="45, 60, 90"):
        lesson.lesson_plan(50, tables, outlets)


def test_plan_text_escapes_corpus_values():
    tables = {"loaded_terms": pd.DataFrame([{"entry": "a|b *x*", "article": "x1"}])}
    text = lesson.plan_markdown(60, tables, {"x1": "One"})
    assert "a\\|b \\*x\\*" in text
    assert "students can" in lesson.objectives_markdown()
