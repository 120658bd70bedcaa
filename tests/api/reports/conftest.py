"""What the report tests share: a clock each test pins, the services on it, and calls."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient

from taskdeck.bootstrap import Container, bootstrap
from taskdeck.config import Settings
from tests.api.sprints.helpers import get

V1 = "/api/v1"
User = dict[str, Any]


class PinnedClock:
    """The real time until a test pins it (sign-in tokens are checked against the real
    time, so users are made first), then the moment the test sets."""

    def __init__(self) -> None:
        self.moment: datetime | None = None

    def now(self) -> datetime:
        """The pinned moment, or the real time."""
        return self.moment or datetime.now(UTC)

    def at(self, moment: str) -> None:
        """Pin the clock at an ISO moment (UTC)."""
        self.moment = datetime.fromisoformat(moment).replace(tzinfo=UTC)


@pytest.fixture
def clock() -> PinnedClock:
    return PinnedClock()


@pytest.fixture
def container(settings: Settings, clock: PinnedClock) -> Iterator[Container]:
    """The services on the test clock."""
    built = bootstrap(settings, clock=clock)
    yield built
    built.close()


def ok(client: TestClient, user: User, path: str, body: dict[str, Any]) -> Any:
    """POST `body` to `path`, which must answer 200."""
    response = client.post(f"{V1}{path}", json=body, headers=user["headers"])
    assert response.status_code == 200, response.text
    return response.json()


def read(client: TestClient, user: User, path: str, project: str = "WEB") -> Any:
    """A report's JSON (`path`: its name and query)."""
    return get(client, user, f"/projects/{project}/reports/{path}")
