"""Display tables for the notebooks: the report's CSV tables reshaped for reading, with outlet names.

Each function takes tables (DataFrames read from `tables/`) and returns a DataFrame
with readable column names; the notebook only shows it. Text stays raw here: notebooks
show these frames through `Report.show`, which escapes every cell.
"""

from __future__ import annotations

import pandas as pd

from ..corpus import Corpus
from ..vocab import VOICES


def articles_overview(articles: pd.DataFrame, outlets: dict[str, str]) -> pd.DataFrame:
    """One row per article: outlet, headline, credited sources and its size."""
    table = articles.assign(outlet=articles["article"].map(outlets))[
        ["outlet", "title", "credited_sources", "words", "sentences", "paragraphs", "article"]]
    table.columns = ["Outlet", "Headline", "Credited sources", "Words", "Sentences", "Paragraphs", "Article id"]
    return table


def furniture_list(furniture: pd.DataFrame, outlets: dict[str, str]) -> pd.DataFrame:
    """Every line of page furniture set aside, with its kind and offsets."""
    shown = furniture.assign(outlet=furniture["article"].map(outlets), kind=furniture["kind"].str.replace("_", " "))
    shown = shown[["outlet", "kind", "text", "article", "start", "end"]]
    shown.columns = ["Outlet", "Kind", "Text set aside", "Article id", "Start", "End"]
    return shown


def credits_matrix(corpus: Corpus, outlets: dict[str, str]) -> pd.DataFrame | None:
    """Outlet × credited source (from corpus.yml), ✓ where the outlet credits it; None if nobody credits anyone."""
    credits = [(outlets[a.id], source) for a in corpus.articles for source in a.credited_sources]
    if not credits:
        return None
    matrix = pd.crosstab(pd.Series([o for o, _ in credits], name="Outlet"),
                         pd.Series([s for _, s in credits], name="Credited source"))
    matrix = matrix.reindex([outlets[a.id] for a in corpus.articles], fill_value=0)
    return matrix.replace({1: "✓", 0: ""}).reset_index()


def own_voice_terms(terms: pd.DataFrame, outlets: dict[str, str]) -> pd.DataFrame:
    """Loaded terms printed in an outlet's own narration, with the neutral alternative."""
    own = terms[terms["voice"] == "author"].assign(outlet=lambda f: f["article"].map(outlets))
    shown = own[["outlet", "term", "category", "neutral", "start", "end"]].fillna("")
    shown.columns = ["Outlet", "Term as printed", "Category", "Neutral alternative", "Start", "End"]
    return shown


def loaded_terms_per_outlet(terms: pd.DataFrame, words: dict[str, int], outlets: dict[str, str]) -> pd.DataFrame:
    """Per outlet: loaded terms, their density per 1,000 words, and how many in each voice."""
    rows = []
    for article, outlet in outlets.items():
        sub = terms[terms["article"] == article]
        by_voice = sub["voice"].value_counts()
        rows.append({
            "Outlet": outlet,
            "Words": words[article],
            "Loaded terms": len(sub),
            "Per 1,000 words": round(1000 * len(sub) / max(1, words[article]), 1),
            "Own voice": int(by_voice.get("author", 0)),
            "Attributed": int(by_voice.get("attributed", 0)),
            "Quoted": int(by_voice.get("quoted", 0)),
            "Most frequent entries": ", ".join(f"{e} ×{n}" for e, n in sub["entry"].value_counts().head(4).items()),
        })
    return pd.DataFrame(rows)


def naming_cells(naming: pd.DataFrame, totals: pd.DataFrame, own: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Concept -> label × outlet cells "uses (own)" from the naming maps of all uses and of own-voice uses;
    "·" where a label is not used."""
    own = own.reindex(index=totals.index, fill_value=0)
    cells = totals.astype(str).where(own == 0, totals.astype(str) + " (" + own.astype(str) + ")")
    cells = cells.where(totals > 0, "·")
    found = {}
    for concept in dict.fromkeys(naming["concept"]):
        if concept in cells.index.get_level_values(0):
            table = cells.loc[concept]
            table.index.name = "label"
            found[concept] = table
    return found


def dominant_labels(naming: pd.DataFrame, outlets: dict[str, str]) -> pd.DataFrame:
    """Per concept and outlet, the label used most, and the one used most in the outlet's own words."""
    rows = []
    for concept in dict.fromkeys(naming["concept"]):
        sub = naming[naming["concept"] == concept]
        if sub["count"].sum() == 0:
            continue
        row = {"Concept": concept.replace("_", " ")}
        for article, outlet in outlets.items():
            mine = sub[sub["article"] == article]
            if mine["count"].sum() == 0:
                row[outlet] = "·"
                continue
            best = mine.sort_values(["count", "label"], ascending=[False, True], kind="stable").iloc[0]
            own_best = mine[mine["author"] > 0].sort_values(["author", "label"], ascending=[False, True],
                                                              kind="stable")
            row[outlet] = best["label"] + (f"; own: {own_best.iloc[0]['label']}" if len(own_best) else "")
        rows.append(row)
    return pd.DataFrame(rows)


def loaded_terms_detail(terms: pd.DataFrame, outlets: dict[str, str]) -> pd.DataFrame:
    """Every loaded term with its voice, speaker, entry, category and whose framing it echoes."""
    return terms.assign(outlet=terms["article"].map(outlets))[
        ["outlet", "term", "entry", "category", "voice", "speaker", "echoes", "start", "end"]].fillna("")


def voice_counts(terms: pd.DataFrame) -> pd.Series:
    """Loaded-term hits per voice (author, attributed, quoted), zeros included."""
    return terms["voice"].value_counts().reindex(list(VOICES), fill_value=0)


def quotations_of(quotes: pd.DataFrame, article: str) -> pd.DataFrame:
    """One article's quotations (not reported speech) with readable columns."""
    columns = {"text": "Quotation", "speaker": "Speaker", "kind": "Kind", "cue": "Cue",
               "attribution": "How attributed", "group": "Utterance"}
    rows = quotes[(quotes["kind"] != "reported") & (quotes["article"] == article)]
    return rows[list(columns)].rename(columns=columns).fillna("")


def reported_speech(quotes: pd.DataFrame, outlets: dict[str, str]) -> pd.DataFrame:
    """Every passage of reported speech, with its outlet, speaker and utterance group."""
    reported = quotes[quotes["kind"] == "reported"]
    shown = reported.assign(outlet=reported["article"].map(outlets))[["outlet", "text", "speaker", "cue", "group"]]
    shown.columns = ["Outlet", "Reported speech", "Speaker", "Cue", "Utterance"]
    return shown.fillna("")


def voices_by_speaker(voices: pd.DataFrame, outlets: dict[str, str]) -> pd.DataFrame:
    """Quotations, quoted words, reported passages and reported words per outlet and speaker."""
    table = voices.assign(outlet=voices["article"].map(outlets))[
        ["outlet", "speaker", "side", "quotes", "words", "reported", "reported_words"]]
    table.columns = ["Outlet", "Speaker", "Side", "Quotations", "Quoted words", "Reported passages", "Reported words"]
    return table


def flag_counts(pairs: pd.DataFrame) -> pd.DataFrame:
    """How many scored pairs carry each meaning flag."""
    flags = pairs["flags"].fillna("").str.split(";").explode()
    return flags[flags != ""].value_counts().rename_axis("Flag").reset_index(name="Pairs")


def quote_pairs(pairs: pd.DataFrame, outlets: dict[str, str]) -> pd.DataFrame:
    """Every scored pair of renderings from different outlets, with similarity and flags."""
    shown = pairs.assign(outlet_a=pairs["article_a"].map(outlets), outlet_b=pairs["article_b"].map(outlets))
    shown = shown[["group", "outlet_a", "text_a", "outlet_b", "text_b", "similarity", "flags"]].fillna("")
    shown.columns = ["Utterance", "Outlet A", "Rendering A", "Outlet B", "Rendering B", "Similarity", "Flags"]
    return shown


def quote_links(links: pd.DataFrame, outlets: dict[str, str]) -> pd.DataFrame:
    """Fragments quoted word for word from a longer quotation of another outlet (quote_links.csv)."""
    shown = links.assign(outlet_a=links["article_a"].map(outlets), outlet_b=links["article_b"].map(outlets))
    shown = shown[["outlet_a", "text_a", "kind", "outlet_b", "text_b", "group_b"]].fillna("")
    shown.columns = ["Outlet", "Fragment", "Relation", "Outlet quoting more", "Longer quotation", "Its utterance"]
    return shown


def source_credits(sources: pd.DataFrame, texts: dict[str, str], outlets: dict[str, str]) -> pd.DataFrame:
    """Each agency named in an article, with its cue, where it sits and the words around it."""
    shown = sources.assign(
        outlet=sources["article"].map(outlets),
        context=[" ".join(texts[r.article][max(0, r.start - 50):r.end + 30].split()) for r in sources.itertuples()],
        where=sources["in_body"].map({True: "article text", False: "page furniture"}))
    shown = shown[["outlet", "source", "cue", "where", "context"]]
    shown.columns = ["Outlet", "Source", "Cue", "Where", "Context"]
    return shown


def coverage_summary(claims: pd.DataFrame, gaps: pd.DataFrame, outlets: dict[str, str]) -> pd.DataFrame:
    """Per outlet: claims carried, shared with another outlet, only here, and omitted."""
    ids = list(outlets)
    per_outlet = claims.groupby("article")["claim"].nunique().reindex(ids, fill_value=0)
    shared = claims[claims["outlets"] >= 2].groupby("article")["claim"].nunique().reindex(ids, fill_value=0)
    return pd.DataFrame({
        "Outlet": [outlets[a] for a in ids],
        "Claims (content sentences)": per_outlet.values,
        "Shared with another outlet": shared.values,
        "Only in this outlet": [int(((gaps["article"] == a) & (gaps["kind"] == "addition")).sum()) for a in ids],
        "Omitted (most others carry it)": [int(((gaps["article"] == a) & (gaps["kind"] == "omission")).sum())
                                           for a in ids],
    })


FLAG_PRIORITY = ["negation", "number", "modality", "attribution", "entity", "intensity", "spelling"]


def flagged_changes(changes: pd.DataFrame) -> pd.DataFrame:
    """Aligned pairs with at least one flag, close renderings first, then by the most serious flag."""
    flagged = changes[changes["flags"].fillna("") != ""].copy()
    flagged["flags"] = flagged["flags"].astype(str)  # a table with no flags at all reads the column as numbers
    flagged["rank"] = flagged["flags"].map(
        lambda f: min(FLAG_PRIORITY.index(x) if x in FLAG_PRIORITY else 99 for x in f.split(";")))
    return flagged.sort_values(["close", "rank", "similarity", "claim"], ascending=[False, True, False, True])


def change_flag_counts(flagged: pd.DataFrame) -> dict[str, int]:
    """Flag -> number of flagged pairs carrying it, in order of seriousness."""
    return {flag: int(flagged["flags"].str.split(";").map(lambda f: flag in f).sum()) for flag in FLAG_PRIORITY}
