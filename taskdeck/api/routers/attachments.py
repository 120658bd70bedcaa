"""Attachments of an issue: upload (multipart, streamed), list, read, download, delete."""

import re
from typing import Annotated, Final

from fastapi import Path, Request
from starlette.requests import ClientDisconnect
from starlette.responses import RedirectResponse, Response, StreamingResponse

from taskdeck.adapters.blobs.keys import content_disposition
from taskdeck.api.attachment_schemas import CONTENT_RESPONSES, UPLOAD_BODY, AttachmentOut
from taskdeck.api.deps import (
    Authenticated,
    Cursor,
    IssueKeyPath,
    Limit,
    api_router,
    json_response,
    page_response,
)
from taskdeck.api.multipart import MultipartFileReader, boundary_of
from taskdeck.api.schemas import PageOf
from taskdeck.domain.errors import BadRequest
from taskdeck.services.attachments import IncomingFile

router = api_router("attachments")
AttachmentIdPath = Annotated[str, Path(min_length=1, max_length=26)]
UPLOAD_PATH: Final = re.compile(r"/api/v1/issues/[^/]+/attachments/?")
"""The upload route, for the middleware: multipart bodies up to the upload cap."""
FILE_FIELD: Final = "file"
_SAFE_HEADERS: Final = {
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, no-store",
}


@router.post(
    "/issues/{issue_key}/attachments",
    status_code=201,
    response_model=AttachmentOut,
    openapi_extra=UPLOAD_BODY,
)
async def upload_attachment(
    issue_key: IssueKeyPath, request: Request, caller: Authenticated
) -> Response:
    """Attach a file (multipart field `file`; members and up). Its type is read from its
    bytes; over `TASKDECK_MAX_UPLOAD_MB` is a 413 and stores nothing; empty is a 422."""

    async def open_file() -> IncomingFile | None:
        boundary = boundary_of(request.headers.get("content-type"))
        if boundary is None:
            return None
        part = await MultipartFileReader(request.stream(), boundary, FILE_FIELD).file()
        if part is None:
            return None
        return IncomingFile(part.filename, part.content_type, part.chunks)

    try:
        attachment = await caller.services.attachments.upload(caller.user_id, issue_key, open_file)
    except ClientDisconnect:
        raise BadRequest("the upload was interrupted") from None
    return json_response(attachment, 201)


@router.get("/issues/{issue_key}/attachments", response_model=PageOf(AttachmentOut))
async def list_attachments(
    issue_key: IssueKeyPath, caller: Authenticated, limit: Limit = 50, cursor: Cursor = None
) -> Response:
    """The issue's attachments, oldest first."""
    page = await caller.services.attachments.list(
        caller.user_id, issue_key, limit=limit, cursor=cursor
    )
    return page_response(page)


@router.get("/issues/{issue_key}/attachments/{attachment_id}", response_model=AttachmentOut)
async def get_attachment(
    issue_key: IssueKeyPath, attachment_id: AttachmentIdPath, caller: Authenticated
) -> Response:
    """One attachment's details."""
    return json_response(
        await caller.services.attachments.get(caller.user_id, issue_key, attachment_id)
    )


@router.get(
    "/issues/{issue_key}/attachments/{attachment_id}/content",
    response_class=Response,
    responses=CONTENT_RESPONSES,
)
async def download_attachment(
    issue_key: IssueKeyPath, attachment_id: AttachmentIdPath, caller: Authenticated
) -> Response:
    """The file, always as a download (`Content-Disposition: attachment`, `nosniff`):
    a 307 to a presigned URL of the blob store, or the bytes streamed."""
    download = await caller.services.attachments.download(caller.user_id, issue_key, attachment_id)
    if download.url is not None:
        return RedirectResponse(download.url, 307, headers=_SAFE_HEADERS)
    assert download.chunks is not None
    attachment = download.attachment
    headers = {
        **_SAFE_HEADERS,
        "Content-Disposition": content_disposition(attachment["filename"]),
        "Content-Length": str(attachment["size"]),
        "Content-Security-Policy": "sandbox; default-src 'none'",
        "ETag": f'"{attachment["sha256"]}"',
    }
    return StreamingResponse(
        download.chunks, media_type=attachment["content_type"], headers=headers
    )


@router.delete("/issues/{issue_key}/attachments/{attachment_id}", status_code=204)
async def delete_attachment(
    issue_key: IssueKeyPath, attachment_id: AttachmentIdPath, caller: Authenticated
) -> Response:
    """Delete an attachment and its file (its uploader, or an admin)."""
    await caller.services.attachments.delete(caller.user_id, issue_key, attachment_id)
    return Response(status_code=204)
