"""Keyword-in-context and folded tables: every corpus value escaped."""

from __future__ import annotations

import pandas as pd

from retold.view.kwic import concordance_html, folded_table_html


def test_folded_table_escapes_cells_and_summary():
    frame = pd.DataFrame([{"One outlet printed": "<script>x</script>", "Another printed": None}])
    html = folded_table_html(frame, "2 more <b>")
    assert html.startswith("<details><summary>2 more &lt;b&gt;</summary>")
    assert "<script>" not in html and "&lt;script&gt;" in html and "—" in html and "None" not in html


def test_concordance_of_nothing_says_so():
    assert "no occurrences" in concordance_html(pd.DataFrame(columns=["outlet", "voice", "speaker", "start", "end",
                                                                        "left", "match", "right"]))
