"""Fresh S3 buckets on the moto server, for the tests of the S3 blob adapter."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from taskdeck.adapters.blobs.s3 import default_client

# moto, like S3, refuses parts below 5 MiB but the last: the smallest part size there is.
TEST_PART_BYTES = 5 * 1024 * 1024


@contextmanager
def fresh_bucket() -> Iterator[str]:
    """The name of a new, empty bucket, emptied and deleted afterwards."""
    client = default_client()
    name = f"blobs-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=name)
    yield name
    uploads = client.list_multipart_uploads(Bucket=name).get("Uploads", [])
    for upload in uploads:
        client.abort_multipart_upload(Bucket=name, Key=upload["Key"], UploadId=upload["UploadId"])
    for entry in client.list_objects_v2(Bucket=name).get("Contents", []):
        client.delete_object(Bucket=name, Key=entry["Key"])
    client.delete_bucket(Bucket=name)
