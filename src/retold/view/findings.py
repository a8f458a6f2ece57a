"""Key findings for the index page, each computed from the tables and linked to its evidence.

Sentences are built from whatever the tables hold for this corpus; a finding whose table is
empty (no quotations, no aligned sentences…) is simply left out.
"""

from __future__ import annotations

from pathlib import Path

from . import guide
from .escape import text as _e
from ..corpus import Corpus
from ..tables import read_tables



def _excerpt(text: str) -> str:
    """Article text in quotation marks, unless it already opens with one (no “““…)."""
    text = text.strip()
    return _e(text) if text[:1] in "\"“‘«„'" else f"“{_e(text)}”"

def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def key_findings(table_dir: Path, corpus: Corpus) -> list[tuple[str, str]]:
    """Plain sentences (HTML, corpus text escaped) with a link to the notebook that shows the evidence."""
    tables = read_tables(table_dir)
    outlets = corpus.outlet_names()
    texts = {a.id: a.text for a in corpus.articles}
    findings: list[tuple[str, str]] = []

    hits = tables.get("loaded_terms")
    if hits is not None and len(hits):
        own = int((hits["voice"] == "author").sum())
        per_outlet = hits[hits["voice"] == "author"].groupby("article").size()
        leader = per_outlet.idxmax() if len(per_outlet) else None
        sentence = (f"{_count(len(hits), 'loaded term')} were found; {own} of them are in the outlets' own voice, "
                    f"the other {len(hits) - own} inside quotations or reported speech.")
        if leader is not None:
            sentence += f" {_e(outlets[leader])} uses the most in its own voice ({int(per_outlet[leader])})."
        findings.append((sentence, "reading/10_framing.html"))

    varied = guide.most_varied_concept(tables)
    if varied is not None:
        concept, counts = varied
        choices = []
        for article in counts.columns:
            used = counts[article][counts[article] > 0]
            if len(used):
                choices.append(f"{_e(outlets.get(article, article))}: " + ", ".join(
                    f"“{_e(label)}” ×{int(n)}" for label, n in used.sort_values(ascending=False).items()))
        findings.append((f"Outlets name the same thing differently ({_e(concept.replace('_', ' '))}): "
                         + "; ".join(choices) + ".", "reading/10_framing.html"))

    shared = guide.most_shared_utterance(tables)
    if shared is not None:
        group, variants = shared
        first = variants.iloc[0]
        wordings = variants["text"].str.lower().str.strip().nunique()
        findings.append((
            f"The most widely carried statement, by {_e(first['speaker'] or 'an unnamed source')} "
            f"(“{_e(span_or_text(texts, first))}”), appears in {variants['article'].nunique()} outlets in "
            f"{_count(wordings, 'different wording')}.", "reading/20_quotes.html"))

    reuse = guide.strongest_reuse(tables)
    if reuse is not None:
        findings.append((
            f"{_e(outlets.get(reuse['article_a'], reuse['article_a']))} and "
            f"{_e(outlets.get(reuse['article_b'], reuse['article_b']))} share the most wording: "
            f"{float(reuse['shared']):.0%} of the first article's body is found in the second.",
            "reading/30_coverage.html"))

    for flag, (one, many), meaning in (
            ("negation", ("flips", "flip"), "a claim's polarity"),
            ("attribution", ("turns", "turn"), "a source's claim into the outlet's own words or back")):
        rows = guide.meaning_changes(tables, flag)
        if len(rows):
            row = rows.iloc[0]
            a = texts[row["article_a"]][int(row["start_a"]):int(row["end_a"])]
            b = texts[row["article_b"]][int(row["start_b"]):int(row["end_b"])]
            findings.append((
                f"{_count(len(rows), 'rewrite')} {one if len(rows) == 1 else many} {meaning} ({flag}). For example, "
                f"{_e(outlets[row['article_a']])}: {_excerpt(a)} — {_e(outlets[row['article_b']])}: {_excerpt(b)}",
                "reading/30_coverage.html"))

    articles = tables.get("articles")
    furniture = tables.get("furniture")
    if articles is not None and len(articles) > 1:
        longest = articles.loc[articles["words"].idxmax()]
        shortest = articles.loc[articles["words"].idxmin()]
        sentence = (f"The {len(articles)} articles range from {int(shortest['words'])} words "
                    f"({_e(outlets[shortest['article']])}) to {int(longest['words'])} words "
                    f"({_e(outlets[longest['article']])})")
        if furniture is not None and len(furniture):
            sentence += f"; {_count(len(furniture), 'line')} of page furniture were set aside before analysis"
        findings.append((sentence + ".", "reading/00_corpus.html"))
    return findings


def span_or_text(texts: dict[str, str], row) -> str:
    """A quotation's words as printed in the article."""
    return texts[row["article"]][int(row["start"]):int(row["end"])] if row["article"] in texts else row["text"]
