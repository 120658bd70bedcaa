"""A file field of a `multipart/form-data` body, read as a stream.

Starlette's `request.form()` would spool the whole body to a temporary file before the
route sees a byte, so a 10 GB upload would fill the disk before the size cap could
refuse it, and every upload would be written twice. Here python-multipart's streaming
parser is fed from `request.stream()` only as fast as the blob store takes the file's
bytes: memory holds one coalesced chunk per upload, the cap is enforced by the store's
`put` as the bytes pass, and a client that stops sending leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Final, NamedTuple

from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

from taskdeck.domain.errors import BadRequest

CHUNK_BYTES: Final = 256 * 1024
"""File bytes are handed on in chunks of about this size (the request arrives in
pieces of a few KiB: one disk write or S3 part append per piece would be slow)."""


MAX_HEADER_BYTES: Final = 32 * 1024


def _text(raw: bytes | None) -> str | None:
    """A header parameter as text: UTF-8 as browsers send it, else Latin-1."""
    if raw is None:
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def boundary_of(content_type: str | None) -> bytes | None:
    """The boundary of a `multipart/form-data` content type, or None if it is not one."""
    media, options = parse_options_header(content_type or "")
    if media != b"multipart/form-data":
        return None
    boundary = options.get(b"boundary")
    if not boundary or len(boundary) > 200:
        raise BadRequest("a multipart/form-data body needs a boundary of 1 to 200 characters")
    return boundary


class FilePart(NamedTuple):
    """The file field's name and declared type as the client sent them, and its bytes."""

    filename: str | None
    content_type: str | None
    chunks: AsyncIterator[bytes]


class MultipartFileReader:
    """Finds the first part named `field` in a multipart body and streams its bytes;
    other parts are skipped as they pass."""

    def __init__(self, body: AsyncIterator[bytes], boundary: bytes, field: str) -> None:
        self._body = body
        self._field = field.encode()
        self._parser = MultipartParser(
            boundary,
            {
                "on_part_begin": self._part_begin,
                "on_header_field": self._header_field,
                "on_header_value": self._header_value,
                "on_header_end": self._header_end,
                "on_headers_finished": self._headers_finished,
                "on_part_data": self._part_data,
                "on_part_end": self._part_end,
                "on_end": self._end,
            },
            # Room for a long file name (a 5,000-character one is shortened, not refused).
            max_header_size=MAX_HEADER_BYTES,
        )
        self._name, self._value = bytearray(), bytearray()
        self._headers: dict[bytes, bytes] = {}
        self._found: FilePart | None = None
        self._in_file = self._file_done = self._ended = self._received = False
        self._ready: list[bytes] = []
        self._ready_bytes = 0

    # --- parser callbacks (called synchronously from `write`) ---------------------------

    def _part_begin(self) -> None:
        self._headers = {}

    def _header_field(self, data: bytes, start: int, end: int) -> None:
        self._name += data[start:end]

    def _header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def _header_end(self) -> None:
        self._headers[bytes(self._name).strip().lower()] = bytes(self._value).strip()
        self._name, self._value = bytearray(), bytearray()

    def _headers_finished(self) -> None:
        if self._found is not None:
            return
        disposition, options = parse_options_header(self._headers.get(b"content-disposition"))
        if disposition != b"form-data" or options.get(b"name") != self._field:
            return
        declared = self._headers.get(b"content-type")
        self._in_file = True
        self._found = FilePart(
            filename=_text(options.get(b"filename")),
            content_type=declared.decode("latin-1") if declared else None,
            chunks=self._file_chunks(),
        )

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        if self._in_file and end > start:
            self._ready.append(data[start:end])
            self._ready_bytes += end - start

    def _part_end(self) -> None:
        if self._in_file:
            self._in_file, self._file_done = False, True

    def _end(self) -> None:
        self._ended = True

    # --- reading -----------------------------------------------------------------------

    async def _feed(self) -> bool:
        """Parse the next piece of the body; False once the body has ended."""
        piece = await anext(self._body, None)
        if piece is None:
            if not self._ended and self._received:
                raise BadRequest("the multipart body ended before its closing boundary")
            return False
        self._received = self._received or bool(piece)
        try:
            self._parser.write(piece)
        except MultipartParseError as error:
            raise BadRequest(f"the multipart body is malformed: {error}") from None
        return True

    async def file(self) -> FilePart | None:
        """The file part, once its headers have been read; None if the body has none."""
        while self._found is None and not self._ended:
            if not await self._feed():
                break
        return self._found

    def _take(self) -> bytes:
        chunk = b"".join(self._ready)
        self._ready.clear()
        self._ready_bytes = 0
        return chunk

    async def _file_chunks(self) -> AsyncIterator[bytes]:
        while not self._file_done:
            if self._ready_bytes >= CHUNK_BYTES:
                yield self._take()
            elif not await self._feed():
                break
        if not self._file_done:
            raise BadRequest("the multipart body ended inside the file")
        if self._ready_bytes:
            yield self._take()
