"""What every `Blobs` adapter checks of a key, and the download header of a file name."""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import quote

from taskdeck.ports import InvalidBlobKey

MAX_KEY_LENGTH: Final = 512
# A segment: no control characters, no backslash, not empty, not hidden (".", "..",
# ".tmp-…": the local adapter's temporary files start with a dot).
_SEGMENT: Final = re.compile(r"[^\x00-\x1f\x7f\\/.][^\x00-\x1f\x7f\\/]*")
_UNSAFE_IN_QUOTES: Final = re.compile(r'[^\x20-\x7e]|["\\]')


def check_key(key: str) -> str:
    """`key` itself if it is a safe relative key, else raise `InvalidBlobKey`."""
    if not key or len(key) > MAX_KEY_LENGTH:
        raise InvalidBlobKey(f"a blob key has 1 to {MAX_KEY_LENGTH} characters")
    if not all(_SEGMENT.fullmatch(segment) for segment in key.split("/")):
        raise InvalidBlobKey(f"unsafe blob key {key!r}")
    return key


def check_prefix(prefix: str) -> str:
    """`prefix` itself if it may begin a safe key (empty, or ending with `/`), else raise."""
    if prefix:
        check_key(prefix.removesuffix("/"))
    return prefix


def content_disposition(filename: str) -> str:
    """`attachment` with `filename` as an ASCII fallback and as RFC 6266 `filename*`."""
    fallback = _UNSAFE_IN_QUOTES.sub("_", filename) or "download"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
