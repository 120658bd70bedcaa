"""Issues: create, list and search, read, edit, delete, and their history."""

from typing import Annotated, Any, Literal

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
from taskdeck.api.schemas import (
    HistoryOut,
    IssueCreate,
    IssueFields,
    IssueOut,
    IssueUpdate,
    PageOf,
)
from taskdeck.domain.errors import FieldError, ValidationFailed
from taskdeck.domain.issues import IssueType
from taskdeck.services.issue_listing import IssueFilter

router = api_router("issues")
_NOT_NULL = ("type", "title", "status", "priority", "labels", "acceptance_criteria")


def _fields(body: IssueFields, names: set[str]) -> dict[str, Any]:
    """The fields sent, as the service takes them."""
    fields: dict[str, Any] = {}
    for name in names:
        value = getattr(body, name)
        if name == "due_date" and value is not None:
            value = value.isoformat()
        elif name == "acceptance_criteria" and value is not None:
            value = [c.model_dump() for c in value]
        elif name == "description" and value is None:
            value = ""
        fields[name] = value
    return fields


@router.get("/projects/{key}/issues", response_model=PageOf(IssueOut))
async def list_issues(
    key: ProjectKeyPath,
    caller: Authenticated,
    type: IssueType | None = None,
    status: Annotated[str | None, Query(max_length=32)] = None,
    assignee: Assignee = None,
    label: Annotated[str | None, Query(max_length=64)] = None,
    parent: Annotated[str | None, Query(max_length=21, description="An issue key")] = None,
    sprint: Annotated[
        str | None, Query(max_length=64, description="A sprint id or `backlog`")
    ] = None,
    q: Annotated[str | None, Query(max_length=200, description="Words to find")] = None,
    sort: Annotated[
        Literal["key", "-key", "rank"] | None,
        Query(description="Default: rank with a sprint filter, else key"),
    ] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    """The project's issues that pass every filter, one page at a time."""
    wanted = IssueFilter(
        type=type,
        status=status,
        assignee=assignee,
        label=label,
        parent=parent,
        sprint=sprint,
        q=q,
        sort=sort,
    )
    page = await caller.services.listing.list(
        caller.user_id, key, wanted, limit=limit, cursor=cursor
    )
    return page_response(page)


@router.post("/projects/{key}/issues", status_code=201, response_model=IssueOut)
async def create_issue(key: ProjectKeyPath, body: IssueCreate, caller: Authenticated) -> Response:
    """A new issue, numbered `KEY-N`, at the bottom of the backlog."""
    draft = _fields(body, body.model_fields_set - {"type", "title"})
    draft = {k: v for k, v in draft.items() if v is not None}
    draft["type"], draft["title"] = body.type, body.title
    issue = await caller.services.issues.create(caller.user_id, key, draft)
    return json_response(issue, 201, version=issue["version"])


@router.get("/issues/{issue_key}", response_model=IssueOut)
async def get_issue(issue_key: IssueKeyPath, caller: Authenticated) -> Response:
    """One issue."""
    issue = await caller.services.issues.get(caller.user_id, issue_key)
    return json_response(issue, version=issue["version"])


@router.patch("/issues/{issue_key}", response_model=IssueOut, openapi_extra=IF_MATCH)
async def update_issue(
    issue_key: IssueKeyPath,
    body: IssueUpdate,
    caller: Authenticated,
    request: Request,
    override_wip: Annotated[
        bool, Query(description="Admins: change the status past a hard WIP limit")
    ] = False,
) -> Response:
    """Change the fields sent; `If-Match` with the ETag makes it fail (412) if stale."""
    patch = _fields(body, body.model_fields_set)
    nulls = [name for name in _NOT_NULL if name in patch and patch[name] is None]
    if nulls:
        raise ValidationFailed(
            "these fields cannot be null", [FieldError(n, "cannot be null") for n in nulls]
        )
    issue = await caller.services.issues.update(
        caller.user_id,
        issue_key,
        patch,
        if_match=if_match(request),
        override_wip=override_wip,
    )
    return json_response(issue, version=issue["version"])


@router.delete("/issues/{issue_key}", status_code=204, openapi_extra=IF_MATCH)
async def delete_issue(
    issue_key: IssueKeyPath, caller: Authenticated, request: Request
) -> Response:
    """Delete an issue."""
    await caller.services.issues.delete(caller.user_id, issue_key, if_match=if_match(request))
    return Response(status_code=204)


@router.get("/issues/{issue_key}/history", response_model=PageOf(HistoryOut))
async def issue_history(
    issue_key: IssueKeyPath,
    caller: Authenticated,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    """Every recorded change of an issue, oldest first."""
    page = await caller.services.issues.history(
        caller.user_id, issue_key, limit=limit, cursor=cursor
    )
    return page_response(page)
