"""Rules for uploaded files: a safe display name, and a content type read from the bytes.

The declared type of an upload is the client's word and is never trusted for anything
that matters: the type stored (and served) comes from the file's first bytes, and is
never one a browser would run (HTML, SVG, XML, JavaScript), so an upload cannot act in
the app's origin even if it were ever shown inline.
"""

from __future__ import annotations

import unicodedata
from typing import Final

MAX_FILENAME_CHARS: Final = 255
MAX_EXTENSION_CHARS: Final = 16
SNIFF_BYTES: Final = 4096
"""How many leading bytes the sniffer reads (the text heuristic uses them all)."""
DEFAULT_FILENAME: Final = "file"
OCTET_STREAM: Final = "application/octet-stream"
TEXT: Final = "text/plain"

_MAGIC: Final[tuple[tuple[int, bytes, str], ...]] = (
    (0, b"\x89PNG\r\n\x1a\n", "image/png"),
    (0, b"\xff\xd8\xff", "image/jpeg"),
    (0, b"GIF87a", "image/gif"),
    (0, b"GIF89a", "image/gif"),
    (0, b"%PDF-", "application/pdf"),
    (0, b"PK\x03\x04", "application/zip"),
    (0, b"PK\x05\x06", "application/zip"),
    (0, b"\x1f\x8b", "application/gzip"),
    (0, b"BM", "image/bmp"),
    (0, b"7z\xbc\xaf\x27\x1c", "application/x-7z-compressed"),
    (4, b"ftypisom", "video/mp4"),
    (4, b"ftypmp42", "video/mp4"),
)
"""(offset, magic bytes, type): the binary formats recognised by their signature."""

_ZIP_BASED: Final = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.presentation",
        "application/epub+zip",
        "application/java-archive",
    }
)
"""Declared types kept when the bytes are a ZIP archive (documents that are ZIPs)."""

_TEXT_KINDS: Final = frozenset({"text/plain", "text/csv", "text/markdown", "application/json"})
"""Declared types kept when the bytes are text: none of them runs in a browser."""

_CONTROL_ALLOWED_IN_TEXT: Final = frozenset(b"\t\n\r\x0c\x1b")


def _media(declared: str | None) -> str:
    return (declared or "").split(";", 1)[0].strip().lower()


def _looks_like_text(head: bytes, *, complete: bool) -> bool:
    """UTF-8 (a multi-byte character cut at the end of `head` is fine unless the file
    ended there) with no NUL and few other control characters."""
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        cut_at_end = error.start >= len(head) - 3 and error.reason == "unexpected end of data"
        if complete or not cut_at_end:
            return False
    controls = sum(1 for byte in head if byte < 0x20 and byte not in _CONTROL_ALLOWED_IN_TEXT)
    return controls * 100 <= len(head)


def sniff(head: bytes, declared: str | None, *, complete: bool = False) -> str:
    """The content type to store for a file that begins with `head` (`complete`: the
    whole file). A known signature decides; text is `text/plain` (or a declared CSV,
    Markdown or JSON); anything else is `application/octet-stream`."""
    declared_media = _media(declared)
    for offset, magic, kind in _MAGIC:
        if head[offset : offset + len(magic)] == magic:
            if kind == "application/zip" and declared_media in _ZIP_BASED:
                return declared_media
            return kind
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head and _looks_like_text(head, complete=complete):
        return declared_media if declared_media in _TEXT_KINDS else TEXT
    return OCTET_STREAM


def _clean(text: str) -> str:
    """Without control and format characters (bidi overrides hide a real extension),
    whitespace runs as one space, and trimmed of spaces and dots at both ends."""
    kept = []
    for character in unicodedata.normalize("NFC", text):
        category = unicodedata.category(character)
        if category.startswith("Z") or character in "\t\n\r":
            kept.append(" ")
        elif category not in ("Cc", "Cf", "Cs", "Co", "Cn"):
            kept.append(character)
    return " ".join("".join(kept).split()).strip(" .")


def normalise_filename(raw: str | None) -> str:
    """A display name for an uploaded file: the last part of any path, cleaned, at most
    255 characters (keeping a short extension); `file` when nothing is left."""
    last = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = _clean(last)
    if len(name) > MAX_FILENAME_CHARS:
        stem, dot, extension = name.rpartition(".")
        if dot and stem and 0 < len(extension) <= MAX_EXTENSION_CHARS:
            keep = MAX_FILENAME_CHARS - len(extension) - 1
            name = f"{stem[:keep].rstrip(' .')}.{extension}"
        else:
            name = name[:MAX_FILENAME_CHARS].rstrip(" .")
    return name or DEFAULT_FILENAME
