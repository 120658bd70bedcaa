"""Comments on an issue, their edit history, and the issue's watchers."""

from typing import Annotated

from fastapi import Path, Request
from starlette.responses import Response

from taskdeck.api.comment_schemas import (
    CommentEditOut,
    CommentIn,
    CommentOut,
    WatcherIn,
    WatcherOut,
)
from taskdeck.api.deps import (
    IF_MATCH,
    Authenticated,
    Cursor,
    IssueKeyPath,
    Limit,
    api_router,
    if_match,
    json_response,
    page_response,
)
from taskdeck.api.schemas import IssueOut, PageOf

router = api_router("comments")
CommentIdPath = Annotated[str, Path(min_length=1, max_length=26)]
UserIdPath = Annotated[str, Path(min_length=1, max_length=64)]


@router.get("/issues/{issue_key}/comments", response_model=PageOf(CommentOut))
async def list_comments(
    issue_key: IssueKeyPath, caller: Authenticated, limit: Limit = 50, cursor: Cursor = None
) -> Response:
    """The issue's comments, oldest first."""
    page = await caller.services.comments.list_comments(
        caller.user_id, issue_key, limit=limit, cursor=cursor
    )
    return page_response(page)


@router.post("/issues/{issue_key}/comments", status_code=201, response_model=CommentOut)
async def add_comment(issue_key: IssueKeyPath, body: CommentIn, caller: Authenticated) -> Response:
    """A new comment by the caller (members; viewers read only)."""
    comment = await caller.services.comments.add(caller.user_id, issue_key, body.body)
    return json_response(comment, 201, version=comment["version"])


@router.patch(
    "/issues/{issue_key}/comments/{comment_id}", response_model=CommentOut, openapi_extra=IF_MATCH
)
async def edit_comment(
    issue_key: IssueKeyPath,
    comment_id: CommentIdPath,
    body: CommentIn,
    caller: Authenticated,
    request: Request,
) -> Response:
    """A new body for your own comment; the previous one stays in its edit history."""
    comment = await caller.services.comments.edit(
        caller.user_id, issue_key, comment_id, body.body, if_match=if_match(request)
    )
    return json_response(comment, version=comment["version"])


@router.delete("/issues/{issue_key}/comments/{comment_id}", status_code=204, openapi_extra=IF_MATCH)
async def delete_comment(
    issue_key: IssueKeyPath,
    comment_id: CommentIdPath,
    caller: Authenticated,
    request: Request,
) -> Response:
    """Delete a comment (its author, or an admin); the history keeps a tombstone."""
    await caller.services.comments.delete(
        caller.user_id, issue_key, comment_id, if_match=if_match(request)
    )
    return Response(status_code=204)


@router.get(
    "/issues/{issue_key}/comments/{comment_id}/edits", response_model=PageOf(CommentEditOut)
)
async def comment_edits(
    issue_key: IssueKeyPath,
    comment_id: CommentIdPath,
    caller: Authenticated,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    """The bodies a comment had before each edit, oldest first."""
    page = await caller.services.comments.edits(
        caller.user_id, issue_key, comment_id, limit=limit, cursor=cursor
    )
    return page_response(page)


@router.get("/issues/{issue_key}/watchers", response_model=PageOf(WatcherOut))
async def list_watchers(issue_key: IssueKeyPath, caller: Authenticated) -> Response:
    """Who watches the issue (one page: an issue has at most 500 watchers)."""
    watchers = await caller.services.watchers.list_watchers(caller.user_id, issue_key)
    return json_response({"items": watchers, "next_cursor": None})


@router.post("/issues/{issue_key}/watchers", response_model=IssueOut)
async def add_watcher(issue_key: IssueKeyPath, body: WatcherIn, caller: Authenticated) -> Response:
    """Watch the issue yourself (`{}`), or, as an admin, make a member watch it; the issue."""
    issue = await caller.services.watchers.add(caller.user_id, issue_key, body.user_id)
    return json_response(issue, version=issue["version"])


@router.delete("/issues/{issue_key}/watchers/{user_id}", status_code=204)
async def remove_watcher(
    issue_key: IssueKeyPath, user_id: UserIdPath, caller: Authenticated
) -> Response:
    """Stop watching (your own id), or, as an admin, remove anyone; idempotent."""
    await caller.services.watchers.remove(caller.user_id, issue_key, user_id)
    return Response(status_code=204)
