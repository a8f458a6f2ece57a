"""Shared test fixtures.

`make_corpus` writes a small corpus folder from article texts, so a test can state
exactly the bytes it feeds the pipeline:

    def test_something(make_corpus):
        path = make_corpus({"a1": "Title\\n\\nBody sentence.", "a2": b"\\xef\\xbb\\xbfBOM text."})
        corpus = load_corpus(path)

Arguments of `make_corpus(articles, manifest_extra=None, outlets=None, entry_extra=None,
manifest_text=None, folder=None)`:
- `articles`: article id -> text (`str`, written as UTF-8 with newlines untouched) or
  raw `bytes` (written as given: use for BOMs, UTF-16, cp1252, binary data). Each is
  written to `articles/<id>.txt` and listed in corpus.yml in dict order.
- `manifest_extra`: extra top-level corpus.yml fields (e.g. `{"encoding": "utf-8"}`).
- `outlets`: article id -> outlet name (default `Outlet <id>`).
- `entry_extra`: article id -> extra fields for that article's entry (e.g. `{"file": "x.txt"}`
  to point at a missing file, or `{"published": "2022-12-02"}`).
- `manifest_text`: write this corpus.yml text verbatim instead (for YAML errors);
  `False` writes no corpus.yml at all.
- `folder`: folder name under the test's tmp_path (default `corpus`, `corpus-2`, ...).
Returns the corpus folder path.

`seed_corpus` is the path of the study's seed corpus (five articles, a000..a004).
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
SEED_CORPUS = REPO_ROOT / "data" / "corpora" / "kremlin-talks-2022-12-02"
GOLD_DIR = REPO_ROOT / "tests" / "gold"


def write_corpus(
    folder: Path,
    articles: dict[str, bytes | str],
    manifest_extra: dict[str, Any] | None = None,
    outlets: dict[str, str] | None = None,
    entry_extra: dict[str, dict[str, Any]] | None = None,
    manifest_text: str | bool | None = None,
) -> Path:
    """Write a corpus folder (corpus.yml + articles/*.txt) and return its path."""
    (folder / "articles").mkdir(parents=True, exist_ok=True)
    entries = []
    for article_id, content in articles.items():
        relative = f"articles/{article_id}.txt"
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (folder / relative).write_bytes(data)
        entry = {"id": article_id, "file": relative, "outlet": (outlets or {}).get(article_id, f"Outlet {article_id}")}
        entry.update((entry_extra or {}).get(article_id, {}))
        entries.append(entry)
    if manifest_text is False:
        return folder
    if isinstance(manifest_text, str):
        (folder / "corpus.yml").write_text(manifest_text, encoding="utf-8")
        return folder
    manifest = {"title": "Test corpus", **(manifest_extra or {}), "articles": entries}
    (folder / "corpus.yml").write_text(yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False),
                                       encoding="utf-8")
    return folder


@pytest.fixture
def make_corpus(tmp_path):
    """A function writing a corpus folder under tmp_path; see the module docstring."""
    counter = itertools.count(1)

    def make(articles: dict[str, bytes | str], manifest_extra: dict[str, Any] | None = None,
             outlets: dict[str, str] | None = None, entry_extra: dict[str, dict[str, Any]] | None = None,
             manifest_text: str | bool | None = None, folder: str | None = None) -> Path:
        number = next(counter)
        name = folder or ("corpus" if number == 1 else f"corpus-{number}")
        return write_corpus(tmp_path / name, articles, manifest_extra, outlets, entry_extra, manifest_text)

    return make


def write_tiny_notebooks(folder: Path, corpus_source: str, article_source: str) -> Path:
    """A corpus notebook (`a_corpus`) and a per-article notebook (`b_article`, declared to read only
    sentences.csv) running the given code: report builds in seconds."""
    import nbformat

    folder.mkdir(parents=True, exist_ok=True)
    params = 'corpus = ""\nreport_dir = ""\nlexicon = ""\nnaming = ""\nspeakers = ""'
    for name, source, extra in (("a_corpus", corpus_source, ""), ("b_article", article_source, '\narticle = ""')):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_markdown_cell(f"# {name}\n\nA tiny notebook."),
                    nbformat.v4.new_code_cell(params + extra, metadata={"tags": ["parameters"]}),
                    nbformat.v4.new_code_cell(source)]
        for i, cell in enumerate(nb.cells):
            cell["id"] = f"c{i}"
        if extra:
            nb.metadata["retold"] = {"reads": ["sentences"]}
        nbformat.write(nb, folder / f"{name}.ipynb")
    return folder


@pytest.fixture
def seed_corpus() -> Path:
    """The study's seed corpus folder."""
    return SEED_CORPUS
