"""Moving an issue: to a place in a ranked list, into or out of a sprint, and across the
board's columns, in one call that writes only the moved issue (with its counts, history
and event), never its neighbours.

The new rank lies between the neighbours the client names. With one neighbour, the other
is found in the list the issue lands in (its sprint, or the backlog), skipping the moved
issue itself, so moving an issue between the same two neighbours again and again gives
it the same rank each time instead of ever longer ones. Then the access check reads where
the named neighbour and the one next to it are (their gsi2 entries, not the whole
issues) with the moved issue, in one statement (`Table.batch_get`'s `adjacent`): under
write load a second read, and parsing two whole issues for their ranks, each made a
move slower than creating an issue (`docs/storage.md`).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from taskdeck.domain.errors import Conflict, FieldError, NotFound, StaleVersion, ValidationFailed
from taskdeck.domain.issues import split_issue_key
from taskdeck.domain.roles import Action
from taskdeck.domain.sprints import SprintState
from taskdeck.domain.workflow import Status, category_of, parse_workflow
from taskdeck.ports import Check, Condition, Item, KeyCondition, TransactionConflict
from taskdeck.services import keys
from taskdeck.services.context import Context
from taskdeck.services.issue_items import public_issue
from taskdeck.services.issue_rules import check_rules
from taskdeck.services.issue_writes import changed_issue, guard_status_change
from taskdeck.services.issues import IssueRef
from taskdeck.services.projects import Access, Beside, Projects
from taskdeck.services.ranking import rank_between

MAX_MOVE_ATTEMPTS = 8
PLAN_LIST, PLAN_RANK = "gsi2pk", "gsi2sk"
"""The attributes of an issue's place in its plan list, in its gsi2 entry."""
BACKLOG = "backlog"
OPEN_SPRINT_STATES = (SprintState.PLANNED, SprintState.ACTIVE)


class Place(NamedTuple):
    """Where an issue is: its rank, and its plan list (the gsi2 partition of its sprint
    or of the backlog; None: in none)."""

    rank: str
    plan_list: str | None


class Move(NamedTuple):
    """Where to: neighbours by key, a sprint (an id or `backlog`), a status; None keeps
    what the issue has."""

    before: str | None = None
    after: str | None = None
    sprint: str | None = None
    status: str | None = None
    override_wip: bool = False


class Moves:
    """The move use case."""

    def __init__(self, ctx: Context, projects: Projects) -> None:
        self._ctx = ctx
        self._projects = projects

    async def move(
        self, user_id: str, issue_key: str, move: Move, *, if_match: int | None = None
    ) -> dict[str, Any]:
        """Move the issue; conditional on the version read, and tried again on a fresh
        read when something else changed it meanwhile (a 412 with `If-Match`)."""
        for _ in range(MAX_MOVE_ATTEMPTS):
            ref, places = await self._read(user_id, issue_key, move)
            if if_match is not None and if_match != ref.item["version"]:
                raise StaleVersion(f"the issue is at version {ref.item['version']}; reload it")
            try:
                return await self._move_once(ref, move, places)
            except TransactionConflict:
                continue
        raise Conflict("the issue or its column is changing too often; try again")

    async def _read(
        self, user_id: str, issue_key: str, move: Move
    ) -> tuple[IssueRef, dict[str, Place]]:
        """The issue and where its named neighbours are, read in the access check's
        request (404 for an issue one may not see; 422 for a neighbour that is not in
        the project)."""
        parts = split_issue_key(issue_key)
        if parts is None:
            raise NotFound("no such issue")
        sides: dict[str, int] = {}
        for side, key in (("before", move.before), ("after", move.after)):
            if key is None:
                continue
            other = split_issue_key(key)
            if other is None or other[0] != parts[0]:
                raise ValidationFailed(
                    "moves are relative to an issue of the same project",
                    [FieldError(side, "not an issue of this project")],
                )
            if other[1] == parts[1]:
                raise ValidationFailed(
                    "an issue cannot move relative to itself", [FieldError(side, "is this issue")]
                )
            sides[side] = other[1]
        beside, named = None, tuple(sides.values())
        if len(sides) == 1:  # the other neighbour is the one next to the named one
            side, number = next(iter(sides.items()))
            beside, named = Beside(number, below=side == "before", moving=parts[1]), ()
        access = await self._projects.access(
            user_id, parts[0], Action.EDIT_ISSUES, issues=(parts[1], *named), beside=beside
        )
        if parts[1] not in access.issues:
            raise NotFound("no such issue")
        places = {}
        for side, number in sides.items():
            place = await self._place(access, number)
            if place is None:
                raise ValidationFailed("no such issue", [FieldError(side, "not found")])
            places[side] = place
        return IssueRef(access, access.issues[parts[1]]), places

    async def _place(self, access: Access, number: int) -> Place | None:
        """Where issue `number` is (None: not in the project): from the issue when read
        whole, else from its gsi2 entry; read whole only when it is in no plan list (a
        done issue out of any sprint), whose entry has no rank."""
        issue = access.issues.get(number)
        if issue is None:
            key = keys.issue(access.project_id, number)
            entry = next((e for e in access.beside if (e["pk"], e["sk"]) == key), None)
            if entry is None:
                return None
            if PLAN_LIST in entry:
                return Place(str(entry[PLAN_RANK]), str(entry[PLAN_LIST]))
            issue = await self._ctx.table.get(*key)
            if issue is None:
                return None
        return Place(str(issue["rank"]), issue.get(PLAN_LIST))

    async def _move_once(
        self, ref: IssueRef, move: Move, places: dict[str, Place]
    ) -> dict[str, Any]:
        access, issue = ref.access, ref.item
        workflow = parse_workflow(access.project["workflow"])
        changes: dict[str, Any] = {}
        target: Item | None = None
        if move.sprint is not None:
            target = await self._target_sprint(access.project_id, move.sprint)
            changes["sprint"] = target["id"] if target else None
        if move.status is not None:
            changes["status"] = _known_status(workflow, move.status)
        sprint = changes.get("sprint", issue.get("sprint"))
        rank = await self._rank(ref, places, sprint)
        if rank != issue["rank"]:
            changes["rank"] = rank
        changes = {k: v for k, v in changes.items() if v != issue.get(k)}
        if not changes and not move.override_wip:
            return public_issue(issue)
        proposed = {**issue, **changes}
        if "status" in changes:
            # The rules of entering a status; a rank or sprint move only reorders.
            check_rules(
                access, proposed, workflow_category=category_of(workflow, changes["status"])
            )
        wip = await guard_status_change(
            self._ctx, access, workflow, issue, proposed, override=move.override_wip
        )
        if not changes:
            return public_issue(issue)
        shown, operations = changed_issue(
            self._ctx, access, workflow, issue, changes, at=self._ctx.timestamp(), wip=wip
        )
        if target is not None and "sprint" in changes:
            # The sprint must still be as read: not deleted, started-and-completed, meanwhile.
            still = Condition(equals={"state": target["state"]})
            operations.append(Check(target["pk"], target["sk"], still))
        await self._ctx.table.transact(operations)
        if wip is not None and wip.over_limit:
            # A copy: the event holds `shown` too.
            return {**shown, "wip_exceeded": shown["status"]}
        return shown

    async def _target_sprint(self, project_id: str, sprint: str) -> Item | None:
        """The sprint an issue moves into, if it is planned or active; None: the backlog."""
        if sprint == BACKLOG:
            return None
        item = await self._ctx.table.get(*keys.sprint(project_id, sprint))
        if item is None:
            raise ValidationFailed(
                "no such sprint in this project", [FieldError("sprint", "not a sprint here")]
            )
        if item.get("state") not in OPEN_SPRINT_STATES:
            raise Conflict(
                f"the sprint '{item.get('name')}' is {item.get('state')}; choose a planned "
                "or active one",
                [FieldError("sprint", str(item.get("state")))],
            )
        return item

    async def _rank(self, ref: IssueRef, places: dict[str, Place], sprint: str | None) -> str:
        """The issue's new rank: between the named neighbours, at the bottom of a new
        sprint or backlog, or unchanged."""
        issue = ref.item
        partition = keys.plan_list(ref.access.project_id, sprint)
        low = places["after"].rank if "after" in places else None
        high = places["before"].rank if "before" in places else None
        if high is not None and low is None:
            low = await self._next_rank(ref, partition, places["before"], below=True)
        elif low is not None and high is None:
            high = await self._next_rank(ref, partition, places["after"], below=False)
        elif low is None and high is None:
            if sprint == issue.get("sprint"):
                return str(issue["rank"])
            low = await self._next_rank(ref, partition, None, below=True)
        if low is not None and high is not None and low >= high:
            raise ValidationFailed(
                "`after` must come before `before` in the list",
                [FieldError("after", "is not above `before`")],
            )
        return rank_between(low, high)

    async def _next_rank(
        self, ref: IssueRef, partition: str, anchor: Place | None, *, below: bool
    ) -> str | None:
        """The rank next to `anchor`'s in the list (None: past its end; no anchor: the
        list's end), skipping the moved issue: the entry the access check read beside
        the anchor when the anchor is in this list, else by a query."""
        if anchor is not None and anchor.plan_list == partition:
            ranks = [
                str(entry[PLAN_RANK])
                for entry in ref.access.beside
                if entry.get(PLAN_LIST) == partition
                and (entry[PLAN_RANK] < anchor.rank if below else entry[PLAN_RANK] > anchor.rank)
            ]
            if not ranks:
                return None
            return max(ranks) if below else min(ranks)
        condition = None if anchor is None else KeyCondition("lt" if below else "gt", anchor.rank)
        page = await self._ctx.table.query(
            partition, index="gsi2", sk=condition, forward=not below, limit=2
        )
        for item in page.items:
            if item.get("id") != ref.item["id"]:
                return str(item["rank"])
        return None


def _known_status(workflow: list[Status], status_id: str) -> str:
    if category_of(workflow, status_id) is None:
        raise ValidationFailed(
            "no such status in this project's workflow",
            [FieldError("status", "not a status of this project")],
        )
    return status_id
