"""A handout for one class, printed on A4: a cover (the story and its outlets), each article with its marks
and a margin legend, two figures chosen for the class, and a worksheet with space to write; and a separate
teacher handout (timed plan and answer key). Printed to PDF by headless Chromium when it is installed, with
its sandbox on (or, as root, with page scripts off: see `browser.py`).

Everything is computed from the report's tables, so it works for any corpus. A corpus too long for a few
pages is cut to the first articles that fit (the cover says how many); the report has them all.
"""

from __future__ import annotations

import base64
import io
import warnings
from pathlib import Path

import pandas as pd

from ..config import CSS_FILE
from ..corpus import Corpus, load_corpus
from ..tables import read_tables
from ..view import guide, lesson
from ..view.escape import attr as escape_attr
from ..view.escape import md
from ..view.escape import text as escape
from ..view.markup import KIND_LABELS, corpus_speaker_colors, marked_article_html, spans_from_tables
from .browser import BrowserError, chromium_path, print_pdf
from .folder import FolderError, FolderLock, ownership, report_folder
from .index import markdown_block
from .layout import write_atomic
from .render import SECURITY_META
from .report import add_to_report

# About 2,600 words of article text (with its marks) fill four A4 pages; with the cover, the figures and the
# worksheet that keeps the handout within eight pages.
WORD_BUDGET = 2600
MAX_ARTICLES = 6
LESSON_MINUTES = 60
PRINT_CSS = """
@page { size: A4; margin: 13mm 12mm 14mm; }
body { font-size: 10pt; line-height: 1.45; }
main { max-width: none; padding: 0; }
h1 { font-size: 18pt; margin: 0 0 .3rem; } h2 { font-size: 13pt; margin: .9rem 0 .3rem; break-after: avoid; }
h3 { font-size: 11pt; margin: .6rem 0 .2rem; break-after: avoid; }
.ho-page { break-before: page; }
table { width: 100%; table-layout: fixed; font-size: 8.5pt; } tr { break-inside: avoid; }
.ho-article { margin-bottom: .8rem; }
.ho-article header { break-after: avoid; border-bottom: 2px solid #1a1a1a; margin-bottom: .3rem; }
.ho-article header p { margin: 0 0 .2rem; color: #333; }
.nf-article-page { grid-template-columns: minmax(0, 1fr) 36mm; gap: 4mm; }
.nf-article { line-height: 1.5 !important; max-width: none !important; font-size: 9pt; overflow-wrap: anywhere; }
.nf-article-page .nf-legend { font-size: 7.5pt; line-height: 1.3 !important; position: static; }
.nf-article-page .nf-legend li { margin-bottom: .35rem; }
figure { margin: .4rem 0 .8rem; break-inside: avoid; }
figure img { width: 100%; max-height: 72mm; object-fit: contain; }
figcaption { font-size: 9pt; color: #333; }
.ho-question { break-inside: avoid; margin: 0 0 .5rem; }
.ho-lines { height: 24mm; margin: .2rem 0 .4rem;
  background: repeating-linear-gradient(to bottom, transparent 0, transparent 7.6mm, #9aa 7.6mm, #9aa 7.9mm); }
.ho-answer { border-left: 4px solid #009E73; background: #f2faf7; padding: .2rem .6rem; margin: .2rem 0 .8rem; }
.ho-plan th:nth-child(-n+2) { width: 11%; } .ho-plan th:nth-child(3) { width: 18%; }
.ho-name { border-bottom: 1px solid #555; display: inline-block; width: 70mm; }
@media screen { main { max-width: 210mm; margin: 0 auto; padding: 1rem; } }
"""
__all__ = ["chromium_path", "handout_pages", "write_handout"]


def chosen_articles(corpus: Corpus, budget: int = WORD_BUDGET, limit: int = MAX_ARTICLES) -> list:
    """The articles the handout prints: in corpus order while they fit the word budget (at least one)."""
    chosen, words = [], 0
    for article in corpus.articles:
        length = len(article.text.split())
        if chosen and (words + length > budget or len(chosen) >= limit):
            break
        chosen.append(article)
        words += length
    return chosen


def _page(title: str, body: str) -> str:
    css = CSS_FILE.read_text(encoding="utf-8") + PRINT_CSS
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n{SECURITY_META}\n'
            f"<title>{escape(title)}</title>\n<style>\n{css}\n</style>\n</head>\n<body>\n<main>\n"
            f"{body}\n</main>\n</body>\n</html>\n")


def _cover(corpus: Corpus, articles: list, outlets: dict[str, str], teacher: bool) -> str:
    rows = "".join(
        f"<tr><td>{escape(outlets[a.id])}</td><td>{escape(a.title)}</td>"
        f"<td>{escape(', '.join(a.credited_sources) or 'none named')}</td>"
        f"<td>{escape(str(a.metadata.get('outlet_type') or 'unknown'))}</td></tr>" for a in articles)
    held = (f"This handout holds the first {len(articles)} of the {len(corpus.articles)} articles; the report "
            "has them all." if len(articles) < len(corpus.articles) else
            f"This handout holds all {len(articles)} articles.")
    kind = "Teacher handout: plan and answer key" if teacher else "Class handout"
    name = "" if teacher else '<p>Name: <span class="ho-name">&nbsp;</span></p>'
    reading = "" if teacher else (
        "<h2>How to read the marked articles</h2><ul>"
        + "".join(f"<li>{escape(label[0].upper() + label[1:])}.</li>" for label in KIND_LABELS.values())
        + "<li>Each speaker keeps one colour and one line style on every page; the margin beside each article "
          "lists its speakers.</li></ul>")
    return (f"<section><p><b>{kind}</b></p><h1>{escape(corpus.title)}</h1>{name}"
            f"<p>{escape(corpus.description)}</p><p>{escape(held)}</p>"
            '<h2>The outlets</h2><table><colgroup><col style="width:22%"><col style="width:40%">'
            '<col style="width:16%"><col style="width:22%"></colgroup>'
            f"<thead><tr><th>Outlet</th><th>Headline</th><th>Credits</th><th>Type</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>{reading}</section>")


def _articles(articles: list, outlets: dict[str, str], tables: dict[str, pd.DataFrame]) -> str:
    colors = corpus_speaker_colors(tables)
    parts = ['<section class="ho-page"><h2>The articles, with their marks</h2>']
    for article in articles:
        spans, _ = spans_from_tables(tables, article.id)
        parts.append(
            f'<article class="ho-article" id="article-{escape_attr(article.id)}"><header>'
            f"<h3>{escape(outlets[article.id])}</h3><p>{escape(article.title)} · article "
            f"<code>{escape(article.id)}</code></p></header>"
            f"{marked_article_html(article.text, spans, colors=colors, margin=True, compact=True)}</article>")
    parts.append("</section>")
    return "".join(parts)


def _svg(fig) -> str:
    from ..view import plots

    buffer = io.StringIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # a long outlet name can defeat tight layout; the box fits it
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    alt = plots.alt_text(fig)
    plots.plt.close(fig)
    data = base64.b64encode(buffer.getvalue().encode("utf-8")).decode("ascii")
    return f'<img alt="{escape_attr(alt)}" src="data:image/svg+xml;base64,{data}">'


def figures_html(tables: dict[str, pd.DataFrame], outlets: dict[str, str], ids: list[str]) -> str:
    """Two figures for the class: who gets a voice, and who carries which claim (short labels, full text below)."""
    from ..view import plots

    plots.setup()
    colors = plots.outlet_colors(ids)
    parts = ['<section class="ho-page"><h2>Two figures for the class</h2>']
    voices = tables.get("voices")
    if voices is not None and len(voices):
        fig = plots.voice_share(voices[voices["article"].isin(ids)], outlets, ids)
        parts.append(f"<figure>{_svg(fig)}<figcaption>Who gets a voice: words inside quotation marks and words of "
                     "reported speech in each article, by the side of the speaker.</figcaption></figure>")
    claims = tables.get("claims")
    if claims is not None and len(claims):
        claims = claims[claims["article"].isin(ids)]
        if len(claims) and (claims["outlets"] >= 2).any():
            fig = plots.claim_matrix(claims, outlets, ids, colors, max_claims=5)
            table = plots.claim_table(claims, max_claims=5)
            rows = "".join(f"<tr><td>{escape(r.Claim)}</td><td>{escape(r._3)}</td></tr>"
                           for r in table.itertuples())
            parts.append(f"<figure>{_svg(fig)}<figcaption>Who carries which claim: the claims found in the most "
                         "outlets (a dot = the outlet carries it).</figcaption></figure>"
                         '<table><colgroup><col style="width:12%"><col></colgroup><thead><tr><th>Claim</th>'
                         f"<th>Representative sentence</th></tr></thead><tbody>{rows}</tbody></table>")
    parts.append("</section>")
    return "".join(parts)


def worksheet(tables: dict[str, pd.DataFrame], outlets: dict[str, str], texts: dict[str, str]) -> list[tuple[str, str]]:
    """(question, answer in Markdown) pairs for the worksheet, each computed from this corpus."""
    items = []
    quoted = guide.example_of_voice(tables, "quoted")
    reported = guide.example_of_voice(tables, "attributed", avoid=[quoted] if quoted else [])
    found = [e for e in (quoted, reported) if e]
    answer = " ".join(f"{md(outlets.get(e.article, e.article))}: {guide.quote_md(texts[e.article][e.start:e.end])} "
                      f"({md(e.note)})." for e in found) or "No quotation or reported speech was found."
    items.append(("Find one quotation (tinted) and one passage of reported speech (italic) in the articles. "
                  "Who speaks in each? Why might a writer quote some words and only report others?",
                  f"**Answer 1.** For example: {answer}"))
    items.append(("Pick one boxed loaded term that the outlet uses in its own voice. Rewrite the sentence with a "
                  "more neutral word. Does it still say the same thing?",
                  guide.neutral_answer(tables, outlets)))
    shared = guide.most_shared_utterance(tables)
    if shared is not None:
        _, variants = shared
        speaker = variants["speaker"].dropna().astype(str)
        who = speaker.value_counts().index[0] if len(speaker) else "an unnamed source"
        items.append((f"One statement of {who} appears in {variants['article'].nunique()} articles. Find two "
                      "versions and compare them word by word. Did the meaning change, or only the wording?",
                      guide.changed_quotation_answer(tables, outlets)))
    items.append(("Find a claim that one outlet credits to a source and another states in its own words.",
                  guide.credit_answer(tables, outlets)))
    items.append(("Which two articles were most likely written from the same agency copy? What is your evidence?",
                  guide.reuse_answer(tables, outlets)))
    return [(question, _renumber(answer, number)) for number, (question, answer) in enumerate(items, 1)]


def _renumber(answer: str, number: int) -> str:
    """The answer texts of `view.guide` say "**Answer N.**" for the guide's numbering; use the worksheet's."""
    if answer.startswith("**Answer "):
        _, _, rest = answer.partition(".**")
        return f"**Answer {number}.**{rest}"
    return f"**Answer {number}.** {answer}"


def _worksheet_html(items: list[tuple[str, str]], teacher: bool) -> str:
    title = "Worksheet: answer key" if teacher else "Worksheet"
    parts = [f'<section class="ho-page"><h2>{title}</h2>']
    if not teacher:
        parts.append("<p>Work in pairs with the marked articles and the figures. Write your answers in the space "
                     "below each question.</p>")
    for number, (question, answer) in enumerate(items, 1):
        parts.append(f'<div class="ho-question"><p><b>{number}.</b> {escape(question)}</p>')
        parts.append(f'<div class="ho-answer">{markdown_block(answer)}</div>' if teacher
                     else '<div class="ho-lines"></div>')
        parts.append("</div>")
    parts.append("</section>")
    return "".join(parts)


def _plan_html(tables: dict[str, pd.DataFrame], outlets: dict[str, str]) -> str:
    return ('<section class="ho-page"><h2>Lesson plan</h2>'
            f"{markdown_block(lesson.objectives_markdown())}"
            f'<div class="ho-plan">{markdown_block(lesson.plan_markdown(LESSON_MINUTES, tables, outlets))}</div>'
            "<p>The teacher's guide in the report has 45- and 90-minute plans too.</p></section>")


def handout_pages(corpus: Corpus, tables: dict[str, pd.DataFrame]) -> tuple[str, str]:
    """The student handout and the teacher handout, as HTML pages (every corpus value escaped)."""
    outlets = corpus.outlet_names()
    articles = chosen_articles(corpus)
    ids = [a.id for a in articles]
    items = worksheet(tables, outlets, {a.id: a.text for a in corpus.articles})
    student = (_cover(corpus, articles, outlets, teacher=False) + _articles(articles, outlets, tables)
               + figures_html(tables, outlets, ids) + _worksheet_html(items, teacher=False))
    teacher = (_cover(corpus, articles, outlets, teacher=True) + _plan_html(tables, outlets)
               + _worksheet_html(items, teacher=True))
    return (_page(f"{corpus.title} — handout", student),
            _page(f"{corpus.title} — teacher handout", teacher))


def write_handout(corpus_path: str | Path, report_dir: str | Path, notebooks_dir: str | Path = "notebooks",
                  pdf: bool = True) -> list[Path]:
    """Write handout.html and handout-teacher.html (and their PDFs when Chromium is available) from the tables
    of a report folder retold built; all are recorded in its manifest (the HTML even when printing fails)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(corpus_path)
    root = report_folder(report_dir)
    with FolderLock(root):
        found = ownership(root)
        if found.kind not in ("report", "legacy"):
            raise FolderError(f"{root} is not a report retold built; run `make report` (retold report) first")
        if not (root / "tables" / "articles.csv").exists():
            raise FileNotFoundError(f"{root / 'tables'}: no tables; run `make report` first")
        student, teacher = handout_pages(corpus, read_tables(root / "tables"))
        pages = [root / "handout.html", root / "handout-teacher.html"]
        for page, html in zip(pages, (student, teacher)):
            write_atomic(page, html)
        add_to_report(root, found, pages)
        if not (pdf and chromium_path()):
            return pages
        printed = [page.with_suffix(".pdf") for page in pages]
        for page, target in zip(pages, printed):
            _print(page, target)
        add_to_report(root, found, pages + printed)
    return pages + printed


def _print(page: Path, target: Path) -> None:
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        print_pdf(page, tmp)
        tmp.replace(target)
    except BrowserError as exc:
        raise BrowserError(f"{target}: not printed ({exc}); {page.name} is written: print it from a browser") \
            from None
    finally:
        tmp.unlink(missing_ok=True)
