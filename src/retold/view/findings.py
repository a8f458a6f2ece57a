"""Key findings for the index page, each computed from the tables and linked to its evidence.

Sentences are built from whatever the tables hold for this corpus; a finding whose table is
empty (no quotations, no aligned sentences…) is simply left out. Each is worded so that it stays
true of what it counts: meaning changes are counted on close rewrites of one sentence only
(`coverage.changes.is_close`), looser pairs are "related, to check"; the widest-carried statement
counts the renderings of one statement (`quotes.align`); an attribution change is a credit lost
or added, never two outlets crediting two names.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import guide
from .escape import text as _e
from ..corpus import Corpus
from ..tables import read_tables


@dataclass(frozen=True)
class Finding:
    """One finding: a sentence (HTML, corpus text escaped), the page showing its evidence, words naming the section
    of that page (the index links to the first heading holding one of them) and a one-line takeaway (plain text)."""

    text: str
    page: str
    section: tuple[str, ...]
    takeaway: str


def _excerpt(text: str) -> str:
    """Article text in quotation marks, unless it already opens with one (no “““…)."""
    text = text.strip()
    return _e(text) if text[:1] in "\"“‘«„'" else f"“{_e(text)}”"

def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def key_findings(table_dir: Path, corpus: Corpus) -> list[Finding]:
    """Plain sentences (HTML, corpus text escaped), each with the section that shows its evidence and a takeaway."""
    tables = read_tables(table_dir)
    outlets = corpus.outlet_names()
    texts = {a.id: a.text for a in corpus.articles}
    findings: list[Finding] = []

    findings += _loaded_terms_finding(tables, outlets)
    findings += _naming_finding(tables, outlets)
    findings += _shared_statement_finding(tables, texts)

    reuse = guide.strongest_reuse(tables)
    if reuse is not None:
        shared = float(reuse["shared"])
        takeaway = ("Even the closest pair shares little wording word for word: these are rewrites, not copies."
                    if shared < 0.2 else "Long runs of shared words point to a common source copy (evidence, "
                    "not proof).")
        findings.append(Finding(
            f"{_e(outlets.get(reuse['article_a'], reuse['article_a']))} and "
            f"{_e(outlets.get(reuse['article_b'], reuse['article_b']))} share the most wording: "
            f"{shared:.0%} of the first article's body is found word for word in the second.",
            "reading/30_coverage.html", ("shared wording", "reuse"), takeaway))

    findings += _flip_finding(tables, texts, outlets)
    findings += _credit_finding(tables, texts, outlets)

    articles = tables.get("articles")
    furniture = tables.get("furniture")
    if articles is not None and len(articles) > 1:
        longest = articles.loc[articles["words"].idxmax()]
        shortest = articles.loc[articles["words"].idxmin()]
        sentence = (f"The {len(articles)} articles range from {int(shortest['words'])} words "
                    f"({_e(outlets[shortest['article']])}) to {int(longest['words'])} words "
                    f"({_e(outlets[longest['article']])})")
        takeaway = "Articles differ in length, so compare shares rather than raw counts."
        if furniture is not None and len(furniture):
            sentence += (f"; {_count(len(furniture), 'line')} of page furniture {'was' if len(furniture) == 1 else 'were'}"
                         " set aside before analysis")
            takeaway = "Not everything on a news page is the story: menus, links and forms are left out of every count."
        findings.append(Finding(sentence + ".", "reading/00_corpus.html", ("articles", "length"), takeaway))
    return findings


def _loaded_terms_finding(tables, outlets: dict[str, str]) -> list[tuple[str, str]]:
    hits = tables.get("loaded_terms")
    if hits is None or not len(hits):
        return []
    own = int((hits["voice"] == "author").sum())
    others = len(hits) - own
    split = (f"all in the outlets' own voice" if not others else
             f"all inside quotations or reported speech" if not own else
             f"{own} of them {'is' if own == 1 else 'are'} in the outlets' own voice, the other {others} inside "
             "quotations or reported speech")
    sentence = f"{_count(len(hits), 'loaded term')} {'was' if len(hits) == 1 else 'were'} found; {split}."
    per_outlet = hits[hits["voice"] == "author"].groupby("article").size()
    if len(per_outlet):
        most = int(per_outlet.max())
        leaders = [outlets.get(a, a) for a in per_outlet.index if per_outlet[a] == most]
        if len(leaders) == 1:
            sentence += f" {_e(leaders[0])} uses the most in its own voice ({most})."
        else:
            sentence += (f" {_e(', '.join(leaders[:-1]))} and {_e(leaders[-1])} use the most in their own voice "
                         f"({most} each).")
    takeaway = ("Most of the loaded language is the sources' words, not the outlets': ask who is speaking."
                if others > own else "Much of the loaded language is the outlets' own choice of words.")
    return [Finding(sentence, "reading/10_framing.html", ("loaded terms", "loaded"), takeaway)]


def _naming_finding(tables, outlets: dict[str, str]) -> list[tuple[str, str]]:
    varied = guide.most_varied_concept(tables)
    if varied is None:
        return []
    concept, counts = varied
    choices = []
    for article in counts.columns:
        used = counts[article][counts[article] > 0]
        if len(used):
            choices.append(f"{_e(outlets.get(article, article))}: " + ", ".join(
                f"“{_e(label)}” ×{int(n)}" for label, n in used.sort_values(ascending=False).items()))
    return [Finding(f"Outlets name the same thing differently ({_e(concept.replace('_', ' '))}): "
                    + "; ".join(choices) + ".", "reading/10_framing.html", ("naming",),
                    "A name is a choice: the label an outlet uses can show whose account it follows.")]


def _shared_statement_finding(tables, texts: dict[str, str]) -> list[tuple[str, str]]:
    """The statement carried by the most outlets: its renderings (a group holds renderings of one statement only)."""
    shared = guide.most_shared_utterance(tables)
    if shared is None:
        return []
    _, variants = shared
    first = variants.iloc[0]
    speakers = variants["speaker"].dropna().astype(str)
    speaker = speakers.value_counts().index[0] if len(speakers) else "an unnamed source"
    wordings = variants["text"].astype(str).str.lower().str.split().str.join(" ").nunique()
    takeaway = ("The same statement reaches readers in different words: compare the renderings before quoting one."
                if wordings > 1 else "Every outlet that carries it uses the same words.")
    return [Finding(f"The most widely carried statement, attributed to {_e(speaker)} "
                    f"(“{_e(span_or_text(texts, first))}”), appears in {variants['article'].nunique()} outlets in "
                    f"{_count(wordings, 'different wording')}.", "reading/20_quotes.html",
                    ("same utterance", "same statement"), takeaway)]


def _pair_excerpts(row, texts: dict[str, str], outlets: dict[str, str]) -> tuple[str, str]:
    a = texts[row["article_a"]][int(row["start_a"]):int(row["end_a"])]
    b = texts[row["article_b"]][int(row["start_b"]):int(row["end_b"])]
    return (f"{_e(outlets.get(row['article_a'], row['article_a']))}: {_excerpt(a)}",
            f"{_e(outlets.get(row['article_b'], row['article_b']))}: {_excerpt(b)}")


def _odd_rendering(pairs) -> str | None:
    """The article whose sentence is in every flagged pair of one claim (the rendering the others disagree
    with), if there is exactly one such sentence."""
    sides = [{(r.article_a, int(r.start_a)), (r.article_b, int(r.start_b))} for r in pairs.itertuples()]
    common = set.intersection(*sides)
    return next(iter(common))[0] if len(common) == 1 else None


def _flip_finding(tables, texts: dict[str, str], outlets: dict[str, str]) -> list[tuple[str, str]]:
    """Likely polarity flips: close rewrites of one sentence only; looser pairs are counted as related, to check."""
    close = guide.meaning_changes(tables, "negation", close=True)
    related = guide.meaning_changes(tables, "negation", close=False)
    if not len(close) and not len(related):
        return []
    to_check = (f"{_count(len(related), 'looser pair')} of related sentences, not close rewrites, also "
                f"{'differs' if len(related) == 1 else 'differ'} in negation and {'is' if len(related) == 1 else 'are'}"
                " listed to check")
    section = ("alter meaning", "change meaning", "meaning")
    if not len(close):
        return [Finding(f"No close rewrite of a sentence flips its polarity; {to_check}.", "reading/30_coverage.html",
                        section, "The looser pairs need a reader's judgement: a flag is a lead, not a verdict.")]
    a, b = _pair_excerpts(close.iloc[0], texts, outlets)
    claims = close["claim"].nunique()
    sentence = f"{_count(claims, 'likely polarity flip')} (negation) in close rewrites of one sentence"
    if len(close) > claims:
        sentence += f", seen in {len(close)} pairs of renderings"
        odd = _odd_rendering(close) if claims == 1 else None
        if odd is not None:
            sentence += f", each against the version in {_e(outlets.get(odd, odd))}"
    sentence += f". For example, {a} — {b}"
    if len(related):
        sentence += f" ({to_check}.)"
    return [Finding(sentence, "reading/30_coverage.html", section,
                    "A rewrite can keep most of the words and still reverse a claim: read the flagged pairs.")]


def _credit_finding(tables, texts: dict[str, str], outlets: dict[str, str]) -> list[tuple[str, str]]:
    """Close rewrites where one outlet credits a source and the other states the claim in its own voice."""
    rows = guide.meaning_changes(tables, "attribution", close=True)
    if not len(rows):
        return []
    row = rows.iloc[0]
    a, b = _pair_excerpts(row, texts, outlets)
    credit_a, credit_b = str(row.get("credit_a") or "").strip(), str(row.get("credit_b") or "").strip()
    credited_side, own_side = (a, b) if credit_a and credit_a != "nan" else (b, a)
    who = credit_a if credit_a and credit_a != "nan" else credit_b
    many = len(rows) != 1
    return [Finding(f"{_count(len(rows), 'close rewrite')} {'drop or add' if many else 'drops or adds'} the credit "
                    f"to a source, stating a claim in the outlet's own voice that another outlet attributes. For "
                    f"example, {credited_side} (credited to {_e(who)}) — {own_side} (the outlet's own voice)",
                    "reading/30_coverage.html", ("alter meaning", "change meaning", "meaning"),
                    "When the credit is dropped, a source's claim becomes the outlet's own statement.")]


def span_or_text(texts: dict[str, str], row) -> str:
    """A quotation's words as printed in the article."""
    return texts[row["article"]][int(row["start"]):int(row["end"])] if row["article"] in texts else row["text"]
