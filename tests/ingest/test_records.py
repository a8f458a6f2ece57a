"""Ids, dates and metadata values as an import makes them."""

from __future__ import annotations

from retold.ingest.records import iso_date, safe_id, unique_ids



def test_ids_are_safe_and_unique():
    assert safe_id("Le Monde 12.html") == "Le-Monde-12-html" and safe_id("***") == "article"
    assert unique_ids(["a b", "a-b", "A-B"]) == ["a-b", "a-b-2", "A-B-3"]
    assert iso_date("2022-12-02T10:15:00Z") == "2022-12-02" and iso_date("20221202101500") == "2022-12-02"
    assert iso_date("2 Dec 2022") == "unknown" and iso_date("2022-13-45") == "unknown"
