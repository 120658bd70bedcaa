"""Opaque, tamper-evident pagination cursors shared by the storage adapters.

A cursor is the position after the last item of a page, bound to the query it came
from and signed with HMAC-SHA256: a garbage, edited or foreign cursor is refused.
"""

from __future__ import annotations

import base64
import binascii
import hmac
from typing import Any

import orjson

from taskdeck.ports import InvalidCursor

_TAG_BYTES = 16


class CursorCodec:
    """Signs and verifies cursors with a key private to this deployment."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def _tag(self, query: str, body: bytes) -> bytes:
        message = query.encode() + b"\x00" + body
        return hmac.digest(self._key, message, "sha256")[:_TAG_BYTES]

    def encode(self, query: str, position: Any) -> str:
        """A cursor for `position` (any JSON value) within the query named by `query`."""
        body = orjson.dumps(position)
        return base64.urlsafe_b64encode(self._tag(query, body) + body).decode().rstrip("=")

    def decode(self, query: str, cursor: str) -> Any:
        """The position a cursor holds; `InvalidCursor` unless it was made for `query`."""
        if len(cursor) > 4096:
            raise InvalidCursor("cursor is too long")
        try:
            raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        except (binascii.Error, ValueError) as error:
            raise InvalidCursor("cursor is not valid") from error
        tag, body = raw[:_TAG_BYTES], raw[_TAG_BYTES:]
        if len(tag) != _TAG_BYTES or not hmac.compare_digest(tag, self._tag(query, body)):
            raise InvalidCursor("cursor is not valid for this query")
        try:
            return orjson.loads(body)
        except orjson.JSONDecodeError as error:
            raise InvalidCursor("cursor is not valid") from error
