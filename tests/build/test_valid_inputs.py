"""Valid-looking corpora build the notebooks that used to fail on them: two identical articles (every
meaning flag empty: 30_coverage failed), no shared claim, and outlet names that matplotlib read as maths."""

from __future__ import annotations

import shutil

import pytest

from conftest import REPO_ROOT
from retold.build.report import build_report

HOSTILE = REPO_ROOT / "tests" / "fixtures" / "hostile"
NOTEBOOKS = {"identical-articles": ("05_guide", "30_coverage"), "no-shared-claims": ("05_guide", "30_coverage"),
             "odd-outlet-names": ("00_corpus", "30_coverage")}


@pytest.mark.parametrize("case", NOTEBOOKS)
def test_builds_and_renders(case, tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for name in NOTEBOOKS[case]:
        shutil.copy(REPO_ROOT / "notebooks" / f"{name}.ipynb", notebooks)
    index = build_report(HOSTILE / case / "corpus", tmp_path / "report", notebooks_dir=notebooks, jobs=2,
                         log=lambda m: None)
    assert index.is_file()
    for name in NOTEBOOKS[case]:
        assert (tmp_path / "report" / "reading" / f"{name}.html").stat().st_size > 1000
