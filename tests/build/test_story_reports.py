"""Reports about stories nobody wrote the code for: the three hand-written corpora (a strike, an election, a
flood) each build the real notebooks once, and the rendered HTML is about *that* story.

Expectations come from `tests/fixtures/corpora/*/expectations.yml`, written by reading the texts:
- no word of the seed story appears in any rendered page;
- the story's own loaded words, where the lexicon finds them, are shown in the framing notebook, and
  enough of them are found;
- the substitutions the aligner finds among those the reader listed are shown, each in one table row;
- the planted meaning flip is shown in the coverage notebook;
- no `nan` or `None` is rendered as text, and no raw id (`elite_label`, `russian_officials`).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

from conftest import REPO_ROOT
from retold.build.report import build_report

CORPORA = REPO_ROOT / "tests" / "fixtures" / "corpora"
STORIES = ["port-strike", "mayoral-election", "river-flood"]
SEED_WORDS = re.compile(r"\b(?:kremlin|kyiv|kiev|putin|peskov|scholz|schultz|schulz|biden|ukrain\w*|russia\w*|"
                        r"zelensk\w*|moscow|ria novosti|tass)\b", re.IGNORECASE)
NOTEBOOKS_CHECKED = ["00_corpus", "05_guide", "10_framing", "20_quotes", "30_coverage", "40_article"]
MIN_LOADED_FOUND = 5  # of the partisan outlets' own loaded words the reader listed (13-22 per corpus)


def _text(page: str) -> str:
    """What a reader sees: tags, scripts, styles and embedded images left out, entities decoded."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def _norm(text: str) -> str:
    return " ".join(html.unescape(str(text)).replace("’", "'").lower().split())


def _rows(page: str) -> list[str]:
    return [_norm(_text(row)) for row in re.split(r"<tr[ >]", page)]


@pytest.fixture(scope="module", params=STORIES)
def story(request, tmp_path_factory) -> tuple[str, Path, dict]:
    """One full report per story (every notebook, three editions), built once for this module."""
    report_dir = tmp_path_factory.mktemp(request.param)
    build_report(CORPORA / request.param, report_dir, jobs=2, log=lambda message: None)
    expectations = yaml.safe_load((CORPORA / request.param / "expectations.yml").read_text(encoding="utf-8"))
    return request.param, report_dir, expectations


def _pages(report_dir: Path, edition: str = "*") -> dict[str, str]:
    return {f"{p.parent.name}/{p.name}": p.read_text(encoding="utf-8") for p in sorted(report_dir.glob(f"{edition}/*.html"))}


def test_no_seed_story_word_in_any_page(story):
    _, report_dir, expectations = story
    assert expectations["seed_words_absent"]
    pages = {**_pages(report_dir), "index.html": (report_dir / "index.html").read_text(encoding="utf-8")}
    found = {name: sorted({m.group() for m in SEED_WORDS.finditer(_text(page))}) for name, page in pages.items()}
    assert {name: words for name, words in found.items() if words} == {}


def test_no_seed_story_word_in_the_guide(story):
    _, report_dir, _ = story
    assert not SEED_WORDS.search(_text((report_dir / "reading" / "05_guide.html").read_text(encoding="utf-8")))


def test_own_loaded_words_are_found_and_shown(story):
    name, report_dir, expectations = story
    terms = pd.read_csv(report_dir / "tables" / "loaded_terms.csv")
    framing = _norm(_text((report_dir / "reading" / "10_framing.html").read_text(encoding="utf-8")))
    found = []
    for expected in expectations["loaded_in_own_voice"]:
        printed = [t for t in terms[terms["article"] == expected["article"]]["term"]
                   if _norm(t) in _norm(expected["text"]) or _norm(expected["text"]) in _norm(t)]
        if printed:
            found.append(expected["text"])
            assert all(_norm(t) in framing for t in printed), (name, expected["text"])
    assert len(found) >= MIN_LOADED_FOUND, (name, found)


def test_substitutions_found_are_shown_in_one_row(story):
    name, report_dir, expectations = story
    subs = pd.read_csv(report_dir / "tables" / "substitutions.csv", keep_default_na=False)
    pairs = {frozenset((_norm(a), _norm(b))) for a, b in zip(subs["text_a"], subs["text_b"])}
    rows = _rows((report_dir / "reading" / "10_framing.html").read_text(encoding="utf-8"))
    listed = [e for e in expectations["substitutions"] if frozenset((_norm(e["text_a"]), _norm(e["text_b"]))) in pairs]
    assert listed, name
    for expected in listed:
        a, b = _norm(expected["text_a"]), _norm(expected["text_b"])
        assert any(a in row and b in row for row in rows), (name, a, b)


def test_planted_meaning_flip_is_shown(story):
    name, report_dir, expectations = story
    coverage = _norm(_text((report_dir / "reading" / "30_coverage.html").read_text(encoding="utf-8")))
    for flip in expectations["meaning_flip"]:
        assert _norm(flip["text_a"]) in coverage and _norm(flip["text_b"]) in coverage, name


def test_no_nan_none_or_raw_ids_rendered(story):
    name, report_dir, _ = story
    problems = {}
    for page_name, page in {**_pages(report_dir, "reading"), **_pages(report_dir, "teacher")}.items():
        text = _text(page)
        bad = re.findall(r"\bnan\b|\bNaN\b|(?<![.!?]\s)\bNone\b(?!\.)", text)
        if Path(page_name).stem in NOTEBOOKS_CHECKED:
            bad += [m for m in re.findall(r"\b[a-z]+_[a-z_]+\b", text)
                    if not re.search(rf"[\w/]{re.escape(m)}|{re.escape(m)}\.(?:csv|py|yml)", text)]
        if bad:
            problems[page_name] = sorted(set(bad))
    assert problems == {}, name


def test_one_and_many_are_worded_right(story):
    _, report_dir, _ = story
    for page in _pages(report_dir, "reading").values():
        text = _text(page)
        assert "(s)" not in text
        assert not re.search(r"\b1 (?:terms|claims|occurrences|quotations|articles|hits|swaps)\b", text)
