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
# # Quotations: who is quoted, in whose words, and how the same words change
#
# News about a statement is built from quotations. This notebook lists every quotation in every article with its
# speaker, shows who gets a voice in each outlet, and puts the renderings of the *same* utterance side by side, so you
# can see exactly which words an outlet changed, dropped or added, and whether a change alters the meaning.

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
from retold.view import plots, readings, summaries
from retold.view.markup import utterance_group_html

quotes = report.tables["quotes"]
pairs = report.tables["quote_pairs"]
voices = report.tables["voices"]
display(Markdown(readings.quotations_overview(quotes, len(report.article_ids))))

# %% [markdown]
# ## Every quotation, outlet by outlet
#
# *Kind*: **direct** is a whole utterance in quotation marks; **partial** is a fragment or scare quote inside the
# writer's own sentence ("the new areas", “destructive”); **unmarked** is first-person speech printed without quotation
# marks but with a reporting clause ("..., Peskov told reporters."). *Cue* is the reporting verb. *How attributed*
# says where the speaker comes from: a reporting **clause** in the sentence, **according** to X, a **pronoun** ("he
# added") resolved to the last speaker, or a guess: **carried** over from the previous quotation or sentence, or the
# **subject** of the sentence. Guesses are where to check the article yourself. The *utterance* id links renderings of
# the same statement across outlets (see below).

# %%
for article in report.article_ids:
    rows = summaries.quotations_of(quotes, article)
    display(Markdown(readings.heading(3, f"{report.outlets[article]}: {len(rows)} quotations")))
    if len(rows):
        report.show(rows)

# %% [markdown]
# ### Reported speech
#
# Outlets also report what someone said without quotation marks ("Peskov said Putin remained open to negotiations",
# "according to the Kremlin, ..."). These passages are the speaker's claims in the outlet's words. They are listed
# here because they often carry the same statement as another outlet's quotation.

# %%
report.show(summaries.reported_speech(quotes, report.outlets))

# %% [markdown]
# ## Who gets a voice
#
# The left panel counts the words inside quotations per outlet, coloured by the speaker's side (from the speakers
# lexicon); the right panel counts the words of reported speech. Compare the length of the bars (how much of the
# article is given to other people's words) and their colours (whose words).

# %%
fig = plots.voice_share(voices, report.outlets, report.article_ids)

# %% [markdown]
# *Figure: quoted and reported words by the speaker's side. A speaker not in the lexicon counts as "unknown".*
#
# The table gives the same counts per speaker: quotations and their words, then reported passages and their words.

# %%
report.show(summaries.voices_by_speaker(voices, report.outlets))

# %% [markdown]
# ## The same utterance, outlet by outlet
#
# Quotations and reported passages were grouped when they render the same statement: a text index proposes candidate
# pairs from different articles, a similarity score (shared content words and shared letter sequences) keeps the
# close ones, and groups only merge when their members are close on average and the speakers are on the same side.
# A group holds renderings of one statement: two tight groups of different statements on one topic stay apart even
# when some of their members look alike. A short scare quote that another outlet's longer quotation prints word for
# word is not merged into that statement's group; it is listed below as a fragment that is *part of* it.
#
# In each group the *reference* is the first full quotation in corpus order (or the first rendering, if no outlet
# quotes the statement in full); every other rendering is shown against it:
# <ins style="background:#d6eaf8;text-decoration:underline;">underlined on blue</ins> are words the outlet has
# and the reference lacks, <del style="background:#fbe3d4;text-decoration:line-through;">struck through on
# orange</del> are the reference's words it dropped or replaced. The flags name changes that can alter meaning:
# **negation** (not, never, impossible), **modality** (will / would / must / can), **number**, **entity** (a name in
# one rendering only), **spelling** (Kyiv/Kiev, Scholz/Schultz), **intensity** (devastating/destructive,
# necessary/forced, always, any).

# %%
groups = readings.shared_groups(quotes)
if not groups:
    display(Markdown("No statement appears in more than one outlet in this corpus."))
for group in groups:
    display(HTML(utterance_group_html(quotes, group, report.outlets)))

# %%
links = report.tables.get("quote_links")
if links is not None and len(links):
    display(Markdown("**Fragments quoted from a longer statement** (the fragment is *part of* the longer quotation "
                     "another outlet prints):"))
    report.show(summaries.quote_links(links, report.outlets))

# %% [markdown]
# ### Which changes alter meaning?
#
# Every scored pair of renderings (from different outlets) with its similarity and flags. Sort by flag to find, for
# example, every place where one outlet's version has a negation or a modal verb that another's lacks.

# %%
report.show(summaries.flag_counts(pairs))
report.show(summaries.quote_pairs(pairs, report.outlets))

# %% [markdown]
# ## What the method cannot see
#
# * **Paraphrase without a reporting clause.** A sentence that restates a speaker's words with no "said", "according
#   to" or quotation marks counts as the outlet's own narration.
# * **Speaker guesses.** A quotation with no reporting clause takes the speaker of the previous quotation or sentence;
#   a pronoun ("he said") takes the last person or organisation named before it that fits its gender and number
#   ("she" skips a man, "they" wants several people or an organisation). Both are usually right and sometimes wrong:
#   a garbled sentence can put "he" where the original had another person. Rows attributed *carried*, *subject* or
#   *pronoun* are the ones to check.
# * **Speakers outside the lexicon** are found by their names; within one article "Luis Alvarez", "Alvarez" and
#   "Mr. Alvarez" are one speaker, but across articles two spellings of one name stay two speakers, and the side is
#   "unknown", so the grouping cannot use it.
# * **Translation.** Two translations of one Russian sentence can share few words ("devastating" vs "destructive",
#   "remains" vs "will remain"); the grouping finds them only when enough words or word parts agree. A statement
#   paraphrased beyond recognition stays a singleton, and two different statements on the same topic by the same side
#   can, rarely, be grouped.
# * **Flags are cues, not verdicts.** "Modality" fires when *will* becomes *would*, which may be grammar (reported
#   speech) rather than a change of meaning. Read the pair.

# %% [markdown]
# ## Reading this corpus

# %%
display(Markdown(readings.quotes_reading(quotes, voices, pairs, report.outlets)))

# %% [markdown]
# ## Discussion questions
#
# 1. Pick the most widely carried utterance above. Which outlet's version is closest to the others, and which one
#    changed the most? Does any change alter what the speaker committed to?
# 2. One outlet prints a spokesman's first-person statement without quotation marks. What does the reader lose when
#    the marks are missing, and how could a reader notice?
# 3. Look at the voice-share chart. Which outlets let only one side speak in quotation marks? Is that a sign of bias,
#    or of what the story was about?
# 4. Find a partial quotation (one or two words in quotation marks). Why might a writer quote just "destructive" or
#    "the new areas" instead of paraphrasing?

# %% [markdown] tags=["answer"]
# **Notes for the teacher.** (1) In the seed corpus, the Kremlin readout of the Putin–Scholz call is carried by
# three outlets in different translations: one says "devastating line", another "destructive line"; one describes
# strikes as "necessary and inevitable", another as "a forced and inevitable response". Both are plausible renderings
# of the same Russian words. The *intensity* flag marks the first pair (a word of strong feeling swapped); the second
# gets no flag, because neither word carries strong feeling on its own, a reminder that flags are cues, not a full
# list. Either is a prompt to ask how much a translation choice weighs. (2) Without marks, a reader cannot tell the speaker's words from the outlet's summary;
# the first person ("our interests") is the clue. (3) In the seed corpus most quoted words come from Russian officials because the story
# is a Kremlin statement; the Western side is quoted mainly through Biden. Bias shows more in *which* words are chosen
# and how they are introduced than in the count alone. (4) Scare quotes distance the writer from a term ("the new
# areas" for annexed regions) while still reporting it; they mark the word as someone else's framing.
