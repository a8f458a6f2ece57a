"""Look at a rendered page as a reader's browser would: headless Chromium, its console, a screenshot."""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from retold.build.handout import CHROMIUM_FLAGS, chromium_path

CONSOLE_LINE = re.compile(r":CONSOLE[^\]]*\]\s*(.*)")


@dataclass(frozen=True)
class PageLoad:
    dom: str
    console: list[str]


def _run(browser: str, args: list[str], url: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="nf-chromium-") as profile:
        return subprocess.run(
            [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *args, url],
            capture_output=True, text=True, timeout=120,
        )


def load_page(page: Path, screenshot: Path | None = None, width: int = 1280, height: int = 1800) -> PageLoad:
    """The DOM after scripts ran and every console message of a page; optionally save a PNG of it."""
    browser = chromium_path()
    if browser is None:
        raise RuntimeError("Chromium is not installed (Debian package `chromium`)")
    url = page.resolve().as_uri()
    result = _run(browser, ["--dump-dom", "--virtual-time-budget=3000"], url)
    console = [m.group(1) for line in result.stderr.splitlines() if (m := CONSOLE_LINE.search(line))]
    if screenshot is not None:
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        shot = _run(browser, [f"--screenshot={screenshot.resolve()}", f"--window-size={width},{height}",
                              "--hide-scrollbars"], url)
        console += [m.group(1) for line in shot.stderr.splitlines() if (m := CONSOLE_LINE.search(line))]
    return PageLoad(result.stdout, console)
