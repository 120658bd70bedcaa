"""Planning: moving issues (rank, sprint, column), the backlog and the board."""

from typing import Annotated

from fastapi import Query, Request
from starlette.responses import Response

from taskdeck.api.deps import (
    IF_MATCH,
    Assignee,
    Authenticated,
    Cursor,
    IssueKeyPath,
    Limit,
    ProjectKeyPath,
    api_router,
    if_match,
    json_response,
    page_response,
)
from taskdeck.api.planning_schemas import BoardOut, MoveIn
from taskdeck.api.schemas import IssueOut, PageOf
from taskdeck.domain.issues import IssueType
from taskdeck.services.board import BoardFilter, GroupBy
from taskdeck.services.issue_listing import IssueFilter
from taskdeck.services.moves import Move

router = api_router("planning")


@router.post("/issues/{issue_key}/move", response_model=IssueOut, openapi_extra=IF_MATCH)
async def move_issue(
    issue_key: IssueKeyPath, body: MoveIn, caller: Authenticated, request: Request
) -> Response:
    """Move an issue between two others, into a sprint or the backlog, and/or into another
    column, in one write of that issue alone."""
    move = Move(body.before, body.after, body.sprint, body.status, body.override_wip)
    issue = await caller.services.moves.move(
        caller.user_id, issue_key, move, if_match=if_match(request)
    )
    return json_response(issue, version=issue["version"])


@router.get("/projects/{key}/backlog", response_model=PageOf(IssueOut))
async def backlog(
    key: ProjectKeyPath, caller: Authenticated, limit: Limit = 50, cursor: Cursor = None
) -> Response:
    """Open issues in no sprint, by rank."""
    page = await caller.services.listing.list(
        caller.user_id, key, IssueFilter(sprint="backlog"), limit=limit, cursor=cursor
    )
    return page_response(page)


@router.get("/projects/{key}/board", response_model=BoardOut)
async def board(
    key: ProjectKeyPath,
    caller: Authenticated,
    assignee: Assignee = None,
    type: IssueType | None = None,
    label: Annotated[str | None, Query(max_length=64)] = None,
    group_by: Annotated[GroupBy | None, Query(description="Swimlanes")] = None,
    limit: Annotated[
        int, Query(ge=1, le=200, description="Cards per column on a project board")
    ] = 50,
) -> Response:
    """The active sprint's board, or the whole project's: a column per status."""
    wanted = BoardFilter(assignee=assignee, type=type, label=label, group_by=group_by)
    return json_response(
        await caller.services.board.board(caller.user_id, key, wanted, limit=limit)
    )
