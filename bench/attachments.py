"""The attachment rows of the bench: upload and download throughput of a 1 MiB file, and
the server's memory while 8 clients upload 20 MiB files at once.

Targets: uploads and downloads of 1 MiB move at least 100 MB/s on loopback (wrk, 8
connections; an upload is stored with an fsync before it is acknowledged); the server's
RSS grows by less than 64 MB while 8 clients each upload 20 MiB (uploads are streamed,
never held whole in memory: memory stays flat however large the files).
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import servers
import wrk
from seed import PROJECT_KEY, expect

FILE_BYTES = 1024 * 1024
CONNECTIONS = 8
TARGET_MB_S = 100.0
BIG_CLIENTS = 8
BIG_FILE_BYTES = 20 * 1024 * 1024
RSS_GROWTH_TARGET = 64_000_000
BOUNDARY = "taskdeckbenchboundary"
ISSUE = f"{PROJECT_KEY}-1"

LUA_UPLOAD = """
local head = "--{boundary}\\r\\nContent-Disposition: form-data; name=\\"file\\"; "
  .. "filename=\\"bench.bin\\"\\r\\nContent-Type: application/octet-stream\\r\\n\\r\\n"
wrk.method = "POST"
wrk.path = {path}
wrk.headers["Authorization"] = {authorization}
wrk.headers["Content-Type"] = "multipart/form-data; boundary={boundary}"
wrk.body = head .. string.rep("x", {size}) .. "\\r\\n--{boundary}--\\r\\n"
"""


@dataclass(frozen=True)
class Throughput:
    """One wrk run of 1 MiB transfers."""

    name: str
    run: wrk.WrkRun

    @property
    def mb_per_second(self) -> float:
        return self.run.requests_per_second * FILE_BYTES / 1e6

    @property
    def verdict(self) -> str:
        if self.run.failed:
            return "error"
        return "pass" if self.mb_per_second >= TARGET_MB_S else "miss"


@dataclass(frozen=True)
class Memory:
    """The server's RSS before, at its highest during, and after the big uploads."""

    before: int
    peak: int
    after: int
    seconds: float

    @property
    def verdict(self) -> str:
        return "pass" if self.peak - self.before < RSS_GROWTH_TARGET else "miss"


def upload_script(token: str) -> str:
    """A wrk script that uploads the same 1 MiB file to BENCH-1 over and over."""
    return LUA_UPLOAD.format(
        boundary=BOUNDARY,
        path=wrk.lua_string(f"/api/v1/issues/{ISSUE}/attachments"),
        authorization=wrk.lua_string(f"Bearer {token}"),
        size=FILE_BYTES,
    )


def seed_download(base_url: str, token: str) -> str:
    """Upload one 1 MiB file; the path of its content."""
    headers = {"Authorization": f"Bearer {token}"}
    files = {"file": ("one.bin", os.urandom(FILE_BYTES), "application/octet-stream")}
    with httpx.Client(base_url=base_url, headers=headers, timeout=60.0) as client:
        made = expect(client.post(f"/api/v1/issues/{ISSUE}/attachments", files=files), 201)
    return f"/api/v1/issues/{ISSUE}/attachments/{made['id']}/content"


async def _big_body(size: int) -> AsyncIterator[bytes]:
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; '
        'filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n'
    ).encode()
    yield head
    block = os.urandom(256 * 1024)
    for _ in range(size // len(block)):
        yield block
    yield f"\r\n--{BOUNDARY}--\r\n".encode()


async def _big_uploads(base_url: str, token: str) -> None:
    headers = {
        "Authorization": f"Bearer {token}",
        "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
    }
    async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=300.0) as client:
        path = f"/api/v1/issues/{ISSUE}/attachments"
        answers = await asyncio.gather(
            *(client.post(path, content=_big_body(BIG_FILE_BYTES)) for _ in range(BIG_CLIENTS))
        )
    for answer in answers:
        expect(answer, 201)


def measure_memory(server: servers.Server, token: str) -> Memory:
    """RSS before, sampled every 20 ms during, and after 8 concurrent 20 MiB uploads."""
    before = servers.rss_bytes(server)
    peak, done = before, threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.02):
            peak = max(peak, servers.rss_bytes(server))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    began = time.perf_counter()
    try:
        asyncio.run(_big_uploads(server.url, token))
    finally:
        done.set()
        sampler.join()
    seconds = time.perf_counter() - began
    after = servers.rss_bytes(server)
    return Memory(before, max(peak, after), after, seconds)


def lines(rows: list[Throughput], memory: Memory) -> list[str]:
    """The printed attachment rows."""
    layout = "{:<22} {:>7} {:>8} {:>8} {:>8} {:>8}  {:<12} {}"
    out = [
        layout.format(
            "attachments", "conns", "req/s", "MB/s", "p50 ms", "p99 ms", "target", "result"
        )
    ]
    for row in rows:
        out.append(
            layout.format(
                row.name,
                CONNECTIONS,
                f"{row.run.requests_per_second:.0f}",
                f"{row.mb_per_second:.0f}",
                f"{row.run.p50_us / 1000:.2f}",
                f"{row.run.p99_us / 1000:.2f}",
                f">= {TARGET_MB_S:.0f} MB/s",
                row.verdict,
            )
        )
    mb = 1e6
    out.append(
        f"RSS with {BIG_CLIENTS} uploads of {BIG_FILE_BYTES // 2**20} MiB at once "
        f"({memory.seconds:.1f} s): before {memory.before / mb:.1f} MB, peak "
        f"{memory.peak / mb:.1f} MB, after {memory.after / mb:.1f} MB "
        f"(target: growth < {RSS_GROWTH_TARGET / mb:.0f} MB): {memory.verdict}"
    )
    return out


def json_rows(rows: list[Throughput], memory: Memory) -> dict[str, Any]:
    """The attachment figures for the saved JSON."""
    return {
        "throughput": [
            {
                "name": row.name,
                "connections": CONNECTIONS,
                "requests_per_second": row.run.requests_per_second,
                "mb_per_second": row.mb_per_second,
                "p50_us": row.run.p50_us,
                "p99_us": row.run.p99_us,
                "errors": row.run.failed,
                "verdict": row.verdict,
            }
            for row in rows
        ],
        "memory": {
            "clients": BIG_CLIENTS,
            "file_bytes": BIG_FILE_BYTES,
            "rss_before_bytes": memory.before,
            "rss_peak_bytes": memory.peak,
            "rss_after_bytes": memory.after,
            "seconds": memory.seconds,
            "verdict": memory.verdict,
        },
    }
