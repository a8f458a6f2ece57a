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
# This guide introduces the ideas the report uses, each with an example taken live from this corpus, then gives a
# lesson plan, exercises and discussion questions. It is the first page to open before class.
#
# **Editions.** Every notebook comes in three editions: the *reading* edition for students (no code, no answers), the
# *teacher* edition (no code, with answers), and the *code* edition (everything, for researchers). Answers live in
# notebook cells tagged `answer`; only the teacher and code editions show them. To add your own answer to any
# notebook, add a cell and give it the tag `answer` in JupyterLab (`make lab`), then rebuild with `make report`.

# %% tags=["parameters"]
corpus = "../data/corpora/kremlin-talks-2022-12-02"
report_dir = "../reports"
lexicon = ""
naming = ""
speakers = ""

# %%
from IPython.display import HTML, Markdown, display

from retold.view import guide, readings
from retold.view.notebook import open_report

report = open_report(corpus, report_dir, lexicon, naming, speakers)
tables = report.tables
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
# A *loaded term* carries a judgement ("regime" instead of "government", "special military operation" instead of
# "war"). What matters is *who* uses it. The same word can be the outlet's own choice, or it can sit inside a
# quotation of an official. The report tags every loaded term with its *voice*: **author** (the outlet's narration),
# **quoted** (inside quotation marks) or **attributed** (reported speech: "X said that…").

# %%
pair = guide.loaded_term_in_two_voices(tables)
if pair:
    for example in pair:
        display(HTML(report.example_html(example)))
else:
    display(Markdown("In this corpus no loaded term appears both in an outlet's own voice and in a source's voice."))

# %% [markdown]
# ## 3. Naming
#
# Names are choices too: *Kyiv* (the Ukrainian spelling) or *Kiev* (the Russian-derived one), "the annexed
# regions" or "the new territories". The table counts, for the concept whose labels vary most in this corpus, which
# label each outlet uses.

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
# News text mixes the outlet's narration with what sources said. *Attribution* ("according to the Kremlin",
# "Peskov said that…") tells the reader the claim is someone else's. When a rewrite drops the attribution, a source's
# claim becomes the outlet's own statement. Here is one passage of reported speech and one quotation from the corpus.

# %%
for voice in ("attributed", "quoted"):
    example = guide.example_of_voice(tables, voice)
    if example:
        display(HTML(report.example_html(example)))

# %% [markdown]
# ## 5. Partial quotes and scare quotes
#
# A *partial quote* lifts a few words from a source into the writer's own sentence: Putin called the West's line
# "destructive". It can be faithful, but the writer chooses which words, and quotation marks around a single phrase
# can also signal distance or doubt ("scare quotes").

# %%
example = guide.partial_quote(tables)
if example:
    display(HTML(report.example_html(example)))
else:
    display(Markdown("No partial quotation was found in this corpus."))

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
# ## Lesson plan (45–90 minutes)
#
# 1. **Warm-up (5 min).** Show only the five headlines (corpus notebook). Ask: same event? What differs?
# 2. **Loaded words (10–15 min).** Framing notebook: the heatmap of loaded terms by outlet and voice. Students pick
#    one term and find it in two outlets with the concordance lines: whose words are they?
# 3. **Names (5–10 min).** Framing notebook, naming map: Kyiv or Kiev, Scholz or Schultz. What does a spelling
#    choice tell you about the source an outlet used?
# 4. **Quotes (10–15 min).** Quotes notebook: the same statement in several wordings, differences highlighted.
#    Which outlet's version would you trust, and why?
# 5. **Coverage (10–15 min).** Coverage notebook: which claims did each outlet drop or add; the rewrites that flip
#    meaning.
# 6. **Exercise (10–20 min).** The exercises below, in pairs, with the per-article pages.
# 7. **Wrap-up (5 min).** One sentence each: what will you check next time you read a rewritten story?
#
# For a 45-minute lesson, do steps 1, 2, 4 and 7 and give one exercise as homework.

# %% [markdown]
# ## Exercises
#
# Each exercise is followed by its answer, computed from this corpus (teacher and code editions only).
#
# **1.** Find a sentence where a claim that one outlet attributes to a source becomes another outlet's own words.

# %% tags=["answer"]
display(Markdown(guide.credit_answer(tables, report.outlets)))
for _, row in guide.meaning_changes(tables, "attribution").head(2).iterrows():
    display(HTML(report.pair_html(row)))

# %% [markdown]
# **2.** Pick one loaded term that appears in an outlet's own voice. Rewrite the sentence with the neutral alternative
# the lexicon suggests. Does the sentence still say the same thing?

# %% [markdown] tags=["answer"]
# **Answer 2.** Usually not quite: the neutral word removes a judgement the outlet made. Ask students whether the
# judgement was reported (someone's view) or asserted (the outlet's).

# %% [markdown]
# **3.** Find a quotation that changed meaning between two outlets (not only its wording).

# %% tags=["answer"]
display(Markdown(guide.changed_quotation_answer(tables, report.outlets)))

# %% [markdown]
# **4.** Which two articles were most likely written from the same agency copy? What is your evidence?

# %% tags=["answer"]
reuse = guide.strongest_reuse(tables)
if reuse is not None:
    display(Markdown(f"**Answer 4.** {readings.strongest_reuse_sentence(reuse, report.outlets)} Together with the "
                     "sources each credits (corpus notebook), this is evidence of a common source, not proof: both may "
                     "quote the same statement."))
else:
    display(Markdown("**Answer 4.** No two articles share wording in this corpus."))
