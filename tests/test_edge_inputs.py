"""Valid-looking inputs that once crashed or misled: each gets tables or one clear line, never a traceback."""

from __future__ import annotations

import pytest

from retold.cli import main
from retold.tables import read_tables

STRIKE = ("Dock workers walked out on Monday at the port of Arlen over pay and cranes, the union said. "
          "Its leader called the offer an insult to working families.")
STRIKE_2 = ("Dock workers went on strike on Monday at the port of Arlen over wages and cranes, the union said. "
            "Its leader called the offer an insult to families.")
LONG_BODY = ("The mayor opened a new public library on Tuesday in the old town of Arlen, saying that books and "
             "quiet rooms matter to everyone in the city, and that the building had been paid for by a local "
             "trust rather than by the council.")

CORPORA = {
    "one paragraph each": {"a": f"Dock strike\n\n{STRIKE}", "b": f"Port strike\n\n{STRIKE_2}"},
    "one line each": {"a": STRIKE, "b": STRIKE_2},
    "body only, no headline": {"a": f"{LONG_BODY}\n\nShe thanked the volunteers.", "b": f"{STRIKE}\n\n{STRIKE_2}"},
    "nothing shared": {"a": f"Strike\n\n{STRIKE}", "b": f"Library\n\n{LONG_BODY}",
                       "c": "Rain\n\nForecasters expect heavy rain across the north by Friday evening."},
    "two articles": {"a": f"Dock strike\n\n{STRIKE}\n\nTalks resume on Friday.", "b": f"Port strike\n\n{STRIKE_2}"},
}


@pytest.mark.parametrize("name", list(CORPORA))
def test_valid_small_corpora_give_tables(name, make_corpus, tmp_path, capsys):
    corpus = make_corpus(CORPORA[name])
    assert main(["check", str(corpus)]) == 0
    assert main(["tables", str(corpus), str(tmp_path / "tables"), "--quiet"]) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    tables = read_tables(tmp_path / "tables")
    assert {"substitutions", "naming", "claims", "articles"} <= set(tables)
    assert list(tables["substitutions"].columns[:10]) == ["claim", "article_a", "article_b", "start_a", "end_a",
                                                         "start_b", "end_b", "text_a", "text_b", "kind"]


def test_body_only_text_has_no_headline(make_corpus, tmp_path, capsys):
    corpus = make_corpus(CORPORA["body only, no headline"])
    assert main(["tables", str(corpus), str(tmp_path / "t"), "--quiet"]) == 0
    sentences = read_tables(tmp_path / "t")["sentences"]
    assert not sentences[sentences.article == "a"]["is_title"].any()


def test_two_renderings_give_a_substitution(make_corpus, tmp_path):
    corpus = make_corpus(CORPORA["one paragraph each"])
    assert main(["tables", str(corpus), str(tmp_path / "t"), "--quiet"]) == 0
    subs = read_tables(tmp_path / "t")["substitutions"]
    assert ("pay", "wages") in set(zip(subs.text_a, subs.text_b))


def _refused(args, capsys) -> str:
    assert main(args) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return captured.out + captured.err


def test_invalid_date_names_article_and_field(make_corpus, tmp_path, capsys):
    corpus = make_corpus(CORPORA["two articles"], entry_extra={"b": {"published": "2024-13-45"}})
    for command in (["check", str(corpus)], ["tables", str(corpus), str(tmp_path / "t")]):
        message = _refused(command, capsys)
        assert "article 'b'" in message and "'published'" in message and "2024-13-45" in message


def test_html_where_text_is_expected_suggests_import(make_corpus, tmp_path, capsys):
    page = "<!DOCTYPE html>\n<html><body><p>“We have been pushed to this,” Nowak said.</p></body></html>"
    corpus = make_corpus({"a": f"Dock strike\n\n{STRIKE}", "page": page})
    for command in (["check", str(corpus)], ["tables", str(corpus), str(tmp_path / "t")]):
        message = _refused(command, capsys)
        assert "page.txt" in message and "retold import" in message


def test_russian_cp1251_is_decoded_with_a_warning_naming_the_guess(make_corpus, tmp_path, capsys):
    russian = ("Песков: Путин открыт для переговоров\n\nКремль заявил, что президент готов к переговорам, "
               "но Запад должен признать новые территории.").encode("cp1251")
    corpus = make_corpus({"a": f"Dock strike\n\n{STRIKE}", "ru": russian})
    assert main(["check", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert out.count("ru.txt") == 1 and "cp1251" in out and "encoding: cp1251" in out
    assert main(["tables", str(corpus), str(tmp_path / "t"), "--quiet"]) == 0
    articles = read_tables(tmp_path / "t")["articles"]
    assert articles.set_index("article").loc["ru", "encoding"] == "cp1251"
    assert articles.set_index("article").loc["ru", "title"] == "Песков: Путин открыт для переговоров"
