"""Starting, watching and stopping the two servers under test."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

REPO_DIR = Path(__file__).resolve().parent.parent
BIN_DIR = Path(sys.executable).parent
HOST = "127.0.0.1"
READY_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 10.0
# Matches how `taskdeck serve` configures uvicorn (taskdeck/cli.py), so that only the app differs.
CEILING_SERVER_FLAGS = ("--loop", "uvloop", "--http", "httptools", "--no-server-header")
NATIVE_MODULES = ("uvloop", "httptools")


class ServerError(Exception):
    """A server did not start or did not answer in time."""


@dataclass(frozen=True)
class Server:
    """A running server process and where it listens."""

    name: str
    url: str
    process: subprocess.Popen[bytes]


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def taskdeck_command(port: int, data_dir: Path) -> list[str]:
    """The command that serves Taskdeck with one worker on data_dir."""
    return [
        *(str(BIN_DIR / "taskdeck"), "serve", "--host", HOST, "--port", str(port)),
        *("--workers", "1", "--data-dir", str(data_dir)),
    ]


def ceiling_command(port: int) -> list[str]:
    """The command that serves the ceiling app the way Taskdeck is served."""
    return [
        *(str(BIN_DIR / "uvicorn"), "bench.ceiling:app", "--host", HOST, "--port", str(port)),
        *("--workers", "1", "--no-access-log", "--log-level", "warning", *CEILING_SERVER_FLAGS),
    ]


def log_tail(path: Path, lines: int = 30) -> str:
    """The last lines of a server's log."""
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def wait_until_ready(name: str, process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    """Poll url until it answers 200; fail if the process exits or the deadline passes."""
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(f"{name} exited with {process.returncode}:\n{log_tail(log)}")
        with contextlib.suppress(httpx.TransportError):
            if httpx.get(url, timeout=1.0).status_code == 200:
                return
        time.sleep(0.1)
    raise ServerError(f"{name} did not answer {url} in {READY_TIMEOUT_S:.0f} s:\n{log_tail(log)}")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate a server's process group; kill it if it outlives the deadline."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@contextlib.contextmanager
def running(
    name: str,
    command: Sequence[str],
    *,
    port: int,
    ready_path: str,
    log: Path,
    env: Mapping[str, str] | None = None,
) -> Iterator[Server]:
    """Start a server in its own process group, wait until it answers, stop it on exit."""
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            command,
            cwd=REPO_DIR,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env=env,
        )
    try:
        url = f"http://{HOST}:{port}"
        wait_until_ready(name, process, url + ready_path, log)
        yield Server(name=name, url=url, process=process)
    finally:
        stop(process)


def taskdeck(work_dir: Path) -> contextlib.AbstractContextManager[Server]:
    """Taskdeck on a free port with its data dir at work_dir/data (fresh, unless seeded
    before, as the report rows do), logging to taskdeck.log; it may send webhooks to this
    machine (the notification rows' receiver)."""
    port = free_port()
    return running(
        "taskdeck",
        taskdeck_command(port, work_dir / "data"),
        port=port,
        ready_path="/api/v1/health",
        log=work_dir / "taskdeck.log",
        env={**os.environ, "TASKDECK_WEBHOOK_ALLOW_PRIVATE": "true"},
    )


def process_tree(root: int) -> list[int]:
    """The pid root and the pids of all its descendants."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            # The command name in parentheses may hold spaces; the parent pid follows the state.
            parents[int(stat.parent.name)] = int(stat.read_text().rpartition(")")[2].split()[1])
    tree = [root]
    for pid in tree:
        tree.extend(child for child, parent in parents.items() if parent == pid)
    return tree


def process_rss_bytes(pid: int) -> int:
    """Resident memory of one process, from /proc/<pid>/status VmRSS (0 once it is gone)."""
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def rss_bytes(server: Server) -> int:
    """Resident memory of a server and its child processes."""
    return sum(process_rss_bytes(pid) for pid in process_tree(server.process.pid))


def native_modules(server: Server) -> list[str]:
    """Which of uvloop and httptools the server's processes have loaded."""
    maps = ""
    for pid in process_tree(server.process.pid):
        with contextlib.suppress(OSError):
            maps += Path(f"/proc/{pid}/maps").read_text()
    return [module for module in NATIVE_MODULES if f"/{module}/" in maps]
