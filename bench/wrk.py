"""wrk scripts for the bench scenarios, and running wrk and reading its figures."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from string import Template

RESULT_MARKER = "BENCH_RESULT "

# Appended to every scenario: count non-2xx responses per thread, print the totals as JSON.
LUA_REPORT = Template("""
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

function init(args)
  math.randomseed(os.time() + thread_number)
  non_2xx = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non_2xx = non_2xx + 1
  end
end

function done(summary, latency, requests)
  local non_2xx_total = 0
  for _, thread in ipairs(threads) do
    non_2xx_total = non_2xx_total + thread:get("non_2xx")
  end
  local errors = summary.errors
  io.write(string.format(
    '$marker{"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p90_us": %d, '
      .. '"p99_us": %d, "max_us": %d, "non_2xx": %d, "connect_errors": %d, '
      .. '"read_errors": %d, "write_errors": %d, "timeouts": %d}\\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency.max, non_2xx_total,
    errors.connect, errors.read, errors.write, errors.timeout))
end
""").substitute(marker=RESULT_MARKER)

# Requests are formatted once per thread, as wrk's docs advise, and picked at random.
LUA_RANDOM_GET = Template("""
local headers = {["Authorization"] = $authorization}
local prepared = {}
for path in ($paths):gmatch("%S+") do
  table.insert(prepared, wrk.format("GET", path, headers))
end

function request()
  return prepared[math.random(#prepared)]
end
""")

# Each entry is "<path> <JSON body>"; the body is everything after the first space.
LUA_RANDOM_POST = Template("""
local headers = {["Authorization"] = $authorization, ["Content-Type"] = "application/json"}
local prepared = {}
for entry in ($entries):gmatch("[^\\n]+") do
  local path, body = entry:match("^(%S+) (.*)$$")
  table.insert(prepared, wrk.format("POST", path, headers, body))
end

function request()
  return prepared[math.random(#prepared)]
end
""")

LUA_STATIC_REQUEST = Template("""
wrk.method = $method
wrk.path = $path
wrk.headers["Authorization"] = $authorization
wrk.body = $body
if wrk.body then
  wrk.headers["Content-Type"] = "application/json"
end
""")


class WrkError(Exception):
    """wrk failed or printed no figures."""


@dataclass(frozen=True)
class WrkRun:
    """The figures of one wrk run, as printed by the script's done hook."""

    requests: int
    duration_us: int
    bytes: int
    p50_us: int
    p90_us: int
    p99_us: int
    max_us: int
    non_2xx: int
    connect_errors: int
    read_errors: int
    write_errors: int
    timeouts: int

    @property
    def requests_per_second(self) -> float:
        """Completed requests per second."""
        return self.requests / (self.duration_us / 1_000_000) if self.duration_us else 0.0

    @property
    def socket_errors(self) -> int:
        """Connect, read and write errors plus timeouts."""
        return self.connect_errors + self.read_errors + self.write_errors + self.timeouts

    @property
    def failed(self) -> bool:
        """Whether any request failed, or none completed."""
        return self.requests == 0 or self.non_2xx > 0 or self.socket_errors > 0


def lua_string(value: str) -> str:
    """A Lua string literal for value, escaping every byte that is not plain printable ASCII."""
    escaped = (
        chr(byte) if 0x20 <= byte < 0x7F and chr(byte) not in '"\\' else f"\\{byte:03d}"
        for byte in value.encode()
    )
    return '"' + "".join(escaped) + '"'


def random_get_script(paths: list[str], token: str) -> str:
    """A wrk script that GETs one of paths, picked at random for each request."""
    return LUA_RANDOM_GET.substitute(
        authorization=lua_string(f"Bearer {token}"), paths=lua_string(" ".join(paths))
    )


def random_post_script(entries: list[str], token: str) -> str:
    """A wrk script that POSTs one of `entries` ("<path> <JSON body>"), picked at random."""
    return LUA_RANDOM_POST.substitute(
        authorization=lua_string(f"Bearer {token}"), entries=lua_string("\n".join(entries))
    )


def static_request_script(method: str, path: str, token: str, body: str | None = None) -> str:
    """A wrk script that sends the same request over and over."""
    return LUA_STATIC_REQUEST.substitute(
        method=lua_string(method),
        path=lua_string(path),
        authorization=lua_string(f"Bearer {token}"),
        body="nil" if body is None else lua_string(body),
    )


def parse_output(output: str) -> WrkRun:
    """The figures in the line that the script's done hook printed."""
    for line in output.splitlines():
        if line.startswith(RESULT_MARKER):
            return WrkRun(**json.loads(line.removeprefix(RESULT_MARKER)))
    raise WrkError(f"wrk printed no result line:\n{output}")


def run(url: str, script: Path, *, threads: int, connections: int, duration: int) -> WrkRun:
    """Load url with the script (plus the reporting hooks) for duration seconds."""
    command = [
        *("wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"),
        *("-s", str(script), url),
    ]
    completed = subprocess.run(
        command, capture_output=True, text=True, timeout=duration + 60, check=False
    )
    if completed.returncode != 0:
        raise WrkError(f"wrk exited with {completed.returncode}:\n{completed.stderr}")
    return parse_output(completed.stdout)


def write_script(path: Path, scenario_lua: str) -> Path:
    """Write a scenario's script with the reporting hooks appended; return its path."""
    path.write_text(scenario_lua + LUA_REPORT)
    return path
