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
# Outlets reporting the same event choose different words for the same things: *Kyiv* or *Kiev*, *war* or *special
# military operation*, *annexed regions* or *new territories*. Some words are **loaded**: they judge while seeming to
# describe (*regime*, *terrorist attack*, *barbaric*). But a loaded word inside a quotation of the Kremlin is not the
# outlet calling Kyiv a regime. So every term found here carries its **voice**: **author** (the outlet's own
# narration), **attributed** (reported speech without quotation marks: "X said that ...", "according to X, ...") or
# **quoted** (inside quotation marks), and the speaker where known.

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
from retold import framing
from retold.view import kwic, plots, readings, summaries

terms = report.tables["loaded_terms"]
naming = report.tables["naming"]
keyness = report.tables["keyness"]
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
# file passed as `lexicon`), and it does not know what they refer to: *war* in "end the war" and in "the Cold War" count
# the same. The voice of a hit comes from rules about quotation marks and reporting verbs, which can misjudge long
# sentences and garbled text.

# %%
counts = framing.category_voice_counts(terms, ids)
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
# For each concept of the naming lexicon (the one shipped with retold, or the file passed as `naming`), the table
# counts how often each outlet uses each label; labels nobody used are left out. A number in brackets says how many
# of those uses are in the outlet's **own narration** (the rest are quoted or attributed). Within a concept the longest
# label wins ("special military operation" is not also counted as "military operation"); concepts are independent,
# so the *Kiev* of "Kiev regime" counts both as a spelling of the capital and in the name for Ukraine's government.
#
# *What the method cannot see:* labels are found by their wording, not their meaning. A label that refers to something
# else (a "conflict" of interest) is counted, and a label missing from the lexicon is not.

# %%
totals = framing.naming_map(naming, report.outlets)
own_counts = framing.naming_map(naming, report.outlets, voice="author")
for concept, table in summaries.naming_cells(naming, totals, own_counts).items():
    display(Markdown(readings.heading(3, concept.replace("_", " "))))
    report.show(table, index=True)

# %% [markdown]
# *Cells: uses of the label in the article (in brackets: how many in the outlet's own narration); `·` = not used.*
#
# The dominant label of each concept per outlet, in the outlet's own words where it has any:

# %%
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
# *What the method cannot see:* it compares outlets only with each other, so words every outlet shares (*Putin*,
# *talks*) never stand out, however loaded; and with one article per outlet, a distinctive word may reflect the topic
# of one paragraph rather than a habit of the outlet.

# %% [markdown]
# ## Keywords in context
#
# Every occurrence of a few key terms, with the outlet, the voice (and speaker) of the span it sits in, and its
# character offsets in the article file. Reading the lines is the best check on the counts above: is *regime* the
# outlet's word or the Kremlin's? Whose is *terrorist*?

# %%
queries = [
    ("regime", "regimes?"),
    ("terrorist", "terror(?:ist|ists|ism)?"),
    ("barbaric", "barbar(?:ic|ism|ous|ity)"),
    ("Kiev / Kyiv", "Kiev|Kyiv"),
]
for name, pattern in queries:
    lines = framing.concordance(report.article_texts(), pattern, width=55, regex=True)
    display(Markdown(readings.heading(3, f"{name}: {len(lines)} occurrence{'s' if len(lines) != 1 else ''}")))
    display(HTML(kwic.concordance_html(lines)))

# %% [markdown]
# ## Where the key terms fall
#
# Each mark is one occurrence, placed by its position in the article (0 = start of the title, 1 = end of the body) and
# coloured by voice. Terms near 0 are in the headline and opening paragraphs, which most readers see; terms near 1 are
# in the closing paragraphs, which many never reach.

# %%
key_terms = {"Kiev/Kyiv": ["Kiev", "Kyiv"], "regime": "regime", "war": ["war", "wars"],
             "special military operation": "special military operation", "provocat-": ["provocative", "provocations"],
             "terrorist": ["terrorist", "terrorists"]}
spread = framing.dispersion(report.article_texts(), key_terms)
fig = plots.dispersion_plot(spread, report.outlets, ids)

# %% [markdown]
# *Figure: position of each occurrence of the key terms in each article, coloured by voice; marker shape = term.*

# %% [markdown]
# ## A short reading of this corpus

# %%
display(Markdown(readings.framing_reading(
    terms, naming, keyness, report.outlets, entries=["Kiev regime", "terrorist attack", "barbaric"],
    spelling_concept="ukraine_capital", spelling_subject="Ukraine's capital",
    naming_concept="war", naming_subject="the war")))

# %% [markdown]
# ### Caveats of lexicon methods
#
# - **Only listed words are found.** A loaded word missing from the lexicon is invisible; a new corpus about another
#   war needs the lexicon extended (pass your own file as `lexicon` / `naming`).
# - **Words, not meanings.** Matching does not know what a word refers to, or whether it is negated ("not a war"),
#   ironic, or part of a name.
# - **Loaded for whom?** The categories are judgements of the lexicon's authors; *war* is the neutral word in most
#   newsrooms and the forbidden one in Russia in 2022. Read the `reason` and `echoes` fields, and disagree.
# - **Voice is inferred by rules.** Quotation marks are reliable; reported speech without marks, misplaced marks and
#   machine-translated sentences are not. Check doubtful cases in the concordance.
# - **Small numbers.** With a handful of short articles, one paragraph more or less changes every count.

# %% [markdown]
# ## Discussion questions
#
# 1. Pick an outlet and read its loaded terms **in its own voice**. Would you call that outlet's narration neutral?
#    Which neutral alternatives from the table would you use instead?
# 2. "Kiev regime" printed inside a Kremlin quotation: is the outlet responsible for the phrase? What about a loaded
#    term printed *without* quotation marks in a sentence that begins "X said that ..."?
# 3. Look at the naming map for the war. Does an outlet that quotes "special military operation" also use *war* in its
#    own narration? What does that choice tell a reader?
# 4. The spelling *Kiev* or *Kyiv*: is it a framing choice, a house style, or an accident of copying agency text? What
#    evidence in the articles would help you decide?
# 5. Choose one word from the distinctive-words chart and read its concordance lines. Is it distinctive because of the
#    outlet's framing or because of what it chose to report?

# %% [markdown] tags=["answer"]
# **Notes for the teacher.**
#
# 1. Use the "own voice" table: terms there are the outlet's choice. Typical candidates are evaluative words describing a
#    speaker's tone (e.g. *conciliatory*). Plain labels such as *war*, *invasion* or *annexation* are not counted as
#    loaded: they are naming choices, compared in the naming map, where students can discuss which label each
#    outlet picks.
# 2. Quoting is reporting, but the choice of *which* words to quote, and whether to quote a label at all, is
#    editorial. Attributed terms are a grey zone: the outlet paraphrases, so the word may be the outlet's rendering
#    (check the concordance and, if possible, the original statement).
# 3. Compare the naming-map cells in brackets (own narration) with the totals. An outlet can quote the Kremlin's term
#    while naming the war *war* itself; another may use only the quoted terms.
# 4. Agency copy is often copied with its spelling, so a mixed *Kiev*/*Kyiv* article usually shows copying from
#    sources with different styles; consistent *Kiev* in narration after 2019 is a stronger signal.
# 5. Distinctive words often reflect content (what was reported: a phone call, a press service) rather than framing;
#    the concordance shows which.

# %% tags=["answer"]
# For the teacher: every loaded term with its voice, speaker, lexicon reason and whose framing it echoes.
report.show(summaries.loaded_terms_detail(terms, report.outlets))
