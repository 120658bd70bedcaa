"""The browser rows of the bench: the web app's speed as a user's browser sees it.

Targets: the JavaScript the entry page loads before any route's chunk weighs under
250 KB gzipped; the board of the active sprint of 500 cards is interactive within
1.5 s of navigation (median of `BOARD_LOADS`); the issue list and the backlog of a
project of 10,000 issues load a page at a time as they scroll, having fetched under a
tenth of the issues after `SCROLLS` scrolls to the bottom; a drag on the board shows
its result at once, under 100 ms from the drop, and its move request's round trip is
under 100 ms (both the p95 of `DRAGS` drags); a move made in one browser context shows on
another person's board, in a second context, within 1 s (p95 of `LIVE_MOVES`); the
command palette shows the issue results of a query on the 10,000 issues within 100 ms
of its last key (p95).

Run on its own (`.venv/bin/python bench/browser.py`), it starts a server of its own
and seeds what the rows need.
"""

from __future__ import annotations

import asyncio
import math
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import browser_drags
import browser_live
import browser_pages
import browser_palette
import httpx
import planning
from alone import run_alone
from browser_pages import BrowserError
from playwright.sync_api import BrowserContext
from playwright.sync_api import Error as PlaywrightError
from seed import USER, create_issues, expect

LIST_PROJECT = "BIG"
LIST_ISSUES = 10_000
SCROLLS = 5
BOARD_PATH = f"/projects/{planning.BOARD_PROJECT}/board"
BOARD_LOADS = 5
DRAGS = 20
INITIAL_JS_KB = 250.0
BOARD_INTERACTIVE_MS = 1_500.0
DRAG_MS = 100.0
PALETTE_MS = 100.0
LIVE_MOVES = 20
LIVE_MS = 1_000.0


@dataclass(frozen=True)
class Row:
    """One browser row: its figure passes when under the target."""

    name: str
    figure: float
    unit: str
    target: float
    detail: str
    samples: list[float]

    @property
    def verdict(self) -> str:
        """`pass` or `miss` against the target."""
        return "pass" if self.figure < self.target else "miss"


@dataclass(frozen=True)
class Failure:
    """Rows that could not be measured, and why."""

    rows: str
    reason: str


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile: the smallest value at least `share` of them reach."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def seed_list_project(base_url: str, token: str) -> float:
    """Create the project of the list rows with its issues; the seconds the issues took."""
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base_url, headers=headers, timeout=30.0) as client:
        expect(client.post("/api/v1/projects", json={"key": LIST_PROJECT, "name": "Big"}), 201)
    began = time.perf_counter()
    asyncio.run(create_issues(base_url, token, LIST_ISSUES, project=LIST_PROJECT))
    return time.perf_counter() - began


def board_cards(base_url: str, token: str) -> int:
    """The cards on the board project's board now (the planning rows move and add some)."""
    headers = {"Authorization": f"Bearer {token}"}
    path = f"/api/v1/projects/{planning.BOARD_PROJECT}/board"
    board = expect(httpx.get(base_url + path, headers=headers, timeout=30.0), 200)
    return sum(len(column["issues"]) for column in board["columns"])


def javascript_rows(base_url: str, context: BrowserContext) -> list[Row]:
    """The entry page's scripts, gzipped, and what the browser loads for /projects."""
    sizes = browser_pages.initial_javascript(base_url, "/projects")
    loaded = browser_pages.javascript_loaded(context, "/projects")
    detail = f"{len(sizes)} files; the browser loaded {loaded / 1000:.0f} KB of JS for /projects"
    kilobytes = [size / 1000 for size in sizes]
    return [
        Row("initial JavaScript (gzip)", sum(kilobytes), "KB", INITIAL_JS_KB, detail, kilobytes)
    ]


def board_rows(context: BrowserContext, cards: int) -> list[Row]:
    """The median of `BOARD_LOADS` navigations to the board, each on a new page."""
    loads = []
    for _ in range(BOARD_LOADS):
        ready = browser_pages.board_shown(cards)
        page, loaded = browser_pages.open_until(context, BOARD_PATH, ready)
        mounted = page.locator(browser_pages.CARD).count()
        page.close()
        loads.append(loaded)
    interactive = [load.interactive_ms for load in loads]
    painted = statistics.median(load.painted_ms for load in loads)
    detail = (
        f"runs {', '.join(f'{ms:.0f}' for ms in interactive)} ms; "
        f"cards painted at {painted:.0f} ms (median); {mounted} card elements mounted"
    )
    name = f"board of {cards} cards interactive"
    median = statistics.median(interactive)
    return [Row(name, median, "ms", BOARD_INTERACTIVE_MS, detail, interactive)]


def list_rows(context: BrowserContext) -> list[Row]:
    """The issue list and the backlog of the list project, scrolled to the bottom."""
    issue_list = '[aria-label="Issues"]'
    lists = (
        ("issue list", "issues", f'{issue_list} [role="listitem"]', issue_list),
        ("backlog", "backlog", f'ul[aria-label="Backlog"] > {browser_pages.CARD}', None),
    )
    rows = []
    for name, page_name, row_selector, scroller in lists:
        path = f"/projects/{LIST_PROJECT}/{page_name}"
        scrolled = browser_pages.scroll_list(
            context, path, rows=row_selector, scroller=scroller, scrolls=SCROLLS
        )
        fetched = [float(count) for count in scrolled.fetched]
        detail = (
            f"first rows at {scrolled.first_rows_ms:.0f} ms, {scrolled.fetched_at_first} "
            f"fetched; after each scroll {', '.join(map(str, scrolled.fetched))}"
        )
        name = f"{name}, {LIST_ISSUES:,} issues: fetched"
        rows.append(Row(name, fetched[-1], "issues", LIST_ISSUES / 10, detail, fetched))
    return rows


def drag_rows(context: BrowserContext, cards: int) -> list[Row]:
    """`DRAGS` keyboard drags of a card between the board's first two columns."""
    timings = browser_drags.board_drags(context, BOARD_PATH, cards, DRAGS)
    rows = []
    for index, name in enumerate(("board drag: optimistic", "board drag: server round trip")):
        values = [timing[index] for timing in timings]
        p50, p95 = percentile(values, 0.50), percentile(values, 0.95)
        detail = f"p95 of {len(values)} drags; p50 {p50:.1f} ms, max {max(values):.1f} ms"
        rows.append(Row(name, p95, "ms", DRAG_MS, detail, values))
    return rows


def palette_rows(context: BrowserContext) -> list[Row]:
    """The command palette's issue results on the list project, for each query typed."""
    searches = browser_palette.palette_searches(context, LIST_PROJECT)
    shown = [search.shown_ms for search in searches]
    requests = [search.slowest_request_ms for search in searches]
    detail = (
        f"p95 of {len(shown)} queries; p50 {percentile(shown, 0.50):.1f} ms, max "
        f"{max(shown):.1f} ms; search requests p95 {percentile(requests, 0.95):.1f} ms"
    )
    name = f"palette results, {LIST_ISSUES:,} issues"
    return [Row(name, percentile(shown, 0.95), "ms", PALETTE_MS, detail, shown)]


def live_rows(context: BrowserContext, base_url: str, token: str, cards: int) -> list[Row]:
    """`LIVE_MOVES` drags on the board, each timed until a second person's board shows it."""
    browser_live.add_watcher(base_url, token, planning.BOARD_PROJECT)
    latencies = browser_live.live_moves(context, base_url, BOARD_PATH, cards, LIVE_MOVES)
    p50, p95 = percentile(latencies, 0.50), percentile(latencies, 0.95)
    detail = (
        f"p95 of {len(latencies)} moves, drop to the other context's board; "
        f"p50 {p50:.0f} ms, max {max(latencies):.0f} ms"
    )
    return [Row("live update on another board", p95, "ms", LIVE_MS, detail, latencies)]


def measured(rows: str, measure: Callable[[], list[Row]]) -> list[Row] | Failure:
    """The rows one measurement gives, or why it failed."""
    try:
        return measure()
    except (BrowserError, PlaywrightError) as error:
        return Failure(rows, str(error).splitlines()[0])


def run_browser(base_url: str, token: str, *, planned: bool) -> dict[str, Any]:
    """Seed what the rows need (PLAN's sprint too, unless `planned` did), measure them
    in the browser and return the printed lines and the figures for the saved JSON."""
    if not planned:
        planning.seed_planning(base_url, token)
    print(f"seeding {LIST_ISSUES} issues in {LIST_PROJECT}", file=sys.stderr)
    seed_seconds = seed_list_project(base_url, token)
    cards = board_cards(base_url, token)
    print("measuring in the browser", file=sys.stderr)
    with browser_pages.signed_in(base_url, USER["email"], USER["password"]) as context:
        results = [
            measured("initial JavaScript", lambda: javascript_rows(base_url, context)),
            measured("board", lambda: board_rows(context, cards)),
            measured("issue list and backlog", lambda: list_rows(context)),
            measured("board drags", lambda: drag_rows(context, cards)),
            measured("live updates", lambda: live_rows(context, base_url, token, cards)),
            measured("command palette", lambda: palette_rows(context)),
        ]
    rows = [row for result in results if isinstance(result, list) for row in result]
    failures = [result for result in results if isinstance(result, Failure)]
    for row in rows:
        print(f"  {row.name}: {row.verdict}", file=sys.stderr)
    return {
        "lines": lines(rows, failures, seed_seconds),
        "rows": [{**asdict(row), "verdict": row.verdict} for row in rows],
        "errors": [asdict(failure) for failure in failures],
        "list_seed_seconds": seed_seconds,
    }


def lines(rows: list[Row], failures: list[Failure], seed_seconds: float) -> list[str]:
    """The printed browser rows, then what failed."""
    layout = "{:<36} {:>13} {:<16} {:<6} {}"
    out = [layout.format("browser", "figure", "target", "result", "detail")]
    for row in rows:
        figure = f"{row.figure:.1f}" if row.figure < 100 else f"{row.figure:.0f}"
        target = f"< {row.target:.0f} {row.unit}"
        out.append(layout.format(row.name, f"{figure} {row.unit}", target, row.verdict, row.detail))
    out.extend(f"error: {failure.rows}: {failure.reason}" for failure in failures)
    out.append(f"seeding {LIST_ISSUES} issues into {LIST_PROJECT} took {seed_seconds:.1f} s")
    return out


def main() -> int:
    """Start a server of its own, seed it and print the browser rows."""
    return run_alone(
        lambda url, token: run_browser(url, token, planned=False), failures=(BrowserError,)
    )


if __name__ == "__main__":
    sys.exit(main())
