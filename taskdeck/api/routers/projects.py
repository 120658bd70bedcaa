"""Projects and their members."""

from typing import Annotated, Any

from fastapi import Path, Request
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
from taskdeck.api.schemas import (
    MemberAdd,
    MemberOut,
    MemberUpdate,
    PageOf,
    ProjectCreate,
    ProjectOut,
    ProjectUpdate,
)
from taskdeck.domain.errors import FieldError, ValidationFailed
from taskdeck.domain.workflow import Status

router = api_router("projects")
UserIdPath = Annotated[str, Path(min_length=1, max_length=64)]


@router.get("/projects", response_model=PageOf(ProjectOut))
async def list_projects(
    caller: Authenticated, limit: Limit = 50, cursor: Cursor = None
) -> Response:
    """The projects the caller is a member of."""
    return page_response(
        await caller.services.projects.list_mine(caller.user_id, limit=limit, cursor=cursor)
    )


@router.post("/projects", status_code=201, response_model=ProjectOut)
async def create_project(body: ProjectCreate, caller: Authenticated) -> Response:
    """A new project, owned by the caller."""
    project = await caller.services.projects.create(
        caller.user_id, key=body.key, name=body.name, description=body.description
    )
    return json_response(project, 201, version=project["version"])


@router.get("/projects/{key}", response_model=ProjectOut)
async def get_project(key: ProjectKeyPath, caller: Authenticated) -> Response:
    """One project."""
    project = await caller.services.projects.get(caller.user_id, key)
    return json_response(project, version=project["version"])


@router.patch("/projects/{key}", response_model=ProjectOut, openapi_extra=IF_MATCH)
async def update_project(
    key: ProjectKeyPath,
    body: ProjectUpdate,
    caller: Authenticated,
    request: Request,
) -> Response:
    """Change a project's name, description, workflow or settings (admins). A removed
    status that holds issues needs `move_issues` naming where they go."""
    changes: dict[str, Any] = {}
    for name in body.model_fields_set:
        value = getattr(body, name)
        if value is None:
            raise ValidationFailed(f"{name} cannot be null", [FieldError(name, "cannot be null")])
        changes[name] = value
    move_issues = changes.pop("move_issues", {})
    if move_issues and "workflow" not in changes:
        raise ValidationFailed(
            "move_issues goes with a new workflow", [FieldError("move_issues", "needs workflow")]
        )
    if "workflow" in changes:
        changes["workflow"] = [Status(**s.model_dump()) for s in body.workflow or []]
    if "settings" in changes:
        changes["settings"] = body.settings.model_dump(exclude_none=True) if body.settings else {}
    project = await caller.services.workflow_edits.update(
        caller.user_id,
        key,
        changes,
        move_issues=move_issues,
        if_match=if_match(request),
    )
    return json_response(project, version=project["version"])


@router.delete("/projects/{key}", status_code=204)
async def delete_project(key: ProjectKeyPath, caller: Authenticated) -> Response:
    """Delete a project and everything in it (owners)."""
    await caller.services.projects.delete(caller.user_id, key)
    return Response(status_code=204)


@router.get("/projects/{key}/members", response_model=PageOf(MemberOut))
async def list_members(
    key: ProjectKeyPath,
    caller: Authenticated,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    """The members of a project and their roles."""
    page = await caller.services.members.list_members(
        caller.user_id, key, limit=limit, cursor=cursor
    )
    return page_response(page)


@router.post("/projects/{key}/members", status_code=201, response_model=MemberOut)
async def add_member(key: ProjectKeyPath, body: MemberAdd, caller: Authenticated) -> Response:
    """Add an account to the project by `user_id` or `email` (admins)."""
    if not body.user_id and not body.email:
        raise ValidationFailed(
            "name the account to add", [FieldError("user_id", "give user_id or email")]
        )
    member = await caller.services.members.add(
        caller.user_id, key, who=body.user_id, email=body.email, role=body.role
    )
    return json_response(member, 201)


@router.patch("/projects/{key}/members/{member_id}", response_model=MemberOut)
async def update_member(
    key: ProjectKeyPath,
    member_id: UserIdPath,
    body: MemberUpdate,
    caller: Authenticated,
) -> Response:
    """Change a member's role (admins; owners for owner roles)."""
    return json_response(
        await caller.services.members.change_role(caller.user_id, key, member_id, body.role)
    )


@router.delete("/projects/{key}/members/{member_id}", status_code=204)
async def remove_member(
    key: ProjectKeyPath, member_id: UserIdPath, caller: Authenticated
) -> Response:
    """Remove a member, or leave the project when it is the caller."""
    await caller.services.members.remove(caller.user_id, key, member_id)
    return Response(status_code=204)
