"""Benchmark Taskdeck against a bare FastAPI ceiling with wrk, print a table, save the figures."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from types import FrameType

import attachments
import browser
import coldstart
import notifications
import planning
import report
import reports
import servers
import store_calls
import wrk
from browser_pages import BrowserError
from report import Report, Scenario, ScenarioResult
from seed import PROJECT_KEY, SeedError, seed
from servers import Server, ServerError

RESULTS_DIR = Path(__file__).resolve().parent / "results"


@dataclass(frozen=True)
class Options:
    """What the user asked for on the command line."""

    issues: int
    duration: int
    warmup: int
    connections: int
    threads: int
    backend: str
    planning: bool
    browser: bool
    attachments: bool
    notifications: bool
    reports: bool
    coldstart: bool


def scenarios(token: str, issue_keys: list[str]) -> list[Scenario]:
    """The three scenarios and their targets, scripted for the seeded data."""
    issues_path = f"/api/v1/projects/{PROJECT_KEY}/issues"
    new_issue = json.dumps({"type": "task", "title": "Bench issue", "description": "some text"})
    return [
        Scenario(
            "GET one issue",
            wrk.random_get_script([f"/api/v1/issues/{key}" for key in issue_keys], token),
            target_ratio=0.40,
            target_p99_ms=25.0,
        ),
        Scenario(
            "GET page of 50",
            wrk.static_request_script("GET", f"{issues_path}?limit=50", token),
            target_ratio=0.20,
            target_p99_ms=None,
        ),
        Scenario(
            "POST an issue",
            wrk.static_request_script("POST", issues_path, token, new_issue),
            target_ratio=0.10,
            target_p99_ms=100.0,
        ),
    ]


def sample_calls(issue_keys: list[str]) -> dict[str, list[store_calls.Call]]:
    """For each scenario, a few of the calls it makes, to count their DynamoDB requests."""
    issues_path = f"/api/v1/projects/{PROJECT_KEY}/issues"
    new_issue: dict[str, object] = {"type": "task", "title": "Counted", "description": "text"}
    return {
        "GET one issue": [("GET", f"/api/v1/issues/{key}", None) for key in issue_keys[:20]],
        "GET page of 50": [("GET", f"{issues_path}?limit=50", None)] * 10,
        "POST an issue": [("POST", issues_path, new_issue)] * 10,
    }


def measure(
    server: Server,
    script: Path,
    options: Options,
    connections: int | None = None,
    *,
    warm_up: bool = True,
) -> wrk.WrkRun:
    """Warm the server up with the script (unless told not to), then load it and return
    the figures."""
    load = {"threads": options.threads, "connections": connections or options.connections}
    if warm_up and options.warmup:
        wrk.run(server.url, script, duration=options.warmup, **load)
    return wrk.run(server.url, script, duration=options.duration, **load)


def alternated(
    server: Server, script: Path, reference: Path, options: Options
) -> tuple[wrk.WrkRun, wrk.WrkRun, tuple[float, ...]]:
    """The median runs of a scenario and of its reference, loaded in turn
    `planning.ROUNDS` times (warmed up once, the reference first in even rounds and
    second in odd ones), and each round's ratio of the two: a relative target compares
    two operations on the same data in the same minutes, as one run against another
    minutes later differs by up to a fifth on this VM."""
    runs: list[wrk.WrkRun] = []
    references: list[wrk.WrkRun] = []
    for round_number in range(planning.ROUNDS):
        turns = [(references, reference), (runs, script)]
        for into, path in turns if round_number % 2 == 0 else reversed(turns):
            into.append(measure(server, path, options, warm_up=round_number == 0))
    ratios = tuple(
        run.requests_per_second / ref.requests_per_second if ref.requests_per_second else 0.0
        for run, ref in zip(runs, references, strict=True)
    )
    return planning.median_run(runs), planning.median_run(references), ratios


def run_scenario(
    scenario: Scenario, taskdeck: Server, ceiling: Server, *, script_dir: Path, options: Options
) -> ScenarioResult:
    """Load Taskdeck, then the ceiling, with the scenario's script."""
    script = wrk.write_script(script_dir / f"{scenario.name.replace(' ', '_')}.lua", scenario.lua)
    result = ScenarioResult(
        scenario,
        taskdeck=measure(taskdeck, script, options),
        ceiling=measure(ceiling, script, options),
    )
    print(f"  {scenario.name}: {result.verdict}", file=sys.stderr)
    return result


def run_planning(
    taskdeck: Server,
    token: str,
    *,
    script_dir: Path,
    options: Options,
) -> dict[str, object]:
    """Seed the planning projects (timing a sprint's start and completion), load the
    boards and moves, print the rows and return them for the saved JSON."""
    print("seeding the planning projects", file=sys.stderr)
    seeded = planning.seed_planning(taskdeck.url, token)
    reference = wrk.write_script(script_dir / "post_reference.lua", planning.post_script(token))
    rows = []
    for scenario in planning.scenarios(token, seeded):
        name = scenario.name.replace(" ", "_").replace(":", "")
        script = wrk.write_script(script_dir / f"{name}.lua", scenario.lua)
        rounds: tuple[float, ...] = ()
        if scenario.relative:
            run, post, rounds = alternated(taskdeck, script, reference, options)
        else:
            run, post = measure(taskdeck, script, options, scenario.connections), None
        verdict = planning.verdict(scenario, run, post, rounds)
        print(f"  {scenario.name}: {verdict}", file=sys.stderr)
        rows.append(planning.Row(scenario, run, verdict, post, rounds))
    return {"lines": planning.lines(rows, seeded), **planning.json_rows(rows, seeded)}


def run_attachments(
    taskdeck: Server, token: str, *, script_dir: Path, options: Options
) -> dict[str, object]:
    """Upload and download 1 MiB files with wrk, then 8 clients upload 20 MiB at once
    while the server's memory is sampled; print the rows and return them for the JSON."""
    print("loading attachments", file=sys.stderr)
    upload = wrk.write_script(script_dir / "upload.lua", attachments.upload_script(token))
    uploads = measure(taskdeck, upload, options, attachments.CONNECTIONS)
    content = attachments.seed_download(taskdeck.url, token)
    download = wrk.write_script(
        script_dir / "download.lua", wrk.static_request_script("GET", content, token)
    )
    downloads = measure(taskdeck, download, options, attachments.CONNECTIONS)
    rows = [
        attachments.Throughput("upload 1 MiB", uploads),
        attachments.Throughput("download 1 MiB", downloads),
    ]
    memory = attachments.measure_memory(taskdeck, token)
    for row in rows:
        print(f"  {row.name}: {row.verdict}", file=sys.stderr)
    print(f"  memory: {memory.verdict}", file=sys.stderr)
    return {"lines": attachments.lines(rows, memory), **attachments.json_rows(rows, memory)}


def start_servers(stack: contextlib.ExitStack, work_dir: Path) -> tuple[Server, Server]:
    """Start Taskdeck on a fresh data dir and the ceiling; the stack stops them."""
    taskdeck = stack.enter_context(servers.taskdeck(work_dir))
    ceiling_port = servers.free_port()
    ceiling = stack.enter_context(
        servers.running(
            "ceiling",
            servers.ceiling_command(ceiling_port),
            port=ceiling_port,
            ready_path="/api/v1/issues/BENCH-1",
            log=work_dir / "ceiling.log",
        )
    )
    return taskdeck, ceiling


def run_bench(options: Options) -> Report:
    """Start both servers, seed Taskdeck, load both with each scenario, and measure memory."""
    started_at = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    with contextlib.ExitStack() as stack:
        work_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="taskdeck-bench-")))
        print("starting the servers", file=sys.stderr)
        if options.backend == "dynamodb":
            stack.enter_context(store_calls.moto_backed(work_dir))
        taskdeck, ceiling = start_servers(stack, work_dir)
        print(f"seeding {options.issues} issues", file=sys.stderr)
        token, issue_keys = seed(taskdeck.url, options.issues)
        print("loading", file=sys.stderr)
        results = [
            run_scenario(scenario, taskdeck, ceiling, script_dir=work_dir, options=options)
            for scenario in scenarios(token, issue_keys)
        ]
        print(f"  RSS {servers.rss_bytes(taskdeck) / 2**20:.0f} MiB", file=sys.stderr)
        planning_rows: dict[str, object] = {}
        if options.planning:
            planning_rows = run_planning(taskdeck, token, script_dir=work_dir, options=options)
            print(f"  RSS {servers.rss_bytes(taskdeck) / 2**20:.0f} MiB", file=sys.stderr)
        attachment_rows: dict[str, object] = {}
        if options.attachments:
            attachment_rows = run_attachments(taskdeck, token, script_dir=work_dir, options=options)
        if options.backend == "dynamodb":
            print("counting DynamoDB requests per call", file=sys.stderr)
            calls = sample_calls(issue_keys)
            results = [
                replace(
                    result,
                    store_calls=store_calls.measure_calls(
                        taskdeck.url, token, calls[result.scenario.name]
                    ),
                )
                for result in results
            ]
        # Read before the browser rows, which seed a project of 10,000 issues: the memory
        # row stays the memory after the API's load, comparable with runs without them.
        taskdeck_rss_bytes = servers.rss_bytes(taskdeck)
        # The burst signs up 50 watchers and fans 1,000 comments out to them: after the
        # memory row too.
        notification_rows: dict[str, object] = {}
        if options.notifications:
            notification_rows = notifications.run_notifications(taskdeck.url, token)
        # A server of its own on a year seeded in this process, while the first one idles.
        report_rows: dict[str, object] = {}
        if options.reports:
            report_rows = reports.run_reports(work_dir / "reports")
        # The Lambda handler's import, in fresh interpreters: no server involved.
        coldstart_rows = coldstart.run_coldstart() if options.coldstart else {}
        browser_rows: dict[str, object] = {}
        if options.browser:
            browser_rows = browser.run_browser(taskdeck.url, token, planned=options.planning)
        return Report(
            started_at=started_at,
            planning=planning_rows,
            browser=browser_rows,
            notifications=notification_rows,
            reports=report_rows,
            coldstart=coldstart_rows,
            attachments=attachment_rows,
            options=asdict(options),
            results=results,
            taskdeck_rss_bytes=taskdeck_rss_bytes,
            ceiling_rss_bytes=servers.rss_bytes(ceiling),
            native_modules={
                server.name: servers.native_modules(server) for server in (taskdeck, ceiling)
            },
        )


def at_least(minimum: int) -> Callable[[str], int]:
    """An argparse type for integers of at least minimum."""

    def parse(text: str) -> int:
        value = int(text)
        if value < minimum:
            raise argparse.ArgumentTypeError(f"{value} is less than {minimum}")
        return value

    return parse


def parse_options(argv: Sequence[str] | None) -> Options:
    """The command-line options."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--issues", type=at_least(1), default=10_000, help="issues to seed in BENCH"
    )
    parser.add_argument("--duration", type=at_least(1), default=10, help="seconds per run")
    parser.add_argument("--warmup", type=at_least(0), default=2, help="unrecorded seconds first")
    parser.add_argument("--connections", type=at_least(1), default=32, help="open connections")
    parser.add_argument("--threads", type=at_least(1), default=2, help="wrk threads")
    parser.add_argument(
        "--backend",
        choices=("sqlite", "dynamodb"),
        default="sqlite",
        help="Taskdeck's store; dynamodb runs against a moto server and counts its requests",
    )
    parser.add_argument(
        "--no-planning",
        dest="planning",
        action="store_false",
        help="skip the planning rows (boards, moves, sprints)",
    )
    parser.add_argument(
        "--no-browser",
        dest="browser",
        action="store_false",
        help="skip the browser rows (the web app's JavaScript, board, lists and drags)",
    )
    parser.add_argument(
        "--no-attachments",
        dest="attachments",
        action="store_false",
        help="skip the attachment rows (upload and download throughput, memory)",
    )
    parser.add_argument(
        "--no-notifications",
        dest="notifications",
        action="store_false",
        help="skip the notification rows (a burst fanned out to watchers and a webhook)",
    )
    parser.add_argument(
        "--no-reports",
        dest="reports",
        action="store_false",
        help="skip the report rows (every report on a year of history, on a server of its own)",
    )
    parser.add_argument(
        "--no-coldstart",
        dest="coldstart",
        action="store_false",
        help="skip the cold-start row (the Lambda API handler's import time)",
    )
    args = parser.parse_args(argv)
    if args.connections < args.threads:
        parser.error("--connections must be at least --threads")
    return Options(**vars(args))


def exit_on_sigterm(signum: int, frame: FrameType | None) -> None:
    """Turn SIGTERM into SystemExit, so that the servers are stopped on the way out."""
    raise SystemExit(128 + signum)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the bench: 0 if it produced figures, 1 if a server, the seeding or a request failed."""
    options = parse_options(argv)
    signal.signal(signal.SIGTERM, exit_on_sigterm)
    if shutil.which("wrk") is None:
        print("wrk is missing: `sudo apt-get install -y wrk` (Debian, Ubuntu)", file=sys.stderr)
        return 1
    try:
        bench_report = run_bench(options)
    except (ServerError, SeedError, wrk.WrkError, BrowserError) as error:
        print(f"bench failed: {error}", file=sys.stderr)
        return 1
    print("\n".join(report.table_lines(bench_report)))
    print(f"figures saved to {report.write_json(bench_report, RESULTS_DIR)}")
    return 1 if bench_report.has_errors else 0


if __name__ == "__main__":
    sys.exit(main())
