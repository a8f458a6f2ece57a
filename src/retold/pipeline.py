"""The analysis pipeline: one corpus in, every table out, through explicit stages in data-flow order.

    corpus ─ text (clean, segment) ─┬─ quotes ─ voice ─┬─ framing (loaded terms, naming, keyness)
                                    │                  └─ coverage (claims, changes, reuse, sources)
                                    └──────────────────────┘

An `Analysis` holds a corpus, its lexicons and its segmented articles; each
intermediate result (quotations, the voice map, term hits, coverage) is computed once,
on first use, by the stage function named for it, from inputs passed explicitly.
`STAGES` lists, in order, how each stage turns those results into tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable

import pandas as pd

from .config import DEFAULT_LEXICON, DEFAULT_NAMING, DEFAULT_SPEAKERS
from .corpus import Corpus, load_corpus
from .coverage import Coverage, compute_coverage, coverage_tables
from .framing import framing_tables, keyness, load_loaded_terms, load_naming, loaded_term_hits, naming_hits
from .framing.concordance import ArticleTexts
from .framing.lexicon import LoadedTermsLexicon, NamingConcept
from .framing.packs import lexicon_path
from .framing.substitutions import Substitution, substitutions, substitutions_table
from .framing.variants import discovered_naming
from .model import NameHit, TermHit
from .progress import progress
from .quotes import CorpusQuotes, corpus_quotes, load_speakers, quote_tables
from .records import LexiconError
from .text.segment import SegmentedArticle, segment_article
from .text.tables import text_tables
from .voice import VoiceMap, voice_map, voice_tables

Tables = dict[str, pd.DataFrame]


@dataclass(frozen=True)
class Lexicons:
    """Paths of the lexicon files an analysis uses (data, not code)."""

    loaded_terms: Path = DEFAULT_LEXICON
    naming: Path = DEFAULT_NAMING
    speakers: Path = DEFAULT_SPEAKERS

    @classmethod
    def from_paths(cls, loaded_terms=None, naming=None, speakers=None, corpus: Corpus | None = None) -> "Lexicons":
        """Lexicons from pack names or paths; one not given is the pack corpus.yml names, else `general`."""
        declared = corpus.packs if corpus is not None else {}
        folder = corpus.path if corpus is not None else None
        return cls(*(lexicon_path(kind, given, declared.get(kind), folder)
                     for kind, given in (("lexicon", loaded_terms), ("naming", naming), ("speakers", speakers))))

    def files(self) -> list[Path]:
        return [self.loaded_terms, self.naming, self.speakers]

    def check(self) -> "Lexicons":
        """Read and validate all three files now (before any work), so a broken one fails at once."""
        load_loaded_terms(self.loaded_terms)
        load_naming(self.naming)
        load_speakers(self.speakers)
        return self


@dataclass
class Analysis:
    """A corpus with its lexicons and segmented articles; stage results computed once, when first needed."""

    corpus: Corpus
    lexicons: Lexicons = field(default_factory=Lexicons)
    segmented: dict[str, SegmentedArticle] = field(default_factory=dict)

    @property
    def article_ids(self) -> list[str]:
        return [a.id for a in self.corpus.articles]

    @property
    def articles(self) -> list[SegmentedArticle]:
        """The segmented articles in corpus order."""
        return [self.segmented[a] for a in self.article_ids]

    @cached_property
    def outlets(self) -> dict[str, str]:
        return self.corpus.outlet_names()

    @cached_property
    def quotes(self) -> CorpusQuotes:
        return corpus_quotes(self.articles, load_speakers(self.lexicons.speakers))

    @cached_property
    def voices(self) -> VoiceMap:
        return voice_map(self.articles, self.quotes)

    @cached_property
    def loaded_terms(self) -> LoadedTermsLexicon:
        return load_loaded_terms(self.lexicons.loaded_terms)

    @cached_property
    def naming(self) -> tuple[NamingConcept, ...]:
        return load_naming(self.lexicons.naming)

    @cached_property
    def term_hits(self) -> list[TermHit]:
        return loaded_term_hits(self.articles, self.loaded_terms, self.voices)

    @cached_property
    def substitutions(self) -> list[Substitution]:
        return substitutions(self.coverage)

    @cached_property
    def naming_concepts(self) -> tuple[NamingConcept, ...]:
        """The naming lexicon's concepts, then name variants discovered in the corpus that it does not cover."""
        return self.naming + discovered_naming(self.articles, self.substitutions, self.naming)

    @cached_property
    def name_hits(self) -> list[NameHit]:
        return naming_hits(self.articles, self.naming_concepts, self.voices)

    @cached_property
    def article_texts(self) -> ArticleTexts:
        """Texts, paragraphs and voices of every article, for concordances."""
        return ArticleTexts({s.article.id: s.text for s in self.articles},
                            {s.article.id: [(p.index, p.start, p.end) for p in s.paragraphs] for s in self.articles},
                            self.voices, self.outlets)

    @cached_property
    def coverage(self) -> Coverage:
        return compute_coverage(self.articles)


def analyse(corpus: Corpus | str | Path, lexicons: Lexicons | None = None) -> Analysis:
    """Load (if given a path) and segment a corpus, ready for every stage."""
    if not isinstance(corpus, Corpus):
        corpus = load_corpus(corpus)
    lexicons = lexicons or Lexicons.from_paths(corpus=corpus)
    segmented = {a.id: segment_article(a) for a in progress(corpus.articles, "segment")}
    return Analysis(corpus, lexicons, segmented)


def text_stage(a: Analysis) -> Tables:
    return text_tables(a.corpus, a.segmented)


def quotes_stage(a: Analysis) -> Tables:
    return quote_tables(a.quotes, a.article_ids)


def voice_stage(a: Analysis) -> Tables:
    return voice_tables(a.voices, a.article_ids)


def framing_stage(a: Analysis) -> Tables:
    tables = framing_tables(a.term_hits, a.loaded_terms, a.name_hits, a.naming_concepts,
                            keyness(a.articles, a.outlets), a.outlets)
    return {**tables, "substitutions.csv": substitutions_table(a.substitutions, a.article_ids)}


def coverage_stage(a: Analysis) -> Tables:
    return coverage_tables(a.coverage, a.articles, a.voices)


@dataclass(frozen=True)
class Stage:
    name: str
    tables: Callable[[Analysis], Tables]


STAGES = (
    Stage("text", text_stage),
    Stage("quotes", quotes_stage),
    Stage("voice", voice_stage),
    Stage("framing", framing_stage),
    Stage("coverage", coverage_stage),
)


def build_tables(analysis: Analysis, progress: Callable[[str], None] | None = None) -> Tables:
    """Every table of every stage, in pipeline order; `progress` is told each stage's name as it starts."""
    result: Tables = {}
    for stage in STAGES:
        if progress:
            progress(stage.name)
        result.update(stage.tables(analysis))
    return result
