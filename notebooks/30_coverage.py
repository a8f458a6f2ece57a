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
# ---

# %% [markdown]
# # Coverage: what each outlet kept, dropped, added and changed
#
# Rewrites of the same wire story keep some sentences, drop others, add their own, and sometimes change what a
# sentence says while keeping most of its words. This notebook lines up the sentences of all articles, groups the
# sentences that carry the same statement into **claims**, and shows which outlet carries which claim, what each
# outlet adds or leaves out, and where a rewrite changed the meaning. It also measures how much wording articles share
# and which agencies they credit, as evidence of a common source.

# %% tags=["parameters"]
corpus = ""
report_dir = "../reports"
lexicon = ""
naming = ""
speakers = ""

# %%
from IPython.display import HTML, Markdown, display

from retold.view import plots, readings, summaries
from retold.view.markup import diff_html, diff_legend_html
from retold.config import default_corpus
from retold.view.notebook import open_report

report = open_report(corpus or default_corpus(), report_dir, lexicon, naming, speakers)
claims = report.tables["claims"]
changes = report.tables["changes"]
reuse = report.tables["reuse"]
sources = report.tables["sources"]
gaps = report.tables["coverage"]
names = report.outlets

# %% [markdown]
# ## How it works, and what it cannot see
#
# * Each body sentence (headline and page furniture left out) is compared with the sentences of the other articles.
#   An index of content words proposes candidates, so the method does not compare every sentence with every other.
#   A candidate pair's **similarity** (0 to 1) combines shared content words, counted after reducing words to their
#   stems ("negotiations" and "negotiate" match), with shared letter sequences, which match spelling variants such as
#   "recognise" and "recognize".
# * Two sentences are **aligned** when they are similar enough and one is the best match of the other. Aligned
#   sentences form a **claim**. A claim holds at most one sentence per outlet.
# * *Limits:* the unit is the sentence. A clause added inside a shared sentence ("..., but the West had to accept
#   the city's demands") does not appear as an addition. A free translation that shares few words can be missed. Two
#   sentences on the same topic that say different things can be aligned when they share many names. Read the
#   sentences before drawing conclusions.

# %% [markdown]
# ## Shared wording: who took the story from whom
#
# The first map shows, for each pair of articles, the share of article **a**'s body (row) whose exact five-word
# sequences also appear in article **b** (column). Copied wire copy shows up here. Light editing keeps many five-word
# runs; a translation or a paraphrase keeps few. The second map is looser. It shows the share of a's sentences (by
# length) that are aligned with some sentence of b, so it also counts paraphrase.

# %%
fig = plots.reuse_heatmap(reuse, names, report.article_ids, "shared")

# %% [markdown]
# *Figure: exact shared wording. Read along a row: how much of that outlet's text is found word for word in each
# other outlet. The map is not symmetric: a short article can be mostly contained in a long one.*

# %%
fig = plots.reuse_heatmap(reuse, names, report.article_ids, "aligned_share",
                          "Shared content: share of each article's sentences aligned with another")

# %%
display(Markdown(readings.closest_wording_sentence(reuse, names)))

# %% [markdown]
# ### Sources credited in the text
#
# Agencies named in each article, with the words that credit them ("citing", "quoted by", a dateline such as
# "LONDON, May 4 (Reuters)", a photo credit). A photo credit names the agency that took a picture, which is not
# necessarily the source of the text. *Limits:* only a fixed list of agencies is searched (see `AGENCIES` in
# `retold/coverage/sources.py`). An outlet may copy an agency without naming it, and "mention" means the name appears
# without a crediting cue.

# %%
if len(sources):
    report.show(summaries.source_credits(sources, {a: report.text(a) for a in report.article_ids}, names))
    display(Markdown(readings.credits_list(sources, names)))
else:
    display(Markdown("No agency from the list is named in any article."))

# %% [markdown]
# ## Who carries which claim
#
# Each row is a claim found in at least two outlets, labelled by the sentence that is most typical of it. A dot means
# the outlet carries the claim. Rows near the top are carried by most outlets, the core of the story. Look for gaps in
# a column, and for claims only the outlets sharing a source carry.

# %%
if (claims["outlets"] >= 2).any():
    fig = plots.claim_matrix(claims, names, report.article_ids, report.colors)
else:
    display(Markdown("No claim is carried by two or more outlets in this corpus."))

# %%
if (claims["outlets"] >= 2).any():
    report.show(plots.claim_table(claims), caption="The claims in the chart, with their full sentences")

# %%
report.show(summaries.coverage_summary(claims, gaps, names))

# %% [markdown]
# ## Additions and omissions per outlet
#
# An **addition** is a claim only this outlet carries. It may be the outlet's own reporting, context it chose to
# give, or a sentence the method failed to align. An **omission** is a claim that more than half of the *other*
# outlets carry and this one lacks. Omissions are most telling when an outlet keeps the sentences around the missing
# one, because then it was probably cut on purpose.

# %%
for article in report.article_ids:
    mine = gaps[gaps["article"] == article]
    display(Markdown(readings.heading(3, names[article])))
    added = mine[mine["kind"] == "addition"]
    omitted = mine[mine["kind"] == "omission"]
    if len(added):
        report.show(added[["claim", "text"]].rename(columns={"claim": "Claim", "text": "Only in this outlet"}))
    else:
        display(Markdown("*No claim carried by this outlet alone.*"))
    if len(omitted):
        report.show(omitted.assign(carried=omitted["carried_by"].astype(str) + " outlets")[["claim", "text", "carried"]]
                    .rename(columns={"claim": "Claim", "text": "Carried by most others, missing here",
                                     "carried": "Carried by"}))
    else:
        display(Markdown("*No omission: every claim most others carry is here.*"))

# %% [markdown]
# ## Changes that may alter meaning
#
# For aligned sentences of one claim, the pairs below differ in ways that can change what is claimed. A pair is a
# **close rewrite** when it rewrites one sentence: similarity at least 0.55 and at least half of the shorter
# sentence's content words (names aside) found in the other. Only close rewrites count: a looser pair of related
# sentences is shown last, to check, because its differences are often just different content.
#
# Flags: **negation** (inside the words that differ, a "not", "never", "no" or "impossible" added or dropped, or a
# negative word such as "reject" swapped for a positive one; "would not accept" and "would reject" keep polarity),
# **modality** (will / can / may / must / should changed), **number** (numbers or dates differ), **entity** (a
# different name), **intensity** (a word of strong feeling swapped, such as devastating / destructive, judged with
# the VADER word list, or an intensifier such as "very" or "always" added or dropped), **attribution** (one sentence
# credits a source, through a quotation or reported speech, and the other states the claim in the outlet's own
# voice; two outlets crediting two different names is not flagged), **spelling** (the same name spelled
# differently). Flags are cues to read closely, not verdicts: a change outside these kinds (a different verb, a
# weaker word with no strong feeling, such as "impeding" for "prevented") gets no flag.

# %%
flagged = summaries.flagged_changes(changes)
counts = summaries.change_flag_counts(flagged)
display(Markdown(readings.changes_overview(changes, flagged, counts)))
display(HTML(diff_legend_html()))
LIMIT = 25
for row in flagged.head(LIMIT).itertuples():
    note = (f"{row.claim} · flags: {row.flags.replace(';', ', ')} · similarity {row.similarity:.2f}"
            + (" · close rewrite" if row.close else " · related pair, to check"))
    display(HTML(diff_html(row.text_a, row.text_b, names[row.article_a], names[row.article_b], note=note)))
if len(flagged) > LIMIT:
    display(Markdown(readings.more_in_table(len(flagged) - LIMIT, "flagged pair", "tables/changes.csv")))

# %% [markdown]
# ## A short reading

# %%
display(Markdown(readings.coverage_reading(claims, gaps, changes, flagged, reuse, names)))

# %% [markdown]
# **Caveats.** Shared wording shows a common origin, not who copied whom. The method cannot see which article was
# published first. Claims are built from sentences, so a changed clause inside a shared sentence shows only as a flag,
# and a loose translation may not be aligned at all. Additions can be real reporting or context the outlet chose to
# add, or a sentence the method failed to align.
#
# ## Discussion questions
#
# 1. Which two outlets share the most wording? Using the sources table, which agency copy do they probably come from?
#    Does either outlet say so?
# 2. Pick one omission. Read the sentences around the place where the claim would be. Was it cut for length, or does
#    leaving it out change the story?
# 3. Look for a negation flag (if there is none, a modality or number flag). Did the rewrite reverse the meaning, or
#    only reword it? How could such an error happen in copying or translation?
# 4. Where does an outlet state as fact something another outlet attributes to a speaker? Why does that matter to a
#    reader?

# %% tags=["answer"]
display(Markdown(readings.coverage_teacher_notes(flagged, reuse, sources, names)))
