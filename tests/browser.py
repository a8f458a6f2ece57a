"""Look at rendered pages as a reader's browser would: headless Chromium with scripts ON (so that injected
code would run and show), its DOM, console and link targets, optionally a screenshot."""

from __future__ import annotations

from pathlib import Path

from retold.build.browser import Browser, PageLoad, chromium_path

__all__ = ["PageLoad", "chromium_path", "load_page", "load_pages"]


def load_page(page: Path, screenshot: Path | None = None, width: int = 1280, height: int = 1800) -> PageLoad:
    """The DOM after scripts ran, every console message and error, and the link targets of one page."""
    with Browser(scripts=True) as browser:
        return browser.load(page, screenshot, width, height)


def load_pages(pages: list[Path], count: tuple[str, ...] = ()) -> dict[Path, PageLoad]:
    """Several pages loaded one after another in one browser (`count`: selectors to count on each)."""
    with Browser(scripts=True) as browser:
        return {page: browser.load(page, count=count) for page in pages}
