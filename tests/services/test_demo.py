"""`taskdeck demo`: a demo project a newcomer can look around in."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from taskdeck.api.app import create_app
from taskdeck.bootstrap import Container, bootstrap
from taskdeck.cli import main
from taskdeck.demo.seed import fill_demo
from taskdeck.services.issue_listing import IssueFilter
from tests.conftest import make_settings

EMAIL = "newcomer@example.com"
PASSWORD = "look around please"


@pytest.fixture
def demo_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Path:
    """A data dir filled by `taskdeck demo` (with a cheap password hash); what it printed
    is in `printed.txt` next to it."""
    data_dir = tmp_path / "data"
    monkeypatch.setenv("TASKDECK_PASSWORD_TIME_COST", "1")
    monkeypatch.setenv("TASKDECK_PASSWORD_MEMORY_KIB", "64")
    for name in ("TASKDECK_BACKEND", "TASKDECK_STORAGE", "TASKDECK_IDENTITY", "TASKDECK_BLOBS"):
        monkeypatch.delenv(name, raising=False)
    main(["demo", "--data-dir", str(data_dir), "--email", EMAIL, "--password", PASSWORD])
    (tmp_path / "printed.txt").write_text(capsys.readouterr().out)
    return data_dir


def everything(client: TestClient, path: str, headers: dict[str, str]) -> list[dict[str, Any]]:
    """Every item of a list, all pages."""
    items: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        params = {"limit": 200, **({"cursor": cursor} if cursor else {})}
        page = client.get(path, params=params, headers=headers)
        assert page.status_code == 200, page.text
        items += page.json()["items"]
        cursor = page.json()["next_cursor"]
        if cursor is None:
            return items


def of_each(
    client: TestClient, issues: list[dict[str, Any]], part: str, headers: dict[str, str]
) -> list[dict[str, Any]]:
    """The comments, worklogs or links of every issue."""
    return [
        item
        for issue in issues
        for item in everything(client, f"/api/v1/issues/{issue['key']}/{part}", headers)
    ]


def test_demo_fills_a_project_to_look_around_in(demo_dir: Path) -> None:
    printed = (demo_dir.parent / "printed.txt").read_text()
    assert EMAIL in printed
    assert PASSWORD in printed
    with TestClient(create_app(bootstrap(make_settings(demo_dir)))) as client:
        signed_in = client.post("/api/v1/auth/login", json={"email": EMAIL, "password": PASSWORD})
        assert signed_in.status_code == 200
        headers = {"Authorization": f"Bearer {signed_in.json()['access_token']}"}
        project = client.get("/api/v1/projects/DEMO", headers=headers).json()
        assert project["name"].startswith("Demo")
        members = everything(client, "/api/v1/projects/DEMO/members", headers)
        assert len(members) == 2

        issues = everything(client, "/api/v1/projects/DEMO/issues", headers)
        assert 35 <= len(issues) <= 45
        types = Counter(issue["type"] for issue in issues)
        assert set(types) == {"epic", "story", "task", "bug", "subtask"}
        assert all(issue["parent"] for issue in issues if issue["type"] == "subtask")
        criteria = [c for issue in issues for c in issue["acceptance_criteria"]]
        assert any(c["done"] for c in criteria)
        assert not all(c["done"] for c in criteria)
        assert len({issue["priority"] for issue in issues}) >= 3
        assert any(issue["labels"] for issue in issues)
        assert any(issue["points"] for issue in issues)
        assert any(issue["estimate_minutes"] for issue in issues)

        sprints = everything(client, "/api/v1/projects/DEMO/sprints", headers)
        states = {sprint["state"]: sprint for sprint in sprints}
        assert set(states) == {"completed", "active"}
        completed = states["completed"]["completed"]
        assert completed["issues"]
        assert states["completed"]["carried_over"]["issues"]
        active_id = states["active"]["id"]
        board = client.get("/api/v1/projects/DEMO/board", headers=headers).json()
        assert all(column["issues"] for column in board["columns"])

        backlog = everything(client, "/api/v1/projects/DEMO/backlog", headers)
        assert backlog
        assert all(issue["sprint"] is None for issue in backlog)
        assert [issue["key"] for issue in backlog[:2]] == ["DEMO-36", "DEMO-38"]
        assert sum(1 for issue in issues if issue["sprint"] == active_id) >= 10

        comments = of_each(client, issues, "comments", headers)
        assert len(comments) >= 3
        assert any(comment["mentions"] for comment in comments)
        worklogs = of_each(client, issues, "worklogs", headers)
        assert len(worklogs) >= 5
        assert sum(issue["spent_minutes"] for issue in issues) == sum(
            w["minutes"] for w in worklogs
        )
        links = of_each(client, issues, "links", headers)
        assert {link["type"] for link in links} >= {"blocks", "is_blocked_by", "relates_to"}


def test_demo_refuses_when_the_project_exists(demo_dir: Path) -> None:
    with pytest.raises(SystemExit) as refused:
        main(["demo", "--data-dir", str(demo_dir)])
    assert "DEMO" in str(refused.value.code)
    assert "exists" in str(refused.value.code)
    # An exit with a message string is exit status 1.
    assert not isinstance(refused.value.code, int)


def test_the_demo_content_is_the_same_every_time(tmp_path: Path) -> None:
    """Two runs on fresh data dirs give the same issues (no randomness)."""

    async def fill(container: Container) -> list[tuple[str, str, str, str | None]]:
        demo = await fill_demo(container, email=EMAIL, password=PASSWORD, today=date(2026, 3, 2))
        listed = await container.listing.list(
            demo.owner.user_id, "DEMO", IssueFilter(), limit=200, cursor=None
        )
        return [(i["key"], i["title"], i["status"], i["rank"]) for i in listed.items]

    def issues(data_dir: Path) -> list[tuple[str, str, str, str | None]]:
        container = bootstrap(make_settings(data_dir))
        try:
            return asyncio.run(fill(container))
        finally:
            container.close()

    assert issues(tmp_path / "one") == issues(tmp_path / "two")
