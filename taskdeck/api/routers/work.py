"""Links between issues and the time logged on them."""

from typing import Annotated, Any

from fastapi import Path
from starlette.responses import Response

from taskdeck.api.deps import (
    Authenticated,
    Cursor,
    IssueKeyPath,
    Limit,
    api_router,
    json_response,
    page_response,
)
from taskdeck.api.schemas import PageOf
from taskdeck.api.work_schemas import LinkIn, LinkOut, WorklogIn, WorklogOut, WorklogUpdate
from taskdeck.domain.errors import FieldError, ValidationFailed

router = api_router("work")
ItemIdPath = Annotated[str, Path(min_length=1, max_length=26)]


@router.post("/issues/{issue_key}/links", status_code=201, response_model=LinkOut)
async def add_link(issue_key: IssueKeyPath, body: LinkIn, caller: Authenticated) -> Response:
    """Link this issue to another (of any project you can see); both show the link."""
    link = await caller.services.links.add(caller.user_id, issue_key, body.type, body.issue)
    return json_response(link, 201)


@router.get("/issues/{issue_key}/links", response_model=PageOf(LinkOut))
async def list_links(
    issue_key: IssueKeyPath, caller: Authenticated, limit: Limit = 50, cursor: Cursor = None
) -> Response:
    """The issue's links."""
    page = await caller.services.links.list_links(
        caller.user_id, issue_key, limit=limit, cursor=cursor
    )
    return page_response(page)


@router.delete("/issues/{issue_key}/links/{link_id}", status_code=204)
async def delete_link(
    issue_key: IssueKeyPath, link_id: ItemIdPath, caller: Authenticated
) -> Response:
    """Remove a link from both issues."""
    await caller.services.links.delete(caller.user_id, issue_key, link_id)
    return Response(status_code=204)


@router.post("/issues/{issue_key}/worklogs", status_code=201, response_model=WorklogOut)
async def log_time(issue_key: IssueKeyPath, body: WorklogIn, caller: Authenticated) -> Response:
    """Log time spent; the issue's spent and remaining minutes change with it."""
    worklog = await caller.services.worklogs.log(
        caller.user_id,
        issue_key,
        minutes=body.minutes,
        day=body.date.isoformat(),
        note=body.note,
        remaining=body.remaining_minutes,
    )
    return json_response(worklog, 201)


@router.get("/issues/{issue_key}/worklogs", response_model=PageOf(WorklogOut))
async def list_worklogs(
    issue_key: IssueKeyPath, caller: Authenticated, limit: Limit = 50, cursor: Cursor = None
) -> Response:
    """The issue's worklogs, oldest first."""
    page = await caller.services.worklogs.list_worklogs(
        caller.user_id, issue_key, limit=limit, cursor=cursor
    )
    return page_response(page)


@router.patch("/issues/{issue_key}/worklogs/{worklog_id}", response_model=WorklogOut)
async def edit_worklog(
    issue_key: IssueKeyPath, worklog_id: ItemIdPath, body: WorklogUpdate, caller: Authenticated
) -> Response:
    """Change a worklog (its author or an admin)."""
    changes: dict[str, Any] = {}
    for name in body.model_fields_set:
        value = getattr(body, name)
        if value is None and name != "note":
            raise ValidationFailed(f"{name} cannot be null", [FieldError(name, "cannot be null")])
        changes[name] = value.isoformat() if name == "date" else value
    worklog = await caller.services.worklogs.edit(caller.user_id, issue_key, worklog_id, changes)
    return json_response(worklog)


@router.delete("/issues/{issue_key}/worklogs/{worklog_id}", status_code=204)
async def delete_worklog(
    issue_key: IssueKeyPath, worklog_id: ItemIdPath, caller: Authenticated
) -> Response:
    """Remove a worklog (its author or an admin)."""
    await caller.services.worklogs.delete(caller.user_id, issue_key, worklog_id)
    return Response(status_code=204)
