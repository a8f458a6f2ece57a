"""Which code page a non-UTF-8 article is in (charset-normalizer's guess, cp1252 where Latin text reads alike)."""

from __future__ import annotations

import codecs

import pytest

from retold.text.encoding import detected_code_page, detected_encoding


@pytest.mark.parametrize("text, encoding, expected", [
    ("Песков заявил, что Путин открыт для переговоров, но Запад должен признать новые территории.", "cp1251",
     "cp1251"),
    ("Песков: «Путин открыт».", "cp1251", "cp1251"),
    ("Песков заявил, что Путин открыт для переговоров.", "koi8_r", "koi8-r"),
    ("Grève au port. Le maire a déclaré que la grève était « inacceptable ».", "latin-1", "cp1252"),
    ("Die Gewerkschaft hat den Streik ausgerufen. Der Bürgermeister äußerte Sorge.", "cp1252", "cp1252"),
    ("The union’s “final offer” was rejected — Müller said…", "cp1252", "cp1252"),
    ("Związek zawodowy ogłosił strajk w porcie. Prezydent miasta wyraził zaniepokojenie.", "cp1250", "cp1250"),
])
def test_code_pages(text, encoding, expected):
    assert detected_code_page(text.encode(encoding)) == expected


def test_boms_and_utf8_come_first():
    assert detected_encoding("Grève".encode("utf-16")) == "utf-16"
    assert detected_encoding(codecs.BOM_UTF8 + "Grève".encode("utf-8")) == "utf-8-sig"
    assert detected_encoding("Grève".encode("utf-8")) == "utf-8"


def test_latin_text_with_a_few_odd_bytes_is_no_code_page():
    assert detected_code_page(b"Talks \x81\x8d\x90 in Kyiv.") is None
