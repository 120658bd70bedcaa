"""Two worker processes on one data dir: gapless issue numbers and one signing key.

Every request below goes on a connection of its own, so the kernel hands them to
whichever worker accepts first and both workers serve them.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest

from tests.conftest import PASSWORD
from tests.system.server import Server, create_project, running_server, sign_up_and_log_in

PROJECT = "PROJ"
ISSUES = 40
CONCURRENCY = 20
OPENING_ROUNDS = 100
OPENING_TIMEOUT_S = 60.0
# A worker's start, round after round: build the container on the data dir read from
# stdin, then print "ok <hash of the deployment key>" or the error.
_OPEN_ON_COMMAND = """
import hashlib, sys
from pathlib import Path
from taskdeck.bootstrap import bootstrap, deployment_key
from taskdeck.config import Settings
print("ready", flush=True)
for line in sys.stdin:
    data_dir = Path(line.strip())
    try:
        bootstrap(Settings(data_dir=data_dir)).close()
        print("ok", hashlib.sha256(deployment_key(data_dir)).hexdigest(), flush=True)
    except Exception as error:
        print(f"{type(error).__name__}: {error}", flush=True)
"""
T = TypeVar("T")
R = TypeVar("R")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """Two workers started at once on a data dir that does not exist yet."""
    data_dir = tmp_path / "data"
    assert not data_dir.exists()
    with running_server(data_dir, workers=2, log=tmp_path / "server.log") as server:
        yield server


def request(server: Server, method: str, path: str, **kwargs: Any) -> httpx.Response:
    """One request on a new connection."""
    with httpx.Client(base_url=server.url, timeout=30.0) as client:
        return client.request(method, path, **kwargs)


def concurrently(function: Callable[[T], R], arguments: list[T]) -> list[R]:
    """`function` over `arguments` from a pool of threads, results in order."""
    with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
        return list(pool.map(function, arguments))


def owner(server: Server) -> dict[str, str]:
    """The Authorization header of a new account that owns project PROJ."""
    with httpx.Client(base_url=server.url, timeout=30.0) as client:
        headers = sign_up_and_log_in(client, "owner@example.com")
        create_project(client, headers, PROJECT)
    return headers


def test_concurrent_creates_on_two_workers_are_numbered_without_gaps(server: Server) -> None:
    headers = owner(server)

    def create(n: int) -> httpx.Response:
        body = {"title": f"issue {n}"}
        return request(
            server, "POST", f"/api/v1/projects/{PROJECT}/issues", json=body, headers=headers
        )

    created = concurrently(create, list(range(ISSUES)))
    failed = [f"{r.status_code} {r.text}" for r in created if r.status_code != 201]
    assert not failed, failed
    issues = [r.json() for r in created]
    keys = sorted((issue["key"] for issue in issues), key=lambda key: int(key.split("-")[1]))
    assert keys == [f"{PROJECT}-{n}" for n in range(1, ISSUES + 1)]
    assert sorted(issue["title"] for issue in issues) == sorted(f"issue {n}" for n in range(ISSUES))

    def read(issue: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        response = request(server, "GET", f"/api/v1/issues/{issue['key']}", headers=headers)
        return response.status_code, response.json()

    for issue, (status, body) in zip(issues, concurrently(read, issues), strict=True):
        assert status == 200, body
        assert (body["key"], body["title"]) == (issue["key"], issue["title"])

    # Cursors are signed too: a page's cursor works whichever worker reads the next page.
    listed: list[str] = []
    params: dict[str, Any] = {"limit": 7}
    while True:
        page = request(
            server, "GET", f"/api/v1/projects/{PROJECT}/issues", params=params, headers=headers
        )
        assert page.status_code == 200, page.text
        listed.extend(issue["key"] for issue in page.json()["items"])
        if page.json()["next_cursor"] is None:
            break
        params = {"limit": 7, "cursor": page.json()["next_cursor"]}
    assert listed == keys


def test_workers_started_together_agree_on_the_signing_key(server: Server) -> None:
    credentials = {"email": "keys@example.com", "password": PASSWORD}
    signed_up = request(server, "POST", "/api/v1/auth/signup", json={**credentials, "name": "k"})
    assert signed_up.status_code == 201, signed_up.text

    def log_in(_: int) -> str:
        response = request(server, "POST", "/api/v1/auth/login", json=credentials)
        assert response.status_code == 200, response.text
        return str(response.json()["access_token"])

    tokens = concurrently(log_in, list(range(4)))

    def me(token: str) -> int:
        headers = {"Authorization": f"Bearer {token}"}
        return request(server, "GET", "/api/v1/me", headers=headers).status_code

    uses = [token for token in tokens for _ in range(5)]
    assert concurrently(me, uses) == [200] * len(uses)
    # One key file, and no candidate left behind by the worker that lost the race.
    assert sorted(p.name for p in server.data_dir.glob("*secret.key*")) == ["secret.key"]


def test_workers_opening_a_new_data_dir_at_once_all_start(tmp_path: Path) -> None:
    """Two worker processes bootstrap on one empty data dir at the same moment, many times.

    The same race as `taskdeck serve --workers 2` on a new data dir, where the workers
    import the app for about a second first, so there it is hit about once in 100 starts.
    """
    openers = [
        subprocess.Popen(
            [sys.executable, "-c", _OPEN_ON_COMMAND],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    # The pool outlives the openers, so a stuck read ends when they are killed.
    with ThreadPoolExecutor(max_workers=len(openers)) as pool:
        try:

            def answers() -> list[str]:
                lines = [pool.submit(opener.stdout.readline) for opener in openers if opener.stdout]
                return [line.result(timeout=OPENING_TIMEOUT_S).strip() for line in lines]

            assert answers() == ["ready"] * len(openers)
            failures = []
            for round_ in range(OPENING_ROUNDS):
                data_dir = tmp_path / f"data{round_}"
                for opener in openers:
                    assert opener.stdin is not None
                    opener.stdin.write(f"{data_dir}\n")
                    opener.stdin.flush()
                results = answers()
                keys = {result.removeprefix("ok ") for result in results}
                if not all(result.startswith("ok ") for result in results) or len(keys) != 1:
                    failures.append(f"{data_dir.name}: {results}")
            assert not failures, f"{len(failures)} of {OPENING_ROUNDS} rounds: {failures[:3]}"
        finally:
            for opener in openers:
                opener.kill()
                opener.communicate(timeout=OPENING_TIMEOUT_S)
