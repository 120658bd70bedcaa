"""The facts the reports read, written in the same transaction as the change they record,
so that no report has to replay every issue's history.

- **Stamps on the issue**: `status_since` (when it entered its status: aging work in
  progress), `started_at` (its first entry into an in-progress status: cycle time) and
  `resolved_at` (while it is done: lead time).
- **Resolution facts** (`keys.resolution`): one item per issue while it is done, sorted by
  when it was resolved, holding what cycle time, lead time and team performance need.
  Reopening an issue removes its fact; resolving it again writes a new one.
- **The daily rollup** (`keys.flow_day`): per project and UTC day, the net number of
  issues that entered each status (`s_<status>`) and the comments each person wrote
  (`c_<user>`). With the counts the project's counter keeps, the number of issues in a
  status at the end of any day is the count now minus the deltas of the days after it:
  cumulative flow reads one item per day of its range.

The rollup items are upserts with additions, so every write of a day shares one item per
project: on DynamoDB as hot as the project's counter item, which each creation already
writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from taskdeck.domain.workflow import Category
from taskdeck.ports import Delete, Item, Operation, Put, Update
from taskdeck.services import keys

FACT_FIELDS: Final = (
    "key",
    "number",
    "type",
    "assignee",
    "points",
    "parent",
    "created_at",
    "started_at",
    "resolved_at",
)


def stamp(before: Item | None, after: Item, category: Category, at: str) -> None:
    """Set the stamps of `after` (in `category`; `before` None: a new issue) at `at`.
    Whether it was done is its `resolved_at`, not its status's category: a workflow edit
    that moves a removed done status's issues into another done status resolves none."""
    if before is None or before["status"] != after["status"]:
        after["status_since"] = at
    was_done = before is not None and before.get("resolved_at") is not None
    if (category is Category.DONE) != was_done:
        after["resolved_at"] = at if category is Category.DONE else None
    if category is Category.IN_PROGRESS and not after.get("started_at"):
        after["started_at"] = at


def status_flow(project_id: str, at: str, moved: Mapping[str, int]) -> list[Operation]:
    """The day's rollup changed by `moved`: issues that entered (or, negative, left) each
    status."""
    add = {f"s_{status}": count for status, count in moved.items() if count}
    if not add:
        return []
    return [Update(*keys.flow_day(project_id, at[:10]), add=add, create=True)]


def comment_flow(project_id: str, day: str, author: str, written: int) -> Update:
    """The rollup of `day` with `written` more (or fewer) comments by `author`."""
    return Update(*keys.flow_day(project_id, day), add={f"c_{author}": written}, create=True)


def _fact(project_id: str, issue: Item | None) -> Item | None:
    if issue is None or not issue.get("resolved_at"):
        return None
    resolved_at = str(issue["resolved_at"])
    pk, sk = keys.resolution(project_id, resolved_at, int(issue["number"]))
    return {"pk": pk, "sk": sk, **{name: issue.get(name) for name in FACT_FIELDS}}


def resolution_changes(project_id: str, before: Item | None, after: Item | None) -> list[Operation]:
    """The resolution facts of an issue written from `before` to `after` (None: created
    or deleted): none while it stays open, or stays done with the same facts."""
    old, new = _fact(project_id, before), _fact(project_id, after)
    operations: list[Operation] = []
    if old is not None and (new is None or (old["pk"], old["sk"]) != (new["pk"], new["sk"])):
        operations.append(Delete(old["pk"], old["sk"]))
    if new is not None and new != old:
        operations.append(Put(new))
    return operations


def fact_changes(
    project_id: str, before: Item | None, after: Item | None, at: str, *, counted: bool = True
) -> list[Operation]:
    """Every fact a write of one issue changes: its resolution fact and, unless the caller
    counts many issues at once (`counted=False`), the day's status flow."""
    operations = resolution_changes(project_id, before, after)
    if counted:
        moved: dict[str, Any] = {}
        if before is not None:
            moved[before["status"]] = -1
        if after is not None:
            moved[after["status"]] = moved.get(after["status"], 0) + 1
        operations += status_flow(project_id, at, moved)
    return operations
