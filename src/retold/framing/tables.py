"""loaded_terms.csv, naming.csv and keyness.csv."""

from __future__ import annotations

import pandas as pd

from ..model import NameHit, TermHit
from .lexicon import LoadedTermsLexicon, NamingConcept
from .naming import naming_counts
from .terms import loaded_terms_table


def framing_tables(term_hits: list[TermHit], lexicon: LoadedTermsLexicon, name_hits: list[NameHit],
                   concepts: tuple[NamingConcept, ...], keyness: pd.DataFrame, outlets: dict[str, str]
                   ) -> dict[str, pd.DataFrame]:
    """loaded_terms.csv, naming.csv and keyness.csv."""
    return {
        "loaded_terms.csv": loaded_terms_table(term_hits, lexicon, outlets),
        "naming.csv": naming_counts(name_hits, concepts, outlets),
        "keyness.csv": keyness,
    }
