"""retold: how news outlets retell one event, with evidence a reader can check (article id + offsets).

The public API, in pipeline order::

    corpus = retold.load_corpus("data/corpora/my-story")     # validate and decode a corpus folder
    analysis = retold.analyse(corpus)                         # clean and segment every article
    tables = retold.build_tables(analysis)                    # every table, stage by stage
    retold.write_tables(tables, "reports/tables")             # CSV, the public interface
    retold.build_report("data/corpora/my-story", "reports")   # notebooks, HTML editions, index.html

Stage by stage: `retold.quotes` (quotations and speakers), `retold.voice` (whose words
each stretch is), `retold.framing` (loaded terms, naming, distinctive words),
`retold.coverage` (claims, changes, reuse, sources); `retold.pipeline.STAGES` lists them.

Names are imported on first use, so `import retold` (and `retold check`) stays fast.
"""

from __future__ import annotations

from importlib import import_module

__version__ = "0.1.0"

_API = {
    "load_corpus": "corpus", "check_corpus": "corpus", "Corpus": "corpus", "Article": "corpus",
    "CorpusError": "corpus",
    "analyse": "pipeline", "Analysis": "pipeline", "Lexicons": "pipeline", "build_tables": "pipeline",
    "STAGES": "pipeline",
    "write_tables": "tables", "read_tables": "tables",
    "build_report": "build.report", "write_handout": "build.handout",
    "open_report": "view.notebook",
}
__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        return getattr(import_module(f".{_API[name]}", __name__), name)
    raise AttributeError(f"module 'retold' has no attribute {name!r}")
