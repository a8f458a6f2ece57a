"""Lexicon packs: general by default, war selectable by name, by path, or by the corpus."""

from __future__ import annotations

import pytest

from retold.cli import main
from retold.config import LEXICON_DIR
from retold.framing import LexiconError
from retold.framing.packs import lexicon_path, pack_names
from retold.pipeline import Lexicons, analyse


def test_general_is_the_default_and_war_a_pack():
    assert Lexicons().loaded_terms == LEXICON_DIR / "loaded" / "general.yml"
    assert set(pack_names("lexicon")) >= {"general", "war"} and set(pack_names("naming")) >= {"general", "war"}
    war = Lexicons.from_paths("war", "war")
    assert war.loaded_terms.name == "war.yml" and war.naming.parent.name == "naming"
    with pytest.raises(LexiconError, match="no lexicon pack 'nope'.*general, war"):
        lexicon_path("lexicon", "nope")


def test_corpus_declares_its_packs_and_the_command_line_wins(make_corpus, tmp_path):
    text = "Talks\n\nThe Kiev regime must stop, he said."
    declared = make_corpus({"a": text}, manifest_extra={"lexicon": "war", "naming": "war"})
    analysis = analyse(declared)
    assert analysis.lexicons.loaded_terms.name == "war.yml"
    assert [h.entry for h in analysis.term_hits] == ["Kiev regime"]
    assert analyse(make_corpus({"a": text})).lexicons.loaded_terms == Lexicons().loaded_terms
    from retold.corpus import load_corpus

    chosen = Lexicons.from_paths("general", None, None, load_corpus(declared))
    assert chosen.loaded_terms.name == "general.yml" and chosen.naming.name == "war.yml"


def test_corpus_lexicon_file_must_stay_inside_the_corpus(make_corpus, tmp_path, capsys):
    inside = make_corpus({"a": "A headline\n\nBody text here."}, manifest_extra={"lexicon": "mine.yml"})
    (inside / "mine.yml").write_text("categories: {x: y}\nterms:\n  - {term: body, category: x, reason: r}\n",
                                     encoding="utf-8")
    assert [h.entry for h in analyse(inside).term_hits] == ["body"]
    outside = make_corpus({"a": "T\n\nBody text here."}, manifest_extra={"lexicon": "../mine.yml"})
    assert main(["tables", str(outside), str(tmp_path / "t"), "--quiet"]) == 1
    assert "outside the corpus folder" in capsys.readouterr().err


def test_seed_corpus_keeps_the_war_framing(seed_corpus):
    analysis = analyse(seed_corpus)
    assert analysis.lexicons.loaded_terms.name == "war.yml"
    assert "Kiev regime" in {h.entry for h in analysis.term_hits}


def test_lexicons_command_lists_packs(capsys):
    assert main(["lexicons"]) == 0
    out = capsys.readouterr().out
    assert "--lexicon general (default)" in out and "--lexicon war" in out and "--naming war" in out
