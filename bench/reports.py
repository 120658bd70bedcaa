"""The report rows of the bench: with a year of history in a project, every report
answers in under a second (p50) on one worker.

Target (issue 8): with 10,000 issues and 100,000 history items in a project, every
report answers in under `TARGET_P50_MS` at the median, and computing one never loads
more than it needs. The year is seeded in this process through Taskdeck's services on a
stepped clock (`reports_seed`), into a data dir that a server of its own (one worker)
then serves. Each report is requested `WARMUP` times unrecorded, then `SAMPLES` times
one after another (fewer if they take more than `SAMPLING_BUDGET_S`); a report that
answers anything but 200 is an error row. The HTTP worker's resident memory after each
report is printed: a report that loads far more than it needs shows there, and in its latency.
Then the browser row (`browser_reports`): the reports page draws every chart of the year
within 2 s of navigation, as the owner sees it in headless Chromium.

Run on its own: `.venv/bin/python bench/reports.py`.
"""

from __future__ import annotations

import statistics
import sys
import time
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import browser_reports
import httpx
import servers
from alone import run_in_work_dir
from browser import Failure
from browser import Row as BrowserRow
from notifications import p99
from reports_seed import PROJECT, SeededYear, seed_year
from seed import expect

TARGET_P50_MS = 1000.0
WARMUP = 3
SAMPLES = 20
SAMPLING_BUDGET_S = 60.0
REQUEST_TIMEOUT_S = 120.0


@dataclass(frozen=True)
class Row:
    """One report's figures: its latencies, its answer's size, or the error it gave."""

    label: str
    """The path as printed: dates and ids named by what they are."""
    path: str
    status: int
    latencies_ms: list[float]
    bytes: int
    error: str | None = None
    rss_bytes: int = 0
    """The HTTP worker's resident memory once the report was measured."""

    @property
    def p50_ms(self) -> float:
        """The median latency."""
        return statistics.median(self.latencies_ms) if self.latencies_ms else 0.0

    @property
    def p99_ms(self) -> float:
        """The 99th percentile latency (of 20 samples: about the slowest)."""
        return p99(self.latencies_ms) if self.latencies_ms else 0.0

    @property
    def verdict(self) -> str:
        """`error` for an answer other than 200, else `pass` or `miss` against the target."""
        if self.error is not None:
            return "error"
        return "pass" if self.p50_ms < TARGET_P50_MS else "miss"


def report_paths(seeded: SeededYear, now: datetime) -> list[tuple[str, str]]:
    """The reports measured: a label and the path under the project's `reports/`."""
    today = now.date()

    def since(days: int) -> tuple[str, str]:
        return f"<{days} days ago>", (today - timedelta(days=days)).isoformat()

    queries = [
        ("velocity", None),
        ("burndown", None),
        ("burndown?sprint=", ("<a completed one>", seeded.completed_sprint)),
        ("cumulative-flow", None),
        ("cumulative-flow?from=", since(365)),
        ("cycle-time?from=", since(90)),
        ("aging-wip", None),
        ("time-tracking?group_by=issue", None),
        ("time-tracking?group_by=assignee", None),
        ("time-tracking?group_by=epic", None),
        ("timesheet?from=", since(30)),
        ("team?from=", since(90)),
        ("forecast", None),
        ("backlog-forecast?top=50", None),
    ]
    return [
        (report, report) if value is None else (report + value[0], report + value[1])
        for report, value in queries
    ]


def measure(client: httpx.Client, label: str, path: str) -> Row:
    """Warm the report up, then time it one request at a time."""
    url = f"/api/v1/projects/{PROJECT}/reports/{path}"
    latencies: list[float] = []
    size = 0
    started = time.monotonic()
    for attempt in range(WARMUP + SAMPLES):
        began = time.perf_counter()
        try:
            response = client.get(url)
        except httpx.TransportError as failure:  # a timeout, or the server went away
            return Row(label, path, 0, latencies, size, f"{type(failure).__name__}: {failure}")
        elapsed_ms = (time.perf_counter() - began) * 1000
        if response.status_code != 200:
            error = f"{response.status_code} {response.text[:200]}"
            return Row(label, path, response.status_code, latencies, size, error)
        size = len(response.content)
        if attempt >= WARMUP:
            latencies.append(elapsed_ms)
            if time.monotonic() - started > SAMPLING_BUDGET_S:
                break
    return Row(label, path, 200, latencies, size)


def log_in(client: httpx.Client, seeded: SeededYear) -> str:
    """The project owner's access token."""
    credentials = {"email": seeded.owner_email, "password": seeded.password}
    return str(expect(client.post("/api/v1/auth/login", json=credentials), 200)["access_token"])


def browser_line(page: BrowserRow | Failure) -> str:
    """The printed browser row, or why it failed."""
    if isinstance(page, Failure):
        return f"reports: {page.rows:<38} error: {page.reason}"
    figures = f"{page.figure:.0f} {page.unit} (target < {page.target:.0f} {page.unit})"
    return f"reports: {page.name:<38} {figures}  {page.verdict}; {page.detail}"


def lines(
    rows: list[Row], seeded: SeededYear, rss: tuple[int, int], page: BrowserRow | Failure
) -> list[str]:
    """The printed rows: the seeding, a line per report, the server's memory, the page."""
    layout = "reports: {:<38} {:>8} {:>8} {:>10} {:>8} {:>8}  {}"
    shown = [
        f"reports: a year of {PROJECT} seeded in process in {seeded.seconds:.0f} s: "
        f"{seeded.issues:,} issues, {seeded.history_items:,} history items, "
        f"{seeded.sprints} sprints (the last active)",
        layout.format("report", "p50 ms", "p99 ms", "bytes", "samples", "RSS MiB", "result"),
    ]
    for row in rows:
        if row.error is not None:
            shown.append(f"reports: {row.label:<38} error: {row.error}")
            continue
        figures = (f"{row.p50_ms:.1f}", f"{row.p99_ms:.1f}", f"{row.bytes:,}")
        memory = f"{row.rss_bytes / 2**20:.0f}"
        shown.append(layout.format(row.label, *figures, len(row.latencies_ms), memory, row.verdict))
    shown.append(
        f"reports: target p50 < {TARGET_P50_MS:.0f} ms on one worker; the worker's RSS "
        f"{rss[0] / 2**20:.0f} MiB before the reports, {rss[1] / 2**20:.0f} MiB after"
    )
    shown.append(browser_line(page))
    return shown


def run_reports(work_dir: Path) -> dict[str, Any]:
    """Seed the year into `work_dir`, serve it, time every report; the printed lines and
    the figures for the JSON."""
    work_dir.mkdir(parents=True, exist_ok=True)
    print(f"seeding a year of {PROJECT} in this process", file=sys.stderr)
    seeded = seed_year(work_dir / "data")
    print(
        f"  {seeded.issues} issues, {seeded.history_items} history items in {seeded.seconds:.1f} s",
        file=sys.stderr,
    )
    with (
        servers.taskdeck(work_dir) as server,
        httpx.Client(base_url=server.url, timeout=REQUEST_TIMEOUT_S) as client,
    ):
        client.headers["Authorization"] = f"Bearer {log_in(client, seeded)}"
        worker = server.process.pid  # the HTTP worker (one worker: `taskdeck serve` itself)
        rss_before = servers.process_rss_bytes(worker)
        rows = []
        for label, path in report_paths(seeded, datetime.now(UTC)):
            row = measure(client, label, path)
            rows.append(replace(row, rss_bytes=servers.process_rss_bytes(worker)))
            print(f"  {label}: {rows[-1].verdict}", file=sys.stderr)
        rss = (rss_before, servers.process_rss_bytes(worker))
        print("  measuring the reports page in the browser", file=sys.stderr)
        page = browser_reports.reports_page_row(
            server.url, seeded.owner_email, seeded.password, PROJECT
        )
    errors = [{"path": row.path, "error": row.error} for row in rows if row.error]
    if isinstance(page, Failure):
        errors.append({"path": f"/projects/{PROJECT}/reports", "error": page.reason})
    browser_figures = (
        asdict(page) if isinstance(page, Failure) else {**asdict(page), "verdict": page.verdict}
    )
    return {
        "lines": lines(rows, seeded, rss, page),
        "seeding": {k: v for k, v in asdict(seeded).items() if k != "password"},
        "rows": [
            {**asdict(row), "p50_ms": row.p50_ms, "p99_ms": row.p99_ms, "verdict": row.verdict}
            for row in rows
        ],
        "rss_bytes": {"before": rss[0], "after": rss[1]},
        "target_p50_ms": TARGET_P50_MS,
        "browser": browser_figures,
        "errors": errors,
    }


def main() -> int:
    """Seed a year, start a server of its own on it and print the report rows."""
    return run_in_work_dir(run_reports)


if __name__ == "__main__":
    sys.exit(main())
