"""What the comment and watcher tests share: a project with one user per role, and the
outbox as the container holds it."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from taskdeck.bootstrap import Container
from taskdeck.services.events import read_outbox
from tests.conftest import Api

User = dict[str, Any]


def make_team(api: Api) -> dict[str, User]:
    """WEB owned by `owner`, with admin `adam`, members `ann` and `bob`, viewer `vic`, one
    issue WEB-1 that `owner` reported, and `olga`, who is in no project."""
    users = {"owner": api.user("owner")}
    api.project(users["owner"], "WEB")
    for name, role in (("adam", "admin"), ("ann", "member"), ("bob", "member"), ("vic", "viewer")):
        users[name] = api.user(name)
        api.member(users["owner"], "WEB", users[name], role)
    users["olga"] = api.user("olga")
    api.issue(users["owner"], title="Pay by card")
    return users


def events(client: TestClient, container: Container, prefix: str) -> list[dict[str, Any]]:
    """The outbox events whose kind starts with `prefix`, in order."""

    async def read() -> list[dict[str, Any]]:
        now = container.context.clock.now()
        return await read_outbox(container.table, after=None, now=now, limit=1000)

    everything = client.portal.call(read)  # type: ignore[union-attr]
    return [e for e in everything if e["kind"].startswith(prefix)]
