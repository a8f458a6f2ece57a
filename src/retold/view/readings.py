"""The "short reading" of each notebook: a few sentences computed from the tables, as Markdown.

Every value taken from a corpus, lexicon or table goes through `escape.md` before it joins
the text, so a name holding markup, a Markdown link or `$maths$` renders as the characters
it is. Notebooks show these strings; they never build Markdown from raw values themselves.
"""

from __future__ import annotations

import pandas as pd

from ..vocab import VOICES
from .escape import link, md, md_code, md_paragraphs
from .summaries import readable, side_label
from .escape import text as html_text


def heading(level: int, title: str) -> str:
    """A Markdown heading whose whole text is literal (it may hold outlet names or lexicon labels)."""
    return "#" * level + " " + md(title)


def count_heading(level: int, title: str, n: int, word: str) -> str:
    """A heading "title: 1 quotation" / "title: 3 quotations" with literal text."""
    return heading(level, f"{title}: {_plural(n, word)}")


def more_in_table(n: int, word: str, table: str) -> str:
    """"*1 more flagged pair is in `tables/changes.csv`.*" (italic; 1 vs many)."""
    return f"*{_plural(n, 'more ' + word)} {_verb(n)} in {md_code(table)}.*"


def note(message: str) -> str:
    """A highlighted note (blockquote) with literal text."""
    return f"> **Note:** {md(message)}"


def concept_heading(concept: str) -> str:
    return f"**Concept: {md(concept.replace('_', ' '))}** (times each label is used)"


def kwic_heading(term, n_lines: int) -> str:
    """A keyword-in-context heading: the term, why it was chosen, the forms searched, how many occurrences."""
    differ = any(f.lower() != term.name.lower() for f in term.forms)
    forms = ""
    if term.source == "loaded term" and differ:
        forms = f"; printed as {', '.join(term.forms)}"
    elif term.source == "naming concept":
        forms = f"; labels {', '.join(term.forms)}"
    return heading(3, f"{term.name} ({term.source}{forms}): {_plural(n_lines, 'occurrence')}")


def credits_list(sources: pd.DataFrame, outlets: dict[str, str]) -> str:
    """One bullet per credited agency, naming the outlets that credit it."""
    credited = sources.groupby("source")["article"].agg(lambda s: ", ".join(outlets[a] for a in sorted(set(s))))
    return "\n".join(f"* **{md(source)}** is credited by {md(who)}." for source, who in credited.items())


def _plural(n: int, word: str, plural: str | None = None) -> str:
    """"1 term", "3 terms" (or the plural given: "1 utterance is", "2 utterances are" need `_verb`)."""
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _verb(n: int, singular: str = "is", plural: str = "are") -> str:
    return singular if n == 1 else plural


def loaded_terms_overview(terms: pd.DataFrame, n_articles: int) -> str:
    """How many loaded terms the lexicon finds, in how many entries, and how they split by voice."""
    total = len(terms)
    if not total:
        return (f"The lexicon finds **no loaded term** in the titles and bodies of the "
                f"{_plural(n_articles, 'article')}.")
    by_voice = terms["voice"].value_counts().reindex(list(VOICES), fill_value=0)
    share = (by_voice / total * 100).round(0).astype(int)
    entries = _plural(terms["entry"].nunique(), "different entry", "different entries")
    return (f"The lexicon finds **{_plural(total, 'loaded term')}** in the titles and bodies of the "
            f"{_plural(n_articles, 'article')} ({entries}). "
            f"**{by_voice['author']}** ({share['author']}%) {_verb(by_voice['author'])} in the outlets' own narration, "
            f"**{by_voice['attributed']}** ({share['attributed']}%) in reported speech and "
            f"**{by_voice['quoted']}** ({share['quoted']}%) inside quotation marks.")


def _whose_words(terms: pd.DataFrame, outlets: dict[str, str]) -> list[str]:
    """Whether most loaded terms are the outlets' own words or other people's, and which outlet narrates most."""
    passed = int((terms["voice"] != "author").sum())
    own = len(terms) - passed
    if own > passed:
        lead = (f"- Most loaded terms are **the outlets' own words**: {own} of {len(terms)} hits are in their "
                "narration.")
    elif passed > own:
        lead = (f"- Most loaded terms are **other people's words**: {passed} of {len(terms)} hits are quoted or "
                "attributed.")
    else:
        lead = f"- Half the loaded terms ({own} of {len(terms)}) are in the outlets' own narration."
    lines = [lead]
    own_hits = terms[terms["voice"] == "author"]["article"].value_counts()
    if len(own_hits):
        top = sorted(own_hits.index, key=lambda a: (-own_hits[a], list(outlets).index(a)))[0]
        of_all = int((terms["article"] == top).sum())
        lines.append(f"- The outlet with the most loaded terms in its own narration is **{md(outlets[top])}** "
                     f"({own_hits[top]} of its {_plural(of_all, 'hit')}).")
    speakers = terms[(terms["voice"] != "author") & terms["speaker"].map(lambda v: isinstance(v, str) and v != "")]
    passed_on = speakers.groupby("speaker")["entry"].count()
    if len(passed_on):
        who = sorted(passed_on.index, key=lambda name: (-passed_on[name], name))[0]
        lines.append(f"- The speaker whose loaded words are passed on most often is **{md(who)}** "
                     f"({_plural(int(passed_on[who]), 'hit')}, quoted or attributed).")
    return lines


def _most_found(terms: pd.DataFrame, outlets: dict[str, str], top: int) -> list[str]:
    """The loaded entries found at least twice, most first, each with who printed it and in whose voice."""
    tally = terms["entry"].value_counts()
    chosen = sorted([e for e in tally.index if tally[e] >= 2], key=lambda e: (-tally[e], e))[:top]
    lines = []
    for entry in chosen:
        sub = terms[terms["entry"] == entry]
        parts = []
        for article in [a for a in outlets if a in set(sub["article"])]:
            voices = sub[sub["article"] == article]["voice"].value_counts()
            parts.append(f"{md(outlets[article])} ("
                         + ", ".join(f"{n} {voice}" for voice, n in voices.reindex(list(VOICES)).dropna().astype(int)
                                     .items()) + ")")
        lines.append(f"- *{md(entry)}* is found {len(sub)} times: " + "; ".join(parts) + ".")
    return lines


def _naming_choices(naming: pd.DataFrame, outlets: dict[str, str], top: int) -> list[str]:
    """Naming concepts whose outlets print different labels: which outlet prints which label."""
    from ..framing.keyterms import varying_concepts
    lines = []
    for concept in varying_concepts(naming)[:top]:
        used = naming[(naming["concept"] == concept) & (naming["count"] > 0)]
        parts = []
        for label, rows in used.groupby("label", sort=False):
            who = ", ".join(md(outlets[a]) for a in outlets if a in set(rows["article"]))
            parts.append(f"*{md(label)}* ({who})")
        lines.append(f"- Outlets name **{md(readable(concept))}** differently: " + "; ".join(parts) + ".")
    return lines


def _top_swap(substitutions: pd.DataFrame | None) -> list[str]:
    """The most repeated swap of words or names (not of function words only: "are" / "remain")."""
    if substitutions is None or substitutions.empty:
        return []
    from ..framing.keyterms import function_words_only
    swaps = substitutions[substitutions["kind"].isin(["word choice", "spelling", "name variant"])]
    minor = swaps["text_a"].map(lambda t: isinstance(t, str) and function_words_only(t))
    swaps = swaps[~minor & ~swaps["text_b"].map(lambda t: isinstance(t, str) and function_words_only(t))]
    if swaps.empty:
        return []
    row = swaps.iloc[0]
    n = int(row["count"])
    return [f"- The swap the rewrites repeat most: *{md(' '.join(str(row['text_a']).split()))}* → "
            f"*{md(' '.join(str(row['text_b']).split()))}* ({row['kind']}, in {_plural(n, 'pair')} of renderings)."]


def framing_reading(terms: pd.DataFrame, naming: pd.DataFrame, keyness: pd.DataFrame, outlets: dict[str, str],
                    substitutions: pd.DataFrame | None = None, top: int = 3) -> str:
    """Bullet points computed from this corpus: whose words the loaded terms are, the most frequent ones and
    where, the naming concepts outlets label differently, the most repeated swap, each outlet's most
    distinctive term."""
    ids = list(outlets)
    lines = []
    if len(terms):
        lines += _whose_words(terms, outlets) + _most_found(terms, outlets, top)
    lines += _naming_choices(naming, outlets, top) + _top_swap(substitutions)
    top_terms = keyness[keyness["count"] >= 2].sort_values("zscore", ascending=False, kind="stable")
    top_terms = top_terms.groupby("article").head(1)
    if len(top_terms):
        per_outlet = top_terms.set_index("article").reindex(ids).dropna(subset=["term"]).reset_index()
        lines.append("- The most distinctive term per outlet: "
                     + "; ".join(f"{md(outlets[r.article])}: *{md(r.term)}* (z = {r.zscore:.1f})"
                                 for r in per_outlet.itertuples()) + ".")
    return "\n".join(lines) if lines else "*The lexicons found nothing in this corpus.*"


def substitutions_overview(substitutions: pd.DataFrame | None, swaps: pd.DataFrame, shown: int) -> str:
    """How many substitutions of each kind the aligned rewrites hold, and how many distinct swaps are shown."""
    if substitutions is None or substitutions.empty:
        return ("*No substitution was found: no two outlets carry a sentence close enough to compare word by "
                "word.*")
    kinds = substitutions["kind"].value_counts()
    parts = ", ".join(f"{n} {kind}" for kind, n in kinds.items())
    text = (f"The aligned rewrites hold **{_plural(len(substitutions), 'substitution')}** ({parts}), "
            f"{_plural(len(swaps), 'distinct swap')} once identical ones are grouped and swaps of function words "
            f"only (*and* for *along with*) are left out. ")
    if shown < len(swaps):
        text += (f"The tables below show the {shown} most repeated of each kind; open the folded lists under "
                 "them for the rest.")
    return text


def more_swaps(n: int) -> str:
    """Plain-text summary line of a folded list of swaps."""
    return f"{_plural(n, 'more swap')} of this kind, each repeated less often or longer (click to open)"


def shared_groups(quotes: pd.DataFrame) -> list[str]:
    """Utterance groups carried by two or more outlets, most widely carried first."""
    outlets = quotes.groupby("group")["article"].nunique()
    outlets = outlets[outlets >= 2]
    return sorted(outlets.index, key=lambda g: (-outlets[g], g))


def quotations_overview(quotes: pd.DataFrame, n_articles: int) -> str:
    """How many quotations of each kind, how much reported speech, how many utterances two outlets share."""
    marked = quotes[quotes["kind"] != "reported"]
    n_reported = int((quotes["kind"] == "reported").sum())
    n_shared = len(shared_groups(quotes))
    return (f"The {_plural(n_articles, 'article')} hold **{_plural(len(marked), 'quotation')}** "
            f"({(marked['kind'] == 'direct').sum()} direct, {(marked['kind'] == 'partial').sum()} partial, "
            f"{(marked['kind'] == 'unmarked').sum()} printed without quotation marks) and "
            f"**{_plural(n_reported, 'passage')} of reported speech**. "
            f"**{_plural(n_shared, 'utterance')}** {_verb(n_shared, 'appears', 'appear')} in two or more outlets.")


def _reference_text(quotes: pd.DataFrame, group: str) -> str:
    """The words of an utterance group: its first full quotation, else its first rendering."""
    members = quotes[quotes["group"] == group]
    direct = members[members["kind"] == "direct"]
    return " ".join(str((direct if len(direct) else members).iloc[0]["text"]).split())


def quotes_reading(quotes: pd.DataFrame, voices: pd.DataFrame, pairs: pd.DataFrame, outlets: dict[str, str]) -> str:
    """Quoted words per outlet and, where the speakers lexicon gives sides, the share of the largest side;
    the most widely carried utterance."""
    ids = list(outlets)
    sided = voices.assign(side=voices["side"].map(side_label))
    share = sided.groupby(["article", "side"])["words"].sum().unstack(fill_value=0).reindex(ids, fill_value=0)
    total = share.sum(axis=1)
    known = [c for c in share.columns if c != "—"]
    lines = []
    for article in ids:
        if total[article] == 0:
            lines.append(f"- **{md(outlets[article])}** prints no quotations.")
            continue
        line = f"- **{md(outlets[article])}**: {_plural(int(total[article]), 'quoted word')}"
        sides = share.loc[article, known] if known else pd.Series(dtype=int)
        if len(sides) and sides.max() > 0:
            top_side = sides.idxmax()
            line += f", {sides[top_side] / total[article]:.0%} of them from speakers on the side *{md(top_side)}*"
        lines.append(line + ".")
    intro = ("Quoted words per outlet, and the share of the largest side:" if known else
             "Quoted words per outlet (the speakers lexicon gives no sides for this corpus):")
    text = intro + "\n\n" + "\n".join(lines)
    groups = shared_groups(quotes)
    if groups:
        widest = groups[0]
        flagged = pairs[pairs["flags"].fillna("") != ""]
        n_outlets = quotes[quotes["group"] == widest]["article"].nunique()
        text += (f"\n\nThe most widely carried utterance ({md(widest)}, {n_outlets} outlets) is "
                 f"“{md(_reference_text(quotes, widest))}”. "
                 f"Of {_plural(len(pairs), 'scored pair')} of renderings, {len(flagged)} "
                 f"{_verb(len(flagged), 'carries', 'carry')} at least one meaning flag.")
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
    single = int((gaps["kind"] == "addition").sum())
    lines.append(f"* {_plural(core, 'claim')} {_verb(core)} carried by every outlet; "
                 f"{_plural(single, 'claim')} {_verb(single)} carried by a single outlet.")
    for row in _close_negations(flagged).head(3).itertuples():
        lines.append(f"* Possible polarity flip between **{md(outlets[row.article_a])}** and "
                     f"**{md(outlets[row.article_b])}**: “{md(row.text_a)}” vs “{md(row.text_b)}”.")
    if len(flagged):
        close = flagged[flagged["close"]]
        lines.append(f"* {len(close)} of the {_plural(int(changes['close'].sum()), 'close rendering')} "
                     f"{_verb(len(close), 'carries', 'carry')} a meaning flag "
                     f"({len(flagged)} of all {_plural(len(changes), 'aligned pair')}). Check each one by reading it.")
    return "\n".join(lines)


def coverage_teacher_notes(flagged: pd.DataFrame, reuse: pd.DataFrame, sources: pd.DataFrame,
                           outlets: dict[str, str]) -> str:
    """Answers to the coverage discussion questions, computed from this corpus."""
    notes = ["**Notes for the teacher** (computed from this corpus)."]
    top = closest_wording(reuse)
    if top is not None:
        credited_by = sources[sources["in_body"].astype(bool)].groupby("article")["source"].agg(
            lambda s: ", ".join(sorted(set(s))))
        named = [f"{md(outlets[a])} names {md(credited_by[a])}" if a in credited_by else
                 f"{md(outlets[a])} names none" for a in (top.article_a, top.article_b)]
        notes.append(f"1. Most shared wording: {md(outlets[top.article_a])} and {md(outlets[top.article_b])}. "
                     f"News agencies from retold's agency list named in their text: {'; '.join(named)}"
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
            f"{_plural(len(close), 'close rewrite')} {_verb(len(close), 'carries', 'carry')} a flag"
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
            + f"{_plural(len(corpus.articles), 'article')}" + _language(corpus.language) + ".")


def _language(language: object) -> str:
    known = isinstance(language, str) and language.strip().lower() not in ("", "unknown", "und", "none", "nan")
    return f", language: {md_code(language)}" if known else ""


def _note(article) -> str:
    value = article.metadata.get("notes")
    return " ".join(str(value).split()) if isinstance(value, str) and value.strip() else ""


def article_notes(corpus, outlets: dict[str, str]) -> str:
    """One bullet per article with the notes recorded in corpus.yml; articles without notes are left out."""
    noted = [a for a in corpus.articles if _note(a)]
    if not noted:
        return "*corpus.yml records no notes on the articles.*"
    return "\n".join(f"- **{md(outlets[a.id])}** ({md_code(a.id)}): {md(_note(a))}" for a in noted)


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
        if value and str(value).strip().lower() not in ("unknown", "nan", "none", "null"):
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
    n_claims, added = carried["claim"].nunique(), int((mine["kind"] == "addition").sum())
    shared, lacks = int((carried["outlets"] >= 2).sum()), int((mine["kind"] == "omission").sum())
    return (f"This article has {_plural(n_claims, 'claim')} (content sentences). "
            f"{added} {_verb(added)} found in no other article; "
            f"{shared} {_verb(shared)} shared with at least one other. It lacks "
            f"{_plural(lacks, 'claim')} that most other articles carry.")
