"""A folder of plain-text files, one in cp1251, imported as UTF-8 with the guess recorded."""

from __future__ import annotations

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
