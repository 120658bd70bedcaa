"""The email queue in the store: one batch item per person and issue.

A batch (`MAILBATCH#<user>` / `ISSUE#<issue key>`) holds the notices waiting to go out as
one email, the ids of every event it took (so an event is taken once), and when it is
due. It is also in the gsi1 partition `MAILQUEUE`, sorted by `<due>#<user>#<issue>`, so
a worker finds what is due with one query (`lte` now) on SQLite and on DynamoDB alike.

Every write is conditional: appends on the batch's `version`, a worker's claim on the
version it read, and what follows a send on the claim's token. A claim moves the batch's
due time to the end of its lease, so a batch whose worker died comes due again.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from taskdeck.ports import MUST_NOT_EXIST, Condition, Delete, Item, KeyCondition, Put, Table, Update
from taskdeck.services import keys

MAX_LISTED: Final = 50
"""Notices kept in full in one batch; later ones are counted ("and 12 more updates")."""
MAX_REMEMBERED: Final = 5_000
"""Event ids one batch remembers to take each event once (about 30 bytes each)."""
PAGE: Final = 16
"""Due batches read, and sent at once, per query."""


def _queue_key(due: str, user_id: str, issue_key: str) -> str:
    return f"{due}#{user_id}#{issue_key}"


@dataclass(frozen=True, slots=True)
class Sent:
    """What a claimed batch held when it was sent: how many notices, and which were listed."""

    count: int
    event_ids: frozenset[str]

    @classmethod
    def of(cls, batch: Item) -> Sent:
        """What sending `batch` (as claimed) delivers."""
        return cls(batch["count"], frozenset(n["event_id"] for n in batch["notices"]))


def new_batch(
    user_id: str, address: str, about: Mapping[str, str], notice: Mapping[str, Any], due: str
) -> Put:
    """Start the batch of a person and issue with its first notice; `about` names the
    issue and project (`issue`, `issue_title`, `project`, `project_name`)."""
    pk, sk = keys.email_batch(user_id, about["issue"])
    item: Item = {
        "pk": pk,
        "sk": sk,
        "gsi1pk": keys.EMAIL_QUEUE,
        "gsi1sk": _queue_key(due, user_id, about["issue"]),
        "user_id": user_id,
        "to": address,
        **about,
        "notices": [notice],
        "event_ids": [notice["event_id"]],
        "count": 1,
        "due": due,
        "failures": 0,
        "version": 1,
    }
    return Put(item, MUST_NOT_EXIST)


def appended(
    batch: Item, address: str, about: Mapping[str, str], notice: Mapping[str, Any]
) -> Update | None:
    """Add a notice to a batch as read (None if the batch already took its event); the
    due time stays, so the first notice sets when the email goes."""
    remembered: list[str] = batch["event_ids"]
    if notice["event_id"] in remembered:
        return None
    changes: dict[str, Any] = {"to": address, **about}
    if len(batch["notices"]) < MAX_LISTED:
        changes["notices"] = [*batch["notices"], notice]
    if len(remembered) < MAX_REMEMBERED:
        changes["event_ids"] = [*remembered, notice["event_id"]]
    return Update(
        batch["pk"],
        batch["sk"],
        set=changes,
        add={"count": 1, "version": 1},
        condition=Condition(equals={"version": batch["version"]}),
    )


def claimed(batch: Item, token: str, until: str) -> Update:
    """Take a batch to send it, if nobody changed it since it was read; until the lease
    ends (`until`) it is not due again."""
    return Update(
        batch["pk"],
        batch["sk"],
        set={
            "claim": token,
            "due": until,
            "gsi1sk": _queue_key(until, batch["user_id"], batch["issue"]),
        },
        add={"version": 1},
        condition=Condition(equals={"version": batch["version"]}),
    )


def rescheduled(batch: Item, token: str, due: str, failures: int, error: str) -> Update:
    """Put a claimed batch back in the queue to be tried again at `due`."""
    return Update(
        batch["pk"],
        batch["sk"],
        set={
            "due": due,
            "gsi1sk": _queue_key(due, batch["user_id"], batch["issue"]),
            "failures": failures,
            "last_error": error,
        },
        add={"version": 1},
        remove=("claim",),
        condition=Condition(equals={"claim": token}),
    )


def settled(current: Item, sent: Sent, due: str) -> Delete | Update:
    """Remove what a claimed batch sent (`sent`: the batch as it was claimed) from the
    batch as it is now: all of it, or what came in during the send, kept due at `due`."""
    left = current["count"] - sent.count
    version = Condition(equals={"version": current["version"]})
    if left <= 0:
        return Delete(current["pk"], current["sk"], version)
    return Update(
        current["pk"],
        current["sk"],
        set={
            "notices": [n for n in current["notices"] if n["event_id"] not in sent.event_ids],
            "count": left,
            "due": due,
            "gsi1sk": _queue_key(due, current["user_id"], current["issue"]),
            "failures": 0,
        },
        add={"version": 1},
        remove=("claim", "last_error"),
        condition=version,
    )


async def due_batches(table: Table, now: str) -> AsyncIterator[Sequence[Item]]:
    """Pages of the queue's entries due at `now` (index entries: read each batch again
    before acting on it, the index may lag)."""
    cursor: str | None = None
    while True:
        page = await table.query(
            keys.EMAIL_QUEUE,
            index="gsi1",
            sk=KeyCondition("lte", now + "~"),
            limit=PAGE,
            cursor=cursor,
        )
        if page.items:
            yield page.items
        if page.cursor is None:
            return
        cursor = page.cursor
