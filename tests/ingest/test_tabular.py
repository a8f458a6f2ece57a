"""Tables of articles: Media Cloud CSV, news-please JSONL, columns named on the command line."""

from __future__ import annotations

import json

from retold.cli import main
from retold.corpus import load_corpus
from retold.ingest import import_source
from retold.text.segment import segment_article


BODY = ("Dock workers at Port Arlen walked out on Monday after talks over pay broke down, the union said. "
        "The strike is expected to last 72 hours.")


def test_csv_with_media_cloud_columns_and_jsonl_with_news_please_fields(tmp_path):
    table = tmp_path / "stories.csv"
    table.write_text("stories_id,title,url,publish_date,media_name,text\n"
                     f"101,Strike at the port,https://a.example/1,2024-03-14 08:00:00,Arlen Courier,\"{BODY}\"\n"
                     "102,Empty row,https://a.example/2,2024-03-14,Arlen Courier,\n", encoding="utf-8")
    result = import_source(table, tmp_path / "mc")
    corpus = load_corpus(tmp_path / "mc")
    assert result.articles == 1 and "row 2" in result.notes[0]
    article = corpus.article("101")
    assert (article.outlet, article.title, article.metadata["published"]) == \
        ("Arlen Courier", "Strike at the port", "2024-03-14")
    assert article.text.startswith("Strike at the port\n\n") and segment_article(article).title is not None

    lines = tmp_path / "np.jsonl"
    record = {"title": "Port strike", "maintext": BODY, "date_publish": "2024-03-14 09:00:00",
              "source_domain": "tribune.example", "url": "https://tribune.example/x", "authors": ["A. B", "C. D"]}
    lines.write_text(json.dumps(record) + "\n", encoding="utf-8")
    import_source(lines, tmp_path / "np")
    article = load_corpus(tmp_path / "np").articles[0]
    assert article.outlet == "tribune.example" and article.metadata["author"] == "A. B; C. D"


def test_table_columns_given_by_name(tmp_path, capsys):
    table = tmp_path / "mine.csv"
    table.write_text(f"headline;story;paper\nStrike;{BODY};Courier\n", encoding="utf-8")
    assert main(["import", str(table), str(tmp_path / "a")]) == 1
    assert "--text-col" in capsys.readouterr().err
    assert main(["import", str(table), str(tmp_path / "b"), "--text-col", "story", "--title-col", "headline",
                 "--outlet-col", "paper"]) == 0
    assert load_corpus(tmp_path / "b").articles[0].outlet == "Courier"


def test_gdelt_derived_columns(tmp_path):
    table = tmp_path / "gdelt.tsv"
    table.write_text("GKGRECORDID\tDATE\tSourceCommonName\tDocumentIdentifier\tfull_text\n"
                     f"20240314-1\t20240314081500\tcourier.example\thttps://courier.example/s\t{BODY}\n",
                     encoding="utf-8")
    import_source(table, tmp_path / "corpus")
    article = load_corpus(tmp_path / "corpus").articles[0]
    assert article.id == "20240314-1" and article.outlet == "courier.example"
    assert article.metadata["published"] == "2024-03-14" and article.metadata["url"] == "https://courier.example/s"
    assert article.metadata["title"] == "unknown" and article.text.startswith("Dock workers")
