"""retold import from each source form: text files, a saved page, CSV/JSONL tables, a URL list (local server)."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from pathlib import Path

import pytest
import yaml

from retold.cli import main
from retold.corpus import load_corpus
from retold.ingest import ImportProblem, import_hint, import_source
from retold.ingest.fetch import USER_AGENT, PoliteFetcher
from retold.ingest.records import iso_date, safe_id, unique_ids
from retold.text.segment import segment_article

PAGE = Path(__file__).parent / "page.html"
BODY = ("Dock workers at Port Arlen walked out on Monday after talks over pay broke down, the union said. "
        "The strike is expected to last 72 hours.")


def _manifest(folder: Path) -> dict:
    return yaml.safe_load((folder / "corpus.yml").read_text(encoding="utf-8"))


def test_ids_are_safe_and_unique():
    assert safe_id("Le Monde 12.html") == "Le-Monde-12-html" and safe_id("***") == "article"
    assert unique_ids(["a b", "a-b", "A-B"]) == ["a-b", "a-b-2", "A-B-3"]
    assert iso_date("2022-12-02T10:15:00Z") == "2022-12-02" and iso_date("20221202101500") == "2022-12-02"
    assert iso_date("2 Dec 2022") == "unknown" and iso_date("2022-13-45") == "unknown"


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


def test_saved_page_main_text_metadata_and_furniture(tmp_path):
    source = tmp_path / "pages"
    source.mkdir()
    (source / "courier-strike.html").write_bytes(PAGE.read_bytes())
    import_source(source, tmp_path / "corpus")
    corpus = load_corpus(tmp_path / "corpus")
    article = corpus.article("courier-strike")
    meta = article.metadata
    assert article.outlet == "The Arlen Courier" and meta["published"] == "2024-03-14"
    assert meta["url"] == "https://courier.example/news/port-strike" and meta["author"] == "Jane Roe"
    assert article.title == "Dock workers strike at Port Arlen over pay"
    segmented = segment_article(article)
    body = " ".join(article.text[p.start:p.end] for p in segmented.paragraphs)
    assert "“We have been pushed to this,” Nowak said." in body
    assert "Great article" not in body and "Subscribe" not in body and "Home" not in body
    kinds = {f.kind for f in segmented.furniture}
    assert {"navigation", "comments", "related_link", "footer"} <= kinds
    for f in segmented.furniture:
        assert article.text[f.start:f.end] == f.text
    nav = next(f for f in segmented.furniture if f.kind == "navigation")
    assert "Home" in nav.text and "Business" in nav.text
    comments = [f.text for f in segmented.furniture if f.kind == "comments"]
    assert any("Great article" in c for c in comments)
    related = [f.text for f in segmented.furniture if f.kind == "related_link"]
    assert any("Ferry timetable" in r for r in related)


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


class _Site(http.server.SimpleHTTPRequestHandler):
    seen_agents: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        self.seen_agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/robots.txt":
            body = b"User-agent: *\nDisallow: /private/\n"
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(body)
            return
        return super().do_GET()

    def log_message(self, *args):
        pass


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    (root / "news").mkdir(parents=True)
    (root / "private").mkdir()
    (root / "news" / "strike.html").write_bytes(PAGE.read_bytes())
    (root / "private" / "secret.html").write_bytes(PAGE.read_bytes())
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Site, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_url_list_fetched_politely_from_a_local_server(site, tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# three pages\n{site}/news/strike.html\n{site}/news/missing.html\n"
                    f"{site}/private/secret.html\n", encoding="utf-8")
    result = import_source(urls, tmp_path / "corpus", fetcher=PoliteFetcher(timeout=5, delay=0))
    assert result.articles == 1
    assert len(result.notes) == 2
    assert "404" in result.notes[0] and "robots.txt" in result.notes[1]
    corpus = load_corpus(tmp_path / "corpus")
    assert corpus.articles[0].title == "Dock workers strike at Port Arlen over pay"
    assert set(_Site.seen_agents) == {USER_AGENT} and "retold" in USER_AGENT
    assert _Site.seen_agents.count(USER_AGENT) == 3  # robots.txt once, two pages; the disallowed one never


def test_unreachable_host_is_one_line(tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text("http://127.0.0.1:9/nothing.html\n", encoding="utf-8")
    with pytest.raises(ImportProblem, match="no article could be imported.*could not fetch"):
        import_source(urls, tmp_path / "corpus", fetcher=PoliteFetcher(timeout=2, delay=0))


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
