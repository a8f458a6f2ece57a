"""Framing: loaded terms and whose words they are, the naming map, distinctive words, concordances.

`lexicon` loads and validates the lexicons (data, not code) and matches their entries;
`terms` finds loaded terms with the voice of their span; `naming` counts the labels
outlets use for one thing; `keyness` finds each article's distinctive words;
`concordance` shows any term in context.
"""

from .concordance import ArticleTexts, concordance, dispersion, term_regex
from .keyness import keyness, log_odds_z, ngram_counts
from .lexicon import LexiconError, load_loaded_terms, load_naming, longest_matches
from .naming import naming_counts, naming_hits, naming_map
from .tables import framing_tables
from .terms import category_voice_counts, loaded_term_hits, loaded_terms_table

__all__ = [
    "ArticleTexts", "LexiconError", "category_voice_counts", "concordance", "dispersion", "framing_tables",
    "keyness", "load_loaded_terms", "load_naming", "loaded_term_hits", "loaded_terms_table", "log_odds_z",
    "longest_matches", "naming_counts", "naming_hits", "naming_map", "ngram_counts", "term_regex",
]
