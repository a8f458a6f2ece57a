"""Quotations, reported speech and their speakers; the same utterance aligned across outlets.

The stages, in the order they run on one article: `marks` (where quotations open and
close), `cues` (reporting verbs and the speakers they name, with `speakers` and
`scan`), `direct` (quotations inside marks and who said them), `reported` (speech
without marks). `extract` runs them; `corpus` runs every article and `align` groups
renderings of one utterance across outlets; `tables` writes the records out.
"""

from .align import QuoteLink, QuotePair, align, align_with_links, same_voice
from .corpus import CorpusQuotes, corpus_quotes
from .direct import DIRECT, PARTIAL, QUOTE_KINDS, REPORTED, UNMARKED
from .extract import extract_article, quotes_in_text, reported_in_text
from .speakers import Speaker, SpeakerBook, load_speakers, speakers_from_entries
from .tables import quote_tables

__all__ = [
    "DIRECT", "PARTIAL", "QUOTE_KINDS", "REPORTED", "UNMARKED", "CorpusQuotes", "QuoteLink", "QuotePair", "Speaker", "SpeakerBook",
    "align", "align_with_links", "corpus_quotes", "extract_article", "load_speakers", "quote_tables", "quotes_in_text",
    "reported_in_text", "same_voice", "speakers_from_entries",
]
