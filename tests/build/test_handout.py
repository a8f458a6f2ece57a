"""The class handout from the tables alone: every article with its marks, figures described, a worksheet for
students and the answers only in the teacher's copy; the same HTML every time; a long corpus is cut to fit."""

from __future__ import annotations

import html
import re

import pytest

from retold.build.handout import chosen_articles, handout_pages
from retold.corpus import load_corpus
from retold.pipeline import analyse, build_tables
from conftest import SEED_CORPUS


@pytest.fixture(scope="module")
def seed():
    corpus = load_corpus(SEED_CORPUS)
    tables = {n.removesuffix(".csv"): f for n, f in build_tables(analyse(corpus)).items()}
    return corpus, tables


def _text(page: str) -> str:
    body = page[page.index("<main>"):]
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def test_student_handout_holds_every_article_marked_and_no_answers(seed):
    corpus, tables = seed
    student, teacher = handout_pages(corpus, tables)
    text = _text(student)
    for article in corpus.articles:
        lines = [line for line in article.text.splitlines() if line.strip()]
        assert all(line in text for line in lines), article.id
    assert student.count('class="ho-article"') == len(corpus.articles)
    assert student.count('class="nf-margin"') == len(corpus.articles)
    assert "Answer 1." not in text and text.count('class="ho-lines"') == 0
    assert student.count('<div class="ho-lines"></div>') == 5
    alts = re.findall(r'<img alt="([^"]*)"', student)
    assert len(alts) == 2 and all(len(alt) > 40 for alt in alts)
    assert "<script" not in student.lower()


def test_teacher_handout_has_the_plan_and_each_answer_after_its_question(seed):
    corpus, tables = seed
    _, teacher = handout_pages(corpus, tables)
    text = _text(teacher)
    positions = [text.index(f"Answer {n}.") for n in range(1, 6)]
    assert positions == sorted(positions)
    for n in range(1, 6):
        question = text.index(f"{n}. ", text.index("Worksheet: answer key"))
        assert question < positions[n - 1]
    assert "60-minute lesson" in text and "By the end of the lesson students can" in text


def test_handout_html_is_reproducible(seed):
    corpus, tables = seed
    assert handout_pages(corpus, tables) == handout_pages(corpus, tables)


def test_a_long_corpus_is_cut_to_the_articles_that_fit(seed):
    corpus, _ = seed
    assert [a.id for a in chosen_articles(corpus)] == [a.id for a in corpus.articles]
    assert len(chosen_articles(corpus, budget=900)) == 2
    assert len(chosen_articles(corpus, budget=10)) == 1
    assert len(chosen_articles(corpus, limit=3)) == 3
