"""What only the S3 blob adapter does: presigned URLs, metadata, no leftovers, its errors.

moto enforces nothing on presigned requests, so the tests check the URL and the policy
the adapter signs, and that moto serves them end to end.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from botocore.exceptions import ClientError

from taskdeck.adapters.blobs.s3 import S3Blobs, default_client, translate
from taskdeck.ports import BlobStoreUnavailable, BlobTooLarge
from tests.s3_buckets import TEST_PART_BYTES, fresh_bucket

pytestmark = pytest.mark.anyio

MIB = 1024 * 1024


@pytest.fixture
def bucket(moto_endpoint: str) -> Iterator[str]:
    """A fresh bucket on the moto server."""
    with fresh_bucket() as name:
        yield name


@pytest.fixture
def blobs(bucket: str) -> S3Blobs:
    """The adapter on the fresh bucket, with the smallest part size S3 allows."""
    return S3Blobs(bucket, part_bytes=TEST_PART_BYTES)


async def chunks_of(data: bytes, size: int = MIB) -> AsyncIterator[bytes]:
    """`data` as an async stream of chunks of `size` bytes."""
    for start in range(0, len(data), size):
        yield data[start : start + size]


async def test_a_presigned_download_is_sigv4_and_names_the_file(blobs: S3Blobs) -> None:
    await blobs.put("p1/a1", chunks_of(b"%PDF-1.7 report"), max_bytes=100)
    url = await blobs.download_url(
        "p1/a1",
        filename="Résumé 2026.pdf",
        content_type="application/pdf",
        expires=timedelta(minutes=5),
    )
    assert url is not None
    query = {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}
    assert query["X-Amz-Algorithm"] == "AWS4-HMAC-SHA256"
    assert query["X-Amz-Expires"] == "300"
    assert query["response-content-type"] == "application/pdf"
    disposition = query["response-content-disposition"]
    assert disposition == (
        "attachment; filename=\"R_sum_ 2026.pdf\"; filename*=UTF-8''R%C3%A9sum%C3%A9%202026.pdf"
    )
    async with httpx.AsyncClient() as http:
        response = await http.get(url)
    assert response.status_code == 200
    assert response.content == b"%PDF-1.7 report"
    assert response.headers["content-disposition"] == disposition
    assert response.headers["content-type"] == "application/pdf"


async def test_a_presigned_upload_form_caps_the_size_and_uploads(blobs: S3Blobs) -> None:
    form = await blobs.upload_url(
        "p1/a2", content_type="image/png", max_bytes=1000, expires=timedelta(minutes=10)
    )
    assert form is not None
    policy = json.loads(base64.b64decode(form.fields["policy"]))
    assert ["content-length-range", 0, 1000] in policy["conditions"]
    assert {"Content-Type": "image/png"} in policy["conditions"]
    assert {"key": "p1/a2"} in policy["conditions"]
    assert form.fields["x-amz-algorithm"] == "AWS4-HMAC-SHA256"
    async with httpx.AsyncClient() as http:
        file = {"file": ("a.png", b"\x89PNG")}
        response = await http.post(form.url, data=form.fields, files=file)
    assert response.status_code == 204
    assert b"".join([chunk async for chunk in await blobs.open("p1/a2")]) == b"\x89PNG"


@pytest.mark.parametrize("size", [10, 2 * TEST_PART_BYTES + 1], ids=["single", "multipart"])
async def test_the_sha256_and_content_type_are_recorded_on_the_object(
    blobs: S3Blobs, bucket: str, size: int
) -> None:
    data = b"z" * size
    await blobs.put("p1/a3", chunks_of(data), max_bytes=size, content_type="text/plain")
    head = default_client().head_object(Bucket=bucket, Key="p1/a3")
    assert head["Metadata"]["sha256"] == hashlib.sha256(data).hexdigest()
    assert head["ContentType"] == "text/plain"
    assert head["ContentLength"] == size


async def test_an_oversized_multipart_upload_is_aborted(blobs: S3Blobs, bucket: str) -> None:
    with pytest.raises(BlobTooLarge):
        await blobs.put(
            "p1/big", chunks_of(b"x" * (3 * TEST_PART_BYTES)), max_bytes=2 * TEST_PART_BYTES + 1
        )
    client = default_client()
    assert client.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []
    assert client.list_objects_v2(Bucket=bucket).get("Contents", []) == []


async def test_a_missing_bucket_says_how_to_create_it(moto_endpoint: str) -> None:
    blobs = S3Blobs("no-such-bucket")
    with pytest.raises(BlobStoreUnavailable, match=r"no-such-bucket.*taskdeck aws-init"):
        await blobs.put("p1/a1", chunks_of(b"data"), max_bytes=10)
    with pytest.raises(BlobStoreUnavailable, match=r"no-such-bucket.*taskdeck aws-init"):
        await blobs.open("p1/a1")


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("AccessDenied", r"access to the S3 bucket 'files' was denied"),
        ("SlowDown", r"S3 is throttling requests to 'files'"),
        ("InternalError", r"S3 refused the request on 'files' \(InternalError\)"),
    ],
)
def test_refusals_become_clear_blob_errors(code: str, message: str) -> None:
    error = ClientError({"Error": {"Code": code, "Message": "..."}}, "PutObject")
    translated = translate(error, bucket="files", key="p1/a1")
    assert isinstance(translated, BlobStoreUnavailable)
    assert re.search(message, str(translated))
