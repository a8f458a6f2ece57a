"""The report's front page: what the corpus is, what it shows, and links to every page and table."""

from __future__ import annotations

import html
import re
from pathlib import Path

from markdown_it import MarkdownIt

from .. import __version__
from ..corpus import Corpus
from ..pipeline import Lexicons
from ..view.escape import text as _e
from ..view.findings import Finding, key_findings
from .layout import Layout, write_atomic
from .render import SECURITY_META

STYLE = """
body { font: 17px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1a1a1a; margin: 0; }
main { max-width: 960px; margin: 0 auto; padding: 1.5rem; }
h1 { margin-bottom: .2rem; } .lead { font-size: 1.1rem; color: #333; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1.2rem; }
th, td { border: 1px solid #d0d7de; padding: .35rem .55rem; text-align: left; vertical-align: top; }
thead th { background: #f0f3f6; } a { color: #0057a0; }
.findings li { margin: .5rem 0; } .meta { color: #555; font-size: .9rem; }
.takeaway { display: block; color: #0b5a3a; font-weight: 600; }
code { background: #f6f8fa; padding: 0 .2rem; }
"""


HEADING = re.compile(r'<h([1-6])\s+id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
# Notebook summaries are Markdown written in the notebooks; raw HTML in them is shown as text, not rendered.
_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")


def markdown_inline(text: str) -> str:
    """One line of Markdown as inline HTML (emphasis, code, links); any HTML in it is escaped."""
    return _MARKDOWN.renderInline(text)


def markdown_block(text: str) -> str:
    """Markdown (paragraphs, lists, tables) as HTML; any HTML in it is escaped."""
    return _MARKDOWN.render(text)


def section_anchor(page: Path, words: tuple[str, ...]) -> str:
    """The id of the first heading of a rendered page that holds one of `words` (tried in order), or ''."""
    try:
        headings = [(m.group(2), html.unescape(re.sub(r"<[^>]+>", "", m.group(3))).lower())
                    for m in HEADING.finditer(page.read_text(encoding="utf-8"))]
    except OSError:
        return ""
    for word in words:
        for anchor, text in headings:
            if word.lower() in text:
                return anchor
    return ""


def finding_links(root: Path, findings: list[Finding]) -> list[tuple[str, str, str]]:
    """(sentence HTML, link to the section showing its evidence, takeaway) for each finding."""
    linked = []
    for finding in findings:
        anchor = section_anchor(root / finding.page, finding.section)
        linked.append((finding.text, finding.page + (f"#{anchor}" if anchor else ""), finding.takeaway))
    return linked


def _edition_links(name: str) -> str:
    return (f'<a href="reading/{_e(name)}.html">read</a> · <a href="teacher/{_e(name)}.html">teacher</a>'
            f' · <a href="code/{_e(name)}.html">code</a>')


def index_html(corpus: Corpus, lexicons: Lexicons, jobs, summaries: dict[str, tuple[str, str]], digest: str,
               tables: list[str], findings: list[tuple[str, str, str]]) -> str:
    """The index page as HTML; every piece of corpus text is escaped."""
    outlets = corpus.outlet_names()
    corpus_jobs = [job for job in jobs if job.article is None]
    article_jobs = [job for job in jobs if job.article is not None]
    parts = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">', SECURITY_META,
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
        f"<title>{_e(corpus.title)}</title>", f"<style>{STYLE}</style>", "</head>", "<body><main>",
        f"<h1>{_e(corpus.title)}</h1>", f'<p class="lead">{_e(corpus.description)}</p>',
        "<h2>Outlets</h2><table><thead><tr><th>Outlet</th><th>Headline</th><th>Credits</th><th>Type</th>"
        "<th>Country</th></tr></thead><tbody>",
    ]
    for article in corpus.articles:
        parts.append(
            f"<tr><td>{_e(outlets[article.id])}</td><td>{_e(article.title)}</td>"
            f"<td>{_e(', '.join(article.credited_sources) or 'none named')}</td>"
            f"<td>{_e(article.metadata.get('outlet_type', 'unknown'))}</td>"
            f"<td>{_e(article.metadata.get('country', 'unknown'))}</td></tr>"
        )
    parts.append("</tbody></table>")
    if any(job.name == "05_guide" for job in corpus_jobs):
        parts.append('<p class="lead"><b>Teaching with it?</b> Start with the <a href="teacher/05_guide.html">'
                     "teacher's guide</a> (objectives, 45/60/90-minute plans, exercises with answers); "
                     "<code>make handout</code> prints a class handout and its answer key.</p>")
    if findings:
        parts.append('<h2>What this corpus shows</h2><ul class="findings">')
        parts += [f'<li><span class="takeaway">{_e(takeaway)}</span>{text} <a href="{_e(href)}">evidence</a></li>'
                  for text, href, takeaway in findings]
        parts.append("</ul>")
    parts.append("<h2>Notebooks</h2><table><thead><tr><th>Notebook</th><th>What it shows</th><th>Editions</th>"
                 "</tr></thead><tbody>")
    for job in corpus_jobs:
        title, description = summaries[job.name]
        parts.append(f'<tr><td><a href="reading/{_e(job.name)}.html">{markdown_inline(title)}</a></td>'
                     f"<td>{markdown_inline(description)}</td><td>{_edition_links(job.name)}</td></tr>")
    parts.append("</tbody></table>")
    if article_jobs:
        parts.append("<h2>Article by article</h2><table><thead><tr><th>Outlet</th><th>Headline</th>"
                     "<th>Editions</th></tr></thead><tbody>")
        for job in article_jobs:
            article = corpus.article(job.article)
            parts.append(f'<tr><td><a href="reading/{_e(job.name)}.html">{_e(outlets[article.id])}</a></td>'
                         f"<td>{_e(article.title)}</td><td>{_edition_links(job.name)}</td></tr>")
        parts.append("</tbody></table>")
    parts.append("<h2>Tables</h2><p>Every count in the report comes from these CSV files; spans are given as "
                 "article id plus character offsets into the article text as stored.</p><ul>")
    parts += [f'<li><a href="tables/{_e(name)}">{_e(name)}</a></li>' for name in tables]
    parts.append("</ul>")
    lexicon_names = ", ".join(_e(f"{p.parent.name}/{p.name}") for p in lexicons.files())
    parts.append(
        f'<p class="meta">Built by retold {_e(__version__)} from corpus <code>{_e(corpus.path.name)}</code> '
        f"({len(corpus.articles)} articles) and lexicons {lexicon_names}; inputs hash "
        f"<code>{_e(digest[:16])}</code>. The same inputs give the same report, byte for byte.</p>"
    )
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


def write_index(layout: Layout, corpus: Corpus, lexicons: Lexicons, jobs, summaries, digest: str,
                tables: list[str]) -> Path:
    """Write index.html for a built report (listing only the tables this build wrote); return its path."""
    tables = sorted(tables)
    findings = finding_links(layout.root, key_findings(layout.tables, corpus))
    target = layout.root / "index.html"
    write_atomic(target, index_html(corpus, lexicons, jobs, summaries, digest, tables, findings))
    return target
