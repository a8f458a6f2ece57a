"""Writing the corpus folder: the same input gives the same bytes; nothing replaced without --force."""

from __future__ import annotations

from retold.cli import main


BODY = ("Dock workers at Port Arlen walked out on Monday after talks over pay broke down, the union said. "
        "The strike is expected to last 72 hours.")


def test_reimport_is_idempotent_and_never_overwrites_without_force(tmp_path, capsys):
    source = tmp_path / "texts"
    source.mkdir()
    (source / "a.txt").write_text(f"Headline\n\n{BODY}\n", encoding="utf-8")
    out = tmp_path / "corpus"
    assert main(["import", str(source), str(out)]) == 0
    first = {p.name: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert main(["import", str(source), str(out)]) == 0
    assert "nothing changed" in capsys.readouterr().out
    assert {p.name: p.read_bytes() for p in out.rglob("*") if p.is_file()} == first
    (source / "a.txt").write_text(f"Other headline\n\n{BODY}\n", encoding="utf-8")
    assert main(["import", str(source), str(out)]) == 1
    assert "--force" in capsys.readouterr().err
    assert (out / "articles" / "a.txt").read_bytes() == first["a.txt"]
    assert main(["import", str(source), str(out), "--force"]) == 0
    assert (out / "articles" / "a.txt").read_text(encoding="utf-8").startswith("Other headline")
