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
# # Framing: which words each outlet uses, and whose words they are
#
# Outlets reporting the same event choose different words for the same things: a *strike* or a *walkout*,
# *protesters* or *a mob*, one spelling of a name or another. Some words are **loaded**: they judge while seeming to
# describe (*thugs*, *so-called*, *holding the city hostage*). But a loaded word inside a quotation of a speaker is not
# the outlet's own judgement. So every term found here carries its **voice**: **author** (the outlet's own
# narration), **attributed** (reported speech without quotation marks: "X said that ...", "according to X, ...") or
# **quoted** (inside quotation marks), and the speaker where known. Every word this notebook looks at closely was
# found in this corpus: nothing is fixed in advance.

# %% tags=["parameters"]
corpus = ""
report_dir = "../reports"
lexicon = ""
naming = ""
speakers = ""

# %%
from IPython.display import HTML, Markdown, display

from retold.config import default_corpus
from retold.view.notebook import open_report

report = open_report(corpus or default_corpus(), report_dir, lexicon, naming, speakers)

# %%
from retold import framing
from retold.framing import keyterms
from retold.view import kwic, plots, readings, summaries

terms = report.tables["loaded_terms"]
naming = report.tables["naming"]
keyness = report.tables["keyness"]
substitutions = report.tables.get("substitutions")
words = report.tables["articles"].set_index("article")["words"].to_dict()
ids = report.article_ids
display(Markdown(readings.loaded_terms_overview(terms, len(ids))))

# %% [markdown]
# ## Loaded terms by category and voice
#
# Each panel counts the hits of one voice: outlets in rows, lexicon categories in columns. The left panel is what
# matters most for judging an outlet: these are **its own words**. The middle and right panels show whose framing the
# outlet chose to pass on, with or without quotation marks. Articles differ in length (the word count is shown next to
# each outlet), so compare the patterns more than the raw numbers.
#
# *What the method cannot see:* a lexicon only finds the words listed in it (the lexicon shipped with retold, or the
# file passed as `lexicon`), and it does not know what they refer to: *crisis* in "migrant crisis" and in "a crisis
# meeting" would count the same if both were listed. The voice of a hit comes from rules about quotation marks and
# reporting verbs, which can misjudge long sentences and garbled text.

# %%
counts = framing.category_voice_counts(terms.assign(category=terms["category"].map(summaries.readable)), ids)
fig = plots.loaded_terms_heatmap(counts, report.outlets, ids, words=words)

# %% [markdown]
# *Figure: loaded-term hits per outlet and lexicon category, in three panels by voice (author / attributed / quoted).*
#
# The table lists every loaded term **in the outlet's own voice**, with the neutral alternative the lexicon suggests.
# Offsets point into the article file.

# %%
own = summaries.own_voice_terms(terms, report.outlets)
if own.empty:
    display(Markdown("*No loaded term appears in any outlet's own narration.*"))
else:
    report.show(own)

# %% [markdown]
# Per outlet: how many loaded terms, how dense (per 1,000 words of title and body), and how many of them are the
# outlet's own words.

# %%
report.show(summaries.loaded_terms_per_outlet(terms, words, report.outlets))

# %% [markdown]
# ## Naming map: which label each outlet uses for the same thing
#
# For each concept of the naming lexicon (the one shipped with retold, or the file passed as `naming`) that occurs
# in this corpus, the table counts how often each outlet uses each label; concepts and labels nobody used are left
# out. Concepts named *variants of "…"* were not in any lexicon: they are spellings of one name that differ across
# outlets, discovered by comparing the articles. A number in brackets says how many of those uses are in the
# outlet's **own narration** (the rest are quoted or attributed). Within a concept the longest label wins ("wildcat
# strike" is not also counted as "strike"); concepts are independent, so one phrase can count in two of them.
#
# *What the method cannot see:* labels are found by their wording, not their meaning. A label that refers to something
# else (a "conflict" of interest) is counted, and a label missing from the lexicon is not.

# %%
totals = framing.naming_map(naming, report.outlets)
own_counts = framing.naming_map(naming, report.outlets, voice="author")
cells = summaries.naming_cells(naming, totals, own_counts)
if not cells:
    display(Markdown("*No label of the naming lexicon, and no name spelled two ways, occurs in this corpus.*"))
for concept, table in cells.items():
    display(Markdown(readings.heading(3, summaries.readable(concept))))
    report.show(table, index=True)

# %% [markdown]
# *Cells: uses of the label in the article (in brackets: how many in the outlet's own narration); `·` = not used.*
#
# The dominant label of each concept per outlet, in the outlet's own words where it has any:

# %%
if cells:
    report.show(summaries.dominant_labels(naming, report.outlets))

# %% [markdown]
# ## Distinctive words and phrases of each outlet
#
# Which words and two-word phrases does one outlet use more than the others? For each outlet the chart shows the
# terms (used at least twice) with the highest **log-odds z-score**.
#
# **What the score means.** For every word we compare how often one outlet uses it with how often all the other
# outlets together use it, as a log-odds ratio: positive when the outlet uses the word relatively more, negative when
# less. Raw ratios exaggerate rare words (a word used once by one outlet and never by the others gets an infinite
# ratio), so each count is first pulled towards the word's frequency in the whole corpus (an *informative Dirichlet
# prior*, Monroe, Colaresi & Quinn 2008, "Fightin' Words"). The difference is then divided by its estimated standard
# error, giving a z-score: it grows with the size of the difference **and** with the amount of evidence. Roughly, |z|
# above 1.96 would be unlikely by chance if the outlets used the word at the same rate. With a few short articles few
# words get there: read the ranking as "what stands out", not as proof. Function words (*the*, *of*, *said*) are left
# out with a short built-in stop-word list.

# %%
fig = plots.keyness_chart(keyness, report.outlets, ids, report.colors, top=8, min_count=2)

# %% [markdown]
# *Figure: the eight terms with the highest log-odds z-score per outlet (number of uses in brackets); the dashed line is
# z = 1.96.*
#
# *What the method cannot see:* it compares outlets only with each other, so words every outlet shares (the main
# actors' names, the event itself) never stand out, however loaded; and with one article per outlet, a distinctive
# word may reflect the topic of one paragraph rather than a habit of the outlet.

# %% [markdown]
# ## Where the rewrites changed the words
#
# Sentences that several outlets carry (the claims of the coverage notebook) are compared word by word. Where one
# rendering prints different words from another, between stretches that agree, that is a **substitution**: a
# **word choice** (one word or phrase for another), a **spelling** (the same word spelled another way), a **name
# variant** (one name spelled or transliterated differently), or words **dropped** or **added**. No lexicon is
# needed: these are the choices this corpus shows. The table groups identical swaps (either way round, any case),
# the most repeated first; *Evidence* gives the first place to read each one (article id and character offsets of
# both sides; every occurrence is in `tables/substitutions.csv`).
#
# *What the method cannot see:* swaps in headlines (titles are not aligned) and in sentences no other outlet
# carries; rewrites looser than one sentence; a reworded stretch longer than four words. It does not judge a swap:
# *stoppage* for *strike* may be a house style, a loaded choice or a correction. Read the sentences.

# %%
swaps = summaries.substitution_swaps(substitutions, report.outlets)
sections = summaries.swap_sections(swaps)
display(Markdown(readings.substitutions_overview(substitutions, swaps, sum(len(rows) for _, rows, _ in sections))))
for title, rows, rest in sections:
    display(Markdown(readings.heading(3, title)))
    report.show(rows)
    if len(rest):
        display(HTML(kwic.folded_table_html(rest, readings.more_swaps(len(rest)))))

# %% [markdown]
# ## Keywords in context
#
# Every occurrence of this corpus's key terms, with the outlet, the voice (and speaker) of the span it sits in, and
# its character offsets in the article file. The terms are chosen from what was found above: the loaded terms found
# most often, the naming concepts whose outlets use different labels, and the swaps the rewrites repeat most. Reading
# the lines is the best check on the counts: is a loaded word the outlet's own, or a speaker's?
#
# *What the method cannot see:* it searches the printed forms as whole words, so a form used in another sense (a
# *strike* by lightning) is listed too, and a form no outlet printed is not searched.

# %%
chosen = keyterms.key_terms(terms, naming, substitutions)
if not chosen:
    display(Markdown("*No loaded term, varying label or repeated swap was found, so there is nothing to show in "
                     "context.*"))
for term in chosen:
    lines = framing.concordance(report.article_texts(), term.forms, width=55)
    display(Markdown(readings.kwic_heading(term, len(lines))))
    display(HTML(kwic.concordance_html(lines)))

# %% [markdown]
# ## Where the key terms fall
#
# Each mark is one occurrence, placed by its position in the article (0 = start of the title, 1 = end of the body) and
# coloured by voice. Terms near 0 are in the headline and opening paragraphs, which most readers see; terms near 1 are
# in the closing paragraphs, which many never reach.

# %%
spread = framing.dispersion(report.article_texts(), keyterms.dispersion_terms(chosen[:8]))
if len(spread):
    fig = plots.dispersion_plot(spread, report.outlets, ids)
else:
    display(Markdown("*No key term to place.*"))

# %% [markdown]
# *Figure: position of each occurrence of the key terms in each article, coloured by voice; marker shape = term.*

# %% [markdown]
# ## A short reading of this corpus

# %%
display(Markdown(readings.framing_reading(terms, naming, keyness, report.outlets, substitutions)))

# %% [markdown]
# ### Caveats of lexicon methods
#
# - **Only listed words are found.** A loaded word missing from the lexicon is invisible unless a rewrite swapped it
#   (see the substitutions above); extend the lexicon for your subject (pass your own file as `lexicon` / `naming`,
#   or choose a pack).
# - **Words, not meanings.** Matching does not know what a word refers to, or whether it is negated ("not a war"),
#   ironic, or part of a name.
# - **Loaded for whom?** The categories are judgements of the lexicon's authors; a word that is neutral in one
#   newsroom can be contested in another country or community. Read the `reason` and `echoes` fields, and disagree.
# - **Voice is inferred by rules.** Quotation marks are reliable; reported speech without marks, misplaced marks and
#   machine-translated sentences are not. Check doubtful cases in the concordance.
# - **Small numbers.** With a handful of short articles, one paragraph more or less changes every count.

# %% [markdown]
# ## Discussion questions
#
# 1. Pick an outlet and read its loaded terms **in its own voice**. Would you call that outlet's narration neutral?
#    Which neutral alternatives from the table would you use instead?
# 2. A loaded label printed inside a speaker's quotation: is the outlet responsible for it? What about a loaded
#    term printed *without* quotation marks in a sentence that begins "X said that ..."?
# 3. Look at the naming map. Does an outlet that quotes one side's label also use it in its own narration? What
#    does that choice tell a reader?
# 4. Pick a swap from "Where the rewrites changed the words". Is it a framing choice, a house style, or an accident
#    of copying agency text? What evidence in the articles would help you decide?
# 5. Choose one word from the distinctive-words chart and read its concordance lines. Is it distinctive because of the
#    outlet's framing or because of what it chose to report?

# %% [markdown] tags=["answer"]
# **Notes for the teacher.**
#
# 1. Use the "own voice" table: terms there are the outlet's choice, and the neutral alternative shows what a careful
#    editor might print instead. Plain labels for the event itself are not counted as loaded: they are naming
#    choices, compared in the naming map, where students can discuss which label each outlet picks.
# 2. Quoting is reporting, but the choice of *which* words to quote, and whether to quote a label at all, is
#    editorial. Attributed terms are a grey zone: the outlet paraphrases, so the word may be the outlet's rendering
#    (check the concordance and, if possible, the original statement).
# 3. Compare the naming-map cells in brackets (own narration) with the totals. An outlet can quote a speaker's label
#    while using another one itself; another may use only the quoted label.
# 4. Agency copy is often copied with its spelling, so a mixed article usually shows copying from sources with
#    different styles; a swap repeated by one outlet in its own narration is a stronger signal of choice.
# 5. Distinctive words often reflect content (what was reported: a meeting, a statement) rather than framing;
#    the concordance shows which.

# %% tags=["answer"]
# For the teacher: every loaded term with its voice, speaker, lexicon reason and whose framing it echoes.
report.show(summaries.loaded_terms_detail(terms, report.outlets))
