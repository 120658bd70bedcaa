"""The cold-start row of the bench: how long importing the API's Lambda handler takes.

Target (issue 9): `import taskdeck.aws.api` with the AWS backend's settings takes under
`TARGET_MS` on this machine with compiled bytecode. What is imported is the package Lambda
runs: `make package` builds it for this machine (`LAMBDA_ARCH=x86_64`, the same recipe and
pins as the arm64 one deployed) into `build/coldstart`, and each figure comes from a fresh
interpreter that has only that package and the standard library on its path, as Lambda's
(`-I -S`: no venv, no site-packages). The venv would not do: its editable install and its
dev dependencies make each import search more (about 20 ms more in all), and it holds
modules the package leaves out. The median of `RUNS` timed imports is the figure, after
one unrecorded run that warms the page cache; `-X importtime` then gives the breakdown
(its own overhead makes its total larger). Other work on the machine slows every figure:
the imports wait (up to `SETTLE_S`) for the load average to fall below `QUIET_LOAD`, and the
first line gives the load average they ran under. Nothing is sent anywhere: the settings
name placeholder resources and importing the handler makes no call.

This is the import alone, what Lambda's init phase pays before the first request; the
handler builds the container and the app at that request. Lambda's CPU is slower than
this machine's (about 0.6 of a vCPU at the API function's 1024 MB), so expect init to
take about twice as long there. Run on its own: `.venv/bin/python bench/coldstart.py`.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MODULE = "taskdeck.aws.api"
TARGET_MS = 300.0
RUNS = 5
TOP = 15
PACKAGES = 10
ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "build" / "coldstart"
MARKER = "coldstart: importing"
QUIET_LOAD = 0.5
"""The one-minute load average below which the imports are timed: the phases before this
one (a browser, servers shutting down) keep both cores busy for a while after they end."""
SETTLE_S = 90.0
"""The longest wait for the machine to quiet down; past it the figures are taken anyway,
with the load average printed beside them."""

LAMBDA_ENVIRONMENT = {
    # infra/template.yaml's, for the API function (placeholders for what the stack fills
    # in; tests/infra/test_template_matches_code.py holds the two together)...
    "TASKDECK_BACKEND": "aws",
    "TASKDECK_TABLE": "taskdeck-prod",
    "TASKDECK_BUCKET": "taskdeck-prod-files-123456789012-us-east-1",
    "TASKDECK_IDENTITY": "cognito",
    "TASKDECK_USER_POOL_ID": "us-east-1_Example12",
    "TASKDECK_USER_POOL_CLIENT_ID": "exampleclientid1234567890",
    "TASKDECK_NOTIFY": "sns",
    "TASKDECK_TOPIC_ARN": "arn:aws:sns:us-east-1:123456789012:taskdeck-prod-notifications",
    "TASKDECK_BACKGROUND": "process",
    "TASKDECK_DATA_DIR": "/tmp/taskdeck",
    "TASKDECK_MAX_UPLOAD_MB": "4",
    "TASKDECK_DOWNLOADS": "redirect",  # the API function's own
    "POWERTOOLS_SERVICE_NAME": "taskdeck",
    "TASKDECK_METRICS_NAMESPACE": "Taskdeck",
    "PYDANTIC_DISABLE_PLUGINS": "__all__",
    # ...and what Lambda itself sets, with credentials that are never used.
    "AWS_REGION": "us-east-1",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_ACCESS_KEY_ID": "AKIAEXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "example",
    "AWS_EC2_METADATA_DISABLED": "true",
    "AWS_EXECUTION_ENV": "AWS_Lambda_python3.11",
    "AWS_LAMBDA_FUNCTION_NAME": "taskdeck-prod-api",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "1024",
}


class ColdStartError(Exception):
    """The handler could not be imported."""


@dataclass(frozen=True)
class Imported:
    """One line of `-X importtime`: a module and what importing it cost."""

    module: str
    depth: int
    self_us: int
    cumulative_us: int


def environment() -> dict[str, str]:
    """This process's environment without Taskdeck's or AWS's settings, plus Lambda's."""
    kept = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("TASKDECK_", "AWS_", "POWERTOOLS_", "PYDANTIC_", "PYTHONDONTWRITE"))
    }
    return {**kept, **LAMBDA_ENVIRONMENT}


REFERENCE_APP = """\
import gc, sys
gc.disable()  # as the handler loads (`aws/loading.uncollected`)
sys.modules["pydantic.v1"] = None  # and as it marks it absent (`known_absent`)
import asyncio
from fastapi import FastAPI
from mangum import Mangum
from pydantic_settings import BaseSettings
app = FastAPI()
@app.get("/api/v1/issues/{key}")
async def get_issue(key: str) -> dict[str, str]:
    return {"key": key}
handler = Mangum(app, lifespan="off")
gc.freeze()
gc.enable()
"""
"""The reference: the least an API on FastAPI through Mangum imports, one route and
settings, from the same package and interpreter; what the handler takes beyond it is
Taskdeck's own. Timed in turn with the handler, so both see the machine at the same speed
(which varied by a third within a day on this VM)."""


def child(*options: str, code: str | None = None) -> subprocess.CompletedProcess[str]:
    """A fresh interpreter, with the package first on its path, that runs `code` (by
    default: imports `MODULE`) and prints how long that took (ns)."""
    program = (
        "import sys, time\n"
        f"sys.path.insert(0, {str(PACKAGE)!r})\n"
        f"print({MARKER!r}, file=sys.stderr, flush=True)\n"
        "started = time.perf_counter_ns()\n"
        + (code if code is not None else f"import {MODULE}\n")
        + "print(time.perf_counter_ns() - started)\n"
    )
    return run(
        [sys.executable, "-I", "-S", *options, "-c", program],
        f"import {MODULE}" if code is None else "the reference app",
        timeout=60,
        env=environment(),
    )


def run(
    command: list[str], what: str, *, timeout: float, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`command` run in the project's root; `ColdStartError` naming `what` if it failed."""
    completed = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if completed.returncode != 0:
        raise ColdStartError(f"{what} failed: {completed.stderr.strip()[-2000:]}")
    return completed


def build_package() -> None:
    """`make package` for this machine into `PACKAGE` (a few seconds with pip's cache)."""
    make = ["make", "-s", "package", f"LAMBDA_DIR={PACKAGE}", "LAMBDA_ARCH=x86_64"]
    run(make, "make package", timeout=600)


def settle() -> float:
    """Wait (at most `SETTLE_S`) until the load average is below `QUIET_LOAD`; how long."""
    started = time.monotonic()
    while os.getloadavg()[0] >= QUIET_LOAD and time.monotonic() - started < SETTLE_S:
        time.sleep(1.0)
    return time.monotonic() - started


def import_ms(code: str | None = None) -> float:
    """One timed import in a fresh interpreter, in milliseconds."""
    return int(child(code=code).stdout.strip()) / 1e6


def parse_importtime(stderr: str) -> list[Imported]:
    """The modules imported after the marker, as `-X importtime` reports them."""
    _, found, after = stderr.partition(MARKER)
    if not found:
        raise ColdStartError("no -X importtime output")
    imported = []
    for line in after.splitlines():
        if not line.startswith("import time:") or "imported package" in line:
            continue
        self_us, cumulative_us, name = line.removeprefix("import time:").split("|")
        depth = (len(name) - len(name.lstrip(" ")) - 1) // 2
        imported.append(Imported(name.strip(), depth, int(self_us), int(cumulative_us)))
    return imported


def package_of(module: str) -> str:
    """Where a module's time is counted: Taskdeck's by package (`taskdeck.api.routers`),
    a dependency's by its top-level name (`fastapi`)."""
    if module.startswith("taskdeck."):
        return module.rpartition(".")[0]
    return module.partition(".")[0]


def by_package(imported: list[Imported]) -> list[tuple[str, float, int]]:
    """Self time (ms) and module count per package, the largest first."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item in imported:
        total = totals[package_of(item.module)]
        total[0] += item.self_us
        total[1] += 1
    ranked = sorted(totals.items(), key=lambda entry: -entry[1][0])
    return [(name, us / 1000, count) for name, (us, count) in ranked]


def run_coldstart() -> dict[str, Any]:
    """Time the handler's import; the printed lines and the figures for the JSON."""
    print(f"cold start: import {MODULE}, {RUNS} fresh interpreters", file=sys.stderr)
    try:
        build_package()
        settled_s = settle()
        child()  # warms the page cache
        samples, reference = [], []
        for _ in range(RUNS):
            samples.append(import_ms())
            reference.append(import_ms(REFERENCE_APP))
        imported = parse_importtime(child("-X", "importtime").stderr)
    except (ColdStartError, subprocess.TimeoutExpired) as error:
        message = str(error)
        return {
            "lines": [f"cold start: error: {message.splitlines()[-1] if message else error}"],
            "errors": [message],
        }
    median = statistics.median(samples)
    floor = statistics.median(reference)
    load = os.getloadavg()[0]
    verdict = "pass" if median < TARGET_MS else "miss"
    importtime_ms = sum(item.self_us for item in imported) / 1000
    # By name: an import that failed is tried again each time (FastAPI's of pydantic.v1).
    modules = len({item.module for item in imported})
    top = sorted(imported, key=lambda item: -item.cumulative_us)[:TOP]
    packages = by_package(imported)
    lines = [
        f"cold start: import {MODULE} from the Lambda package (TASKDECK_BACKEND=aws, .pyc): "
        f"{median:.0f} ms median "
        f"of {RUNS} (best {min(samples):.0f}, worst {max(samples):.0f}; "
        f"target < {TARGET_MS:.0f} ms; load average {load:.1f} on {os.cpu_count()} CPUs, "
        f"after {settled_s:.0f} s waiting for it to fall below {QUIET_LOAD}): "
        f"{verdict}",
        f"cold start: for reference, a FastAPI app of one route through Mangum, from the same "
        f"package, timed in turn with it: {floor:.0f} ms median (best {min(reference):.0f}); "
        f"Taskdeck's own share: {median - floor:.0f} ms",
        f"cold start: -X importtime {importtime_ms:.0f} ms in {modules} modules; "
        f"the {TOP} largest by cumulative time:",
        f"cold start:   {'cumulative ms':>13} {'self ms':>8}  module",
        *(
            f"cold start:   {item.cumulative_us / 1000:13.1f} {item.self_us / 1000:8.1f}  "
            f"{'  ' * item.depth}{item.module}"
            for item in top
        ),
        "cold start: self time by package: "
        + ", ".join(f"{name} {ms:.0f} ms ({count})" for name, ms, count in packages[:PACKAGES]),
    ]
    for line in lines:
        print(f"  {line}", file=sys.stderr)
    return {
        "lines": lines,
        "figures": {
            "module": MODULE,
            "samples_ms": samples,
            "median_ms": median,
            "reference_samples_ms": reference,
            "reference_median_ms": floor,
            "load_average": load,
            "settled_seconds": settled_s,
            "importtime_ms": importtime_ms,
            "modules": modules,
            "top": [
                {
                    "module": item.module,
                    "cumulative_ms": item.cumulative_us / 1000,
                    "self_ms": item.self_us / 1000,
                }
                for item in top
            ],
            "packages": [
                {"package": name, "self_ms": ms, "modules": count} for name, ms, count in packages
            ],
        },
        "target_ms": TARGET_MS,
        "verdicts": [verdict],
    }


def main() -> int:
    """Print the cold-start rows; the exit status is 1 if the handler did not import."""
    rows = run_coldstart()
    print("\n".join(rows["lines"]))
    return 1 if rows.get("errors") else 0


if __name__ == "__main__":
    sys.exit(main())
