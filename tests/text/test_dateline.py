"""Datelines are recognised in their wire forms and nothing else is taken for one."""

import pytest

from retold.text.dateline import dateline_length


@pytest.mark.parametrize("text, dateline", [
    ("MOSCOW (Reuters) - The ministry said", "MOSCOW (Reuters) - "),
    ("WASHINGTON, Dec. 2 (AP) — The", "WASHINGTON, Dec. 2 (AP) — "),
    ("Reuters, March 3, Lagos - In response", "Reuters, March 3, Lagos - "),
    ("RIVERTON, Ore. — Residents", "RIVERTON, Ore. — "),
    ("NEW YORK (Reuters) -- Stocks fell", "NEW YORK (Reuters) -- "),
    ("LAGOS—Dockworkers", "LAGOS—"),
])
def test_wire_datelines(text, dateline):
    assert text[:dateline_length(text)] == dateline


@pytest.mark.parametrize("text", [
    "Port Harcourt - Union leaders met", "The EU - which had warned", "Adeyemi - who leads the union",
    "Anglo-French talks", "U.S. - China talks resume", "On Thursday, Adeyemi said", "The union — which is",
    "LAGOS - ",
])
def test_sentence_openings_are_not_datelines(text):
    assert dateline_length(text) == 0
