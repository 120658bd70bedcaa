"""How an issue is stored: its keys, index attributes and the JSON the API shows."""

from __future__ import annotations

from typing import Any

from taskdeck.domain.workflow import Category
from taskdeck.ports import Item
from taskdeck.services import keys

PUBLIC_FIELDS = (
    "key",
    "id",
    "project",
    "number",
    "type",
    "title",
    "description",
    "status",
    "priority",
    "assignee",
    "reporter",
    "labels",
    "points",
    "estimate_minutes",
    "remaining_minutes",
    "spent_minutes",
    "due_date",
    "sprint",
    "parent",
    "acceptance_criteria",
    "rank",
    "watchers",
    "version",
    "created_at",
    "updated_at",
    "resolved_at",
)

EDITABLE_FIELDS = (
    "type",
    "title",
    "description",
    "status",
    "priority",
    "assignee",
    "labels",
    "points",
    "estimate_minutes",
    "remaining_minutes",
    "due_date",
    "parent",
    "acceptance_criteria",
)
"""The fields a PATCH may change; each change is one history item."""


def public_issue(item: Item) -> dict[str, Any]:
    """An issue as the API shows it."""
    return {name: item.get(name) for name in PUBLIC_FIELDS}


def with_index_keys(issue: Item, project_id: str, category: Category) -> Item:
    """The issue with the keys of every index it belongs to, derived from its fields.

    gsi1: by assignee, across projects; gsi2: by sprint, or the backlog while open, in
    rank order; gsi3: by status, in rank order (a board column). The full-text index
    covers key, title and description, within the project's partition.
    """
    number = issue["number"]
    item = {key: value for key, value in issue.items() if not key.startswith("gsi")}
    item["pk"], item["sk"] = keys.issue(project_id, number)
    padded = f"{number:0{keys.ISSUE_NUMBER_WIDTH}d}"
    if issue.get("assignee"):
        item["gsi1pk"] = f"USER#{issue['assignee']}"
        item["gsi1sk"] = f"ISSUE#{project_id}#{padded}"
    if issue.get("sprint"):
        item["gsi2pk"] = keys.plan_list(project_id, issue["sprint"])
        item["gsi2sk"] = issue["rank"]
    elif category is not Category.DONE:
        item["gsi2pk"] = keys.plan_list(project_id, None)
        item["gsi2sk"] = issue["rank"]
    item["gsi3pk"] = keys.status_list(project_id, issue["status"])
    item["gsi3sk"] = issue["rank"]
    item["search_text"] = f"{issue['key']}\n{issue['title']}\n{issue.get('description') or ''}"
    return item


def with_watcher(watchers: list[str], user_id: str | None) -> list[str]:
    """The watchers with `user_id` added at the end, unless already there (or None)."""
    return watchers if user_id is None or user_id in watchers else [*watchers, user_id]
