"""Running one phase of the bench on its own: a fresh server, signed in, the phase's rows
printed (`.venv/bin/python bench/browser.py`, `bench/notifications.py`,
`bench/reports.py`)."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import servers
from seed import SeedError, sign_in

Phase = Callable[[str, str], dict[str, Any]]
"""A phase: given the server's URL and a token, its rows (`lines`, and `errors` if any)."""
ServingPhase = Callable[[Path], dict[str, Any]]
"""A phase that starts its own server: given an empty work dir, its rows."""


def run_in_work_dir(phase: ServingPhase, *, failures: tuple[type[Exception], ...] = ()) -> int:
    """Run `phase` in a temporary work dir and print its lines; the exit status (1 when
    a server, the seeding or the phase failed)."""
    expected: tuple[type[Exception], ...] = (servers.ServerError, SeedError, *failures)
    with tempfile.TemporaryDirectory(prefix="taskdeck-") as work_dir:
        try:
            rows = phase(Path(work_dir))
        except expected as error:
            print(f"bench failed: {error}", file=sys.stderr)
            return 1
    print("\n".join(rows["lines"]))
    return 1 if rows.get("errors") else 0


def run_alone(phase: Phase, *, failures: tuple[type[Exception], ...] = ()) -> int:
    """Start a server of its own, run `phase` on it and print its lines; the exit status
    (1 when the server, the seeding or the phase failed)."""

    def serving(work_dir: Path) -> dict[str, Any]:
        with servers.taskdeck(work_dir) as server:
            with httpx.Client(base_url=server.url, timeout=30.0) as client:
                token = sign_in(client)
            return phase(server.url, token)

    return run_in_work_dir(serving, failures=failures)
