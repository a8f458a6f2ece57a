"""A URL list fetched politely from a local HTTP server (127.0.0.1), never the internet."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from retold.corpus import load_corpus
from retold.ingest import ImportProblem, import_source
from retold.ingest.fetch import USER_AGENT, PoliteFetcher


PAGE = Path(__file__).parent / "page.html"


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
    _Site.seen_agents.clear()
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
