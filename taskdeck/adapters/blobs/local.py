"""The `Blobs` port on files under `<data dir>/blobs/`.

A put streams into a temporary file beside its target, fsyncs it and renames it into
place, so a reader sees the whole old blob or the whole new one, never a part. File I/O
runs on threads, one call per chunk, so the event loop never waits on the disk.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import tempfile
from collections.abc import AsyncIterable, AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import BinaryIO, Final

from taskdeck.adapters.blobs.keys import check_key, check_prefix
from taskdeck.ports import BlobNotFound, BlobTooLarge, InvalidBlobKey, StoredBlob, UploadForm

READ_CHUNK_BYTES: Final = 1024 * 1024
_TEMPORARY_PREFIX: Final = ".tmp-"


def _fsync_directory(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _commit(file: BinaryIO, temporary: Path, target: Path) -> None:
    file.flush()
    os.fsync(file.fileno())
    file.close()
    os.replace(temporary, target)
    _fsync_directory(target.parent)


def _open_temporary(directory: Path) -> tuple[BinaryIO, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    descriptor, name = tempfile.mkstemp(dir=directory, prefix=_TEMPORARY_PREFIX)
    return os.fdopen(descriptor, "wb"), Path(name)


def _discard(file: BinaryIO, temporary: Path) -> None:
    file.close()
    temporary.unlink(missing_ok=True)


class LocalBlobs:
    """Blobs as files under `root`, which path tricks in keys cannot leave."""

    def __init__(self, root: Path) -> None:
        self._root = root.resolve()

    def _path(self, key: str) -> Path:
        path = (self._root / check_key(key)).resolve()
        if not path.is_relative_to(self._root) or path == self._root:
            raise InvalidBlobKey(f"blob key {key!r} leaves the blob directory")
        return path

    async def put(
        self,
        key: str,
        chunks: AsyncIterable[bytes],
        *,
        max_bytes: int,
        content_type: str = "application/octet-stream",
    ) -> StoredBlob:
        """Stream `chunks` into a temporary file, then rename it to the key's path."""
        target = self._path(key)
        file, temporary = await asyncio.to_thread(_open_temporary, target.parent)
        digest, size = hashlib.sha256(), 0
        try:
            async for chunk in chunks:
                size += len(chunk)
                if size > max_bytes:
                    raise BlobTooLarge(f"blob {key!r} exceeds {max_bytes} bytes")
                digest.update(chunk)
                await asyncio.to_thread(file.write, chunk)
            await asyncio.to_thread(_commit, file, temporary, target)
        except BaseException:
            await asyncio.to_thread(_discard, file, temporary)
            raise
        return StoredBlob(size=size, sha256=digest.hexdigest())

    async def open(self, key: str) -> AsyncIterator[bytes]:
        """The file's bytes in chunks of up to 1 MiB."""
        path = self._path(key)
        try:
            file = await asyncio.to_thread(path.open, "rb")
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError) as error:
            raise BlobNotFound(f"no blob {key!r}") from error
        return self._read(file)

    @staticmethod
    async def _read(file: BinaryIO) -> AsyncIterator[bytes]:
        try:
            while chunk := await asyncio.to_thread(file.read, READ_CHUNK_BYTES):
                yield chunk
        finally:
            file.close()

    async def delete(self, key: str) -> None:
        """Remove the file if it exists."""
        path = self._path(key)
        with contextlib.suppress(FileNotFoundError, NotADirectoryError, IsADirectoryError):
            await asyncio.to_thread(path.unlink)

    async def keys(self, prefix: str = "") -> AsyncIterator[str]:
        """Keys of the stored files (not of temporary ones) starting with `prefix`."""
        check_prefix(prefix)
        for key in await asyncio.to_thread(self._all_keys):
            if key.startswith(prefix):
                yield key

    def _all_keys(self) -> list[str]:
        found = []
        for directory, _, files in os.walk(self._root):
            for name in files:
                if not name.startswith(_TEMPORARY_PREFIX):
                    found.append((Path(directory) / name).relative_to(self._root).as_posix())
        return sorted(found)

    async def download_url(
        self, key: str, *, filename: str, content_type: str, expires: timedelta
    ) -> str | None:
        """None: the API streams local blobs itself."""
        return None

    async def upload_url(
        self, key: str, *, content_type: str, max_bytes: int, expires: timedelta
    ) -> UploadForm | None:
        """None: local uploads go through the API."""
        return None
