"""The reports page's browser row: with a year of history in a project of 10,000 issues,
`/projects/<key>/reports` draws every chart within `REPORTS_DRAWN_MS` of navigation
(median of `LOADS` navigations, each on a new page of one signed-in browser).

Each chart's frame gets `data-drawn` once Chart.js has rendered it (the page's
`ReportChart`); a report with nothing to draw, or that failed, says so in its section's
`data-state`. The time is the page's own (`performance.now()` from navigation start),
taken when every section has drawn or settled, after the next frame is painted.
"""

from __future__ import annotations

import statistics

import browser_pages
from browser import Failure, Row
from browser_pages import BrowserError
from playwright.sync_api import Error as PlaywrightError

LOADS = 5
REPORTS_DRAWN_MS = 2_000.0
# Every report section has drawn its chart, or settled with nothing to draw.
ALL_SETTLED = """() => {
  const sections = [...document.querySelectorAll("[data-report]")];
  return sections.length > 0 && sections.every((section) =>
    ["empty", "error"].includes(section.dataset.state) ||
    section.querySelector(".report-chart[data-drawn]") !== null);
}"""
# Each section's report name and what it shows: `drawn`, or its state.
SECTION_STATES = """() => Object.fromEntries([...document.querySelectorAll("[data-report]")]
  .map((section) => [section.dataset.report,
    section.querySelector(".report-chart[data-drawn]") ? "drawn" : section.dataset.state]))"""


def reports_page_row(base_url: str, email: str, password: str, project: str) -> Row | Failure:
    """The median time from navigation until every chart of the project's reports page
    has drawn, as a member of the project; or why it could not be measured."""
    path = f"/projects/{project}/reports"
    try:
        with browser_pages.signed_in(base_url, email, password) as context:
            painted = []
            for _ in range(LOADS):
                page, loaded = browser_pages.open_until(context, path, ALL_SETTLED)
                states: dict[str, str] = page.evaluate(SECTION_STATES)
                page.close()
                undrawn = {report: state for report, state in states.items() if state != "drawn"}
                if undrawn:
                    raise BrowserError(f"{path}: charts not drawn: {undrawn}")
                painted.append(loaded.painted_ms)
    except (BrowserError, PlaywrightError) as error:
        return Failure(f"reports page of {project}", str(error).splitlines()[0])
    detail = f"{len(states)} charts; runs {', '.join(f'{ms:.0f}' for ms in painted)} ms"
    name = f"reports page of {project}: all charts drawn"
    return Row(name, statistics.median(painted), "ms", REPORTS_DRAWN_MS, detail, painted)
