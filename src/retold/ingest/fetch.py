"""A list of URLs fetched politely, each page imported like a saved one.

One request at a time, with a timeout, a user agent that names retold, a pause between
two requests to the same host, robots.txt honoured (a page it disallows is not fetched),
pages over a size limit refused. Each failure is one line; the other URLs go on.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .. import __version__
from .html import page_article
from .records import ImportedArticle, ImportProblem

USER_AGENT = f"retold/{__version__} (news-framing study for teaching; fetches each URL once)"
TIMEOUT_S = 20.0
DELAY_S = 2.0
MAX_BYTES = 10 * 1024 * 1024


def url_list(path: Path) -> list[str]:
    """The URLs of a list file: one per line; blank lines and # comments skipped."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8-sig", errors="replace").splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def is_url_list(path: Path) -> bool:
    """True for a text file whose every non-comment line is an http(s) URL."""
    try:
        urls = url_list(path)
    except OSError:
        return False
    return bool(urls) and all(u.startswith(("http://", "https://")) and " " not in u for u in urls)


@dataclass
class PoliteFetcher:
    """Fetches pages one at a time, waiting `delay` seconds between requests to one host."""

    timeout: float = TIMEOUT_S
    delay: float = DELAY_S
    honour_robots: bool = True
    last_request: dict[str, float] = field(default_factory=dict)
    robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)

    def _wait(self, host: str) -> None:
        since = time.monotonic() - self.last_request.get(host, -1e9)
        if since < self.delay:
            time.sleep(self.delay - since)
        self.last_request[host] = time.monotonic()

    def _open(self, url: str):
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5"})
        self._wait(urlsplit(url).netloc)
        return urllib.request.urlopen(request, timeout=self.timeout)

    def allowed(self, url: str) -> bool:
        """What the site's robots.txt says of this URL for retold (allowed when there is none)."""
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self.robots:
            parser = urllib.robotparser.RobotFileParser()
            try:
                with self._open(root + "/robots.txt") as response:
                    parser.parse(response.read(MAX_BYTES).decode("utf-8", errors="replace").splitlines())
            except urllib.error.HTTPError as exc:  # RFC 9309: no rules on a 4xx, stay away on a server error
                parser = None if 400 <= exc.code < 500 else parser
                if parser is not None:
                    parser.disallow_all = True
            except (urllib.error.URLError, OSError, ValueError):
                parser = None
            self.robots[root] = parser
        parser = self.robots[root]
        return parser is None or parser.can_fetch(USER_AGENT, url)

    def fetch(self, url: str) -> tuple[bytes, str | None, str]:
        """The page's bytes, the charset its server declares, and the final URL after redirects."""
        if urlsplit(url).scheme not in ("http", "https"):
            raise ImportProblem(f"{url}: not an http(s) URL")
        if self.honour_robots and not self.allowed(url):
            raise ImportProblem(f"{url}: the site's robots.txt does not allow fetching this page (or could not be "
                               "read for a server error); skipped")
        try:
            with self._open(url) as response:
                data = response.read(MAX_BYTES + 1)
                charset = response.headers.get_content_charset()
                final = response.geturl()
        except urllib.error.HTTPError as exc:
            raise ImportProblem(f"{url}: the server answered {exc.code} {exc.reason}") from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            raise ImportProblem(f"{url}: could not fetch ({reason})") from None
        if len(data) > MAX_BYTES:
            raise ImportProblem(f"{url}: the page is over {MAX_BYTES // 1024 // 1024} MB; skipped")
        return data, charset, final


def url_name(url: str) -> str:
    """A readable id source for a URL: host and last path segment."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    tail = segments[-1].rsplit(".", 1)[0] if segments else ""
    return f"{parts.netloc.removeprefix('www.')}-{tail}" if tail else parts.netloc


def fetched_articles(path: Path, fetcher: PoliteFetcher | None = None) -> tuple[list[ImportedArticle], list[str]]:
    """Every URL of a list fetched and imported; one note per URL that failed."""
    fetcher = fetcher or PoliteFetcher()
    articles, notes = [], []
    for url in url_list(path):
        try:
            data, charset, final = fetcher.fetch(url)
            articles.append(page_article(data, url_name(url), url=final, declared_encoding=charset))
        except ImportProblem as exc:
            notes.append(str(exc))
    return articles, notes
