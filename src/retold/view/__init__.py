"""What readers see: notebook helpers, figures, marked-up articles, concordance tables, findings, guide examples.

All HTML and all colours live here; every value from a corpus or lexicon is escaped
before it reaches a page.
"""
