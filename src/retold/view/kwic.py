"""Keyword-in-context lines as an HTML table: all text escaped, the keyword highlighted, voice shown."""

from __future__ import annotations

import pandas as pd

from .escape import attr
from .escape import text as esc
from .plots import VOICE_COLORS


def concordance_html(lines: pd.DataFrame, title: str = "") -> str:
    """Concordance lines as an HTML table: all text escaped, the keyword highlighted, voice shown."""
    parts = ['<table class="kwic" style="border-collapse:collapse;font-size:0.95em">']
    if title:
        parts.append(f"<caption style='text-align:left;font-weight:bold'>{esc(title)}</caption>")
    parts.append("<thead><tr><th>outlet</th><th>voice (speaker)</th><th>offsets</th>"
                 "<th style='text-align:right'>left context</th><th>term</th><th style='text-align:left'>"
                 "right context</th></tr></thead><tbody>")
    if lines.empty:
        parts.append("<tr><td colspan='6'><em>no occurrences</em></td></tr>")
    for row in lines.itertuples(index=False):
        speaker = row.speaker if isinstance(row.speaker, str) and row.speaker else ""
        voice = esc(str(row.voice)) + (f" ({esc(speaker)})" if speaker else "")
        color = VOICE_COLORS.get(str(row.voice), "#000000")
        parts.append(
            "<tr>"
            f"<td>{esc(str(row.outlet))}</td>"
            f"<td style='color:{attr(color)};font-weight:bold'>{voice}</td>"
            f"<td style='font-family:monospace'>{int(row.start)}–{int(row.end)}</td>"
            f"<td style='text-align:right;white-space:nowrap'>{esc(str(row.left))}</td>"
            f"<td style='white-space:nowrap'><mark style='background:#F0E442;font-weight:bold'>{esc(str(row.match))}"
            "</mark></td>"
            f"<td style='text-align:left;white-space:nowrap'>{esc(str(row.right))}</td>"
            "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)
