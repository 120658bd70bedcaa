"""The command palette's row of the browser bench: on the project of 10,000 issues, the
time from the key press that completes a query to the frame that first shows the
palette's issue results for it, for words of the seeded titles ("Issue N", described
"some text"), issue keys and bare issue numbers.

Each query is typed but for its last key, and that prefix's results are awaited, so
the timed key press starts one search on a quiet page, as the user's pause before the
last key would. The clock is the page's: the key's event time stamp and
`performance.now()` in the next animation frame; the search requests' durations come
from Resource Timing.
"""

from __future__ import annotations

from dataclasses import dataclass

from browser_pages import probe_result
from playwright.sync_api import BrowserContext, Page

# A query and what its first issue result holds, {KEY} and {key} standing for the
# project's key: the issue the query names by key or number, or for words the last
# word (issues are numbered in the order the seeding's concurrent requests land, so
# "Issue 42" need not be KEY-42; the first result by key is KEY-42 or the issue titled so).
QUERIES: list[tuple[str, str]] = [
    ("issue", "Issue"),
    ("issue 7", "7"),
    ("issue 42", "42"),
    ("issue 123", "123"),
    ("issue 4567", "4567"),
    ("issue 9999", "9999"),
    ("issue 10000", "10000"),
    ("iss 2024", "2024"),
    ("some text 8", "8"),
    ("text 31", "31"),
    ("{KEY}-1", "{KEY}-1 "),
    ("{key}-77", "{KEY}-77 "),
    ("{KEY}-500", "{KEY}-500 "),
    ("{key}-2468", "{KEY}-2468 "),
    ("{KEY}-10000", "{KEY}-10000 "),
    ("9", "{KEY}-9 "),
    ("64", "{KEY}-64 "),
    ("321", "{KEY}-321 "),
    ("7777", "{KEY}-7777 "),
    ("#808", "{KEY}-808 "),
]
COMBOBOX = 'input[role="combobox"]'
STATUS = 'dialog [role="status"]'
# Whether the palette shows the settled results of the text typed so far.
SETTLED = f"""(text) => {{
  const input = document.querySelector({COMBOBOX!r});
  const status = document.querySelector({STATUS!r});
  return input !== null && input.value === text && status !== null
    && !status.textContent.startsWith("Searching");
}}"""
# Installed before the last key of a query: sets `__benchPalette` to the milliseconds
# from that key press to the frame that first shows the issue results for the query
# (the input holds it, the first issue result holds `expected`). The results of the
# prefix leave the page at the key press: the palette shows only the current text's.
PROBE = f"""([query, expected]) => {{
  let pressed = null;
  window.addEventListener("keydown", (event) => {{ pressed = event.timeStamp; }},
    {{ capture: true, once: true }});
  window.__benchPalette = undefined;
  performance.clearResourceTimings();
  const shown = () => {{
    const input = document.querySelector({COMBOBOX!r});
    const first = document.querySelector('[role="group"][aria-label="Issues"] [role="option"]');
    return input !== null && input.value === query && first !== null
      && first.textContent.includes(expected);
  }};
  const observer = new MutationObserver(() => {{
    if (pressed === null || !shown()) return;
    observer.disconnect();
    requestAnimationFrame(() => {{ window.__benchPalette = performance.now() - pressed; }});
  }});
  observer.observe(document.body, {{ childList: true, subtree: true, characterData: true }});
}}"""
SEARCH_REQUESTS = """() => performance.getEntriesByType("resource")
  .filter((e) => e.name.includes("/api/v1/"))
  .map((e) => e.responseEnd - e.startTime)"""


@dataclass(frozen=True)
class PaletteSearch:
    """One query's timings, in milliseconds."""

    query: str
    shown_ms: float
    slowest_request_ms: float
    """The longest of the query's search requests (text search, issue by key)."""


def search(page: Page, query: str, expected: str) -> PaletteSearch:
    """Type `query` into the open palette, timing its last key until its issue results
    show, the first holding `expected`."""
    prefix, last = query[:-1], query[-1]
    page.locator(COMBOBOX).fill(prefix)
    page.wait_for_function(SETTLED, arg=prefix, polling=20)
    page.evaluate(PROBE, [query, expected])
    page.keyboard.press(last)
    shown = float(probe_result(page, "__benchPalette"))
    requests: list[float] = page.evaluate(SEARCH_REQUESTS)
    return PaletteSearch(query, shown, max(requests, default=0.0))


def palette_searches(context: BrowserContext, project: str) -> list[PaletteSearch]:
    """Open the palette on the issue list of the project (the bench's of 10,000 issues,
    `QUERIES` name its issues) and time each query."""
    page = context.new_page()
    page.goto(f"/projects/{project}/issues")
    page.get_by_role("heading", name=project).wait_for()
    page.keyboard.press("Control+k")
    page.locator(COMBOBOX).wait_for()
    keys = {"KEY": project, "key": project.lower()}
    timings = [
        search(page, query.format(**keys), expected.format(**keys)) for query, expected in QUERIES
    ]
    page.close()
    return timings
