"""The contract of the `Blobs` port: what every blob adapter must do alike."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from taskdeck.ports import BlobNotFound, Blobs, BlobTooLarge, InvalidBlobKey

pytestmark = pytest.mark.anyio

MIB = 1024 * 1024
BAD_KEYS = ["", "../x", "a/../../x", "/etc/passwd", "a\\b", "a\x00b", "a//b", "a/./b", "a/", ".x"]


def _local(path: Path) -> Blobs:
    from taskdeck.adapters.blobs.local import LocalBlobs

    return LocalBlobs(path / "blobs")


@pytest.fixture(params=["local", "s3"])
def blobs(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Blobs]:
    """An empty store of each adapter (S3: a fresh bucket on the moto server)."""
    if request.param == "local":
        yield _local(tmp_path)
        return
    request.getfixturevalue("moto_endpoint")
    from taskdeck.adapters.blobs.s3 import S3Blobs
    from tests.s3_buckets import TEST_PART_BYTES, fresh_bucket

    with fresh_bucket() as bucket:
        yield S3Blobs(bucket, part_bytes=TEST_PART_BYTES)


async def chunks_of(data: bytes, size: int = MIB) -> AsyncIterator[bytes]:
    """`data` as an async stream of chunks of `size` bytes."""
    for start in range(0, len(data), size):
        yield data[start : start + size]


async def read(blobs: Blobs, key: str) -> bytes:
    """The whole blob, joined from its chunks."""
    return b"".join([chunk async for chunk in await blobs.open(key)])


async def all_keys(blobs: Blobs, prefix: str = "") -> list[str]:
    """Every key under `prefix`."""
    return [key async for key in blobs.keys(prefix)]


@pytest.mark.parametrize(
    "size", [0, 3, MIB + 17, 11 * MIB + 5], ids=["empty", "small", "chunks", "parts"]
)
async def test_a_blob_reads_back_as_written_with_its_size_and_sha256(
    blobs: Blobs, size: int
) -> None:
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    stored = await blobs.put("p1/a1", chunks_of(data), max_bytes=size)
    assert (stored.size, stored.sha256) == (size, hashlib.sha256(data).hexdigest())
    assert await read(blobs, "p1/a1") == data


async def test_a_put_replaces_the_blob_under_the_same_key(blobs: Blobs) -> None:
    await blobs.put("p1/a1", chunks_of(b"old"), max_bytes=10)
    await blobs.put("p1/a1", chunks_of(b"newer"), max_bytes=10)
    assert await read(blobs, "p1/a1") == b"newer"


@pytest.mark.parametrize("size", [101, 7 * MIB], ids=["small", "past-a-part"])
async def test_a_blob_over_its_maximum_is_refused_and_nothing_is_stored(
    blobs: Blobs, size: int
) -> None:
    limit = min(size - 1, 6 * MIB)
    with pytest.raises(BlobTooLarge):
        await blobs.put("p1/big", chunks_of(b"x" * size), max_bytes=limit)
    with pytest.raises(BlobNotFound):
        await blobs.open("p1/big")
    assert await all_keys(blobs) == []


async def test_a_failed_stream_stores_nothing(blobs: Blobs) -> None:
    async def failing() -> AsyncIterator[bytes]:
        yield b"some bytes"
        raise ConnectionResetError("client went away")

    with pytest.raises(ConnectionResetError):
        await blobs.put("p1/a1", failing(), max_bytes=100)
    assert await all_keys(blobs) == []


async def test_a_missing_blob_is_not_found(blobs: Blobs) -> None:
    with pytest.raises(BlobNotFound):
        await blobs.open("p1/nothing")


async def test_delete_removes_the_blob_and_may_be_repeated(blobs: Blobs) -> None:
    await blobs.put("p1/a1", chunks_of(b"data"), max_bytes=10)
    await blobs.delete("p1/a1")
    await blobs.delete("p1/a1")
    await blobs.delete("p2/never-stored")
    with pytest.raises(BlobNotFound):
        await blobs.open("p1/a1")


async def test_keys_lists_the_blobs_under_a_prefix_in_order(blobs: Blobs) -> None:
    for key in ["p2/b", "p1/b", "p1/a", "p10/a"]:
        await blobs.put(key, chunks_of(b"."), max_bytes=1)
    assert await all_keys(blobs, "p1/") == ["p1/a", "p1/b"]
    assert await all_keys(blobs) == ["p1/a", "p1/b", "p10/a", "p2/b"]
    assert await all_keys(blobs, "p3/") == []


@pytest.mark.parametrize("key", BAD_KEYS)
async def test_keys_that_could_escape_are_refused(blobs: Blobs, key: str) -> None:
    with pytest.raises(InvalidBlobKey):
        await blobs.put(key, chunks_of(b"x"), max_bytes=1)
    with pytest.raises(InvalidBlobKey):
        await blobs.open(key)
    with pytest.raises(InvalidBlobKey):
        await blobs.delete(key)
    with pytest.raises(InvalidBlobKey):
        await all_keys(blobs, key + "/" if key else "../")
