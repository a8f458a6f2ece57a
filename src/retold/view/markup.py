"""HTML for reading texts with their evidence: word diffs and articles with marked spans.

Every piece of article text, label and title attribute goes through `view.escape`, so a
corpus holding `<script>` or `<img onerror=…>` renders as visible text and runs nothing.
Styles are inline (the HTML survives notebook sanitising and stands alone) and never
rely on colour alone: deletions are struck through, insertions underlined, loaded
terms boxed, reported speech italic with a dotted underline, quotations tinted and
underlined in their speaker's colour *and* line style (fixed for the whole corpus),
furniture struck through in grey. Every mark has a title (speaker, voice, category)
shown on hover, and on focus by the report's CSS: no script is needed. Colours come
from the Okabe–Ito palette, safe for common colour-vision deficiencies.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..similarity.diff import word_diff
from ..similarity.flags import meaning_flags
from . import escape

DELETE_STYLE = "background:rgba(230,159,0,0.35);text-decoration:line-through;text-decoration-thickness:1px"
INSERT_STYLE = "background:rgba(86,180,233,0.40);text-decoration:underline;text-decoration-thickness:2px"
CELL_STYLE = "vertical-align:top;padding:6px 10px;border:1px solid #ccc;text-align:left;width:50%;white-space:pre-wrap"
SPEAKER_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"]
# A speaker is told apart by colour *and* line style: 8 colours x 4 lines give 32 distinct looks.
SPEAKER_LINES = ["solid", "double", "dashed", "dotted"]

KIND_ORDER = {"furniture": 0, "quote": 1, "attributed": 2, "loaded": 3}
KIND_STYLES = {
    "attributed": ("font-style:italic;text-decoration:underline dotted #444;text-decoration-thickness:2px;"
                   "text-underline-offset:4px"),
    "loaded": "border:2px solid #D55E00;border-radius:3px;padding:0 1px;font-weight:600",
    "furniture": "text-decoration:line-through;color:#767676",
}
KIND_LABELS = {
    "quote": "quotation, the speaker's own words: tinted background, underlined in the speaker's colour and line",
    "attributed": "reported speech, no quotation marks: italic, grey dotted underline, no background",
    "loaded": "loaded term: boxed in orange",
    "furniture": "page furniture, not analysed: struck out in grey",
}
KIND_NAMES = {"quote": "quotation", "attributed": "reported speech", "loaded": "loaded term",
              "furniture": "page furniture"}


@dataclass(frozen=True)
class SpeakerStyle:
    """How one speaker's quotations look everywhere in a report: a colour and an underline style."""

    color: str
    line: str

    def css(self) -> str:
        return (f"background:{_rgba(self.color, 0.22)};text-decoration:underline {self.line} {self.color};"
                f"text-decoration-thickness:3px;text-underline-offset:3px;text-decoration-skip-ink:none")


def _rgba(hex_color: str, alpha: float) -> str:
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def diff_fragments(a: str, b: str) -> tuple[str, str]:
    """Escaped HTML of a and b with words only in a marked deleted and words only in b marked inserted."""
    left, right = [], []
    a_pos = b_pos = 0
    for op in word_diff(a, b):
        left.append(escape.text(a[a_pos:op.a_start]))
        right.append(escape.text(b[b_pos:op.b_start]))
        if op.op == "equal":
            left.append(escape.text(op.a_text))
            right.append(escape.text(op.b_text))
        else:
            if op.a_text:
                left.append(f'<del class="nf-del" style="{DELETE_STYLE}">{escape.text(op.a_text)}</del>')
            if op.b_text:
                right.append(f'<ins class="nf-ins" style="{INSERT_STYLE}">{escape.text(op.b_text)}</ins>')
        a_pos, b_pos = op.a_end, op.b_end
    left.append(escape.text(a[a_pos:]))
    right.append(escape.text(b[b_pos:]))
    return "".join(left), "".join(right)


def inline_diff_html(reference: str, variant: str) -> str:
    """The variant as HTML in its own spacing: words added or changed against the reference underlined on
    blue, the reference's dropped or replaced words struck through on orange. All text is escaped."""
    out, cursor = [], 0
    for op in word_diff(reference, variant):
        out.append(escape.text(variant[cursor:op.b_start]))
        if op.op in ("delete", "replace") and op.a_text:
            if out and out[-1] and not out[-1][-1].isspace() and op.op == "delete":
                out.append(" ")
            out.append(f'<del class="nf-del" style="{DELETE_STYLE}">{escape.text(op.a_text)}</del>')
            if op.op == "delete":
                out.append(" ")
        if op.op == "equal":
            out.append(escape.text(op.b_text))
        elif op.op in ("insert", "replace") and op.b_text:
            out.append(f'<ins class="nf-ins" style="{INSERT_STYLE}">{escape.text(op.b_text)}</ins>')
        cursor = max(cursor, op.b_end)
    out.append(escape.text(variant[cursor:]))
    return "".join(out).replace("  ", " ")


def diff_html(a: str, b: str, label_a: str = "", label_b: str = "", inline: bool = False, note: str = "") -> str:
    """Side-by-side (or inline) word diff of two texts, all text escaped.

    Words only in `a` are struck through on an orange ground, words only in `b`
    underlined on a blue ground; `note` (e.g. meaning flags) is shown under the pair.
    """
    if inline:
        body = inline_diff_html(a, b)
        caption = (f"<div><b>{escape.text(label_a)}</b> → <b>{escape.text(label_b)}</b></div>"
                   if (label_a or label_b) else "")
        extra = f'<div class="nf-note" style="font-size:90%">{escape.text(note)}</div>' if note else ""
        return f'<div class="nf-diff" style="margin:6px 0">{caption}<div>{body}</div>{extra}</div>'
    left, right = diff_fragments(a, b)
    head = ""
    if label_a or label_b:
        head = (f'<tr><th style="{CELL_STYLE}">{escape.text(label_a)}</th>'
                f'<th style="{CELL_STYLE}">{escape.text(label_b)}</th></tr>')
    foot = f'<tr><td colspan="2" style="{CELL_STYLE};width:auto">{escape.text(note)}</td></tr>' if note else ""
    return (f'<table class="nf-diff" style="border-collapse:collapse;width:100%;margin:6px 0;table-layout:fixed">'
            f'{head}<tr><td style="{CELL_STYLE}">{left}</td><td style="{CELL_STYLE}">{right}</td></tr>{foot}</table>')


def diff_legend_html() -> str:
    return (f'<p class="nf-legend">Legend: <del style="{DELETE_STYLE}">only in the left text</del> · '
            f'<ins style="{INSERT_STYLE}">only in the right text</ins> · unmarked words are shared.</p>')


@dataclass(frozen=True)
class MarkSpan:
    """A span to mark in an article: kind (quote, attributed, loaded, furniture), label, hover title."""

    start: int
    end: int
    kind: str
    label: str = ""
    title: str = ""


def speaker_colors(speakers) -> dict[str, SpeakerStyle]:
    """Speaker -> style for a whole corpus: the most quoted speakers first (ties by name), so the same corpus
    always gets the same styles and the commonest speakers get the most distinct ones. The first eight get the
    eight colours, the second four of them with a double line (the palette's two blues and two oranges differ
    in line too); the next eight repeat the colours with the other lines: 32 distinct styles in all."""
    counts = Counter(s for s in speakers if s)
    names = sorted(counts, key=lambda name: (-counts[name], name))
    colours, lines = len(SPEAKER_COLORS), len(SPEAKER_LINES)
    return {name: SpeakerStyle(SPEAKER_COLORS[i % colours],
                               SPEAKER_LINES[((i % colours) // 4 + (i % (colours * lines)) // colours) % lines])
            for i, name in enumerate(names)}


def corpus_speaker_colors(tables: dict) -> dict[str, SpeakerStyle]:
    """The speaker styles of a report, from every quotation in quotes.csv (computed once per corpus)."""
    quotes = tables.get("quotes")
    if quotes is None or "speaker" not in getattr(quotes, "columns", ()):
        return {}
    if "kind" in quotes.columns:
        quotes = quotes[quotes["kind"].astype(str) != "reported"]
    return speaker_colors(_str(s, "speaker not identified") or "speaker not identified" for s in quotes["speaker"])


def _open_tag(span: MarkSpan, colors: dict[str, SpeakerStyle]) -> str:
    if span.kind == "quote":
        style = colors.get(span.label, SpeakerStyle("#999999", "solid")).css()
    else:
        style = KIND_STYLES.get(span.kind, "outline:1px dashed #000")
    title = span.title or span.label
    title_attr = f' title="{escape.attr(title)}" tabindex="0"' if title else ""
    return f'<span class="nf-mark nf-{escape.attr(span.kind)}" style="{style}"{title_attr}>'


def marked_article_html(text: str, spans: list[MarkSpan], legend: bool = True,
                        colors: dict[str, SpeakerStyle] | None = None, margin: bool = False,
                        compact: bool = False) -> str:
    """The whole text with spans marked by nested <span> elements, all text escaped.

    Overlapping spans that do not nest are closed and reopened at the boundary, so
    the HTML is always well formed; each piece of text sits inside every span that
    covers it. Spans outside the text or empty are ignored.
    """
    valid = sorted(
        {s for s in spans if 0 <= s.start < s.end <= len(text)},
        key=lambda s: (s.start, -s.end, KIND_ORDER.get(s.kind, 9), s.label, s.title),
    )
    present = {s.label for s in valid if s.kind == "quote"}
    if colors is None or not present <= set(colors):
        colors = {**speaker_colors(s.label for s in valid if s.kind == "quote"), **(colors or {})}
    cuts = sorted({0, len(text)} | {s.start for s in valid} | {s.end for s in valid})
    out: list[str] = []
    stack: list[MarkSpan] = []
    for left, right in zip(cuts, cuts[1:]):
        wanted = [s for s in valid if s.start <= left and right <= s.end]
        keep = 0
        while keep < len(stack) and keep < len(wanted) and stack[keep] == wanted[keep]:
            keep += 1
        out.extend("</span>" for _ in stack[keep:])
        out.extend(_open_tag(s, colors) for s in wanted[keep:])
        stack = wanted
        out.append(escape.text(text[left:right]))
    out.extend("</span>" for _ in stack)
    marked = "".join(out)
    if compact:
        marked = re.sub(r"\n[ \t]*(?:\n[ \t]*)+", "\n", marked)
    body = f'<div class="nf-article" style="white-space:pre-wrap;line-height:1.7;max-width:48em">{marked}</div>'
    if not legend:
        return body
    if margin:
        return (f'<div class="nf-article-page"><div>{body}</div>'
                f'<aside class="nf-margin">{legend_html(valid, colors)}</aside></div>')
    return legend_html(valid, colors) + body


def legend_html(spans: list[MarkSpan], colors: dict[str, SpeakerStyle] | None = None) -> str:
    """A legend for the kinds and speakers present in `spans` (speakers in the order of their styles)."""
    kinds = sorted({s.kind for s in spans}, key=lambda k: (KIND_ORDER.get(k, 9), k))
    colors = colors if colors is not None else speaker_colors(s.label for s in spans if s.kind == "quote")
    items = []
    for kind in kinds:
        sample = _open_tag(MarkSpan(0, 1, kind), colors)
        items.append(f'<li>{sample}Sample</span> {escape.text(KIND_LABELS.get(kind, kind))}</li>')
    present = {s.label for s in spans if s.kind == "quote"}
    for speaker in [name for name in colors if name in present]:
        style = colors[speaker]
        sample = _open_tag(MarkSpan(0, 1, "quote", speaker), colors)
        items.append(f'<li class="nf-speaker">{sample}quoted: {escape.text(speaker)}</span> '
                     f'<small>({escape.text(style.line)} line)</small></li>')
    if not items:
        return '<p class="nf-legend">No spans marked.</p>'
    note = ('<li><small>Hover over or tab to a mark to see its speaker, voice and category.</small></li>')
    return (f'<ul class="nf-legend" style="list-style:none;padding:0;line-height:1.9">{"".join(items)}{note}</ul>')


LAYERS = (
    ("quotes", "quotations coloured by speaker"),
    ("voice", "attributed speech"),
    ("loaded_terms", "loaded terms"),
    ("furniture", "page furniture"),
)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _str(value, default: str = "") -> str:
    return default if value is None or (isinstance(value, float) and value != value) else str(value)


def spans_from_tables(tables: dict, article: str) -> tuple[list[MarkSpan], list[str]]:
    """Spans to mark in one article from the report tables, and a note for each layer that is missing.

    quotes.csv -> `quote` (label = speaker; its `reported` rows -> `attributed`), voice.csv rows with voice
    `attributed` -> `attributed`, loaded_terms.csv -> `loaded` (title = category: term), furniture.csv ->
    `furniture`. A table that is absent or lacks the needed columns is skipped with a note.
    """
    spans: list[MarkSpan] = []
    notes: list[str] = []
    needed = {"quotes": {"article", "start", "end"}, "voice": {"article", "start", "end", "voice"},
              "loaded_terms": {"article", "start", "end"}, "furniture": {"article", "start", "end"}}
    for name, description in LAYERS:
        frame = tables.get(name)
        if frame is None or not needed[name] <= set(frame.columns):
            notes.append(f"{name}.csv is not available, so {description} are not marked.")
            continue
        for row in frame[frame["article"] == article].to_dict("records"):
            start, end = _int(row.get("start")), _int(row.get("end"))
            if start is None or end is None:
                continue
            if name == "quotes":
                speaker = _str(row.get("speaker"), "speaker not identified") or "speaker not identified"
                kind = _str(row.get("kind"))
                if kind == "reported":  # reported speech, no quotation marks: never styled as a quotation
                    spans.append(MarkSpan(start, end, "attributed", speaker,
                                          f"Speaker: {speaker} · voice: attributed · category: reported speech"))
                    continue
                category = f"{kind} quotation" if kind else "quotation"
                spans.append(MarkSpan(start, end, "quote", speaker,
                                      f"Speaker: {speaker} · voice: quoted · category: {category}"))
            elif name == "voice":
                if _str(row.get("voice")) != "attributed":
                    continue
                speaker = _str(row.get("speaker"), "unnamed source") or "unnamed source"
                spans.append(MarkSpan(start, end, "attributed", speaker,
                                      f"Speaker: {speaker} · voice: attributed · category: reported speech"))
            elif name == "loaded_terms":
                category = _str(row.get("category"), "loaded term")
                term = _str(row.get("term"))
                voice = _str(row.get("voice"))
                who = _str(row.get("speaker")) if voice and voice != "author" else "the outlet"
                title = (f"Speaker: {who or 'unnamed source'} · voice: {voice or 'unknown'} · "
                         f"category: {category} (loaded term{': ' + term if term else ''})")
                spans.append(MarkSpan(start, end, "loaded", category, title))
            else:
                kind = _str(row.get("kind"), "furniture").replace("_", " ")
                spans.append(MarkSpan(start, end, "furniture", kind,
                                      f"Page furniture ({kind}) · not analysed"))
    return spans, notes


KIND_RANK = {"direct": 0, "unmarked": 1, "partial": 2, "reported": 3}


def utterance_group_html(quotes, group: str, outlets: dict[str, str]) -> str:
    """One utterance across outlets: every rendering against a reference (the first full quotation in corpus
    order), with word differences marked and meaning flags named. All text escaped."""
    order = {a: i for i, a in enumerate(outlets)}
    rows = quotes[quotes["group"] == group]
    rows = rows.assign(_o=rows["article"].map(order)).sort_values(["_o", "start"])
    first = rows.loc[rows["kind"].map(KIND_RANK).sort_values(kind="stable").index[0]]
    speakers = ", ".join(sorted(set(rows["speaker"].dropna())))
    out = [f"<h4>Utterance {escape.text(group)} &middot; {escape.text(speakers)} &middot; "
           f"{rows['article'].nunique()} outlets</h4>",
           "<table><tr><th>Outlet</th><th>Kind</th><th>Rendering</th><th>Flags against the reference</th></tr>"]
    for _, row in rows.iterrows():
        if row.name == first.name:
            text, flags = escape.text(row["text"]), "(reference)"
        else:
            text = inline_diff_html(first["text"], row["text"])
            flags = ", ".join(meaning_flags(first["text"], row["text"])) or "none"
        out.append(f"<tr><td>{escape.text(outlets[row['article']])}</td><td>{escape.text(row['kind'])}</td>"
                   f"<td style='text-align:left'>{text}</td><td>{escape.text(flags)}</td></tr>")
    out.append("</table>")
    return "".join(out)


def article_changes_html(changes, article: str, outlets: dict[str, str]) -> str:
    """Each flagged aligned pair involving `article`: its sentence against the other outlet's, close pairs first."""
    involved = changes[(changes["article_a"] == article) | (changes["article_b"] == article)]
    flagged = involved[involved["flags"].fillna("") != ""]
    parts = [diff_legend_html()] if len(flagged) else []
    for row in flagged.sort_values(["close", "similarity", "claim"], ascending=[False, False, True]).itertuples():
        if row.article_a == article:
            mine, other_text, other = row.text_a, row.text_b, row.article_b
        else:
            mine, other_text, other = row.text_b, row.text_a, row.article_a
        note = f"{row.claim} · flags: {row.flags.replace(';', ', ')} · similarity {row.similarity:.2f}"
        parts.append(diff_html(mine, other_text, outlets[article], outlets[other], note=note))
    return "".join(parts)
