"""A server killed with SIGKILL in the middle of a burst of creates loses nothing it
acknowledged, and its issue numbers stay unique and gapless."""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.system.server import (
    Server,
    create_project,
    running_server,
    sign_up_and_log_in,
    start_server,
)

PROJECT = "CRASH"
ISSUES_PATH = f"/api/v1/projects/{PROJECT}/issues"
THREADS = 16
KILL_AFTER_ACKS = 400
ACK_TIMEOUT_S = 60.0
JOIN_TIMEOUT_S = 30.0
HISTORY_SAMPLE = 25


@dataclass
class Burst:
    """What the creating threads sent and what the server answered."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)
    kill_now: threading.Event = field(default_factory=threading.Event)
    """Set once enough creates are acknowledged, or when a thread stops early."""
    sent: set[str] = field(default_factory=set)
    acknowledged: dict[str, tuple[str, int]] = field(default_factory=dict)
    """Issue key -> (title, number), for every create answered 201."""
    lost: set[str] = field(default_factory=set)
    """Titles whose create got no answer: the kill cut the connection."""
    refused: list[str] = field(default_factory=list)
    """Answers other than 201 before the kill: none are expected."""

    def create_until_stopped(self, url: str, headers: dict[str, str], thread: int) -> None:
        """Create issues one after another on one connection until stopped or cut off."""
        try:
            self._create(url, headers, thread)
        finally:
            self.kill_now.set()

    def _create(self, url: str, headers: dict[str, str], thread: int) -> None:
        with httpx.Client(base_url=url, headers=headers, timeout=15.0) as client:
            number = 0
            while not self.stop.is_set():
                title = f"crash {thread}-{number}"
                number += 1
                with self.lock:
                    self.sent.add(title)
                try:
                    response = client.post(ISSUES_PATH, json={"title": title})
                except httpx.TransportError:
                    with self.lock:
                        self.lost.add(title)
                    return
                if response.status_code != 201:
                    with self.lock:
                        self.refused.append(f"{title}: {response.status_code} {response.text}")
                    return
                issue = response.json()
                with self.lock:
                    self.acknowledged[issue["key"]] = (title, issue["number"])
                    if len(self.acknowledged) >= KILL_AFTER_ACKS:
                        self.kill_now.set()


@pytest.fixture
def first_server(tmp_path: Path) -> Iterator[Server]:
    """A one-worker server on a fresh data dir; the test kills it."""
    with running_server(tmp_path / "data", workers=1, log=tmp_path / "first.log") as server:
        yield server


def burst_then_kill(server: Server, headers: dict[str, str]) -> Burst:
    """Create issues from many threads and SIGKILL the server while creates are in flight."""
    burst = Burst()
    threads = [
        threading.Thread(
            target=burst.create_until_stopped, args=(server.url, headers, n), daemon=True
        )
        for n in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    try:
        burst.kill_now.wait(timeout=ACK_TIMEOUT_S)
        server.kill()
    finally:
        burst.stop.set()
        for thread in threads:
            thread.join(timeout=JOIN_TIMEOUT_S)
    assert not any(thread.is_alive() for thread in threads), "a creating thread hung"
    assert not burst.refused, f"creates refused before the kill: {burst.refused[:5]}"
    assert len(burst.acknowledged) >= KILL_AFTER_ACKS, (
        f"only {len(burst.acknowledged)} creates acknowledged before the kill:\n"
        f"{server.output_tail()}"
    )
    assert burst.lost, "the kill should have cut creates off"
    return burst


def all_issues(client: httpx.Client) -> list[dict[str, Any]]:
    """Every issue of the project, following the cursor."""
    issues: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {"limit": 200, **({"cursor": cursor} if cursor else {})}
        response = client.get(ISSUES_PATH, params=params)
        assert response.status_code == 200, response.text
        page = response.json()
        issues.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return issues


def test_sigkill_loses_no_acknowledged_issue(first_server: Server, tmp_path: Path) -> None:
    with httpx.Client(base_url=first_server.url, timeout=15.0) as client:
        headers = sign_up_and_log_in(client, "crash@example.com")
        create_project(client, headers, PROJECT)
    burst = burst_then_kill(first_server, headers)

    restarted = start_server(first_server.data_dir, workers=1, log=tmp_path / "second.log")
    try:
        # The token signed before the crash still works: the signing key is on disk.
        with httpx.Client(base_url=restarted.url, headers=headers, timeout=15.0) as client:
            me = client.get("/api/v1/me")
            assert me.status_code == 200, me.text

            for key, (title, number) in sorted(burst.acknowledged.items()):
                response = client.get(f"/api/v1/issues/{key}")
                assert response.status_code == 200, f"{key} was acknowledged, then lost"
                issue = response.json()
                assert (issue["title"], issue["number"]) == (title, number), key

            issues = all_issues(client)
            numbers = [issue["number"] for issue in issues]
            assert len(numbers) == len(set(numbers)), "an issue number was given twice"
            assert sorted(numbers) == list(range(1, len(numbers) + 1)), "the numbers have a gap"
            highest_acknowledged = max(number for _, number in burst.acknowledged.values())
            assert highest_acknowledged <= len(numbers)
            assert all(f"{PROJECT}-{i['number']}" == i["key"] for i in issues)

            titles = [issue["title"] for issue in issues]
            assert len(titles) == len(set(titles)), "one create made two issues"
            acknowledged_titles = {title for title, _ in burst.acknowledged.values()}
            unacknowledged = set(titles) - acknowledged_titles
            # Only a create whose answer was lost may exist without having been acknowledged.
            assert unacknowledged <= burst.lost, unacknowledged - burst.lost
            assert set(titles) <= burst.sent

            sample = random.Random(0).sample(sorted(burst.acknowledged), HISTORY_SAMPLE)
            for key in sample:
                response = client.get(f"/api/v1/issues/{key}/history")
                assert response.status_code == 200, response.text
                entries = response.json()["items"]
                assert any(e["field"] == "created" and e["to"] == key for e in entries), key

            # The counter survived with the issues: the next create continues the sequence.
            after = client.post(ISSUES_PATH, json={"title": "after the crash"})
            assert after.status_code == 201, after.text
            assert after.json()["number"] == len(numbers) + 1
    finally:
        restarted.stop()
