"""Attachments: files on an issue, their bytes in the `Blobs` port, their metadata in the
issue's partition.

A blob and its metadata never disagree for long. An upload puts the blob first, then the
metadata with its history and event in one transaction, and deletes the blob if that
fails; a delete removes the metadata first, then the blob. A crash in between leaves a
blob without metadata, which the sweep (`services/blob_sweep.py`) removes.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from typing import Any, Final, NamedTuple

from taskdeck.aio import cancel_and_wait
from taskdeck.domain.attachments import SNIFF_BYTES, normalise_filename, sniff
from taskdeck.domain.errors import FieldError, Forbidden, NotFound, TooLarge, ValidationFailed
from taskdeck.domain.roles import Action, allows
from taskdeck.ports import (
    MUST_EXIST,
    MUST_NOT_EXIST,
    BlobError,
    BlobNotFound,
    Blobs,
    BlobTooLarge,
    Check,
    Delete,
    Item,
    KeyCondition,
    Operation,
    Page,
    Put,
    TransactionConflict,
)
from taskdeck.services import keys
from taskdeck.services.blob_sweep import SweepReport, sweep_blobs
from taskdeck.services.context import Context
from taskdeck.services.events import recorded_change
from taskdeck.services.issue_parts import issue_page
from taskdeck.services.issues import IssueRef, Issues

DOWNLOAD_URL_LIFETIME: Final = timedelta(minutes=5)
_ATTACHMENTS: Final = KeyCondition.begins_with("A#")
_SHOWN: Final = ("id", "filename", "content_type", "size", "sha256", "uploaded_by", "created_at")
log = logging.getLogger("taskdeck.attachments")


class IncomingFile(NamedTuple):
    """An uploaded file as the client sent it: name and type unchecked, bytes streamed."""

    filename: str | None
    declared_type: str | None
    chunks: AsyncIterator[bytes]


OpenFile = Callable[[], Awaitable[IncomingFile | None]]
"""Starts reading the request's file (after the permission check); None if it has none."""


class Download(NamedTuple):
    """Where an attachment's bytes come from: a presigned URL, or chunks to stream."""

    attachment: dict[str, Any]
    url: str | None = None
    chunks: AsyncIterator[bytes] | None = None


def public_attachment(item: Item) -> dict[str, Any]:
    """An attachment as the API shows it."""
    shown = {name: item[name] for name in _SHOWN}
    shown["issue"] = item["issue"]
    return shown


async def _read_head(chunks: AsyncIterator[bytes]) -> tuple[bytes, bool]:
    """At least `SNIFF_BYTES` of the file (fewer only if it is shorter), and whether
    that is the whole file."""
    head = bytearray()
    while len(head) < SNIFF_BYTES:
        chunk = await anext(chunks, None)
        if chunk is None:
            return bytes(head), True
        head += chunk
    return bytes(head), False


async def _chain(head: bytes, rest: AsyncIterator[bytes] | None) -> AsyncIterator[bytes]:
    if head:
        yield head
    if rest is not None:
        async for chunk in rest:
            yield chunk


class Attachments:
    """Upload, list, download and delete the files of an issue."""

    def __init__(
        self,
        ctx: Context,
        issues: Issues,
        blobs: Blobs,
        *,
        max_bytes: int,
        redirect_downloads: bool = True,
        sweep_grace: timedelta = timedelta(hours=1),
    ) -> None:
        self._ctx, self._issues, self._blobs = ctx, issues, blobs
        self.max_bytes = max_bytes
        self._redirect = redirect_downloads
        self._grace = sweep_grace
        self._sweeps: set[asyncio.Task[None]] = set()

    async def upload(self, user_id: str, issue_key: str, open_file: OpenFile) -> dict[str, Any]:
        """Store a file on the issue (members and up): the bytes, then the metadata."""
        ref = await self._issues.find(user_id, issue_key, Action.EDIT_ISSUES)
        incoming = await open_file()
        if incoming is None:
            raise ValidationFailed(
                "send the file as the multipart/form-data field `file`",
                [FieldError("file", "a file is required")],
            )
        head, complete = await _read_head(incoming.chunks)
        if not head:
            raise ValidationFailed(
                "the file is empty", [FieldError("file", "an empty file cannot be attached")]
            )
        project_id, number = ref.access.project_id, ref.number
        attachment_id = self._ctx.ids.new()
        blob_key = keys.attachment_blob(project_id, number, attachment_id)
        content_type = sniff(head[:SNIFF_BYTES], incoming.declared_type, complete=complete)
        rest = None if complete else incoming.chunks
        try:
            stored = await self._blobs.put(
                blob_key, _chain(head, rest), max_bytes=self.max_bytes, content_type=content_type
            )
        except BlobTooLarge as error:
            limit = self.max_bytes // (1024 * 1024)
            raise TooLarge(
                f"the file is over {limit} MiB", [FieldError("file", f"at most {limit} MiB")]
            ) from error
        pk, sk = keys.attachment(project_id, number, attachment_id)
        item: Item = {
            "pk": pk,
            "sk": sk,
            "gsi1pk": keys.ATTACHMENT_BLOBS,
            "gsi1sk": blob_key,
            "id": attachment_id,
            "issue": ref.item["key"],
            "project_id": project_id,
            "number": number,
            "filename": normalise_filename(incoming.filename),
            "content_type": content_type,
            "size": stored.size,
            "sha256": stored.sha256,
            "uploaded_by": user_id,
            "created_at": self._ctx.timestamp(),
            "blob": blob_key,
        }
        await self._record(ref, item, user_id)
        return public_attachment(item)

    async def _record(self, ref: IssueRef, item: Item, user_id: str) -> None:
        """Write the metadata, its history and event; on any failure, delete the blob."""
        operations: list[Operation] = [
            Put(item, MUST_NOT_EXIST),
            Check(ref.item["pk"], ref.item["sk"], MUST_EXIST),
            *self._change(ref.access.project_id, item, user_id, "attachment.added"),
        ]
        try:
            await self._ctx.table.transact(operations)
        except BaseException as error:
            # Shielded: a cancelled request must not cancel the clean-up as well (if the
            # process dies here, the sweep removes the blob).
            await asyncio.shield(self._blobs.delete(item["blob"]))
            if isinstance(error, TransactionConflict) and error.failed(1):
                raise NotFound("no such issue") from error
            raise

    def _change(self, project_id: str, item: Item, actor: str, kind: str) -> list[Put]:
        name = item["filename"]
        entry = (
            ("attachment", None, name) if kind == "attachment.added" else ("attachment", name, None)
        )
        return recorded_change(
            self._ctx,
            project_id=project_id,
            partition=keys.issue_partition(project_id, item["number"]),
            kind=kind,
            actor=actor,
            at=self._ctx.timestamp(),
            entries=[entry],
            data={"key": item["issue"], "attachment": public_attachment(item)},
        )

    async def _find(
        self, user_id: str, issue_key: str, attachment_id: str, action: Action
    ) -> tuple[IssueRef, Item]:
        ref = await self._issues.find(user_id, issue_key, action)
        key = keys.attachment(ref.access.project_id, ref.number, attachment_id)
        item = await self._ctx.table.get(*key)
        if item is None:
            raise NotFound("no such attachment")
        return ref, item

    async def list(self, user_id: str, issue_key: str, *, limit: int, cursor: str | None) -> Page:
        """The issue's attachments, oldest first."""
        ref = await self._issues.find(user_id, issue_key, Action.READ)
        return await issue_page(
            self._ctx, ref, _ATTACHMENTS, public_attachment, limit=limit, cursor=cursor
        )

    async def get(self, user_id: str, issue_key: str, attachment_id: str) -> dict[str, Any]:
        """One attachment's metadata."""
        _, item = await self._find(user_id, issue_key, attachment_id, Action.READ)
        return public_attachment(item)

    async def download(self, user_id: str, issue_key: str, attachment_id: str) -> Download:
        """A presigned URL to the bytes (when the store has them and redirects are on),
        else the bytes themselves."""
        _, item = await self._find(user_id, issue_key, attachment_id, Action.READ)
        shown = public_attachment(item)
        if self._redirect:
            url = await self._blobs.download_url(
                item["blob"],
                filename=item["filename"],
                content_type=item["content_type"],
                expires=DOWNLOAD_URL_LIFETIME,
            )
            if url is not None:
                return Download(shown, url=url)
        try:
            return Download(shown, chunks=await self._blobs.open(item["blob"]))
        except BlobNotFound as error:
            log.error("attachment %s has no blob %s", item["id"], item["blob"])
            raise NotFound("the attachment's file is missing") from error

    async def delete(self, user_id: str, issue_key: str, attachment_id: str) -> None:
        """Remove an attachment (its uploader, or an admin): metadata first, then blob."""
        ref, item = await self._find(user_id, issue_key, attachment_id, Action.EDIT_ISSUES)
        if item["uploaded_by"] != user_id and not allows(ref.access.role, Action.EDIT_PROJECT):
            raise Forbidden("only the uploader or an admin may delete an attachment")
        operations: list[Operation] = [
            Delete(item["pk"], item["sk"], MUST_EXIST),
            *self._change(ref.access.project_id, item, user_id, "attachment.deleted"),
        ]
        try:
            await self._ctx.table.transact(operations)
        except TransactionConflict as error:
            raise NotFound("no such attachment") from error
        try:
            await asyncio.shield(self._blobs.delete(item["blob"]))
        except BlobError as error:
            # The attachment is gone for users; the sweep removes the blob later.
            log.warning("blob %s of a deleted attachment stays for now: %s", item["blob"], error)

    # --- the sweep -----------------------------------------------------------------------

    async def sweep(self) -> SweepReport:
        """Make blobs and metadata agree again (see `blob_sweep.py`)."""
        return await sweep_blobs(self._ctx, self._blobs, grace=self._grace)

    def start_sweep(self) -> None:
        """Run a sweep in the background (on start-up); failures are logged."""
        task = asyncio.get_running_loop().create_task(self._logged_sweep())
        self._sweeps.add(task)
        task.add_done_callback(self._sweeps.discard)

    async def _logged_sweep(self) -> None:
        try:
            report = await self.sweep()
        except Exception:
            log.exception("the blob sweep failed; it runs again on the next start")
            return
        log.info("blob sweep: %s", report)

    async def stop_sweeps(self) -> None:
        """Cancel background sweeps (before the store closes)."""
        await cancel_and_wait(*self._sweeps)
