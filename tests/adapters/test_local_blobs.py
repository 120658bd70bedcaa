"""What only the local blob adapter does: atomic files that stay inside their directory."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from taskdeck.adapters.blobs.local import LocalBlobs
from taskdeck.ports import BlobTooLarge, InvalidBlobKey

pytestmark = pytest.mark.anyio


async def chunks_of(*chunks: bytes) -> AsyncIterator[bytes]:
    """The chunks as an async stream."""
    for chunk in chunks:
        yield chunk


def files_under(root: Path) -> list[str]:
    """Every file under `root`, temporary ones included."""
    return [name for _, _, names in os.walk(root) for name in names]


async def test_a_failed_put_leaves_no_temporary_file_and_keeps_the_old_blob(
    tmp_path: Path,
) -> None:
    blobs = LocalBlobs(tmp_path / "blobs")
    await blobs.put("p1/a1", chunks_of(b"old"), max_bytes=10)
    with pytest.raises(BlobTooLarge):
        await blobs.put("p1/a1", chunks_of(b"new", b"too long"), max_bytes=10)
    assert files_under(tmp_path / "blobs") == ["a1"]
    assert (tmp_path / "blobs" / "p1" / "a1").read_bytes() == b"old"


async def test_keys_cannot_leave_the_blob_directory(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "blobs"
    root.mkdir()
    (root / "link").symlink_to(outside, target_is_directory=True)
    blobs = LocalBlobs(root)
    for key in ["../outside/x", "link/x"]:
        with pytest.raises(InvalidBlobKey):
            await blobs.put(key, chunks_of(b"x"), max_bytes=1)
    assert list(outside.iterdir()) == []


async def test_local_blobs_are_served_by_the_api_not_by_urls(tmp_path: Path) -> None:
    blobs = LocalBlobs(tmp_path / "blobs")
    week = timedelta(days=7)
    assert await blobs.download_url("p/a", filename="a", content_type="a/b", expires=week) is None
    assert await blobs.upload_url("p/a", content_type="a/b", max_bytes=1, expires=week) is None
