"""Due-date markers: the sparse index of issues by due date that the deadline scheduler
reads instead of scanning issues (issue items already use all three GSIs).

An issue with a due date has one marker, in the partition `DUE` sorted by
`<due date>#<project id>#<number>`. Every write that sets, changes or clears the date
(create, edit) and the issue's delete write or remove it in the issue's own transaction,
so a marker exists only for a due date its issue has (or had until its project was
purged: the scheduler drops markers whose issue is gone). A new date gets a new marker
with no reminder sent: changing the date re-arms the reminders.

A marker holds `project_id`, `number`, `key`, `due_date`, `issue_version` (the issue's
version when the marker was written: which marker this is, for conditional removal) and,
once "due soon" went out, `notified: "due_soon"`. The scheduler removes it once "overdue"
went out, or once the issue is resolved and its due date has passed.
"""

from __future__ import annotations

from taskdeck.ports import Delete, Item, Operation, Put
from taskdeck.services import keys


def due_marker_changes(project_id: str, before: Item | None, after: Item | None) -> list[Operation]:
    """What a write of an issue (`before`: None when created; `after`: None when deleted)
    does to its due-date marker: nothing while the date stays, else the old date's marker
    goes and the new date's comes."""
    old = before.get("due_date") if before else None
    new = after.get("due_date") if after else None
    if old == new:
        return []
    operations: list[Operation] = []
    if old and before is not None:
        operations.append(Delete(*keys.due_marker(old, project_id, int(before["number"]))))
    if new and after is not None:
        pk, sk = keys.due_marker(new, project_id, int(after["number"]))
        marker = {
            "pk": pk,
            "sk": sk,
            "project_id": project_id,
            "number": after["number"],
            "key": after["key"],
            "due_date": new,
            "issue_version": after["version"],
        }
        operations.append(Put(marker))
    return operations
