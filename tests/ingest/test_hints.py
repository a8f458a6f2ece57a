"""`retold check` and `retold tables` on something to import say which `retold import` to run."""

from __future__ import annotations

from retold.cli import main
from retold.ingest import import_hint


BODY = ("Dock workers at Port Arlen walked out on Monday after talks over pay broke down, the union said. "
        "The strike is expected to last 72 hours.")


def test_check_says_what_to_import(tmp_path, capsys):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text(f"Headline\n\n{BODY}\n", encoding="utf-8")
    table = tmp_path / "stories.csv"
    table.write_text("title,text\nx,y\n", encoding="utf-8")
    for path in (folder, table):
        assert import_hint(path) is not None
        assert main(["check", str(path)]) == 1
        err = capsys.readouterr().err
        assert f"retold import {path}" in err and err.count("\n") == 1
    assert main(["tables", str(folder), str(tmp_path / "out")]) == 1
    assert "retold import" in capsys.readouterr().err
