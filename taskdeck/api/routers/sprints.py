"""Sprints: plan, edit, start and complete them; their scope changes."""

from typing import Annotated, Any

from fastapi import Path, Query, Request
from pydantic import BaseModel
from starlette.responses import Response

from taskdeck.api.deps import (
    IF_MATCH,
    Authenticated,
    Cursor,
    Limit,
    ProjectKeyPath,
    api_router,
    if_match,
    json_response,
    page_response,
)
from taskdeck.api.schemas import PageOf
from taskdeck.api.sprint_schemas import (
    ScopeChangeOut,
    SprintComplete,
    SprintCompletion,
    SprintCreate,
    SprintOut,
    SprintStart,
    SprintUpdate,
)
from taskdeck.domain.errors import FieldError, ValidationFailed
from taskdeck.domain.sprints import SprintState

router = api_router("sprints")
SprintIdPath = Annotated[str, Path(min_length=1, max_length=26)]


def _fields(body: BaseModel) -> dict[str, Any]:
    """The fields sent, dates as ISO strings."""
    fields = body.model_dump(include=body.model_fields_set)
    for name in ("start_date", "end_date"):
        if fields.get(name) is not None:
            fields[name] = fields[name].isoformat()
    return fields


def _sprint(sprint: dict[str, Any], status_code: int = 200) -> Response:
    return json_response(sprint, status_code, version=sprint["version"])


@router.get("/projects/{key}/sprints", response_model=PageOf(SprintOut))
async def list_sprints(
    key: ProjectKeyPath,
    caller: Authenticated,
    state: SprintState | None = None,
    issues: Annotated[
        bool,
        Query(
            description="`false`: each recorded scope without its issues one by one (`issues` "
            "is null; the counts and points stay), for a light list of many sprints"
        ),
    ] = True,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    """The project's sprints, oldest first; `state` keeps those in that state."""
    page = await caller.services.sprints.list(
        caller.user_id, key, state=state, limit=limit, cursor=cursor, issue_lists=issues
    )
    return page_response(page)


@router.post("/projects/{key}/sprints", status_code=201, response_model=SprintOut)
async def create_sprint(key: ProjectKeyPath, body: SprintCreate, caller: Authenticated) -> Response:
    """A new planned sprint (admins and owners)."""
    sprint = await caller.services.sprints.create(caller.user_id, key, _fields(body))
    return _sprint(sprint, 201)


@router.get("/sprints/{sprint_id}", response_model=SprintOut)
async def get_sprint(sprint_id: SprintIdPath, caller: Authenticated) -> Response:
    """One sprint."""
    return _sprint(await caller.services.sprints.get(caller.user_id, sprint_id))


@router.patch("/sprints/{sprint_id}", response_model=SprintOut, openapi_extra=IF_MATCH)
async def update_sprint(
    sprint_id: SprintIdPath, body: SprintUpdate, caller: Authenticated, request: Request
) -> Response:
    """Change the fields sent (a completed sprint: only `name` and `goal`); `If-Match`
    with the ETag makes it fail (412) if stale."""
    changes = _fields(body)
    if "name" in changes and changes["name"] is None:
        raise ValidationFailed("name cannot be null", [FieldError("name", "cannot be null")])
    sprint = await caller.services.sprints.update(
        caller.user_id, sprint_id, changes, if_match=if_match(request)
    )
    return _sprint(sprint)


@router.delete("/sprints/{sprint_id}", status_code=204, openapi_extra=IF_MATCH)
async def delete_sprint(
    sprint_id: SprintIdPath, caller: Authenticated, request: Request
) -> Response:
    """Delete a planned sprint; its issues return to the backlog."""
    await caller.services.sprints.delete(caller.user_id, sprint_id, if_match=if_match(request))
    return Response(status_code=204)


@router.post("/sprints/{sprint_id}/start", response_model=SprintOut)
async def start_sprint(
    sprint_id: SprintIdPath, caller: Authenticated, body: SprintStart | None = None
) -> Response:
    """Start a planned sprint with both dates set: its issues become its committed scope.
    One sprint per project is active at a time."""
    dates = _fields(body) if body is not None else {}
    return _sprint(await caller.services.sprints.start(caller.user_id, sprint_id, dates))


@router.post("/sprints/{sprint_id}/complete", response_model=SprintCompletion)
async def complete_sprint(
    sprint_id: SprintIdPath, body: SprintComplete, caller: Authenticated
) -> Response:
    """Complete the active sprint: issues in a done status are its completed work, the
    others move to the backlog, a planned sprint or a new one. A completion that was
    interrupted resumes where it stopped, with the target it recorded."""
    result = await caller.services.sprints.complete(
        caller.user_id, sprint_id, body.move_open_issues_to
    )
    return json_response(result, version=result["sprint"]["version"])


@router.get("/sprints/{sprint_id}/scope-changes", response_model=PageOf(ScopeChangeOut))
async def sprint_scope_changes(
    sprint_id: SprintIdPath, caller: Authenticated, limit: Limit = 50, cursor: Cursor = None
) -> Response:
    """Issues added to or removed from the sprint while it was active, oldest first."""
    page = await caller.services.sprints.scope_changes(
        caller.user_id, sprint_id, limit=limit, cursor=cursor
    )
    return page_response(page)
