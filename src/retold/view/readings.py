"""The "short reading" of each notebook: a few sentences computed from the tables, as Markdown.

Every value taken from a corpus, lexicon or table goes through `escape.md` before it joins
the text, so a name holding markup, a Markdown link or `$maths$` renders as the characters
it is. Notebooks show these strings; they never build Markdown from raw values themselves.
"""

from __future__ import annotations

import pandas as pd

from ..vocab import VOICES
from .escape import link, md, md_code, md_paragraphs
from .escape import text as html_text


def heading(level: int, title: str) -> str:
    """A Markdown heading whose whole text is literal (it may hold outlet names or lexicon labels)."""
    return "#" * level + " " + md(title)


def note(message: str) -> str:
    """A highlighted note (blockquote) with literal text."""
    return f"> **Note:** {md(message)}"


def concept_heading(concept: str) -> str:
    return f"**Concept: {md(concept.replace('_', ' '))}** (times each label is used)"


def credits_list(sources: pd.DataFrame, outlets: dict[str, str]) -> str:
    """One bullet per credited agency, naming the outlets that credit it."""
    credited = sources.groupby("source")["article"].agg(lambda s: ", ".join(outlets[a] for a in sorted(set(s))))
    return "\n".join(f"* **{md(source)}** is credited by {md(who)}." for source, who in credited.items())


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
            f"own narration is **{md(outlets[most_own])}** ({own_share[most_own]:.0f}% of its "
            f"{int((terms['article'] == most_own).sum())} hits).")
        passed_on = terms[terms["voice"] != "author"].groupby("speaker")["entry"].count().sort_values(ascending=False)
        if len(passed_on):
            lines.append(f"- The speaker whose loaded words are passed on most often is **{md(passed_on.index[0])}** "
                         f"({passed_on.iloc[0]} hits, quoted or attributed).")
        for entry in entries:
            sub = terms[terms["entry"] == entry]
            if len(sub):
                voices_of = ", ".join(f"{md(outlets[r.article])}: {r.voice}"
                                      + (f" ({md(r.speaker)})" if isinstance(r.speaker, str) else "")
                                      for r in sub.itertuples())
                lines.append(f"- *{md(entry)}* appears {_plural(len(sub), 'time')}: {voices_of}.")
    spelling = naming[naming["concept"] == spelling_concept]
    if spelling["count"].sum():
        by_label = spelling.groupby("label")[["count", "author"]].sum()
        parts = [f"*{md(label)}* {int(row['count'])} times ({int(row['author'])} in the outlets' own narration)"
                 for label, row in by_label.iterrows() if row["count"]]
        lines.append(f"- {md(spelling_subject)} is spelled " + " and ".join(parts) + ".")
    named = naming[(naming["concept"] == naming_concept) & (naming["count"] > 0)]
    if len(named):
        labels_used = named.groupby("label")["count"].sum().sort_values(ascending=False)
        lines.append(f"- Names for {md(naming_subject)}, all outlets together: "
                     + ", ".join(f"*{md(label)}* ×{n}" for label, n in labels_used.items()) + ".")
    top = keyness[keyness["count"] >= 2].sort_values("zscore", ascending=False, kind="stable").groupby("article").head(1)
    if len(top):
        per_outlet = top.set_index("article").reindex(ids).dropna().reset_index()
        lines.append("- The most distinctive term per outlet: "
                     + "; ".join(f"{md(outlets[r.article])}: *{md(r.term)}* (z = {r.zscore:.1f})"
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
            lines.append(f"- **{md(outlets[article])}** prints no quotations.")
            continue
        top_side = share.loc[article].idxmax()
        lines.append(f"- **{md(outlets[article])}**: {int(total[article])} quoted words, "
                     f"{share.loc[article, top_side] / total[article]:.0%} of them from "
                     f"{md(top_side.replace('_', ' '))}.")
    text = "Quoted words per outlet, and the share of the largest side:\n\n" + "\n".join(lines)
    groups = shared_groups(quotes)
    if groups:
        widest = groups[0]
        flagged = pairs[pairs["flags"].fillna("") != ""]
        text += (f"\n\nThe most widely carried utterance is **{md(widest)}** "
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
    return (f"The pair sharing the most exact wording both ways is **{md(outlets[top.article_a])}** and "
            f"**{md(outlets[top.article_b])}**: {back.loc[(top.article_a, top.article_b), 'shared']:.0%} of the "
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
        lines.append(f"* Closest wording: **{md(outlets[top.article_a])}** and **{md(outlets[top.article_b])}**. "
                     "Together with the sources table, this suggests which articles descend from the same copy.")
    core = claims[claims["outlets"] == len(outlets)]["claim"].nunique()
    lines.append(f"* {core} claim(s) are carried by every outlet; "
                 f"{int((gaps['kind'] == 'addition').sum())} claims are carried by a single outlet.")
    for row in _close_negations(flagged).head(3).itertuples():
        lines.append(f"* Possible polarity flip between **{md(outlets[row.article_a])}** and "
                     f"**{md(outlets[row.article_b])}**: “{md(row.text_a)}” vs “{md(row.text_b)}”.")
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
        notes.append(f"1. Most shared wording: {md(outlets[top.article_a])} and {md(outlets[top.article_b])}. "
                     f"News agencies from retold's agency list named in their text: "
                     f"{md(credited_by.get(top.article_a, 'none'))} / {md(credited_by.get(top.article_b, 'none'))}"
                     " (an agency not on the list is not counted; read the articles).")
    negations = _close_negations(flagged)
    if len(negations):
        row = negations.iloc[0]
        notes.append(f"3. Negation flag to discuss: {md(outlets[row.article_a])} “{md(row.text_a)}” vs "
                     f"{md(outlets[row.article_b])} “{md(row.text_b)}”. Ask whether the meaning was reversed; in "
                     "translated copy, a lost “never” or “not” is a common error.")
    credit = _close_credit_changes(flagged)
    for row in credit.head(2).itertuples():
        own, other = (row.article_a, row.article_b) if not _credited(row.credit_a) else (row.article_b, row.article_a)
        own_text, other_text = (row.text_a, row.text_b) if own == row.article_a else (row.text_b, row.text_a)
        who = row.credit_b if own == row.article_a else row.credit_a
        notes.append(f"4. {md(outlets[own])} states in its own voice “{md(own_text)}”, where "
                     f"{md(outlets[other])} credits {md(who)}: “{md(other_text)}”.")
    if not len(credit):
        loose = flagged[flagged["flags"].str.contains("attribution") & ~flagged["close"].astype(bool)]
        notes.append("4. No close rewrite in this corpus drops or adds the credit to a source"
                     + (f"; {len(loose)} looser pairs of related sentences differ in credit and are listed in "
                        "`tables/changes.csv` to check." if len(loose) else "."))
    return "\n".join(notes)


def _credited(value) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _close_credit_changes(flagged: pd.DataFrame) -> pd.DataFrame:
    if "credit_a" not in flagged.columns:
        return flagged.iloc[0:0]
    return flagged[flagged["flags"].str.contains("attribution") & flagged["close"].astype(bool)]


def changes_overview(changes: pd.DataFrame, flagged: pd.DataFrame, counts: dict[str, int]) -> str:
    """How many aligned pairs are close rewrites of one sentence, how many of those carry each flag, and how many
    looser related pairs carry a flag (to check, not findings)."""
    close = flagged[flagged["close"].astype(bool)]
    n_close = int(changes["close"].astype(bool).sum()) if len(changes) else 0
    per_flag = {flag: int(close["flags"].str.split(";").map(lambda f, flag=flag: flag in f).sum()) for flag in counts}
    text = (f"{_plural(len(changes), 'aligned sentence pair')}, {n_close} of them close rewrites of one sentence. "
            f"{len(close)} close rewrites carry a flag"
            + (": " + ", ".join(f"{k} {v}" for k, v in per_flag.items() if v) if len(close) else "") + ". ")
    loose = len(flagged) - len(close)
    if loose:
        text += (f"{_plural(loose, 'looser pair')} of related sentences, not close rewrites, "
                 f"{'carries' if loose == 1 else 'carry'} a flag too; they are shown last, to check, not as findings.")
    return text


def corpus_overview(corpus) -> str:
    """The corpus title, description, number of articles and language."""
    description = md_paragraphs(corpus.description)
    return (f"**{md(corpus.title)}**\n\n" + (f"{description}\n\n" if description else "")
            + f"{len(corpus.articles)} articles, language: {md_code(corpus.language)}.")


def article_notes(corpus, outlets: dict[str, str]) -> str:
    """One bullet per article with the notes recorded in corpus.yml."""
    return "\n".join(f"- **{md(outlets[a.id])}** ({md_code(a.id)}): {md(a.metadata.get('notes') or 'no notes.')}"
                     for a in corpus.articles)


def corpus_line(corpus, outlets: dict[str, str]) -> str:
    """One line naming the corpus and its outlets."""
    outlet_list = ", ".join(md(outlets[a.id]) for a in corpus.articles)
    return f"This corpus: **{md(corpus.title)}** — {len(corpus.articles)} articles from: {outlet_list}."


def strongest_reuse_sentence(reuse: pd.Series, outlets: dict[str, str]) -> str:
    """The ordered pair of articles where most of one article's body is found in the other."""
    return (f"Most shared wording: **{md(outlets[reuse['article_a']])}** and **{md(outlets[reuse['article_b']])}**"
            f" — {float(reuse['shared']):.0%} of the first article's body is also found in the second.")


def article_facts(meta) -> list[tuple[str, str]]:
    """What corpus.yml says about one article, as (label, value) pairs."""
    facts = [("Outlet", meta.outlet), ("Article id", meta.id)]
    for key in ("title", "published", "country", "outlet_type", "url"):
        value = meta.metadata.get(key)
        if value:
            facts.append((key.replace("_", " ").capitalize(), str(value)))
    if meta.credited_sources:
        facts.append(("Credited sources (corpus.yml)", ", ".join(meta.credited_sources)))
    return facts


def article_facts_html(meta) -> str:
    """The facts as an HTML list; the URL is a link only when it is an http(s) address."""
    items = [f"<li>{html_text(label)}: {link(value) if label == 'Url' else html_text(value)}</li>"
             for label, value in article_facts(meta)]
    return "<ul>" + "".join(items) + "</ul>"


def article_coverage_sentence(claims: pd.DataFrame, gaps: pd.DataFrame, article: str) -> str:
    """How many claims one article has, how many only it carries, how many it shares, how many it lacks."""
    mine = gaps[gaps["article"] == article]
    carried = claims[claims["article"] == article]
    return (f"This article has {carried['claim'].nunique()} claims (content sentences). "
            f"{int((mine['kind'] == 'addition').sum())} are found in no other article; "
            f"{int((carried['outlets'] >= 2).sum())} are shared with at least one other. It lacks "
            f"{int((mine['kind'] == 'omission').sum())} claim(s) that most other articles carry.")
