"""A server killed after acknowledging changes and before delivering them loses none of
their notifications: after a restart each is in the inbox exactly once."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx

from taskdeck.bootstrap import bootstrap
from taskdeck.config import Settings
from taskdeck.ports import Put
from taskdeck.services import keys
from tests.conftest import PASSWORD
from tests.system.server import create_project, running_server, sign_up_and_log_in, start_server

PROJECT = "CRASH"
ISSUES = 30
DELIVERY_TIMEOUT_S = 30.0
QUIET_S = 1.5


def set_lease(data_dir: Path, holder: str, expires_ms: int) -> None:
    """Write the dispatcher's lease as another process (or the passing of time) would."""
    pk, sk = keys.dispatcher_lease()
    lease = {"pk": pk, "sk": sk, "holder": holder, "expires": expires_ms}

    async def write() -> None:
        container = bootstrap(Settings(data_dir=data_dir))
        try:
            await container.table.transact([Put(lease)])
        finally:
            container.close()

    asyncio.run(write())


def notifications(client: httpx.Client, headers: dict[str, str]) -> list[str]:
    """The ids of every notification in the inbox of the user of `headers`."""
    ids: list[str] = []
    cursor = None
    while True:
        params = {"limit": 200, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/v1/me/notifications", params=params, headers=headers).json()
        ids += [n["id"] for n in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            return ids


def test_changes_acknowledged_before_a_crash_are_delivered_once_after_it(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    log = tmp_path / "server.log"
    # Another process holds the lease, so this server acknowledges but cannot deliver.
    set_lease(data_dir, "elsewhere", int(time.time() * 1000) + 600_000)
    with running_server(data_dir, log=log) as first:
        with httpx.Client(base_url=first.url, timeout=10.0) as client:
            owner = sign_up_and_log_in(client, "owner@example.com")
            assignee = sign_up_and_log_in(client, "bo@example.com")
            bo_id = client.get("/api/v1/me", headers=assignee).json()["id"]
            create_project(client, owner, PROJECT)
            added = client.post(
                f"/api/v1/projects/{PROJECT}/members",
                json={"user_id": bo_id, "role": "member"},
                headers=owner,
            )
            assert added.status_code == 201, added.text
            for number in range(ISSUES):
                created = client.post(
                    f"/api/v1/projects/{PROJECT}/issues",
                    json={"title": f"Issue {number}", "assignee": bo_id},
                    headers=owner,
                )
                assert created.status_code == 201, created.text
            assert notifications(client, assignee) == []
        first.kill()

    # The holder is gone and its lease runs out; a new server takes over.
    set_lease(data_dir, "elsewhere", 0)
    second = start_server(data_dir, log=log)
    try:
        with httpx.Client(base_url=second.url, timeout=10.0) as client:
            credentials = {"email": "bo@example.com", "password": PASSWORD}
            tokens = client.post("/api/v1/auth/login", json=credentials)
            assert tokens.status_code == 200, tokens.text
            assignee = {"Authorization": f"Bearer {tokens.json()['access_token']}"}
            deadline = time.monotonic() + DELIVERY_TIMEOUT_S
            while len(notifications(client, assignee)) < ISSUES and time.monotonic() < deadline:
                time.sleep(0.1)
            time.sleep(QUIET_S)  # time for any duplicate to show up
            delivered = notifications(client, assignee)
    finally:
        second.stop()
    assert len(delivered) == ISSUES
    assert len(set(delivered)) == ISSUES
