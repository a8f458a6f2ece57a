"""Notebooks are committed as jupytext pairs (notebooks/NN.py percent format + .ipynb), in sync, without outputs."""

from __future__ import annotations

import jupytext
import nbformat
import pytest

from conftest import REPO_ROOT

NOTEBOOKS = sorted((REPO_ROOT / "notebooks").glob("*.ipynb"))


def cells(nb) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(c.cell_type, c.source.strip(), tuple(c.metadata.get("tags", []))) for c in nb.cells]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_pair_is_in_sync(notebook):
    paired = notebook.with_suffix(".py")
    assert paired.exists(), f"{paired.name} is missing: run `make notebooks`"
    assert cells(jupytext.read(paired)) == cells(nbformat.read(notebook, as_version=4)), \
        f"{notebook.name} and {paired.name} differ: edit one, then run `make notebooks`"
    assert jupytext.read(paired).metadata.get("retold") == nbformat.read(notebook, as_version=4).metadata.get("retold")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs(notebook):
    for cell in nbformat.read(notebook, as_version=4).cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, notebook.name


def test_every_notebook_is_paired():
    assert NOTEBOOKS and {p.stem for p in NOTEBOOKS} == {p.stem for p in (REPO_ROOT / "notebooks").glob("[0-9]*.py")}
