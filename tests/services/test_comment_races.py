"""Concurrent comment edits and watcher changes: none is silently lost."""

from __future__ import annotations

import asyncio

import pytest

from taskdeck.bootstrap import Container
from taskdeck.domain.errors import Conflict
from taskdeck.domain.roles import Role
from taskdeck.ports import KeyCondition
from taskdeck.services import keys
from tests.conftest import PASSWORD
from tests.services.test_concurrency import owner_with_project

pytestmark = pytest.mark.anyio


async def members(container: Container, owner: str, count: int) -> list[str]:
    """The ids of `count` new members of WEB."""
    ids = []
    for n in range(count):
        user = await container.accounts.sign_up(
            email=f"m{n}@example.com", password=PASSWORD, name=f"M{n}"
        )
        await container.members.add(owner, "WEB", who=user["id"], email=None, role=Role.MEMBER)
        ids.append(str(user["id"]))
    return ids


async def test_concurrent_edits_of_a_comment_never_overwrite_silently(
    container: Container,
) -> None:
    owner = await owner_with_project(container)
    await container.issues.create(owner, "WEB", {"title": "Discuss"})
    comment = await container.comments.add(owner, "WEB-1", "v0")
    results = await asyncio.gather(
        *(container.comments.edit(owner, "WEB-1", comment["id"], f"v{n}") for n in range(1, 6)),
        return_exceptions=True,
    )
    won = [r["body"] for r in results if isinstance(r, dict)]
    lost = [r for r in results if not isinstance(r, dict)]
    assert won, "at least one edit goes through"
    assert all(isinstance(r, Conflict) for r in lost), lost
    page = await container.comments.list_comments(owner, "WEB-1", limit=10, cursor=None)
    (final,) = page.items
    assert final["version"] == 1 + len(won)
    edits = await container.comments.edits(owner, "WEB-1", comment["id"], limit=10, cursor=None)
    bodies = [e["body"] for e in edits.items]
    assert bodies[0] == "v0"
    assert sorted([*bodies[1:], final["body"]]) == sorted(won), "each winner is kept in order"


async def test_concurrent_watchers_and_an_edit_are_all_kept(container: Container) -> None:
    owner = await owner_with_project(container)
    await container.issues.create(owner, "WEB", {"title": "Watch me"})
    watchers = await members(container, owner, 4)
    await asyncio.gather(
        *(container.watchers.add(w, "WEB-1", None) for w in watchers),
        container.issues.update(owner, "WEB-1", {"title": "Renamed"}),
    )
    issue = await container.issues.get(owner, "WEB-1")
    assert issue["title"] == "Renamed"
    assert sorted(issue["watchers"]) == sorted([owner, *watchers])
    assert issue["version"] == 2 + len(watchers)


async def test_a_deleted_comment_takes_its_previous_bodies_along(container: Container) -> None:
    owner = await owner_with_project(container)
    issue = await container.issues.create(owner, "WEB", {"title": "Discuss"})
    kept = await container.comments.add(owner, "WEB-1", "kept")
    gone = await container.comments.add(owner, "WEB-1", "v0")
    for n in range(1, 4):
        await container.comments.edit(owner, "WEB-1", gone["id"], f"v{n}")
    await container.comments.edit(owner, "WEB-1", kept["id"], "kept, edited")
    await container.comments.delete(owner, "WEB-1", gone["id"])
    project = await container.projects.get(owner, "WEB")
    partition = keys.issue_partition(project["id"], issue["number"])
    left = await container.table.query(partition, sk=KeyCondition.begins_with("C"), limit=50)
    assert [(i["sk"][:3], i["body"]) for i in left.items] == [
        ("C#" + kept["id"][0], "kept, edited"),
        ("CE#", "kept"),
    ]
