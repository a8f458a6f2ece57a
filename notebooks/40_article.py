# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     notebook_metadata_filter: retold
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   retold:
#     reads:
#     - changes
#     - claims
#     - coverage
#     - furniture
#     - loaded_terms
#     - quotes
#     - voice
# ---

# %% tags=["parameters"]
corpus = ""
report_dir = "../reports"
lexicon = ""
naming = ""
speakers = ""
article = ""

# %%
from IPython.display import HTML, Markdown, display

from retold.config import default_corpus
from retold.view import readings
from retold.view.markup import article_changes_html, corpus_speaker_colors, marked_article_html, spans_from_tables
from retold.view.notebook import open_report

report = open_report(corpus or default_corpus(), report_dir, lexicon, naming, speakers)
article = article or report.article_ids[0]
names = report.outlets
claims, gaps, changes = report.tables["claims"], report.tables["coverage"], report.tables["changes"]
display(Markdown(readings.heading(1, f"One article: {names[article]}")))

# %% [markdown]
# This page shows one article in full, with what the analysis found in it marked in the text, and then how it
# compares with the other articles of the corpus: what only it says, what it leaves out that most others carry, and
# where its wording of a shared claim differs in a way that may change the meaning.

# %%
display(HTML(readings.article_facts_html(report.corpus.article(article))))

# %% [markdown]
# ## The article with its marks
#
# How to read it (the legend beside the text shows each style): a **tinted background with a coloured underline** is
# a quotation, the speaker's own words; each speaker keeps one colour and line style on every page of the report.
# *Italic text with a grey dotted underline* is reported speech: words attributed to someone without quotation marks.
# A **box** is a loaded term. **Struck-out grey** text is page furniture (menus, captions, links, comment forms), which
# is left out of every count. Hover over a mark, or click it, to see its speaker, voice and category.
#
# *Limits:* the speaker of a quotation without a reporting clause is a best guess from the sentences around it, and
# the loaded-term lexicon only finds the terms it lists.

# %%
spans, notes = spans_from_tables(report.tables, article)
for note in notes:
    display(Markdown(readings.note(note)))
display(HTML(marked_article_html(report.text(article), spans, colors=corpus_speaker_colors(report.tables),
                                 margin=True)))

# %% [markdown]
# ## Compared with the other articles
#
# The claims come from the coverage analysis (see the coverage notebook for the method and its limits). A claim is a
# sentence, or the group of sentences in different outlets that say the same thing.

# %%
display(Markdown(readings.article_coverage_sentence(claims, gaps, article)))

# %% [markdown]
# ### Only in this article (additions)
#
# Claims no other article carries: the outlet's own reporting, context it chose to add, or a sentence the method could
# not align with another outlet's version.

# %%
added = gaps[(gaps["article"] == article) & (gaps["kind"] == "addition")]
if len(added):
    report.show(added[["claim", "text"]].rename(columns={"claim": "Claim", "text": "Sentence"}))
else:
    display(Markdown("*Every claim of this article is also carried by another outlet.*"))

# %% [markdown]
# ### Left out (omissions)
#
# Claims that more than half of the other articles carry and this one lacks, with the outlets that carry them.

# %%
omitted = gaps[(gaps["article"] == article) & (gaps["kind"] == "omission")]
if len(omitted):
    who = claims.groupby("claim")["article"].agg(lambda s: ", ".join(names[a] for a in sorted(set(s))))
    shown = omitted.assign(carried=omitted["claim"].map(who))[["claim", "text", "carried"]]
    shown.columns = ["Claim", "Sentence (as one outlet has it)", "Carried by"]
    report.show(shown)
else:
    display(Markdown("*This article leaves out no claim that most other outlets carry.*"))

# %% [markdown]
# ### Shared claims worded differently
#
# Each pair shows this article's sentence (left) and another outlet's version (right), with the differing words
# highlighted and the kinds of change flagged. Close renderings (similarity at least 0.55) come first. The flags are
# cues for close reading, not verdicts.

# %%
pairs_html = article_changes_html(changes, article, names)
display(HTML(pairs_html) if pairs_html else Markdown("*No shared claim with a flagged difference.*"))

# %% [markdown]
# ## Questions
#
# 1. Which of the additions are reporting and which are comment or context? Would a reader miss them?
# 2. Look at the omissions. Do they have something in common (a speaker, a side, an inconvenient fact)?
# 3. In the marked text, whose words are quoted and whose are only paraphrased? How much of the article is in the
#    outlet's own voice?
