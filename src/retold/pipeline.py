"""The shared context of one analysis run: a corpus, its segmented articles, the lexicons.

Each stage computes its results once per run and keeps them here, so tables and
notebooks that need the same quotations or voice map do not recompute them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from .corpus import Corpus, load_corpus

if TYPE_CHECKING:
    from .segment import SegmentedArticle

REPO_ROOT = Path(__file__).resolve().parents[2]
LEXICON_DIR = REPO_ROOT / "data" / "lexicons"
DEFAULT_CORPUS = REPO_ROOT / "data" / "corpora" / "kremlin-talks-2022-12-02"


@dataclass(frozen=True)
class Lexicons:
    """Paths of the lexicon files an analysis uses (data, not code)."""

    loaded_terms: Path = LEXICON_DIR / "loaded_terms.yml"
    naming: Path = LEXICON_DIR / "naming.yml"
    speakers: Path = LEXICON_DIR / "speakers.yml"

    @classmethod
    def from_paths(cls, loaded_terms=None, naming=None, speakers=None) -> "Lexicons":
        default = cls()
        return cls(
            Path(loaded_terms) if loaded_terms else default.loaded_terms,
            Path(naming) if naming else default.naming,
            Path(speakers) if speakers else default.speakers,
        )

    def files(self) -> list[Path]:
        return [self.loaded_terms, self.naming, self.speakers]


@dataclass
class Analysis:
    """A corpus with its segmented articles and a memo of stage results."""

    corpus: Corpus
    lexicons: Lexicons = field(default_factory=Lexicons)
    segmented: dict[str, SegmentedArticle] = field(default_factory=dict)
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if not self.segmented:
            from .progress import progress
            from .segment import segment_article

            self.segmented = {a.id: segment_article(a) for a in progress(self.corpus.articles, "segment")}

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """Compute a stage result once per run."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    @property
    def article_ids(self) -> list[str]:
        return [a.id for a in self.corpus.articles]


def analyse(corpus: Corpus | str | Path, lexicons: Lexicons | None = None) -> Analysis:
    """Load (if given a path) and segment a corpus, ready for every stage."""
    if not isinstance(corpus, Corpus):
        corpus = load_corpus(corpus)
    return Analysis(corpus, lexicons or Lexicons())
