"""The analysis pipeline: one corpus in, every table out, through explicit stages in data-flow order.

    corpus ─ text (clean, segment) ─┬─ quotes ─ voice ─┬─ framing (loaded terms, naming, keyness)
                                    │                  └─ coverage (claims, changes, reuse, sources)
                                    └──────────────────────┘

An `Analysis` holds a corpus, its lexicons and what the per-article stages found in
each article (`article_stages`: segments, quotations, voice, lexicon hits), computed by
an engine (`retold.engine`: in this process, on worker processes or on a Dask cluster);
each cross-article result (quotation groups, keyness, coverage) is computed once, on
first use, by the stage function named for it, from inputs passed explicitly.
`STAGES` lists, in order, how each stage turns those results into tables. When the
engine's maps run in other processes, the results a stage names as `ahead` (the coverage
chain, which needs nothing from the quotations) are computed in a second thread while
the stages before it run: one chain's work here overlaps the other's on the workers, where
the second chain takes only the workers the first leaves idle.
"""

from __future__ import annotations

import gc
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterator

import pandas as pd

from .article_stages import ArticleFindings, LoadedLexicons, study_article
from .config import DEFAULT_LEXICON, DEFAULT_NAMING, DEFAULT_SPEAKERS
from .corpus import Corpus, load_corpus
from .coverage import Coverage, compute_coverage, coverage_tables
from .coverage.claims import AlignedClaims, aligned_claims
from .coverage.reuse import body_text, shingle_overlap
from .engine import Engine, collector_paused, serial, trim_freed_memory
from .framing import framing_tables, load_loaded_terms, load_naming, naming_hits
from .framing.keyness import counts_keyness
from .framing.concordance import ArticleTexts
from .framing.lexicon import LoadedTermsLexicon, NamingConcept
from .framing.packs import lexicon_path
from .framing.substitutions import Substitution, substitutions, substitutions_table
from .framing.variants import discovered_naming
from .model import NameHit, TermHit
from .quotes import CorpusQuotes, load_speakers, quote_tables
from .quotes.corpus import group_quotes
from .text.segment import SegmentedArticle
from .text.tables import text_tables
from .voice import VoiceMap, voice_tables

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
    """A corpus with its lexicons and per-article findings; cross-article results computed once, when first
    needed, through `engine`."""

    corpus: Corpus
    lexicons: Lexicons = field(default_factory=Lexicons)
    findings: dict[str, ArticleFindings] = field(default_factory=dict)
    engine: Engine = field(default_factory=serial, repr=False, compare=False)

    @cached_property
    def segmented(self) -> dict[str, SegmentedArticle]:
        return {a: f.segmented for a, f in self.findings.items()}

    def release(self, *results: str) -> None:
        """Forget results no later stage needs (cached results by name; `quotes`, `term_hits`, `name_hits`
        and `ngrams` also in the per-article findings), so a large corpus does not hold them to the end."""
        fields = {"quotes": ("quotes", "reported"), "term_hits": ("term_hits",), "name_hits": ("name_hits",),
                  "ngrams": ("ngrams",)}
        emptied = {name: () for result in results for name in fields.get(result, ())}
        if "ngrams" in emptied:
            emptied["ngrams"] = (Counter(), Counter())
        if emptied:
            self.findings = {a: replace(f, **emptied) for a, f in self.findings.items()}
        for result in results:
            self.__dict__.pop(result, None)

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
        extracted = [(self.findings[a].quotes, self.findings[a].reported) for a in self.article_ids]
        return group_quotes(extracted, self.article_ids, self.engine)

    @cached_property
    def voices(self) -> VoiceMap:
        return {a: list(self.findings[a].voices) for a in self.article_ids}

    @cached_property
    def loaded_terms(self) -> LoadedTermsLexicon:
        return load_loaded_terms(self.lexicons.loaded_terms)

    @cached_property
    def naming(self) -> tuple[NamingConcept, ...]:
        return load_naming(self.lexicons.naming)

    @cached_property
    def term_hits(self) -> list[TermHit]:
        return [h for a in self.article_ids for h in self.findings[a].term_hits]

    @cached_property
    def substitutions(self) -> list[Substitution]:
        return substitutions(self.coverage, self.engine)

    @cached_property
    def naming_concepts(self) -> tuple[NamingConcept, ...]:
        """The naming lexicon's concepts, then name variants discovered in the corpus that it does not cover."""
        return self.naming + discovered_naming(self.articles, self.substitutions, self.naming)

    @cached_property
    def name_hits(self) -> list[NameHit]:
        """The lexicon's concepts concept by concept, then the discovered ones (the order `framing.naming_hits`
        gives): the lexicon's hits were found with the other per-article stages."""
        concept_order = {c.concept: n for n, c in enumerate(self.naming)}
        hits = [h for a in self.article_ids for h in self.findings[a].name_hits]
        discovered = self.naming_concepts[len(self.naming):]
        return sorted(hits, key=lambda h: concept_order[h.concept]) + naming_hits(self.articles, discovered,
                                                                                  self.voices)

    @cached_property
    def article_texts(self) -> ArticleTexts:
        """Texts, paragraphs and voices of every article, for concordances."""
        return ArticleTexts({s.article.id: s.text for s in self.articles},
                            {s.article.id: [(p.index, p.start, p.end) for p in s.paragraphs] for s in self.articles},
                            self.voices, self.outlets)

    @cached_property
    def aligned_claims(self) -> AlignedClaims:
        return aligned_claims(self.articles, self.engine)

    @cached_property
    def coverage(self) -> Coverage:
        """Claims with their ids and labels; the aligned claims it is made from (with the sentences' vectors) are
        let go of once it is made, as nothing else needs them."""
        coverage = compute_coverage(self.articles, self.engine, self.aligned_claims)
        self.release("aligned_claims")
        return coverage

    @cached_property
    def keyness(self) -> Future:
        """Each article's distinctive words and phrases (`framing.keyness`), computed where the engine likes: it
        needs only the n-gram counts of the per-article stages, so a worker can do it while other stages run."""
        counts = {article: self.findings[article].ngrams for article in self.article_ids}
        return self.engine.submit(counts_keyness, counts, self.outlets, self.article_ids)

    @cached_property
    def shingle_overlap(self) -> Future:
        """The articles' shared 5-grams (`coverage.reuse`), computed where the engine likes (a worker process
        when the pool runs): it needs only the texts, so it can start early and run beside other stages."""
        return self.engine.submit(shingle_overlap, [body_text(s) for s in self.articles])


def analyse(corpus: Corpus | str | Path, lexicons: Lexicons | None = None, engine: Engine | None = None
            ) -> Analysis:
    """Load (if given a path) a corpus and run the per-article stages on every article, through `engine`
    (default: in this process)."""
    if not isinstance(corpus, Corpus):
        corpus = load_corpus(corpus)
    lexicons = lexicons or Lexicons.from_paths(corpus=corpus)
    engine = engine or serial()
    loaded = LoadedLexicons(load_loaded_terms(lexicons.loaded_terms), load_naming(lexicons.naming),
                            load_speakers(lexicons.speakers))
    with collector_paused():
        found = engine.map(study_article, [(a, loaded) for a in corpus.articles], "articles")
    return Analysis(corpus, lexicons, {a.id: f for a, f in zip(corpus.articles, found)}, engine)


@contextmanager
def findings_frozen() -> Iterator[None]:
    """The objects alive now (the corpus and its findings) left out of cycle collections for the block, then put
    back: the cross-article stages make many objects, and each collection would walk the findings again."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def text_stage(a: Analysis) -> Tables:
    return text_tables(a.corpus, a.segmented, {article: f.body_words for article, f in a.findings.items()})


def quotes_stage(a: Analysis) -> Tables:
    return quote_tables(a.quotes, a.article_ids, a.engine)


def voice_stage(a: Analysis) -> Tables:
    return voice_tables(a.voices, a.article_ids)


def framing_stage(a: Analysis) -> Tables:
    tables = framing_tables(a.term_hits, a.loaded_terms, a.name_hits, a.naming_concepts, a.keyness.result(),
                            a.outlets)
    return {**tables, "substitutions.csv": substitutions_table(a.substitutions, a.article_ids)}


def coverage_stage(a: Analysis) -> Tables:
    return coverage_tables(a.coverage, a.articles, a.voices, a.engine,
                           credits=[list(a.findings[article].credits) for article in a.article_ids],
                           overlap=a.shingle_overlap.result())


@dataclass(frozen=True)
class Stage:
    name: str
    tables: Callable[[Analysis], Tables]
    done_with: tuple[str, ...] = ()  # results of the Analysis no later stage needs
    ahead: tuple[str, ...] = ()  # results it needs that no earlier stage touches: computed while those run


STAGES = (
    Stage("text", text_stage),
    Stage("quotes", quotes_stage, ("quotes",)),
    Stage("voice", voice_stage),
    Stage("framing", framing_stage,
          ("term_hits", "name_hits", "naming_concepts", "substitutions", "ngrams", "keyness"),
          ahead=("aligned_claims", "keyness", "shingle_overlap", "coverage", "substitutions", "name_hits")),
    # keyness and the 5-gram overlap are single long tasks, started once the claims are grouped, when the
    # workers have little else to do; a single background task never takes the last idle worker
    # (`Engine.background`), so sending the overlap waits for keyness to finish
    Stage("coverage", coverage_stage, ("shingle_overlap",)),
)


def iter_tables(analysis: Analysis, progress: Callable[[str], None] | None = None, release: bool = False
                ) -> Iterator[tuple[str, pd.DataFrame]]:
    """(file name, table) of every stage, in pipeline order; `progress` is told each stage's name as it starts.
    With `release`, what a stage was the last to need is forgotten after it (`Analysis.release`), so a caller
    writing each table as it comes holds one stage's tables at a time, not all of them.

    When the engine's maps run in other processes (`engine.parallel`), a second thread computes each stage's
    `ahead` results from the start, while the stages before it run: one chain's work here overlaps the
    other's on the workers, where it takes only the workers the first chain leaves idle (`engine.background`).
    The tables are the same: each result is a pure function of the findings."""
    with ThreadPoolExecutor(1, thread_name_prefix="retold-ahead") as background:
        ahead = {}
        if analysis.engine.parallel:
            ahead = {stage.name: background.submit(_compute, analysis, stage.ahead) for stage in STAGES if stage.ahead}
        for stage in STAGES:
            if stage.name in ahead:
                ahead.pop(stage.name).result()
            if progress:
                progress(stage.name)
            yield from stage.tables(analysis).items()
            if release:
                analysis.release(*stage.done_with)
                trim_freed_memory()


SUBMITTED = ("keyness", "shingle_overlap")  # results that are a task sent with `Engine.submit`


def _compute(analysis: Analysis, results: tuple[str, ...]) -> None:
    """Compute results ahead, in the background; a submitted task only where it runs elsewhere (the Dask engine
    submits on the driver: computed ahead, its big result would be held there beside the quotation stages)."""
    with analysis.engine.background():
        for result in results:
            if not (result in SUBMITTED and analysis.engine.submits_here):
                getattr(analysis, result)


def build_tables(analysis: Analysis, progress: Callable[[str], None] | None = None) -> Tables:
    """Every table of every stage, in pipeline order; `progress` is told each stage's name as it starts."""
    return dict(iter_tables(analysis, progress))
