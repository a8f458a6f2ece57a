"""What a report notebook needs in one call: the corpus, its tables, labels and colours.

Notebooks stay thin: they open a `Report`, then show tables and figures. The
tables are read from `report_dir/tables`, computed there first if missing, so a
notebook also works when opened by hand in JupyterLab.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from IPython.display import HTML, display

from ..build.cache import ensure_tables
from ..corpus import Corpus, CorpusWarning, load_corpus
from ..framing.concordance import ArticleTexts
from ..model import VoiceSegment
from ..pipeline import Lexicons
from ..tables import read_tables
from . import plots
from .escape import text as escape


@dataclass
class Report:
    corpus: Corpus
    tables: dict[str, pd.DataFrame]
    report_dir: Path

    @property
    def article_ids(self) -> list[str]:
        return [a.id for a in self.corpus.articles]

    @property
    def outlets(self) -> dict[str, str]:
        """Article id -> outlet label for tables and charts."""
        return self.corpus.outlet_names()

    @property
    def colors(self) -> dict[str, str]:
        """Article id -> colour, the same in every figure."""
        return plots.outlet_colors(self.article_ids)

    def text(self, article_id: str) -> str:
        return self.corpus.article(article_id).text

    def show(self, frame: pd.DataFrame, caption: str = "", index: bool = False) -> None:
        """Display a table as escaped HTML, by default without the index (article text may hold markup)."""
        title = f"<caption>{escape(caption)}</caption>" if caption else ""
        frame = frame.copy()
        if index and any(name is not None for name in frame.index.names):
            frame, index = frame.reset_index(), False  # a named index would add an empty header row
        frame.columns.names = [None] * frame.columns.nlevels
        table = frame.to_html(index=index, escape=True, border=0, na_rep="")
        display(HTML(table.replace(">", f">{title}", 1) if title else table))

    def evidence_html(self, article: str, start: int, end: int, note: str = "") -> str:
        """The sentence(s) around a span with the span marked, and where to find it (id + offsets); escaped."""
        text = self.text(article)
        sentences = self.tables.get("sentences")
        left, right = start, end
        if sentences is not None:
            rows = sentences[(sentences["article"] == article) & (sentences["start"] < end) & (sentences["end"] > start)]
            if len(rows):
                left, right = min(int(rows["start"].min()), start), max(int(rows["end"].max()), end)
        body = (escape(text[left:start]) + "<mark>" + escape(text[start:end]) + "</mark>" + escape(text[end:right]))
        where = f"{escape(self.outlets[article])} · <code>{escape(article)}</code> chars {start}–{end}"
        extra = f" · {escape(note)}" if note else ""
        return f'<blockquote>{body}<br><small>{where}{extra}</small></blockquote>'

    def article_texts(self) -> ArticleTexts:
        """Texts, title and body paragraphs and voice segments of every article, for concordances."""
        spans: dict[str, list[tuple[int, int, int]]] = {a: [] for a in self.article_ids}
        grouped = self.tables["sentences"].groupby(["article", "paragraph"], sort=False).agg(
            start=("start", "min"), end=("end", "max"))
        for (article, paragraph), row in grouped.iterrows():
            spans.setdefault(article, []).append((int(paragraph), int(row["start"]), int(row["end"])))
        voices: dict[str, list[VoiceSegment]] = {}
        table = self.tables["voice"].sort_values(["article", "start"], kind="stable")
        for row in table.itertuples(index=False):
            speaker = row.speaker if isinstance(row.speaker, str) and row.speaker else None
            voices.setdefault(row.article, []).append(VoiceSegment(row.article, int(row.start), int(row.end),
                                                                   voice=row.voice, speaker=speaker,
                                                                   paragraph=int(row.paragraph)))
        return ArticleTexts({a.id: a.text for a in self.corpus.articles},
                            {a: sorted(v, key=lambda t: t[1]) for a, v in spans.items()}, voices, self.outlets)

    def example_html(self, example) -> str:
        """A guide example (`view.guide.Example`): its note in bold, then its evidence."""
        return f"<p><b>{escape(example.note)}</b></p>" + self.evidence_html(example.article, example.start, example.end)

    def pair_html(self, row) -> str:
        """The evidence of both sides of an aligned pair (a changes.csv row)."""
        return (self.evidence_html(row["article_a"], int(row["start_a"]), int(row["end_a"]))
                + self.evidence_html(row["article_b"], int(row["start_b"]), int(row["end_b"])))

    def with_outlets(self, frame: pd.DataFrame, column: str = "article", name: str = "outlet") -> pd.DataFrame:
        """A copy of a table with an outlet label column next to the article id column."""
        result = frame.copy()
        position = list(result.columns).index(column) + 1
        result.insert(position, name, result[column].map(self.outlets))
        return result


def open_report(corpus: str | Path, report_dir: str | Path, lexicon: str = "", naming: str = "",
                speakers: str = "") -> Report:
    """Load the corpus and its tables (computing them unless they are there for exactly these inputs)."""
    plots.setup()
    pd.set_option("display.max_colwidth", None)
    pd.set_option("styler.format.escape", "html")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)  # the command that built the report printed them once
        loaded = load_corpus(corpus)
    table_dir = Path(report_dir) / "tables"
    ensure_tables(loaded, Lexicons.from_paths(lexicon or None, naming or None, speakers or None, loaded), table_dir)
    return Report(loaded, read_tables(table_dir), Path(report_dir))
