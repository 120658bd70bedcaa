"""Real `taskdeck serve` processes for system tests: start, wait until ready, stop.

Every server runs in its own process group, so stopping it also stops uvicorn's worker
processes. On Linux a server also gets SIGTERM when the test process dies, so not even a
killed test run leaves one behind.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.conftest import PASSWORD

HOST = "127.0.0.1"
BIN_DIR = Path(sys.executable).parent
START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 15.0
POLL_S = 0.05
FAST_SERVER_ENV = {
    "TASKDECK_PASSWORD_MEMORY_KIB": "64",
    "TASKDECK_PASSWORD_TIME_COST": "1",
    "TASKDECK_ACCESS_LOG": "false",
}
WORKER_STARTED = "Application startup complete."
PORT_TAKEN = "address already in use"
# Runs before `taskdeck`: asks the kernel for SIGTERM when the parent dies, then execs.
_DIE_WITH_PARENT = (
    "import ctypes, os, signal, sys; "
    "ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM); "  # PR_SET_PDEATHSIG
    "os.execv(sys.argv[1], sys.argv[1:])"
)


class ServerError(Exception):
    """A server did not start, did not answer or did not stop in time."""


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    """A running `taskdeck serve` process group."""

    process: subprocess.Popen[bytes]
    port: int
    workers: int
    data_dir: Path
    log: Path
    log_offset: int
    """Where this server's output starts in `log` (a log may hold several runs)."""

    @property
    def url(self) -> str:
        """The base URL the server answers on."""
        return f"http://{HOST}:{self.port}"

    def output(self) -> str:
        """What this server has written to stdout and stderr so far."""
        with contextlib.suppress(OSError), self.log.open("rb") as log:
            log.seek(self.log_offset)
            return log.read().decode(errors="replace")
        return ""

    def output_tail(self, lines: int = 60) -> str:
        """The last lines of the server's output, for failure messages."""
        return "\n".join(self.output().splitlines()[-lines:]) or "(no output)"

    def wait_ready(self, timeout: float = START_TIMEOUT_S) -> None:
        """Poll until GET /api/v1/health answers 200 and every worker has started.

        Fails as soon as the process exits: uvicorn stops the whole server when a
        worker fails to start, after the other workers may already have answered.
        """
        deadline = time.monotonic() + timeout
        healthy = False
        with httpx.Client(base_url=self.url, timeout=2.0) as client:
            while time.monotonic() < deadline:
                if not healthy:
                    with contextlib.suppress(httpx.TransportError):
                        healthy = client.get("/api/v1/health").status_code == 200
                if healthy and self.output().count(WORKER_STARTED) >= self.workers:
                    return
                # Waiting on the process is the poll interval and notices an early exit.
                with contextlib.suppress(subprocess.TimeoutExpired):
                    code = self.process.wait(timeout=POLL_S)
                    raise ServerError(f"the server exited with {code}:\n{self.output_tail()}")
        raise ServerError(
            f"not ready within {timeout:.0f} s (healthy: {healthy}):\n{self.output_tail()}"
        )

    def _signal(self, signum: signal.Signals) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signum)

    def kill(self) -> None:
        """SIGKILL the whole process group at once, as a crash would, and reap it."""
        self._signal(signal.SIGKILL)
        self.process.wait(timeout=STOP_TIMEOUT_S)

    def stop(self) -> None:
        """SIGTERM the process group; SIGKILL it if it outlives the deadline."""
        if self.process.poll() is None:
            self._signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self._signal(signal.SIGKILL)
                self.process.wait(timeout=STOP_TIMEOUT_S)
        # Workers of a supervisor that died first could outlive it in the group.
        self._signal(signal.SIGKILL)


def _command(port: int, data_dir: Path, workers: int) -> list[str]:
    serve = [
        *(str(BIN_DIR / "taskdeck"), "serve", "--host", HOST, "--port", str(port)),
        *("--workers", str(workers), "--data-dir", str(data_dir)),
    ]
    if sys.platform.startswith("linux"):
        return [sys.executable, "-c", _DIE_WITH_PARENT, *serve]
    return serve


def start_server(
    data_dir: Path,
    *,
    workers: int = 1,
    log: Path,
    env: Mapping[str, str] | None = None,
    attempts: int = 3,
) -> Server:
    """Start `taskdeck serve` on a free port and wait until it is ready.

    A port found free can be taken before the server binds it; only then is the server
    started again, on another port, up to `attempts` times. Any other failure to start
    is the test's failure.
    """
    environment = {k: v for k, v in os.environ.items() if not k.startswith("TASKDECK_")}
    environment.update(FAST_SERVER_ENV)
    environment.update(env or {})
    for attempt in range(1, attempts + 1):
        port = free_port()
        with log.open("ab") as output:
            server = Server(
                process=subprocess.Popen(
                    _command(port, data_dir, workers),
                    stdin=subprocess.DEVNULL,
                    stdout=output,
                    stderr=subprocess.STDOUT,
                    env=environment,
                    start_new_session=True,
                ),
                port=port,
                workers=workers,
                data_dir=data_dir,
                log=log,
                log_offset=output.tell(),
            )
        try:
            server.wait_ready()
        except ServerError:
            server.stop()
            if attempt < attempts and PORT_TAKEN in server.output().lower():
                continue
            raise
        except BaseException:
            server.stop()
            raise
        return server
    raise AssertionError("unreachable")


@contextlib.contextmanager
def running_server(
    data_dir: Path, *, workers: int = 1, log: Path, env: Mapping[str, str] | None = None
) -> Iterator[Server]:
    """A ready server for the duration of the block, stopped however the block ends."""
    server = start_server(data_dir, workers=workers, log=log, env=env)
    try:
        yield server
    finally:
        server.stop()


def sign_up_and_log_in(client: httpx.Client, email: str) -> dict[str, str]:
    """Create an account through the API and return its Authorization header."""
    credentials = {"email": email, "password": PASSWORD}
    created = client.post("/api/v1/auth/signup", json={**credentials, "name": email.split("@")[0]})
    assert created.status_code == 201, created.text
    if created.json()["confirmation_required"]:  # Cognito; moto takes any code
        confirmed = client.post("/api/v1/auth/confirm", json={"email": email, "code": "123456"})
        assert confirmed.status_code == 204, confirmed.text
    tokens = client.post("/api/v1/auth/login", json=credentials)
    assert tokens.status_code == 200, tokens.text
    return {"Authorization": f"Bearer {tokens.json()['access_token']}"}


def create_project(client: httpx.Client, headers: Mapping[str, str], key: str) -> None:
    """Create project `key` through the API."""
    response = client.post(
        "/api/v1/projects", json={"key": key, "name": f"Project {key}"}, headers=headers
    )
    assert response.status_code == 201, response.text
