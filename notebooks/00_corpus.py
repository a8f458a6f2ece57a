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
# # The corpus: what was collected, and what the sites wrapped around it
#
# Before comparing how outlets framed the story, look at what is being compared: which outlets, how long each
# article is, which news agencies each one says it took the story from, and which parts of each web page are not the
# story at all (menus, captions, links to other articles, comment forms).

# %% tags=["parameters"]
corpus = "../data/corpora/kremlin-talks-2022-12-02"
report_dir = "../reports"
lexicon = ""
naming = ""
speakers = ""

# %%
from IPython.display import HTML, Markdown, display

from retold.view.notebook import open_report

report = open_report(corpus, report_dir, lexicon, naming, speakers)

# %%
from retold.view import readings

corpus = report.corpus
display(Markdown(readings.corpus_overview(corpus)))

# %% [markdown]
# ## Articles
#
# One row per article. *Words* and *sentences* count the headline and the body, after page furniture was set aside.
# *Credited sources* are the wire services or state agencies the article itself names (taken from the text, recorded
# in `corpus.yml`).

# %%
from retold.view import plots, summaries

articles = report.tables["articles"]
report.show(summaries.articles_overview(articles, report.outlets))

# %%
fig = plots.article_lengths(articles, report.outlets, report.colors)

# %% [markdown]
# *Figure: body length per outlet. Look at the spread: a long article had room to keep context (who said what, to
# whom) that a short one dropped.*

# %% [markdown]
# ## Page furniture
#
# A web page is more than its article. These lines were found by general rules (line shape, position, cue words such
# as "Leave a Reply" or "Read more", repetition of the headline, photo credits) and set aside before any analysis.
# They tell you something about the site: a comment form and links to unrelated articles point to a blog or content
# site; a list of alternate web addresses points to a broadcaster whose main site may be blocked in some countries.
#
# *What the rules cannot see:* furniture printed inside a paragraph, or an unusual line that looks like prose, stays in
# the body; a very short real paragraph can be mistaken for a label. Check the list below against the articles.

# %%
furniture = report.tables["furniture"]
if len(furniture):
    fig = plots.furniture_by_kind(furniture, report.outlets, report.article_ids)
else:
    display(Markdown("No page furniture was found in this corpus."))

# %% [markdown]
# *Figure: lines set aside per outlet, by kind. Sites that wrap the story in many lines of navigation, links and forms
# are usually aggregators or blogs rather than newsrooms.*

# %%
report.show(summaries.furniture_list(furniture, report.outlets))

# %% [markdown]
# ## Provenance: who took the story from whom
#
# Each article names some of its sources in the text ("Reuters, December 2, Moscow", "citing RIA Novosti",
# "quoted by Bloomberg news agency", "(Reuters photo)"). The table marks which agency each outlet credits. Two
# articles crediting the same agency may descend from the same wire copy; the coverage notebook tests that against the
# words they share. An outlet that credits nobody may still have copied an agency.

# %%
matrix = summaries.credits_matrix(corpus, report.outlets)
if matrix is None:
    display(Markdown("No article in this corpus credits a source in `corpus.yml`."))
else:
    report.show(matrix)

# %% [markdown]
# ### Notes on each article
#
# What a reader should know about each text: where its metadata comes from, and the traces that translation or
# rewriting left in it.

# %%
display(Markdown(readings.article_notes(corpus, report.outlets)))

# %% [markdown]
# ## Questions for discussion
#
# 1. Which outlets name where their story came from, and which do not? Why might an outlet not say?
# 2. Look at the page furniture of each site. What does it tell you about the kind of site that published the article?
# 3. The longest and the shortest article tell the same event. What could the shorter one have left out? (The
#    coverage notebook answers this with evidence.)

# %% [markdown] tags=["answer"]
# **Answers (teacher edition).** 1: Outlets that rewrite agency copy often drop or hide the credit; a credit such as
# "citing RIA Novosti" or "quoted by Bloomberg" also tells you which side's agency the outlet relied on. 2: Comment
# forms, unrelated "See also" links and lists of alternate addresses reveal blogs, content farms and state
# broadcasters. 3: Compare the claim coverage matrix in the coverage notebook.
