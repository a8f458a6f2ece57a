"""The "short reading" of each notebook: a few sentences computed from the tables, as Markdown.

Every value taken from a corpus, lexicon or table is HTML-escaped before it joins the
text, so a name holding markup renders as text.
"""

from __future__ import annotations

import html

import pandas as pd

from ..vocab import VOICES


def esc(value: object) -> str:
    return html.escape(str(value))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def loaded_terms_overview(terms: pd.DataFrame, n_articles: int) -> str:
    """How many loaded terms the lexicon finds, in how many entries, and how they split by voice."""
    by_voice = terms["voice"].value_counts().reindex(list(VOICES), fill_value=0)
    total = len(terms)
    text = (f"The lexicon finds **{total} loaded terms** in the titles and bodies of the {n_articles} articles "
            f"({terms['entry'].nunique()} different entries). ")
    if total:
        share = (by_voice / total * 100).round(0).astype(int)
        text += (f"**{by_voice['author']}** ({share['author']}%) are in the outlets' own narration, "
                 f"**{by_voice['attributed']}** ({share['attributed']}%) in reported speech and "
                 f"**{by_voice['quoted']}** ({share['quoted']}%) inside quotation marks.")
    return text


def framing_reading(terms: pd.DataFrame, naming: pd.DataFrame, keyness: pd.DataFrame, outlets: dict[str, str],
                    entries: list[str], spelling_concept: str | None = None, spelling_subject: str = "",
                    naming_concept: str | None = None, naming_subject: str = "") -> str:
    """Bullet points: whose words the loaded terms are, where chosen `entries` appear and in whose voice, how a
    spelling concept and a naming concept are used, and each outlet's most distinctive term."""
    ids = list(outlets)
    lines = []
    if len(terms):
        by_voice = terms["voice"].value_counts().reindex(list(VOICES), fill_value=0)
        own_share = (terms.groupby("article")["voice"].apply(lambda v: (v == "author").mean()) * 100).reindex(ids)
        most_own = own_share.idxmax()
        lines.append(
            f"- Most loaded terms are **other people's words**: {by_voice['quoted'] + by_voice['attributed']} of "
            f"{len(terms)} hits are quoted or attributed. The outlet with the largest share of loaded terms in its "
            f"own narration is **{esc(outlets[most_own])}** ({own_share[most_own]:.0f}% of its "
            f"{int((terms['article'] == most_own).sum())} hits).")
        passed_on = terms[terms["voice"] != "author"].groupby("speaker")["entry"].count().sort_values(ascending=False)
        if len(passed_on):
            lines.append(f"- The speaker whose loaded words are passed on most often is **{esc(passed_on.index[0])}** "
                         f"({passed_on.iloc[0]} hits, quoted or attributed).")
        for entry in entries:
            sub = terms[terms["entry"] == entry]
            if len(sub):
                voices_of = ", ".join(f"{esc(outlets[r.article])}: {r.voice}"
                                      + (f" ({esc(r.speaker)})" if isinstance(r.speaker, str) else "")
                                      for r in sub.itertuples())
                lines.append(f"- *{esc(entry)}* appears {_plural(len(sub), 'time')}: {voices_of}.")
    spelling = naming[naming["concept"] == spelling_concept]
    if spelling["count"].sum():
        by_label = spelling.groupby("label")[["count", "author"]].sum()
        parts = [f"*{esc(label)}* {int(row['count'])} times ({int(row['author'])} in the outlets' own narration)"
                 for label, row in by_label.iterrows() if row["count"]]
        lines.append(f"- {esc(spelling_subject)} is spelled " + " and ".join(parts) + ".")
    named = naming[(naming["concept"] == naming_concept) & (naming["count"] > 0)]
    if len(named):
        labels_used = named.groupby("label")["count"].sum().sort_values(ascending=False)
        lines.append(f"- Names for {esc(naming_subject)}, all outlets together: "
                     + ", ".join(f"*{esc(label)}* ×{n}" for label, n in labels_used.items()) + ".")
    top = keyness[keyness["count"] >= 2].sort_values("zscore", ascending=False, kind="stable").groupby("article").head(1)
    if len(top):
        per_outlet = top.set_index("article").reindex(ids).dropna().reset_index()
        lines.append("- The most distinctive term per outlet: "
                     + "; ".join(f"{esc(outlets[r.article])}: *{esc(r.term)}* (z = {r.zscore:.1f})"
                                 for r in per_outlet.itertuples()) + ".")
    return "\n".join(lines) if lines else "*The lexicons found nothing in this corpus.*"


def shared_groups(quotes: pd.DataFrame) -> list[str]:
    """Utterance groups carried by two or more outlets, most widely carried first."""
    outlets = quotes.groupby("group")["article"].nunique()
    outlets = outlets[outlets >= 2]
    return sorted(outlets.index, key=lambda g: (-outlets[g], g))


def quotations_overview(quotes: pd.DataFrame, n_articles: int) -> str:
    """How many quotations of each kind, how much reported speech, how many utterances two outlets share."""
    marked = quotes[quotes["kind"] != "reported"]
    return (f"The {n_articles} articles hold **{len(marked)} quotations** "
            f"({(marked['kind'] == 'direct').sum()} direct, {(marked['kind'] == 'partial').sum()} partial, "
            f"{(marked['kind'] == 'unmarked').sum()} printed without quotation marks) and "
            f"**{(quotes['kind'] == 'reported').sum()} passages of reported speech**. "
            f"**{len(shared_groups(quotes))} utterances** appear in two or more outlets.")


def quotes_reading(quotes: pd.DataFrame, voices: pd.DataFrame, pairs: pd.DataFrame, outlets: dict[str, str]) -> str:
    """Quoted words per outlet and the share of the largest side; the most widely carried utterance."""
    ids = list(outlets)
    share = voices.groupby(["article", "side"])["words"].sum().unstack(fill_value=0).reindex(ids, fill_value=0)
    total = share.sum(axis=1)
    lines = []
    for article in ids:
        if total[article] == 0:
            lines.append(f"- **{esc(outlets[article])}** prints no quotations.")
            continue
        top_side = share.loc[article].idxmax()
        lines.append(f"- **{esc(outlets[article])}**: {int(total[article])} quoted words, "
                     f"{share.loc[article, top_side] / total[article]:.0%} of them from "
                     f"{esc(top_side.replace('_', ' '))}.")
    text = "Quoted words per outlet, and the share of the largest side:\n\n" + "\n".join(lines)
    groups = shared_groups(quotes)
    if groups:
        widest = groups[0]
        flagged = pairs[pairs["flags"].fillna("") != ""]
        text += (f"\n\nThe most widely carried utterance is **{esc(widest)}** "
                 f"({quotes[quotes['group'] == widest]['article'].nunique()} outlets). "
                 f"{len(flagged)} of {len(pairs)} scored pairs of renderings carry at least one meaning flag.")
    return text


def closest_wording(reuse: pd.DataFrame) -> pd.Series | None:
    """The pair of articles sharing the most exact wording both ways (the smaller of the two shares)."""
    pairs = reuse[reuse["article_a"] < reuse["article_b"]].copy()
    if pairs.empty:
        return None
    back = reuse.set_index(["article_a", "article_b"])
    pairs["both"] = [min(r.shared, back.loc[(r.article_b, r.article_a), "shared"])
                     if (r.article_b, r.article_a) in back.index else 0 for r in pairs.itertuples()]
    return pairs.sort_values(["both", "article_a", "article_b"], ascending=[False, True, True]).iloc[0]


def closest_wording_sentence(reuse: pd.DataFrame, outlets: dict[str, str]) -> str:
    top = closest_wording(reuse)
    if top is None:
        return "There is only one article, so there is nothing to compare."
    back = reuse.set_index(["article_a", "article_b"])
    return (f"The pair sharing the most exact wording both ways is **{esc(outlets[top.article_a])}** and "
            f"**{esc(outlets[top.article_b])}**: {back.loc[(top.article_a, top.article_b), 'shared']:.0%} of the "
            f"first's five-word sequences are in the second, and "
            f"{back.loc[(top.article_b, top.article_a), 'shared']:.0%} the other way round. Across all pairs the "
            f"median is {reuse['shared'].median():.0%}.")


def _close_negations(flagged: pd.DataFrame) -> pd.DataFrame:
    return flagged[flagged["flags"].str.contains("negation") & flagged["close"]].sort_values("similarity",
                                                                                             ascending=False)


def coverage_reading(claims: pd.DataFrame, gaps: pd.DataFrame, changes: pd.DataFrame, flagged: pd.DataFrame,
                     reuse: pd.DataFrame, outlets: dict[str, str]) -> str:
    """Closest wording, claims every outlet carries, possible polarity flips, how many close pairs carry a flag."""
    lines = []
    top = closest_wording(reuse)
    if top is not None:
        lines.append(f"* Closest wording: **{esc(outlets[top.article_a])}** and **{esc(outlets[top.article_b])}**. "
                     "Together with the sources table, this suggests which articles descend from the same copy.")
    core = claims[claims["outlets"] == len(outlets)]["claim"].nunique()
    lines.append(f"* {core} claim(s) are carried by every outlet; "
                 f"{int((gaps['kind'] == 'addition').sum())} claims are carried by a single outlet.")
    for row in _close_negations(flagged).head(3).itertuples():
        lines.append(f"* Possible polarity flip between **{esc(outlets[row.article_a])}** and "
                     f"**{esc(outlets[row.article_b])}**: “{esc(row.text_a)}” vs “{esc(row.text_b)}”.")
    if len(flagged):
        close = flagged[flagged["close"]]
        lines.append(f"* {len(close)} of the {int(changes['close'].sum())} close renderings carry a meaning flag "
                     f"({len(flagged)} of all {len(changes)} aligned pairs). Check each one by reading it.")
    return "\n".join(lines)


def coverage_teacher_notes(flagged: pd.DataFrame, reuse: pd.DataFrame, sources: pd.DataFrame,
                           outlets: dict[str, str]) -> str:
    """Answers to the coverage discussion questions, computed from this corpus."""
    notes = ["**Notes for the teacher** (computed from this corpus)."]
    top = closest_wording(reuse)
    if top is not None:
        credited_by = sources[sources["in_body"].astype(bool)].groupby("article")["source"].agg(
            lambda s: ", ".join(sorted(set(s))))
        notes.append(f"1. Most shared wording: {esc(outlets[top.article_a])} and {esc(outlets[top.article_b])}. "
                     f"Credited in their text: {esc(credited_by.get(top.article_a, 'nothing'))} / "
                     f"{esc(credited_by.get(top.article_b, 'nothing'))}.")
    negations = _close_negations(flagged)
    if len(negations):
        row = negations.iloc[0]
        notes.append(f"3. Negation flag to discuss: {esc(outlets[row.article_a])} “{esc(row.text_a)}” vs "
                     f"{esc(outlets[row.article_b])} “{esc(row.text_b)}”. Ask whether the meaning was reversed; in "
                     "translated copy, a lost “never” or “not” is a common error.")
    attributed = flagged[flagged["flags"].str.contains("attribution")
                         & ((flagged["voice_a"] == "author") | (flagged["voice_b"] == "author"))]
    for row in attributed.head(2).itertuples():
        own, other = (row.article_a, row.article_b) if row.voice_a == "author" else (row.article_b, row.article_a)
        notes.append(f"4. {esc(outlets[own])} states in its own voice what {esc(outlets[other])} attributes to a "
                     f"speaker ({esc(row.claim)}).")
    return "\n".join(notes)


def corpus_overview(corpus) -> str:
    """The corpus title, description, number of articles and language."""
    return (f"**{esc(corpus.title)}**\n\n{esc(corpus.description)}\n\n"
            f"{len(corpus.articles)} articles, language: `{esc(corpus.language)}`.")


def article_notes(corpus, outlets: dict[str, str]) -> str:
    """One bullet per article with the notes recorded in corpus.yml."""
    return "\n".join(f"- **{esc(outlets[a.id])}** (`{esc(a.id)}`): {esc(a.metadata.get('notes') or 'no notes.')}"
                     for a in corpus.articles)


def corpus_line(corpus, outlets: dict[str, str]) -> str:
    """One line naming the corpus and its outlets."""
    outlet_list = ", ".join(esc(outlets[a.id]) for a in corpus.articles)
    return f"This corpus: **{esc(corpus.title)}** — {len(corpus.articles)} articles from: {outlet_list}."


def strongest_reuse_sentence(reuse: pd.Series, outlets: dict[str, str]) -> str:
    """The ordered pair of articles where most of one article's body is found in the other."""
    return (f"Most shared wording: **{esc(outlets[reuse['article_a']])}** and **{esc(outlets[reuse['article_b']])}**"
            f" — {float(reuse['shared']):.0%} of the first article's body is also found in the second.")


def article_facts(meta) -> list[str]:
    """What corpus.yml says about one article, one fact per line."""
    facts = [f"Outlet: {meta.outlet}", f"Article id: {meta.id}"]
    for key in ("title", "published", "country", "outlet_type", "url"):
        value = meta.metadata.get(key)
        if value:
            facts.append(f"{key.replace('_', ' ').capitalize()}: {value}")
    if meta.credited_sources:
        facts.append("Credited sources (corpus.yml): " + ", ".join(meta.credited_sources))
    return facts


def article_coverage_sentence(claims: pd.DataFrame, gaps: pd.DataFrame, article: str) -> str:
    """How many claims one article has, how many only it carries, how many it shares, how many it lacks."""
    mine = gaps[gaps["article"] == article]
    carried = claims[claims["article"] == article]
    return (f"This article has {carried['claim'].nunique()} claims (content sentences). "
            f"{int((mine['kind'] == 'addition').sum())} are found in no other article; "
            f"{int((carried['outlets'] >= 2).sum())} are shared with at least one other. It lacks "
            f"{int((mine['kind'] == 'omission').sum())} claim(s) that most other articles carry.")
