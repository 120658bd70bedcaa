"""Judging the figures against the targets, printing the table and saving the JSON."""

from __future__ import annotations

import json
import os
import platform
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from wrk import WrkRun

REPO_DIR = Path(__file__).resolve().parent.parent
RSS_TARGET_BYTES = 150_000_000


@dataclass(frozen=True)
class Scenario:
    """One load pattern: its wrk script and the targets Taskdeck must meet on it."""

    name: str
    lua: str
    target_ratio: float
    target_p99_ms: float | None


@dataclass(frozen=True)
class ScenarioResult:
    """Both servers' figures for one scenario and how Taskdeck compares."""

    scenario: Scenario
    taskdeck: WrkRun
    ceiling: WrkRun
    store_calls: dict[str, dict[str, float]] = field(default_factory=dict)
    """DynamoDB requests and capacity units per API call, by operation (DynamoDB only)."""

    @property
    def ratio(self) -> float:
        """Taskdeck's throughput as a fraction of the ceiling's."""
        ceiling = self.ceiling.requests_per_second
        return self.taskdeck.requests_per_second / ceiling if ceiling else 0.0

    @property
    def verdict(self) -> str:
        """`error` if a request failed, else `pass` or `miss` against the targets."""
        if self.taskdeck.failed or self.ceiling.failed:
            return "error"
        target_p99_ms = self.scenario.target_p99_ms
        fast_enough = target_p99_ms is None or self.taskdeck.p99_us / 1000 < target_p99_ms
        return "pass" if self.ratio >= self.scenario.target_ratio and fast_enough else "miss"


@dataclass(frozen=True)
class Report:
    """Everything one bench run measured."""

    started_at: str
    planning: dict[str, Any]
    options: dict[str, int | str]
    results: list[ScenarioResult]
    taskdeck_rss_bytes: int
    ceiling_rss_bytes: int
    native_modules: dict[str, list[str]]
    attachments: dict[str, Any] = field(default_factory=dict)
    browser: dict[str, Any] = field(default_factory=dict)
    notifications: dict[str, Any] = field(default_factory=dict)
    reports: dict[str, Any] = field(default_factory=dict)
    coldstart: dict[str, Any] = field(default_factory=dict)

    @property
    def rss_verdict(self) -> str:
        """`pass` if Taskdeck's resident memory after the load is under the target."""
        return "pass" if self.taskdeck_rss_bytes < RSS_TARGET_BYTES else "miss"

    @property
    def has_errors(self) -> bool:
        """Whether any request in any scenario failed, or a browser or report row could
        not be measured."""
        failed = any(result.verdict == "error" for result in self.results)
        rows = (self.browser, self.reports, self.coldstart)
        return failed or any(row.get("errors") for row in rows)


def first_line(command: Sequence[str]) -> str | None:
    """The first line a command prints on stdout, whatever its exit status; None if none."""
    try:
        completed = subprocess.run(
            command, cwd=REPO_DIR, capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = completed.stdout.splitlines()
    return lines[0].strip() if lines else None


def machine_info() -> dict[str, Any]:
    """The machine, interpreter, wrk and source revision the figures come from."""
    cpu_lines = Path("/proc/cpuinfo").read_text().splitlines()
    cpu_models = [line.partition(":")[2].strip() for line in cpu_lines if "model name" in line]
    return {
        "nproc": os.cpu_count(),
        "usable_cpus": len(os.sched_getaffinity(0)),
        "cpu_model": cpu_models[0] if cpu_models else None,
        "memory_total_kb": int(Path("/proc/meminfo").read_text().split()[1]),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "wrk": first_line(["wrk", "-v"]),
        "git_commit": first_line(["git", "rev-parse", "--verify", "--quiet", "HEAD"]),
        "git_dirty": first_line(["git", "status", "--porcelain"]) is not None,
    }


def run_json(run: WrkRun) -> dict[str, Any]:
    """One wrk run's raw figures plus the derived ones."""
    return {
        **asdict(run),
        "requests_per_second": run.requests_per_second,
        "socket_errors": run.socket_errors,
    }


def result_json(result: ScenarioResult) -> dict[str, Any]:
    """One scenario's figures, targets and verdict."""
    return {
        "name": result.scenario.name,
        "targets": {"ratio": result.scenario.target_ratio, "p99_ms": result.scenario.target_p99_ms},
        "taskdeck": run_json(result.taskdeck),
        "ceiling": run_json(result.ceiling),
        "ratio": result.ratio,
        "verdict": result.verdict,
        "store_calls_per_request": result.store_calls,
    }


def report_json(report: Report) -> dict[str, Any]:
    """The whole report as the JSON saved under bench/results."""
    return {
        "started_at": report.started_at,
        "options": report.options,
        "machine": machine_info(),
        "native_modules": report.native_modules,
        "scenarios": [result_json(result) for result in report.results],
        "planning": {k: v for k, v in report.planning.items() if k != "lines"},
        "browser": {k: v for k, v in report.browser.items() if k != "lines"},
        "attachments": {k: v for k, v in report.attachments.items() if k != "lines"},
        "notifications": {k: v for k, v in report.notifications.items() if k != "lines"},
        "reports": {k: v for k, v in report.reports.items() if k != "lines"},
        "coldstart": {k: v for k, v in report.coldstart.items() if k != "lines"},
        "rss": {
            "taskdeck_bytes": report.taskdeck_rss_bytes,
            "ceiling_bytes": report.ceiling_rss_bytes,
            "target_bytes": RSS_TARGET_BYTES,
            "verdict": report.rss_verdict,
        },
    }


def write_json(report: Report, results_dir: Path) -> Path:
    """Save the report as <results_dir>/<UTC timestamp>.json; return its path."""
    results_dir.mkdir(exist_ok=True)
    path = results_dir / f"{report.started_at}.json"
    path.write_text(json.dumps(report_json(report), indent=2) + "\n")
    return path


def row(result: ScenarioResult) -> list[str]:
    """One scenario's cells in the printed table."""
    target_p99_ms = result.scenario.target_p99_ms
    return [
        result.scenario.name,
        f"{result.taskdeck.requests_per_second:.0f}",
        f"{result.taskdeck.p50_us / 1000:.2f}",
        f"{result.taskdeck.p99_us / 1000:.2f}",
        f"{result.ceiling.requests_per_second:.0f}",
        f"{result.ratio:.2f}",
        f">= {result.scenario.target_ratio:.2f}",
        "-" if target_p99_ms is None else f"< {target_p99_ms:.0f} ms",
        result.verdict,
    ]


def error_lines(result: ScenarioResult) -> Iterator[str]:
    """One line per server whose requests failed in the scenario."""
    for name, run in (("taskdeck", result.taskdeck), ("ceiling", result.ceiling)):
        if run.failed:
            yield (
                f"error: {result.scenario.name} on {name}: {run.requests} requests, "
                f"{run.non_2xx} non-2xx responses, {run.socket_errors} socket errors"
            )


def store_line(calls: dict[str, dict[str, float]]) -> str:
    """`GetItem 1.00, Query 1.00 requests; 1.50 capacity units` for one scenario."""
    requests = ", ".join(f"{op} {n:.2f}" for op, n in sorted(calls["requests"].items()))
    total = sum(calls["requests"].values())
    units = sum(calls["capacity_units"].values())
    return f"{total:.2f} requests ({requests}); {units:.2f} capacity units"


def table_lines(report: Report) -> Iterator[str]:
    """The printed report: one row per scenario, then memory, then any warnings and errors."""
    header = "scenario|taskdeck req/s|p50 ms|p99 ms|ceiling req/s|ratio|target ratio|target p99"
    layout = "{:<16} {:>14} {:>8} {:>8} {:>13} {:>6} {:>12} {:>10}  {}"
    yield layout.format(*header.split("|"), "result")
    for result in report.results:
        yield layout.format(*row(result))
    yield (
        f"taskdeck RSS after load: {report.taskdeck_rss_bytes / 1e6:.1f} MB "
        f"(target < {RSS_TARGET_BYTES / 1e6:.0f} MB): {report.rss_verdict}; "
        f"ceiling RSS: {report.ceiling_rss_bytes / 1e6:.1f} MB"
    )
    yield from report.planning.get("lines", [])
    yield from report.browser.get("lines", [])
    yield from report.attachments.get("lines", [])
    yield from report.notifications.get("lines", [])
    yield from report.reports.get("lines", [])
    yield from report.coldstart.get("lines", [])
    if report.native_modules["taskdeck"] != report.native_modules["ceiling"]:
        yield f"warning: the servers load different native modules: {report.native_modules}"
    for result in report.results:
        if result.store_calls:
            yield f"{result.scenario.name}, DynamoDB per API call: {store_line(result.store_calls)}"
    for result in report.results:
        yield from error_lines(result)
