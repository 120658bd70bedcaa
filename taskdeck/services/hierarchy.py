"""The parent hierarchy of issues: parents, child links and what a change must check.

A parent keeps one link item per child in its own partition (`CHILD#<number>`), which
serves the `parent` filter from an index and lets a retype check the children.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from taskdeck.domain.errors import FieldError, ValidationFailed
from taskdeck.domain.issues import IssueType, check_children, check_parent, split_issue_key
from taskdeck.domain.workflow import Category, Status, category_of
from taskdeck.ports import Check, Condition, Delete, Item, Operation, Put, Table
from taskdeck.services import keys
from taskdeck.services.projects import Access


async def find_parent(table: Table, access: Access, issue: Item) -> Item:
    """The issue named as `issue`'s parent, if it may be its parent; else 422."""
    parts = split_issue_key(issue["parent"])
    if parts is None or parts[0] != access.project["key"]:
        raise ValidationFailed(
            "the parent must be an issue of this project",
            [FieldError("parent", "not an issue of this project")],
        )
    if parts[1] == issue.get("number"):
        raise ValidationFailed(
            "an issue cannot be its own parent", [FieldError("parent", "is this issue")]
        )
    parent = await table.get(*keys.issue(access.project_id, parts[1]))
    if parent is None:
        raise ValidationFailed("no such parent issue", [FieldError("parent", "not found")])
    check_parent(IssueType(issue["type"]), IssueType(parent["type"]))
    return parent


def child_link(project_id: str, issue: Item) -> Item:
    """The link item under `issue`'s parent, with what the parent's progress needs."""
    parts = split_issue_key(issue["parent"])
    assert parts is not None  # the parent was checked when it was set
    pk, sk = keys.child(project_id, parts[1], issue["number"])
    return {
        "pk": pk,
        "sk": sk,
        "child_number": issue["number"],
        "child_key": issue["key"],
        "child_type": issue["type"],
        "child_status": issue["status"],
        "child_points": issue.get("points"),
    }


def link_to_parent(project_id: str, issue: Item, parent: Item | None) -> list[Operation]:
    """The child link under the parent, conditional on the parent keeping its type."""
    if parent is None:
        return []
    return [
        Check(parent["pk"], parent["sk"], Condition(equals={"type": parent["type"]})),
        Put(child_link(project_id, issue)),
    ]


def refreshed_link(project_id: str, before: Item, after: Item) -> list[Operation]:
    """The child link again, when an issue keeps its parent but changes what the
    parent's progress counts (its status or points)."""
    if not after.get("parent") or after["parent"] != before.get("parent"):
        return []
    if (before["status"], before.get("points")) == (after["status"], after.get("points")):
        return []
    return [Put(child_link(project_id, after))]


def unlink_from_parent(project_id: str, issue: Item) -> list[Operation]:
    """Remove the child link of `issue` from its current parent, if it has one."""
    parts = split_issue_key(issue["parent"]) if issue.get("parent") else None
    if parts is None:
        return []
    return [Delete(*keys.child(project_id, parts[1], issue["number"]))]


async def children_of(table: Table, project_id: str, number: int, limit: int = 1000) -> list[Item]:
    """The child links of issue `number`, in child number order."""
    page = await table.query(
        keys.issue_partition(project_id, number), sk=keys.CHILDREN, limit=limit
    )
    return page.items


async def hierarchy_changes(
    table: Table, access: Access, before: Item, after: Item
) -> list[Operation]:
    """Checks and child links for a new parent or type; the hierarchy stays valid."""
    project_id = access.project_id
    operations: list[Operation] = []
    moved = after["parent"] != before["parent"]
    retyped = after["type"] != before["type"]
    if retyped:
        children = await children_of(table, project_id, before["number"])
        check_children(IssueType(after["type"]), [IssueType(c["child_type"]) for c in children])
    if moved:
        operations.extend(unlink_from_parent(project_id, before))
    if after["parent"] and (moved or retyped):
        parent = await find_parent(table, access, after)
        operations.extend(link_to_parent(project_id, after, parent))
    elif not retyped:
        operations.extend(refreshed_link(project_id, before, after))
    return operations


def progress(links: list[Item], workflow: Sequence[Status]) -> dict[str, Any]:
    """Children done of all, and their points done of all, from the child links."""
    done = [
        link
        for link in links
        if category_of(workflow, link.get("child_status", "")) is Category.DONE
    ]
    return {
        "children_done": len(done),
        "children_total": len(links),
        "points_done": sum(link.get("child_points") or 0 for link in done),
        "points_total": sum(link.get("child_points") or 0 for link in links),
    }
