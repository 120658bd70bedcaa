"""The ports: what the services need from the outside world, as small Protocols.

The `Table` port offers what DynamoDB offers and no more (see docs/storage.md), so that
every access pattern is written once, above the port, and runs on SQLite and DynamoDB.

The values the ports take and give are `NamedTuple`s: immutable, compared by value, and
made at import about eight times faster than frozen dataclasses on Python 3.11, whose
every generated method is compiled by an `exec` of its own (0.06 against 0.5 ms a class;
every process and every Lambda cold start makes them).
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Mapping, Sequence
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import Any, Final, Literal, NamedTuple, Protocol

Item = dict[str, Any]
"""One stored item: `pk`, `sk`, optional `gsiNpk`/`gsiNsk` pairs and JSON attributes."""

INDEXES = ("gsi1", "gsi2", "gsi3")
MAX_ITEM_BYTES = 400 * 1024
MAX_TRANSACTION_ITEMS = 100
MAX_BATCH_GET = 100
NOTHING: Final[Mapping[Any, Any]] = MappingProxyType({})
"""The empty mapping that values default to (read-only, so it can be shared)."""
EXPIRES_AT = "expires_at_epoch"
"""An item may hold this attribute (seconds since the epoch): the time after which nothing
needs it. DynamoDB's TTL deletes such items some time later; other stores keep them
until a service deletes them (the dispatcher trims the outbox)."""


class StoreError(Exception):
    """Base of the errors a `Table` adapter raises."""


class TransactionConflict(StoreError):
    """A condition of a transaction failed; nothing was written.

    `reasons` has one entry per operation, in order: None where the operation was fine,
    or a short code (`ConditionalCheckFailed`) where it was not.
    """

    def __init__(self, reasons: Sequence[str | None]) -> None:
        super().__init__(f"transaction cancelled: {list(reasons)}")
        self.reasons = list(reasons)

    def failed(self, index: int) -> bool:
        """Whether the operation at `index` is the one whose condition failed."""
        return index < len(self.reasons) and self.reasons[index] is not None


class InvalidCursor(StoreError):
    """A pagination cursor was garbage, tampered with, or from another query."""


class StoreUnavailable(StoreError):
    """The store could not take the request now (busy past its timeout, disk trouble)."""


class ItemTooLarge(StoreError):
    """An item would exceed the store's item size limit."""


class KeyCondition(NamedTuple):
    """A condition on the sort key of a query (the table's `sk` or an index's `gsiNsk`)."""

    op: Literal["eq", "begins_with", "between", "lt", "lte", "gt", "gte"]
    value: str
    upper: str | None = None

    @staticmethod
    def begins_with(prefix: str) -> KeyCondition:
        """Sort keys starting with `prefix`."""
        return KeyCondition("begins_with", prefix)

    @staticmethod
    def between(low: str, high: str) -> KeyCondition:
        """Sort keys from `low` to `high`, both included."""
        return KeyCondition("between", low, high)


class Adjacent(NamedTuple):
    """The place of one item (the anchor) in an index, and of the items next to it: up
    to `limit` of the same index partition whose index sort key is below its own
    (`below`) or above it, nearest first, never counting the item keyed `skip` (the one
    being moved beside it).

    What comes back are index entries, as a keys-only index projects them: `pk`, `sk`
    and the index's two key attributes, not the whole items: a move needs no more of
    its neighbours than where they are, and reading and parsing two whole issues for
    that was part of what kept a move slower than creating an issue (`docs/storage.md`)."""

    key: tuple[str, str]
    gsi: str
    """The index (`gsi1`, `gsi2`, `gsi3`)."""
    below: bool
    limit: int = 2
    skip: tuple[str, str] | None = None


class Condition(NamedTuple):
    """What must hold of the stored item for an operation to apply.

    `exists=True`: the item must exist; `exists=False`: it must not; `equals`: each named
    attribute must have exactly that value (None meaning the attribute is absent).
    """

    exists: bool | None = None
    equals: Mapping[str, Any] = NOTHING


NO_CONDITION = Condition()
MUST_EXIST = Condition(exists=True)
MUST_NOT_EXIST = Condition(exists=False)


class Put(NamedTuple):
    """Write a whole item, replacing any item with the same key."""

    item: Item
    condition: Condition = NO_CONDITION


class Update(NamedTuple):
    """Change some attributes of an existing item (it must exist, unless `create`)."""

    pk: str
    sk: str
    set: Mapping[str, Any] = NOTHING
    add: Mapping[str, int] = NOTHING
    remove: Sequence[str] = ()
    condition: Condition = NO_CONDITION
    create: bool = False
    """Create the item, holding only its key, when it is absent (an upsert): for
    counters that come into being with their first increment."""


class Delete(NamedTuple):
    """Remove an item (no error if it is absent, unless the condition says so)."""

    pk: str
    sk: str
    condition: Condition = NO_CONDITION


class Check(NamedTuple):
    """Write nothing, but cancel the transaction unless the condition holds."""

    pk: str
    sk: str
    condition: Condition


Operation = Put | Update | Delete | Check


class Page(NamedTuple):
    """One page of a query: items in order and an opaque cursor to the next page."""

    items: list[Item]
    cursor: str | None


class Table(Protocol):
    """A single-table key-value store with three sparse secondary indexes.

    Items may carry `search_text`; `search` finds the items of one partition whose text
    holds every word of a query. Words are runs of letters and digits, compared without
    case or diacritics; a query word matches any word of the text that it begins.
    """

    async def get(self, pk: str, sk: str) -> Item | None:
        """The item with this key, read consistently, or None."""
        ...

    async def batch_get(
        self, keys: Sequence[tuple[str, str]], *, adjacent: Adjacent | None = None
    ) -> list[Item]:
        """The items that exist among `keys` (at most 100), in no particular order, each
        once; with `adjacent`, also, in the same statement where the store can (SQLite),
        the index entries (`Adjacent`) of its anchor, unless asked for among `keys`, and
        of the items next to it in its index, unless asked for too (then whole). None
        when the anchor does not exist; the anchor's alone, without the index's
        attributes, when it is not in the index."""
        ...

    async def query(
        self,
        pk: str,
        *,
        index: str | None = None,
        sk: KeyCondition | None = None,
        forward: bool = True,
        limit: int = 50,
        cursor: str | None = None,
    ) -> Page:
        """Items of one partition of the table or of an index, ordered by sort key."""
        ...

    async def search(
        self, pk: str, text: str, *, limit: int = 50, cursor: str | None = None
    ) -> Page:
        """Items of partition `pk` whose `search_text` matches every word of `text`, in
        sort-key order."""
        ...

    def transact(self, operations: Sequence[Operation]) -> Awaitable[None]:
        """Apply every operation or none; raises `TransactionConflict` on a failed condition.

        Transactions are submitted in call order: one submitted after another, from the
        same process, is applied after it. The awaitable resolves once the write is
        durable.
        """
        ...

    async def ping(self) -> None:
        """Raise if the store cannot serve requests."""
        ...

    def close(self) -> None:
        """Release connections and threads."""
        ...


class Clock(Protocol):
    """The current time, injectable for tests."""

    def now(self) -> datetime:
        """The current UTC time, timezone-aware."""
        ...


class BlobError(Exception):
    """Base of the errors a `Blobs` adapter raises."""


class BlobNotFound(BlobError):
    """No blob is stored under the key."""


class BlobTooLarge(BlobError):
    """A blob exceeded its maximum size; nothing was stored."""


class InvalidBlobKey(BlobError):
    """A key could escape the store (`..`, absolute, backslash, control characters)."""


class BlobStoreUnavailable(BlobError):
    """The blob store cannot serve the request (missing bucket, access denied, throttled)."""


class StoredBlob(NamedTuple):
    """What was stored by a put: its size in bytes and its SHA-256 as hex."""

    size: int
    sha256: str


class UploadForm(NamedTuple):
    """A presigned form for a browser to POST a file to: `url` and the fields to send
    before the file field (the store enforces the size cap in the policy)."""

    url: str
    fields: dict[str, str]


class Blobs(Protocol):
    """A store of immutable byte blobs under keys the services make, such as
    `<project id>/<attachment id>`: segments separated by `/`, none empty or hidden."""

    async def put(
        self,
        key: str,
        chunks: AsyncIterable[bytes],
        *,
        max_bytes: int,
        content_type: str = "application/octet-stream",
    ) -> StoredBlob:
        """Stream `chunks` into the blob `key`, replacing any blob there; raises
        `BlobTooLarge` past `max_bytes`, leaving nothing stored."""
        ...

    async def open(self, key: str) -> AsyncIterator[bytes]:
        """The blob's bytes as chunks; raises `BlobNotFound` before the first chunk."""
        ...

    async def delete(self, key: str) -> None:
        """Remove the blob (no error if it is absent)."""
        ...

    def keys(self, prefix: str = "") -> AsyncIterator[str]:
        """Every stored key starting with `prefix`, in lexical order."""
        ...

    async def download_url(
        self, key: str, *, filename: str, content_type: str, expires: timedelta
    ) -> str | None:
        """A presigned URL that downloads the blob as an attachment named `filename`, or
        None when the adapter has no such URLs and the API streams the bytes itself."""
        ...

    async def upload_url(
        self, key: str, *, content_type: str, max_bytes: int, expires: timedelta
    ) -> UploadForm | None:
        """A presigned form for a direct browser upload of at most `max_bytes`, or None
        when uploads must go through the API."""
        ...


class IdentityUnavailable(Exception):
    """The identity provider could not be reached or refused to serve (not the caller's
    fault): an answer of 503."""


class Registration(NamedTuple):
    """A new account as the identity provider made it."""

    user_id: str
    confirmed: bool
    """False when the address must be confirmed (a code sent by email) before sign-in."""
    stored: dict[str, Any]
    """Attributes the provider keeps on the user item (locally, the password hash)."""


class Profile(NamedTuple):
    """Who signed in, as the identity provider knows them."""

    user_id: str
    email: str
    name: str


class Session(NamedTuple):
    """The tokens of a signed-in session."""

    access_token: str
    refresh_token: str
    expires_in: int
    profile: Profile | None = None
    """Set by providers that keep accounts outside the table (Cognito), so that an account
    made there can be recorded on first sign-in."""


class Identity(Protocol):
    """Who may sign in, and who a bearer token speaks for.

    Adapters raise the domain's errors for the caller's mistakes (`Unauthenticated`,
    `Conflict`, `ValidationFailed`, `Forbidden`, `RateLimited`) and `IdentityUnavailable`
    for their own trouble.
    """

    requires_confirmation: bool
    """Whether new accounts must confirm their address before they sign in."""

    refresh_ttl_seconds: int
    """How long a refresh token stays usable (the web app's session cookie lives as long)."""

    async def register(self, email: str, password: str, name: str) -> Registration:
        """Create the credentials of a new account (the caller has normalised the email
        and checked the password and name against the domain's rules)."""

    async def confirm(self, email: str, code: str) -> None:
        """Confirm a new account's address with the code sent to it."""

    async def log_in(self, email: str, password: str) -> Session:
        """Tokens for a correct email and password."""

    async def refresh(self, refresh_token: str) -> Session:
        """New tokens for a current refresh token."""

    async def log_out(self, refresh_token: str) -> None:
        """End the session of a refresh token (no error if it already ended)."""

    async def verify(self, access_token: str) -> str:
        """The user id an access token speaks for; `Unauthenticated` if none."""


class DeliveryFailed(Exception):
    """A `Notifier` could not deliver a message. `permanent`: sending it again cannot
    succeed (the address or the message was refused); otherwise try again later."""

    def __init__(self, reason: str, *, permanent: bool) -> None:
        super().__init__(reason)
        self.permanent = permanent


class OutgoingEmail(NamedTuple):
    """A rendered notice for one person: what an email (or a published message) carries."""

    to: str
    """The person's email address."""
    user_id: str
    subject: str
    text: str
    html: str
    settings_url: str
    """Where the person changes or stops these messages (`List-Unsubscribe`)."""
    kinds: tuple[str, ...]
    """The kinds of notification it gathers (`comment`, `assigned`, ...), in order."""
    project: str
    """The project's key."""
    issue: str
    """The issue's key."""


class Notifier(Protocol):
    """Delivers notices to people outside Taskdeck (SMTP locally, an SNS topic on AWS)."""

    async def send(self, message: OutgoingEmail) -> None:
        """Deliver one message; raises `DeliveryFailed` when it could not."""
        ...


class EmailSubscriptions(Protocol):
    """Who a `Notifier` that publishes (SNS) reaches: each address is subscribed to the
    messages of its user. A notifier that addresses each email itself (SMTP) needs none."""

    async def subscribe(self, user_id: str, address: str) -> str:
        """Subscribe `address` to the messages meant for `user_id`; the subscription's id
        (to unsubscribe with). Subscribing the same pair again gives the same id.
        Raises `DeliveryFailed` when the service refused or could not be reached."""
        ...

    async def unsubscribe(self, subscription: str) -> None:
        """End a subscription (no error if it had already ended); `DeliveryFailed` as above."""
        ...


class WebhookUnreachable(Exception):
    """A webhook's host did not resolve, could not be reached, or did not answer in time."""


class WebhookTransport(Protocol):
    """How webhook deliveries travel: name resolution and one HTTP POST each."""

    async def resolve(self, host: str, port: int) -> list[str]:
        """The IP addresses `host` resolves to (an address literal: itself);
        `WebhookUnreachable` when it resolves to none."""
        ...

    async def post(self, url: str, *, address: str, body: bytes, headers: Mapping[str, str]) -> int:
        """POST `body` to `url`, connecting to `address` (checked by the caller) rather
        than resolving the host again; the answer's status. Redirects are not followed;
        `WebhookUnreachable` on a network error or a timeout."""
        ...

    async def close(self) -> None:
        """Release connections."""
        ...
