"""What the browser rows measure in the web app, with Debian's headless Chromium driven
by Playwright (never a browser Playwright downloads): each figure comes from the page's
own clocks (`performance.now()`, event time stamps, Resource Timing, long tasks), so
Playwright's polling adds nothing to it.
"""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Request,
    Response,
    ViewportSize,
    sync_playwright,
)

CHROMIUM = "/usr/bin/chromium"
"""Debian's Chromium (`make chromium`): nothing downloads a browser. The browser tests
(tests/e2e) launch it as the bench does, with these flags: no sandbox, GPU or background
work."""
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 30_000
VIEWPORT: ViewportSize = {"width": 1280, "height": 800}
CARD = 'li[aria-roledescription="movable issue"]'
QUIET_MS = 1_000
"""How long after the paint a long task that ends still counts as delaying interactivity."""
# Installed before the app's scripts run: sets `__benchReady` to the time the page
# first shows what the predicate `ready` waits for and the time the frame after that
# has been painted (a timer queued from the next animation frame), and records the end
# of every long task.
READY_PROBE = """(ready) => {
  window.__benchLongTaskEnds = [];
  new PerformanceObserver((list) => {
    for (const task of list.getEntries()) {
      window.__benchLongTaskEnds.push(task.startTime + task.duration);
    }
  }).observe({ type: "longtask", buffered: true });
  const observer = new MutationObserver(() => {
    if (!ready()) return;
    observer.disconnect();
    const rendered = performance.now();
    const paint = () => { window.__benchReady = { rendered, painted: performance.now() }; };
    requestAnimationFrame(() => setTimeout(paint));
  });
  // `data-drawn`: the reports page marks a chart's frame once Chart.js has drawn it.
  observer.observe(document, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["data-drawn"],
  });
}"""
SCROLL_TO_END = """(selector) => {
  const scroller = selector === null ? document.scrollingElement : document.querySelector(selector);
  scroller.scrollTop = scroller.scrollHeight;
}"""
JAVASCRIPT_LOADED = """() => performance.getEntriesByType("resource")
  .filter((e) => new URL(e.name).pathname.endsWith(".js"))
  .reduce((sum, e) => sum + e.decodedBodySize, 0)"""


class BrowserError(Exception):
    """The web app did not show or do what a browser row measures."""


@dataclass(frozen=True)
class Loaded:
    """When a page first showed its content, from navigation start."""

    rendered_ms: float
    painted_ms: float
    interactive_ms: float
    """The paint, or the end of the last long task within `QUIET_MS` after it if later."""


@dataclass(frozen=True)
class Scrolled:
    """A paged list's first rows and how many issues it fetched before and after scrolling."""

    first_rows_ms: float
    fetched_at_first: int
    fetched: list[int]
    """Issues fetched in all after each scroll to the bottom."""


class _EntryScripts(HTMLParser):
    """The scripts an HTML page loads before anything else: its module entry points and
    the modules it preloads."""

    def __init__(self) -> None:
        super().__init__()
        self.paths: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note a module script's source or a module preload's address."""
        found = dict(attrs)
        if tag == "script" and found.get("type") == "module" and found.get("src"):
            self.paths.append(str(found["src"]))
        if tag == "link" and found.get("rel") == "modulepreload" and found.get("href"):
            self.paths.append(str(found["href"]))


def initial_javascript(base_url: str, path: str) -> list[int]:
    """The gzipped size (level 9) of each script the page at `path` loads up front, as
    the server serves them."""
    with httpx.Client(base_url=base_url, timeout=30.0) as client:
        entry = _EntryScripts()
        entry.feed(client.get(path).text)
        if not entry.paths:
            raise BrowserError(f"{path} loads no script: is the web app built (`make web`)?")
        return [len(gzip.compress(client.get(src).content, compresslevel=9)) for src in entry.paths]


@contextmanager
def signed_in(base_url: str, email: str, password: str) -> Iterator[BrowserContext]:
    """A browser context holding the web app's session cookie for the user."""
    if not Path(CHROMIUM).is_file():
        raise BrowserError(f"{CHROMIUM} is missing: install Debian's chromium (`make chromium`)")
    with sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield new_signed_in_context(browser, base_url, email, password)
        finally:
            browser.close()


def new_signed_in_context(
    browser: Browser, base_url: str, email: str, password: str
) -> BrowserContext:
    """A new context of the browser (cookies of its own) signed in as the user."""
    context = browser.new_context(base_url=base_url, viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    session = {"email": email, "password": password}
    answer = context.request.post("/api/v1/auth/session", data=session)
    if not answer.ok:
        raise BrowserError(f"signing the browser in returned {answer.status}")
    return context


def javascript_loaded(context: BrowserContext, path: str) -> int:
    """Bytes of JavaScript (decoded) the browser loads to show `path` and settle."""
    page = context.new_page()
    page.goto(path, wait_until="networkidle")
    loaded = int(page.evaluate(JAVASCRIPT_LOADED))
    page.close()
    return loaded


def probe_result(page: Page, name: str) -> Any:
    """What a probe has set `window[name]` to, waiting up to `TIMEOUT_MS` for it."""
    page.wait_for_function(f"() => window.{name} !== undefined", polling=50)
    return page.evaluate(f"window.{name}")


def shown(selector: str) -> str:
    """A page predicate (JavaScript): an element matching `selector` is in the page."""
    return f"() => document.querySelector({json.dumps(selector)}) !== null"


def board_shown(cards: int) -> str:
    """A page predicate (JavaScript): the board's column counts add up to `cards` and a
    card is in the page (a long column mounts only the cards near the viewport)."""
    counts = '[...document.querySelectorAll(".plan-colhead .plan-count")]'
    total = f"{counts}.reduce((sum, count) => sum + Number(count.textContent), 0)"
    card = f"document.querySelector({json.dumps(CARD)}) !== null"
    return f"() => {card} && {total} >= {cards}"


def probed_page(context: BrowserContext, ready: str) -> Page:
    """A new page that notes when the predicate `ready` first holds."""
    page = context.new_page()
    page.add_init_script(f"({READY_PROBE})({ready})")
    return page


def wait_loaded(page: Page) -> Loaded:
    """When a probed page, navigated since, first showed its elements and became
    interactive (waiting `QUIET_MS` for later long tasks)."""
    ready: dict[str, float] = probe_result(page, "__benchReady")
    page.wait_for_timeout(QUIET_MS)
    ends: list[float] = page.evaluate("window.__benchLongTaskEnds")
    late = [end for end in ends if end <= ready["painted"] + QUIET_MS]
    interactive = max([ready["painted"], *late])
    return Loaded(ready["rendered"], ready["painted"], interactive)


def open_until(context: BrowserContext, path: str, ready: str) -> tuple[Page, Loaded]:
    """A new page on `path`, and when the predicate `ready` first held there."""
    page = probed_page(context, ready)
    page.goto(path)
    return page, wait_loaded(page)


class Traffic:
    """A page's requests still waiting for their answers."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.pending: set[Request] = set()
        page.on("request", self._sent)
        page.on("requestfinished", self._done)
        page.on("requestfailed", self._done)

    def _sent(self, request: Request) -> None:
        # The project's live-update stream stays open for as long as the page does.
        if request.resource_type != "eventsource":
            self.pending.add(request)

    def _done(self, request: Request) -> None:
        self.pending.discard(request)

    def settle(self) -> None:
        """Wait until no request has been pending for two checks in a row."""
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        quiet = 0
        while quiet < 2:
            if time.monotonic() > deadline:
                urls = ", ".join(request.url for request in self.pending)
                raise BrowserError(f"requests pending for {TIMEOUT_MS} ms: {urls}")
            self.page.wait_for_timeout(50)
            quiet = 0 if self.pending else quiet + 1


def scroll_list(
    context: BrowserContext, path: str, *, rows: str, scroller: str | None, scrolls: int
) -> Scrolled:
    """Open a paged list, then scroll it to the bottom `scrolls` times, each time waiting
    for the page it loads; count the issues in the answers to `path`'s list requests."""
    endpoint = f"/api/v1{path}?"
    answers: list[Response] = []

    def listed(response: Response) -> None:
        if endpoint in response.url:
            answers.append(response)

    def fetched() -> int:
        return sum(len(answer.json()["items"]) for answer in answers)

    page = probed_page(context, shown(rows))
    page.on("response", listed)
    traffic = Traffic(page)
    page.goto(path)
    loaded = wait_loaded(page)
    traffic.settle()
    at_first = fetched()
    after = []
    for _ in range(scrolls):
        with page.expect_response(lambda response: endpoint in response.url):
            page.evaluate(SCROLL_TO_END, scroller)
        traffic.settle()
        after.append(fetched())
    page.close()
    return Scrolled(loaded.painted_ms, at_first, after)
