"""Headless Chromium driven over its DevTools pipe: print a page to PDF, or load pages and read them back.

A report may hold text from a stranger's corpus, so the browser that prints it keeps its sandbox on.
Chromium cannot start the sandbox as root; only then is `--no-sandbox` passed, and page scripts are
switched off (the pages need none). Tests ask for scripts on, to prove that injected code does not run.
The DevTools protocol (JSON messages on file descriptors 3 and 4) needs no extra library.
"""

from __future__ import annotations

import base64
import json
import os
import re
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BASE_FLAGS = ["--headless", "--disable-gpu", "--disable-quic", "--no-first-run", "--no-default-browser-check",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--disable-extensions", "--disable-dev-shm-usage", "--remote-debugging-pipe"]
SETTLE_SECONDS = 0.4


class BrowserError(RuntimeError):
    """Chromium could not start, or did not answer in time."""


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def needs_no_sandbox() -> bool:
    """Chromium refuses to start its sandbox as root."""
    return hasattr(os, "geteuid") and os.geteuid() == 0


@dataclass
class PageLoad:
    """What a page showed: its DOM after loading, its console and errors, every link-like attribute, the
    attributes of <body>, and how many elements match each selector asked for."""

    dom: str
    console: list[str]
    links: list[str] = field(default_factory=list)
    body: dict[str, str] = field(default_factory=dict)
    matches: dict[str, int] = field(default_factory=dict)


class Browser:
    """One headless Chromium for several pages; use as a context manager."""

    def __init__(self, scripts: bool = False, timeout: float = 120.0):
        self.scripts, self.timeout = scripts, timeout
        self._buffer, self._next_id, self._events = b"", 0, []
        self._profile = tempfile.mkdtemp(prefix="retold-chromium-")
        self._proc: subprocess.Popen | None = None

    def __enter__(self) -> "Browser":
        browser = chromium_path()
        if browser is None:
            raise BrowserError("Chromium is not installed (Debian package `chromium`)")
        flags = [*BASE_FLAGS, f"--user-data-dir={self._profile}"]
        if needs_no_sandbox():
            flags.append("--no-sandbox")
        commands_r, self._commands = os.pipe()
        self._replies, replies_w = os.pipe()

        def at_fds_3_and_4() -> None:
            read_end, write_end = os.dup(commands_r), os.dup(replies_w)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        try:
            self._proc = subprocess.Popen([browser, *flags, "about:blank"], preexec_fn=at_fds_3_and_4, close_fds=False,
                                          stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL)
        finally:
            os.close(commands_r)
            os.close(replies_w)
        return self

    def __exit__(self, *exc) -> None:
        try:
            if self._proc is not None and self._proc.poll() is None:
                try:
                    self._call("Browser.close", timeout=10)
                except (BrowserError, OSError):
                    pass
                try:
                    self._proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self._proc.kill()
                    self._proc.wait()
        finally:
            for fd in (self._commands, self._replies):
                try:
                    os.close(fd)
                except OSError:
                    pass
            shutil.rmtree(self._profile, ignore_errors=True)

    # ---- the protocol
    def _send(self, method: str, params: dict | None = None, session: str | None = None) -> int:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        try:
            os.write(self._commands, json.dumps(message).encode() + b"\0")
        except OSError as exc:
            raise BrowserError(f"Chromium stopped answering ({exc.strerror})") from None
        return self._next_id

    def _receive(self, wanted, timeout: float) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                message = json.loads(raw)
                if wanted(message):
                    return message
                self._events.append(message)
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._replies], [], [], max(0.0, left))
            if not ready:
                raise BrowserError(f"Chromium did not answer within {timeout:.0f} s")
            chunk = os.read(self._replies, 1 << 20)
            if not chunk:
                hint = "" if needs_no_sandbox() else " (it may be unable to start its sandbox here)"
                raise BrowserError(f"Chromium exited unexpectedly{hint}")
            self._buffer += chunk

    def _call(self, method: str, params: dict | None = None, session: str | None = None,
              timeout: float | None = None) -> dict:
        number = self._send(method, params, session)
        reply = self._receive(lambda m: m.get("id") == number, timeout or self.timeout)
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error'].get('message')}")
        return reply.get("result", {})

    def _drain(self, seconds: float) -> None:
        try:
            self._receive(lambda m: False, seconds)
        except BrowserError:
            pass

    def _open(self, url: str, width: int = 1280, height: int = 1800) -> str:
        target = self._call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self._call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        if not self.scripts:
            self._call("Emulation.setScriptExecutionDisabled", {"value": True}, session)
        self._call("Emulation.setDeviceMetricsOverride",
                   {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session)
        for domain in ("Page", "Runtime", "Log"):
            self._call(f"{domain}.enable", {}, session)
        self._events = []
        self._call("Page.navigate", {"url": url}, session)
        self._receive(lambda m: m.get("method") == "Page.loadEventFired" and m.get("sessionId") == session,
                      self.timeout)
        self._drain(SETTLE_SECONDS)
        return session

    # ---- what callers use
    def layout(self, page: Path, width: int = 1280, media: str = "screen", screenshot: Path | None = None,
               height: int = 1800) -> Layout:
        """Lay `page` out at `width` CSS pixels for `media` (screen or print) and report what overflows."""
        session = self._open(page.resolve().as_uri(), width, height)
        if media != "screen":
            self._call("Emulation.setEmulatedMedia", {"media": media}, session)
        console = [_console_text(m) for m in self._events if m.get("sessionId") == session and _console_text(m)]
        result = self._call("Runtime.evaluate", {"expression": LAYOUT_JS, "returnByValue": True}, session)
        value = result.get("result", {}).get("value") or {}
        if screenshot is not None:
            shot = self._call("Page.captureScreenshot", {"format": "png"}, session)
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            screenshot.write_bytes(base64.b64decode(shot["data"]))
        wide = list(value.get("wide", []))
        if value.get("pageWidth", 0) > value.get("width", width) + 1:
            wide.insert(0, f"page is {value['pageWidth']}px wide in a {value['width']}px window")
        return Layout(width, wide, value.get("alts", []), console)

    def pdf(self, page: Path) -> bytes:
        """The page printed to PDF (A4 unless its CSS says otherwise, backgrounds on, no header or footer)."""
        session = self._open(page.resolve().as_uri())
        result = self._call("Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True,
                                                "displayHeaderFooter": False}, session)
        return base64.b64decode(result["data"])

    def load(self, page: Path, screenshot: Path | None = None, width: int = 1280, height: int = 1800,
             count: tuple[str, ...] = ()) -> PageLoad:
        """The DOM of a page after it loaded, its console messages and errors, its link targets, the
        attributes of its body and the number of elements matching each selector in `count`."""
        session = self._open(page.resolve().as_uri(), width, height)
        root = self._call("DOM.getDocument", {"depth": 0}, session)["root"]["nodeId"]
        dom = self._call("DOM.getOuterHTML", {"nodeId": root}, session)["outerHTML"]
        console = [_console_text(m) for m in self._events if m.get("sessionId") == session and _console_text(m)]
        links = []
        for selector in ("[href]", "[src]", "[action]", "[formaction]", "[xlink\\:href]"):
            nodes = self._call("DOM.querySelectorAll", {"nodeId": root, "selector": selector}, session)["nodeIds"]
            for node in nodes:
                attributes = self._call("DOM.getAttributes", {"nodeId": node}, session)["attributes"]
                links += [value for name, value in zip(attributes[::2], attributes[1::2])
                          if name.lower() in ("href", "src", "action", "formaction", "xlink:href")]
        body_node = self._call("DOM.querySelector", {"nodeId": root, "selector": "body"}, session)["nodeId"]
        body_attributes = self._call("DOM.getAttributes", {"nodeId": body_node}, session)["attributes"] \
            if body_node else []
        matches = {selector: len(self._call("DOM.querySelectorAll", {"nodeId": root, "selector": selector},
                                            session)["nodeIds"]) for selector in count}
        if screenshot is not None:
            shot = self._call("Page.captureScreenshot", {"format": "png"}, session)
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            screenshot.write_bytes(base64.b64decode(shot["data"]))
        return PageLoad(dom, console, links, dict(zip(body_attributes[::2], body_attributes[1::2])), matches)


# What a reader would see go wrong on a page: elements wider than the page or scrolling sideways, and images
# without a real description.
LAYOUT_JS = """(() => {
  const width = document.documentElement.clientWidth, wide = [], alts = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (!box.width || getComputedStyle(el).position === 'fixed') continue;
    const name = el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined
      ? '.' + String(el.className).trim().split(/\\s+/)[0] : '');
    if (box.right > width + 1) wide.push(name + ' ends at ' + Math.round(box.right) + 'px');
    const style = getComputedStyle(el);
    if (['auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
      wide.push(name + ' scrolls sideways by ' + (el.scrollWidth - el.clientWidth) + 'px');
  }
  for (const img of document.images) alts.push(img.getAttribute('alt'));
  return {width, wide: wide.slice(0, 20), alts, pageWidth: document.documentElement.scrollWidth};
})()"""


@dataclass
class Layout:
    """How a page laid out at one width and medium: what overflows it, and the alt text of each image."""

    width: int
    overflowing: list[str]
    alts: list[str | None]
    console: list[str]


def _console_text(message: dict) -> str:
    method, params = message.get("method"), message.get("params", {})
    if method == "Runtime.consoleAPICalled":
        return " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
    if method == "Runtime.exceptionThrown":
        details = params.get("exceptionDetails", {})
        return details.get("exception", {}).get("description") or details.get("text", "exception")
    if method == "Log.entryAdded":
        entry = params.get("entry", {})
        return f"{entry.get('level')}: {entry.get('text')}"
    return ""


PDF_DATE = re.compile(rb"(/(?:Creation|Mod)Date \(D:)\d{14}")


def reproducible_pdf(data: bytes) -> bytes:
    """The PDF with its creation and modification times set to 2000-01-01 00:00:00 (the same number of bytes,
    so the cross-reference offsets still hold): the same page prints to the same bytes on every run."""
    return PDF_DATE.sub(lambda m: m.group(1) + b"20000101000000", data)


def print_pdf(page: Path, target: Path) -> Path:
    """Print `page` to `target` with scripts off."""
    with Browser(scripts=False) as browser:
        data = browser.pdf(page)
    target.write_bytes(reproducible_pdf(data))
    return target
