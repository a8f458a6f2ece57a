"""A folder of plain-text files, one in cp1251, imported as UTF-8 with the guess recorded."""

from __future__ import annotations

import pytest

from retold.corpus import load_corpus
from retold.ingest import import_source


BODY = ("Dock workers at Port Arlen walked out on Monday after talks over pay broke down, the union said. "
        "The strike is expected to last 72 hours.")


def test_text_folder_with_cp1251_is_imported_as_utf8(tmp_path):
    source = tmp_path / "texts"
    source.mkdir()
    (source / "strike one.txt").write_text(f"Dockers strike at Port Arlen\n\n{BODY}\n", encoding="utf-8")
    russian = "Песков: Путин открыт для переговоров\n\nКремль заявил, что президент готов к переговорам, " \
              "но Запад должен признать новые территории. Песков сказал это журналистам в пятницу.\n"
    (source / "ru.txt").write_bytes(russian.encode("cp1251"))
    result = import_source(source, tmp_path / "corpus")
    corpus = load_corpus(tmp_path / "corpus")
    assert result.articles == 2 and not corpus.warnings
    ru = corpus.article("ru")
    assert ru.text == russian and ru.title == "Песков: Путин открыт для переговоров"
    assert ru.metadata["encoding_detected"] == "cp1251"
    assert corpus.article("strike-one").title == "Dockers strike at Port Arlen"
    assert corpus.article("strike-one").outlet == "unknown"


@pytest.mark.parametrize("text, encoding, recorded", [
    ("Grève au port\n\nLe maire a déclaré que la grève était « inacceptable ».\n", "latin-1", "cp1252"),
    ("Strike\n\nThe union’s “final offer” was rejected — Müller said.\n", "cp1252", "cp1252"),
    ("Strike\n\nThe union’s “final offer” was rejected.\n", "utf-16", "utf-16"),
    ("Strike\n\nThe union’s “final offer” was rejected.\n", "utf-8-sig", ""),
])
def test_encodings_are_detected_and_written_as_utf8(text, encoding, recorded, tmp_path):
    source = tmp_path / "texts"
    source.mkdir()
    (source / "a.txt").write_bytes(text.encode(encoding))
    import_source(source, tmp_path / "corpus")
    assert (tmp_path / "corpus" / "articles" / "a.txt").read_text(encoding="utf-8") == text
    assert load_corpus(tmp_path / "corpus").articles[0].metadata.get("encoding_detected", "") == recorded
