"""With `TASKDECK_BACKGROUND=process`, `taskdeck serve` runs the background work in a
process of its own, which never outlives the server: stopped with it, and gone by itself
when the server is killed outright."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from tests.system.server import running_server

GONE_WITHIN_S = 10.0


def _children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _command_line(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/cmdline").read_bytes().decode().rstrip("\0").split("\0")


def _alive(pid: int) -> bool:
    """Running, as opposed to gone or a zombie nobody reaped (the state in /proc/stat)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_the_background_process_ends_when_the_server_is_killed(tmp_path: Path) -> None:
    env = {"TASKDECK_BACKGROUND": "process"}
    with running_server(tmp_path / "data", log=tmp_path / "server.log", env=env) as server:
        workers = [
            child
            for child in _children(server.process.pid)
            if _command_line(child)[-2:] == ["work", "--parent"]
        ]
        assert len(workers) == 1
        os.kill(server.process.pid, signal.SIGKILL)  # the server alone, not its group
        server.process.wait()
        deadline = time.monotonic() + GONE_WITHIN_S
        while _alive(workers[0]) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(workers[0])
