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
# # Teacher's guide: framing, voice and reuse in one news story
#
# This guide introduces the ideas the report uses, each with an example taken live from this corpus, then gives
# timed lesson plans, exercises and discussion questions. It is the first page to open before class.
#
# **Editions.** Every notebook comes in three editions: the *reading* edition for students (no code, no answers), the
# *teacher* edition (no code, with answers), and the *code* edition (everything, for researchers). Answers live in
# notebook cells tagged `answer`; only the teacher and code editions show them, each right after its exercise. To add
# your own answer to any notebook, add a cell and give it the tag `answer` in JupyterLab (`make lab`), then rebuild
# with `make report`. For class, the command `make handout` prints a short handout (the articles with their marks,
# two figures, a worksheet) and a separate answer key.
#
# ## Learning objectives
#
# By the end of the lesson students can:
#
# * tell the outlet's own words from quoted and from reported speech, and say why the difference matters;
# * spot a loaded term and name a more neutral alternative;
# * compare how outlets name the same thing, and what a name can reveal about a source;
# * follow one statement through several outlets and judge which rendering is faithful;
# * find what an outlet left out or added, and a rewrite that changed the meaning of a claim;
# * check a claim against its evidence (article and character offsets) instead of trusting a count.

# %% tags=["parameters"]
corpus = ""
report_dir = "../reports"
lexicon = ""
naming = ""
speakers = ""

# %%
from IPython.display import HTML, Markdown, display

from retold.view import guide, lesson, readings
from retold.config import default_corpus
from retold.view.notebook import open_report

report = open_report(corpus or default_corpus(), report_dir, lexicon, naming, speakers)
tables = report.tables
shown = []  # examples already shown: each section quotes a sentence no other section uses
display(Markdown(readings.corpus_line(report.corpus, report.outlets)))

# %% [markdown]
# ## 1. Framing
#
# To *frame* a story is to choose what to stress, which words to use, whose account to give and what to leave out.
# Two outlets can report the same facts and still tell different stories. This report looks at four visible traces
# of framing: loaded words, names, voices (who is speaking) and what each outlet kept or dropped.

# %% [markdown]
# ## 2. Loaded language — and whose words they are
#
# A *loaded term* carries a judgement ("regime" instead of "government", "riot" instead of "protest"). What matters
# is *who* uses it. The same word can be the outlet's own choice, or it can sit inside a quotation of an official.
# The report tags every loaded term with its *voice*: **author** (the outlet's narration), **quoted** (inside
# quotation marks) or **attributed** (reported speech: "X said that…").

# %%
pair = guide.loaded_term_in_two_voices(tables, avoid=shown)
if pair:
    for example in pair:
        shown.append(example)
        display(HTML(report.example_html(example)))
else:
    display(Markdown("In this corpus no loaded term appears both in an outlet's own voice and in a source's voice."))

# %% [markdown]
# ## 3. Naming
#
# Names are choices too: the spelling of a place, the title given to a person, the word for a group or an event. A
# name can show whose account an outlet follows, or which source it copied. The table counts, for the concept whose
# labels vary most in this corpus, which label each outlet uses.

# %%
varied = guide.most_varied_concept(tables)
if varied:
    concept, counts = varied
    display(Markdown(readings.concept_heading(concept)))
    report.show(counts.rename(columns=report.outlets).reset_index().rename(columns={"label": "Label"}))
else:
    display(Markdown("No naming concept has more than one label in use in this corpus."))

# %% [markdown]
# ## 4. Voice and attribution
#
# News text mixes the outlet's narration with what sources said. *Attribution* ("according to the ministry",
# "the spokesman said that…") tells the reader the claim is someone else's. When a rewrite drops the attribution, a
# source's claim becomes the outlet's own statement. Here is one passage of reported speech and one quotation from the
# corpus, from sentences not shown above.

# %%
for voice in ("attributed", "quoted"):
    example = guide.example_of_voice(tables, voice, avoid=shown)
    if example:
        shown.append(example)
        display(HTML(report.example_html(example)))

# %% [markdown]
# ## 5. Partial quotes and scare quotes
#
# A *partial quote* lifts a few words from a source into the writer's own sentence: the minister called the plan
# "reckless". It can be faithful, but the writer chooses which words, and quotation marks around a single phrase can
# also signal distance or doubt ("scare quotes").

# %%
example = guide.partial_quote(tables, avoid=shown)
if example:
    shown.append(example)
    display(HTML(report.example_html(example)))
else:
    display(Markdown("No partial quotation was found in this corpus outside the sentences shown above."))

# %% [markdown]
# ## 6. Text reuse and rewriting
#
# Most online news is rewritten from a few agency reports. Where two outlets share long runs of identical words they
# probably started from the same copy; where that copy was translated or paraphrased, meaning can slip. The coverage
# notebook measures reuse and flags rewrites that change meaning (a negation lost, a "must" that became "may", a
# claim that lost its attribution).

# %%
reuse = guide.strongest_reuse(tables)
if reuse is not None:
    display(Markdown(readings.strongest_reuse_sentence(reuse, report.outlets)))
flips = guide.meaning_changes(tables, "negation")
if len(flips):
    display(Markdown("A rewrite that flips polarity:"))
    display(HTML(report.pair_html(flips.iloc[0])))

# %% [markdown]
# ## What the methods cannot see
#
# Everything in this report is found by rules and word lists, and every count links back to the exact characters it
# counts so you can check it. The lexicon finds only the terms it lists; voice detection follows quotation marks and
# reporting verbs, so a claim smuggled in without either is read as the outlet's own; sentence alignment finds
# rewrites that keep some words, not a claim re-expressed in entirely new words. Treat the figures as leads to read,
# not verdicts.

# %% [markdown]
# ## Lesson plans: 45, 60 and 90 minutes
#
# Each plan uses only what this corpus holds (a step with nothing to show is left out and its minutes go to the
# exercises), and its steps add up to its length. For a 45-minute lesson, give the remaining exercises as homework.

# %%
for minutes in lesson.PLAN_LENGTHS:
    display(Markdown(lesson.plan_markdown(minutes, tables, report.outlets)))

# %% [markdown]
# ## Exercises
#
# In the teacher edition each exercise is followed by its answer, computed from this corpus.
#
# **1.** Find a sentence where a claim that one outlet attributes to a source becomes another outlet's own words.

# %% tags=["answer"]
display(Markdown(guide.credit_answer(tables, report.outlets)))
for _, row in guide.meaning_changes(tables, "attribution").head(2).iterrows():
    display(HTML(report.pair_html(row)))

# %% [markdown]
# **2.** Pick one loaded term that appears in an outlet's own voice. Rewrite the sentence with the neutral alternative
# the lexicon suggests. Does the sentence still say the same thing?

# %% tags=["answer"]
display(Markdown(guide.neutral_answer(tables, report.outlets)))

# %% [markdown]
# **3.** Find a quotation that changed meaning between two outlets (not only its wording).

# %% tags=["answer"]
display(Markdown(guide.changed_quotation_answer(tables, report.outlets)))

# %% [markdown]
# **4.** Which two articles were most likely written from the same agency copy? What is your evidence?

# %% tags=["answer"]
display(Markdown(guide.reuse_answer(tables, report.outlets)))
