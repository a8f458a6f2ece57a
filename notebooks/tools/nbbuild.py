"""Write a notebook from (kind, source, tags) cells: clean, deterministic, no outputs.

Used by the notebook generator scripts next to it; the committed .ipynb files are
what `make report` runs and what people edit in JupyterLab.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

PARAMETERS = '''corpus = "../data/corpora/kremlin-talks-2022-12-02"
report_dir = "../reports"
lexicon = ""
naming = ""
speakers = ""'''

OPEN_REPORT = '''from IPython.display import HTML, Markdown, display

from retold.notebook import open_report

report = open_report(corpus, report_dir, lexicon, naming, speakers)'''


def md(source: str, tags=()):
    return ("markdown", source.strip("\n"), list(tags))


def code(source: str, tags=()):
    return ("code", source.strip("\n"), list(tags))


def write_notebook(path: str | Path, cells, reads: list[str] | None = None) -> None:
    """`reads`: the tables (CSV stems) the notebook uses, so the build reruns it only when they change."""
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    if reads:
        nb.metadata["retold"] = {"reads": sorted(reads)}
    for index, (kind, source, tags) in enumerate(cells):
        cell = nbformat.v4.new_markdown_cell(source) if kind == "markdown" else nbformat.v4.new_code_cell(source)
        cell["id"] = f"cell-{index:02d}"
        if tags:
            cell.metadata["tags"] = tags
        nb.cells.append(cell)
    nbformat.validate(nb)
    nbformat.write(nb, str(path))
