"""A project's reports in the browser: a sprint under way draws its burndown on a canvas,
a filter goes into the URL and survives a reload, and a report downloaded as CSV holds
exactly what the API answers for the same filters."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from playwright.sync_api import Page, expect

from tests.e2e.conftest import create_account, screenshot, sign_in
from tests.e2e.test_live_and_notifications import bearer

PROJECT = "REP"
# Chart.js draws on a canvas: count the pixels it painted (alpha above zero).
PAINTED_PIXELS = """(canvas) => {
  const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
  let painted = 0;
  for (let alpha = 3; alpha < data.length; alpha += 4) if (data[alpha] > 0) painted += 1;
  return { width: canvas.width, height: canvas.height, painted };
}"""


def call(api: httpx.Client, method: str, path: str, headers: dict[str, str], **body: Any) -> Any:
    """A request that must succeed; its JSON."""
    response = api.request(method, f"/api/v1{path}", json=body or None, headers=headers)
    assert response.is_success, response.text
    return response.json()


def seed_sprint(api: httpx.Client, headers: dict[str, str]) -> str:
    """A project whose sprint started yesterday with four issues: two of them done since,
    one in progress, with time logged; the sprint's id."""
    call(api, "POST", "/projects", headers, key=PROJECT, name="Reporting")
    me = call(api, "GET", "/me", headers)["id"]
    today = datetime.now(UTC).date()
    keys = []
    for title, points in (("Invoice export", 3), ("Tax rates", 5), ("Receipts", 2), ("VAT", 1)):
        issue = call(
            api,
            "POST",
            f"/projects/{PROJECT}/issues",
            headers,
            type="task",
            title=title,
            points=points,
            assignee=me,
            estimate_minutes=120,
        )
        keys.append(issue["key"])
    sprint = call(
        api,
        "POST",
        f"/projects/{PROJECT}/sprints",
        headers,
        name=f"{PROJECT} Sprint 1",
        start_date=(today - timedelta(days=1)).isoformat(),
        end_date=(today + timedelta(days=6)).isoformat(),
    )
    for key in keys:
        call(api, "POST", f"/issues/{key}/move", headers, sprint=sprint["id"])
    call(api, "POST", f"/sprints/{sprint['id']}/start", headers)
    for key in keys[:3]:
        call(api, "PATCH", f"/issues/{key}", headers, status="in_progress")
    for key in keys[:2]:
        call(api, "PATCH", f"/issues/{key}", headers, status="done")
    call(api, "POST", f"/issues/{keys[0]}/worklogs", headers, minutes=90, date=today.isoformat())
    return str(sprint["id"])


def test_reports_draw_and_download_what_the_api_answers(page: Page, api: httpx.Client) -> None:
    owner = create_account(api, "Rita")
    headers = bearer(api, owner)
    sprint = seed_sprint(api, headers)
    sign_in(page, owner)

    page.goto(f"/projects/{PROJECT}/reports")
    burndown = page.locator('[data-report="burndown"]')
    expect(burndown.get_by_role("heading", name="Burndown and burnup")).to_be_visible()
    expect(burndown.locator(".report-chart[data-drawn]")).to_have_count(1)
    drawn = burndown.locator("canvas").evaluate(PAINTED_PIXELS)
    assert drawn["width"] > 0
    assert drawn["height"] > 0
    assert drawn["painted"] > 1000, drawn
    # The same numbers as a table: a row per day of the sprint so far, yesterday and today.
    burndown.get_by_text("Show the numbers").click()
    table = burndown.get_by_role("table", name="Burndown and burnup")
    expect(table.locator("tbody tr")).to_have_count(2)
    filters = page.get_by_role("form", name="Report filters")
    expect(filters.get_by_label("Sprint")).to_have_value(sprint)  # the active one by default

    # A filter goes into the URL and stays there after a reload.
    me = call(api, "GET", "/me", headers)["id"]
    filters.get_by_label("Assignee").select_option(me)
    expect(page).to_have_url(re.compile(f"assignee={me}"))
    page.reload()
    expect(filters.get_by_label("Assignee")).to_have_value(me)
    cycle = page.locator('[data-report="cycle-time"]')
    expect(cycle.get_by_text("2 issues resolved")).to_be_visible()
    expect(cycle.locator(".report-chart[data-drawn]")).to_have_count(1)
    screenshot(page, "reports")

    # Cumulative flow takes no assignee: it says so, and its chart counts every issue.
    expect(page.get_by_text("Cumulative flow counts every issue")).to_be_visible()

    with page.expect_download() as download_info:
        cycle.get_by_role("button", name="Download CSV").click()
    download = download_info.value
    today = datetime.now(UTC).date()
    since = today - timedelta(days=29)
    assert download.suggested_filename == f"{PROJECT}-cycle-time-{since}-{today}.csv"
    expected = api.get(
        f"/api/v1/projects/{PROJECT}/reports/cycle-time",
        params={"assignee": me, "format": "csv"},
        headers=headers,
    )
    assert expected.status_code == 200, expected.text
    downloaded = Path(download.path()).read_bytes()
    assert downloaded == expected.content
    assert len(downloaded.decode().splitlines()) == 3  # the header and the two done issues
