# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
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

# %% tags=["parameters"]
corpus = "../data/corpora/kremlin-talks-2022-12-02"
report_dir = "../reports"
lexicon = ""
naming = ""
speakers = ""
article = ""

# %%
from IPython.display import HTML, Markdown, display

from retold.view.notebook import open_report

report = open_report(corpus, report_dir, lexicon, naming, speakers)

from html import escape

from retold.view.markup import diff_html, diff_legend_html, marked_article_html, spans_from_tables

article = article or report.article_ids[0]
names = report.outlets
meta = report.corpus.article(article)
display(Markdown(f"# One article: {escape(names[article])}"))

# %% [markdown]
# This page shows one article in full, with what the analysis found in it marked in the text, and then how it
# compares with the other articles of the corpus: what only it says, what it leaves out that most others carry, and
# where its wording of a shared claim differs in a way that may change the meaning.

# %%
facts = [f"Outlet: {meta.outlet}", f"Article id: {article}"]
for key in ("title", "published", "country", "outlet_type", "url"):
    value = meta.metadata.get(key)
    if value:
        facts.append(f"{key.replace('_', ' ').capitalize()}: {value}")
if meta.credited_sources:
    facts.append("Credited sources (corpus.yml): " + ", ".join(meta.credited_sources))
display(HTML("<ul>" + "".join(f"<li>{escape(f)}</li>" for f in facts) + "</ul>"))

# %% [markdown]
# ## The article with its marks
#
# How to read it: a **coloured background** is a quotation, one colour per speaker (hover over it to see the speaker).
# A **dotted underline** is speech attributed to someone without quotation marks. A **box** is a loaded term; hover over
# it to see its category. **Struck-out grey** text is page furniture (menus, captions, links, comment forms), which
# is left out of every count. *Limits:* the speaker of a quotation without a reporting clause is a best guess from the
# sentences around it, and the loaded-term lexicon only finds the terms it lists.

# %%
spans, notes = spans_from_tables(report.tables, article)
for note in notes:
    display(Markdown(f"> **Note:** {note}"))
display(HTML(marked_article_html(report.text(article), spans)))

# %% [markdown]
# ## Compared with the other articles
#
# The claims come from the coverage analysis (see the coverage notebook for the method and its limits). A claim is a
# sentence, or the group of sentences in different outlets that say the same thing.

# %%
gaps = report.tables.get("coverage")
claims = report.tables.get("claims")
changes = report.tables.get("changes")
if gaps is None or claims is None or changes is None:
    display(Markdown("> **Note:** the coverage tables are not available, so this comparison is skipped."))
    gaps = claims = changes = None
else:
    mine = gaps[gaps["article"] == article]
    added, omitted = mine[mine["kind"] == "addition"], mine[mine["kind"] == "omission"]
    carried = claims[claims["article"] == article]
    display(Markdown(
        f"This article has {carried['claim'].nunique()} claims (content sentences). {len(added)} are found in no "
        f"other article; {int((carried['outlets'] >= 2).sum())} are shared with at least one other. It lacks "
        f"{len(omitted)} claim(s) that most other articles carry."))

# %% [markdown]
# ### Only in this article (additions)
#
# Claims no other article carries: the outlet's own reporting, context it chose to add, or a sentence the method could
# not align with another outlet's version.

# %%
if gaps is not None:
    if len(added):
        display(HTML(added[["claim", "text"]].rename(columns={"claim": "Claim", "text": "Sentence"})
                     .to_html(index=False, escape=True)))
    else:
        display(Markdown("*None.*"))

# %% [markdown]
# ### Left out (omissions)
#
# Claims that more than half of the other articles carry and this one lacks, with the outlets that carry them.

# %%
if gaps is not None:
    if len(omitted):
        who = claims.groupby("claim")["article"].agg(lambda s: ", ".join(names[a] for a in sorted(set(s))))
        shown = omitted.assign(carried=omitted["claim"].map(who))[["claim", "text", "carried"]]
        shown.columns = ["Claim", "Sentence (as one outlet has it)", "Carried by"]
        display(HTML(shown.to_html(index=False, escape=True)))
    else:
        display(Markdown("*None.*"))

# %% [markdown]
# ### Shared claims worded differently
#
# Each pair shows this article's sentence (left) and another outlet's version (right), with the differing words
# highlighted and the kinds of change flagged. Close renderings (similarity at least 0.55) come first. The flags are
# cues for close reading, not verdicts.

# %%
if changes is not None:
    involved = changes[(changes["article_a"] == article) | (changes["article_b"] == article)].copy()
    flagged = involved[involved["flags"].fillna("") != ""]
    if len(flagged):
        display(HTML(diff_legend_html()))
        for row in flagged.sort_values(["close", "similarity", "claim"], ascending=[False, False, True]).itertuples():
            if row.article_a == article:
                mine_text, other_text, other = row.text_a, row.text_b, row.article_b
            else:
                mine_text, other_text, other = row.text_b, row.text_a, row.article_a
            note = f"{row.claim} · flags: {row.flags.replace(';', ', ')} · similarity {row.similarity:.2f}"
            display(HTML(diff_html(mine_text, other_text, names[article], names[other], note=note)))
    else:
        display(Markdown("*No shared claim with a flagged difference.*"))

# %% [markdown]
# ## Questions
#
# 1. Which of the additions are reporting and which are comment or context? Would a reader miss them?
# 2. Look at the omissions. Do they have something in common (a speaker, a side, an inconvenient fact)?
# 3. In the marked text, whose words are quoted and whose are only paraphrased? How much of the article is in the
#    outlet's own voice?
