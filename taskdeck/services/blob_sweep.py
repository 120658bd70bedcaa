"""The blob sweep: repairs what a crash between a blob and its metadata left behind.

Both sides are read in the same order and merged, so the sweep holds a page of each at a
time however many attachments there are: the blob store's keys (`Blobs.keys`, lexical
order) and the attachment items (gsi1 `BLOBS`, sorted by blob key). A blob key
`<project id>/<issue number>/<attachment ulid>` names its metadata item, so each finding
is checked again with a consistent read (the index may lag) before anything is removed:

- a blob without metadata (an upload whose transaction failed or never ran, a delete that
  stopped after the metadata, a purged project) is deleted once its ULID is older than
  the grace period, so an upload in progress is never swept;
- metadata whose blob is missing (lost outside Taskdeck) is removed, with a history entry
  and an `attachment.deleted` event by the actor `system`, once past the grace period;
- an attachment of an issue that no longer exists is removed, metadata then blob.

Blob keys of any other shape are counted and left alone.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Final

from ulid import ULID

from taskdeck.ports import (
    MUST_EXIST,
    BlobNotFound,
    Blobs,
    Delete,
    Item,
    Operation,
    TransactionConflict,
)
from taskdeck.services import keys
from taskdeck.services.context import Context
from taskdeck.services.events import SYSTEM_ACTOR, recorded_change

PAGE: Final = 200
log = logging.getLogger("taskdeck.sweep")


@dataclass
class SweepReport:
    """What one sweep found and did."""

    checked: int = 0
    """Attachments whose blob and metadata agree."""
    orphan_blobs_deleted: int = 0
    recent_blobs_kept: int = 0
    """Blobs without metadata, younger than the grace period (uploads in progress)."""
    missing_blobs_removed: int = 0
    """Metadata items whose blob was missing, removed."""
    dead_issue_attachments_removed: int = 0
    unknown_keys: int = 0


def parse_blob_key(key: str) -> tuple[str, int, str] | None:
    """(project id, issue number, attachment id) of an attachment's blob key, else None."""
    parts = key.split("/")
    if len(parts) != 3 or not parts[1].isascii() or not parts[1].isdigit():
        return None
    try:
        ULID.from_str(parts[2])
    except ValueError:
        return None
    return parts[0], int(parts[1]), parts[2]


async def _attachment_items(ctx: Context) -> AsyncIterator[Item]:
    cursor: str | None = None
    while True:
        page = await ctx.table.query(keys.ATTACHMENT_BLOBS, index="gsi1", limit=PAGE, cursor=cursor)
        for item in page.items:
            yield item
        if page.cursor is None:
            return
        cursor = page.cursor


class _Sweep:
    def __init__(self, ctx: Context, blobs: Blobs, grace: timedelta) -> None:
        self.ctx, self.blobs = ctx, blobs
        self.cutoff = ctx.clock.now() - grace
        self.report = SweepReport()
        self._issue: tuple[tuple[str, int], bool] | None = None

    def _old(self, attachment_id: str) -> bool:
        return ULID.from_str(attachment_id).datetime < self.cutoff

    async def _issue_exists(self, project_id: str, number: int) -> bool:
        # Keys come sorted, so an issue's attachments come together: one read per issue.
        if self._issue is None or self._issue[0] != (project_id, number):
            found = await self.ctx.table.get(*keys.issue(project_id, number))
            self._issue = ((project_id, number), found is not None)
        return self._issue[1]

    async def blob_only(self, key: str) -> None:
        parsed = parse_blob_key(key)
        if parsed is None:
            self.report.unknown_keys += 1
            return
        if not self._old(parsed[2]):
            self.report.recent_blobs_kept += 1
            return
        if await self.ctx.table.get(*keys.attachment(*parsed)) is not None:
            return  # written since the index was read
        await self.blobs.delete(key)
        self.report.orphan_blobs_deleted += 1
        log.info("swept orphan blob %s", key)

    async def item_only(self, item: Item) -> None:
        if not self._old(item["id"]) or await self._blob_exists(item["blob"]):
            return
        current = await self.ctx.table.get(item["pk"], item["sk"])
        if current is None:
            return
        log.warning("attachment %s lost its blob %s: removing it", item["id"], item["blob"])
        if await self._remove(current):
            self.report.missing_blobs_removed += 1

    async def both(self, item: Item) -> None:
        self.report.checked += 1
        if not self._old(item["id"]):
            return
        issue_gone = not await self._issue_exists(item["project_id"], item["number"])
        if issue_gone and await self._remove(item):
            await self.blobs.delete(item["blob"])
            self.report.dead_issue_attachments_removed += 1

    async def _blob_exists(self, key: str) -> bool:
        try:
            chunks = await self.blobs.open(key)
        except BlobNotFound:
            return False
        close = getattr(chunks, "aclose", None)
        if close is not None:
            await close()
        return True

    async def _remove(self, item: Item) -> bool:
        operations: list[Operation] = [
            Delete(item["pk"], item["sk"], MUST_EXIST),
            *recorded_change(
                self.ctx,
                project_id=item["project_id"],
                partition=keys.issue_partition(item["project_id"], item["number"]),
                kind="attachment.deleted",
                actor=SYSTEM_ACTOR,
                at=self.ctx.timestamp(),
                entries=[("attachment", item["filename"], None)],
                data={"key": item["issue"], "attachment": item["id"], "reason": "swept"},
            ),
        ]
        try:
            await self.ctx.table.transact(operations)
        except TransactionConflict:
            return False
        return True


async def sweep_blobs(ctx: Context, blobs: Blobs, *, grace: timedelta) -> SweepReport:
    """Merge the blob keys with the attachment items and repair every disagreement."""
    sweep = _Sweep(ctx, blobs, grace)
    blob_keys, items = blobs.keys(""), _attachment_items(ctx)
    key = await anext(blob_keys, None)
    item = await anext(items, None)
    while key is not None or item is not None:
        if item is None or (key is not None and key < item["gsi1sk"]):
            assert key is not None
            await sweep.blob_only(key)
            key = await anext(blob_keys, None)
        elif key is None or item["gsi1sk"] < key:
            await sweep.item_only(item)
            item = await anext(items, None)
        else:
            await sweep.both(item)
            key, item = await anext(blob_keys, None), await anext(items, None)
    return sweep.report
