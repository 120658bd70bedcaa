"""The malloc arena cap `taskdeck serve` sets (see `taskdeck/memory.py`)."""

from __future__ import annotations

import subprocess
import sys

# SQLite allocates inside its steps with the GIL released, so eight threads running
# queries at once make glibc open arenas of their own: nine without the cap.
PROBE = """
import ctypes, sqlite3, sys, threading
if sys.argv[1] == "capped":
    from taskdeck.memory import cap_malloc_arenas
    cap_malloc_arenas()
def query():
    connection = sqlite3.connect(":memory:")
    for _ in range(20):
        connection.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
            "SELECT group_concat(printf('%08d-%s', i, hex(randomblob(16)))) FROM n"
        ).fetchone()
threads = [threading.Thread(target=query) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
ctypes.CDLL("libc.so.6").malloc_stats()
"""


def arenas(mode: str) -> int:
    """How many arenas glibc's `malloc_stats` lists after the probe runs."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, mode],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
        check=True,
    )
    return result.stderr.count("Arena ")


def test_a_serving_process_keeps_at_most_two_malloc_arenas() -> None:
    """Threads allocating at once get arenas of their own unless capped; the cap keeps
    two, so freed buffers are reused rather than kept per thread."""
    assert arenas("uncapped") > 2
    assert arenas("capped") == 2
