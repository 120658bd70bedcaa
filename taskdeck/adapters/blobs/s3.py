"""The `Blobs` port on one S3 bucket.

A put sends one PutObject below the part size and a multipart upload above it, holding
at most one part in memory; any failure, or a blob past its maximum, aborts the upload
so that nothing is left behind. The SHA-256 is computed while streaming: S3 checks each
request against it (`ChecksumSHA256`) and keeps the whole blob's as `sha256` metadata.
boto3 is blocking, so every call runs on a thread; it is imported by this module only.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
from collections.abc import AsyncIterable, AsyncIterator, Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Final

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from taskdeck.adapters.aws_clients import shared_client
from taskdeck.adapters.blobs.keys import check_key, check_prefix, content_disposition
from taskdeck.ports import (
    BlobError,
    BlobNotFound,
    BlobStoreUnavailable,
    BlobTooLarge,
    StoredBlob,
    UploadForm,
)

if TYPE_CHECKING:
    from types_boto3_s3.client import S3Client
    from types_boto3_s3.type_defs import CompletedPartTypeDef

ClientFactory = Callable[[], "S3Client"]

PART_BYTES: Final = 8 * 1024 * 1024
READ_CHUNK_BYTES: Final = 1024 * 1024
_MISSING: Final = frozenset({"NoSuchKey", "404", "NotFound"})
_DENIED: Final = frozenset({"AccessDenied", "403", "InvalidAccessKeyId", "SignatureDoesNotMatch"})
_THROTTLED: Final = frozenset({"SlowDown", "Throttling", "ThrottlingException", "503"})


def default_client() -> S3Client:
    """The process's S3 client, built once on first use from boto3's standard
    configuration (`AWS_ENDPOINT_URL`, `AWS_REGION`, credentials), signing with SigV4."""
    config = Config(signature_version="s3v4", retries={"mode": "adaptive", "max_attempts": 10})
    client: S3Client = shared_client("s3", config)
    return client


def translate(error: ClientError | BotoCoreError, *, bucket: str, key: str = "") -> BlobError:
    """The port's error for a failed request on `bucket` (after botocore's retries)."""
    if isinstance(error, BotoCoreError):
        return BlobStoreUnavailable(f"S3 could not be reached: {error}")
    code = str(error.response.get("Error", {}).get("Code", ""))
    if code == "NoSuchBucket":
        return BlobStoreUnavailable(
            f"the S3 bucket {bucket!r} does not exist: create it with `taskdeck aws-init`"
        )
    if code in _MISSING:
        return BlobNotFound(f"no blob {key!r}")
    if code in _DENIED:
        return BlobStoreUnavailable(f"access to the S3 bucket {bucket!r} was denied ({code})")
    if code in _THROTTLED:
        return BlobStoreUnavailable(f"S3 is throttling requests to {bucket!r}: retry later")
    return BlobStoreUnavailable(f"S3 refused the request on {bucket!r} ({code})")


def _checksum(data: bytes) -> str:
    return base64.b64encode(hashlib.sha256(data).digest()).decode()


class _MultipartUpload:
    """One multipart upload in progress: parts sent so far, and how to finish or abort."""

    def __init__(
        self, client: S3Client, *, bucket: str, key: str, content_type: str, upload_id: str
    ) -> None:
        self._client, self._bucket, self._key = client, bucket, key
        self._content_type, self.upload_id = content_type, upload_id
        self._parts: list[CompletedPartTypeDef] = []

    @classmethod
    def start(
        cls, client: S3Client, *, bucket: str, key: str, content_type: str
    ) -> _MultipartUpload:
        """Begin a multipart upload whose parts carry SHA-256 checksums."""
        created = client.create_multipart_upload(
            Bucket=bucket, Key=key, ContentType=content_type, ChecksumAlgorithm="SHA256"
        )
        return cls(
            client, bucket=bucket, key=key, content_type=content_type, upload_id=created["UploadId"]
        )

    def send(self, data: bytes) -> None:
        """Upload the next part."""
        number = len(self._parts) + 1
        checksum = _checksum(data)
        sent = self._client.upload_part(
            Bucket=self._bucket,
            Key=self._key,
            UploadId=self.upload_id,
            PartNumber=number,
            Body=data,
            ChecksumSHA256=checksum,
        )
        self._parts.append({"PartNumber": number, "ETag": sent["ETag"], "ChecksumSHA256": checksum})

    def complete(self, sha256: str) -> None:
        """Join the parts, then record the whole blob's SHA-256 by copying it in place
        (S3 fixes an object's metadata when the upload begins, before the hash is known)."""
        self._client.complete_multipart_upload(
            Bucket=self._bucket,
            Key=self._key,
            UploadId=self.upload_id,
            MultipartUpload={"Parts": self._parts},
        )
        try:
            self._client.copy_object(
                Bucket=self._bucket,
                Key=self._key,
                CopySource={"Bucket": self._bucket, "Key": self._key},
                MetadataDirective="REPLACE",
                Metadata={"sha256": sha256},
                ContentType=self._content_type,
                ChecksumAlgorithm="SHA256",
            )
        except BaseException:
            self._client.delete_object(Bucket=self._bucket, Key=self._key)
            raise

    def abort(self) -> None:
        """Discard every part sent."""
        self._client.abort_multipart_upload(
            Bucket=self._bucket, Key=self._key, UploadId=self.upload_id
        )


class S3Blobs:
    """Blobs as objects of one bucket, under the keys the services make."""

    def __init__(
        self,
        bucket: str,
        *,
        client_factory: ClientFactory = default_client,
        part_bytes: int = PART_BYTES,
    ) -> None:
        self._bucket = bucket
        self._client_factory = client_factory
        self._part_bytes = part_bytes

    async def _call(
        self, key: str, function: Callable[..., Any], /, *args: Any, **arguments: Any
    ) -> Any:
        try:
            return await asyncio.to_thread(function, *args, **arguments)
        except (ClientError, BotoCoreError) as error:
            raise translate(error, bucket=self._bucket, key=key) from error

    async def put(
        self,
        key: str,
        chunks: AsyncIterable[bytes],
        *,
        max_bytes: int,
        content_type: str = "application/octet-stream",
    ) -> StoredBlob:
        """Stream `chunks` to the bucket, in parts once they pass the part size."""
        check_key(key)
        client = self._client_factory()
        digest, size, pending = hashlib.sha256(), 0, bytearray()
        upload: _MultipartUpload | None = None
        try:
            async for chunk in chunks:
                size += len(chunk)
                if size > max_bytes:
                    raise BlobTooLarge(f"blob {key!r} exceeds {max_bytes} bytes")
                digest.update(chunk)
                pending += chunk
                while len(pending) >= self._part_bytes:
                    if upload is None:
                        upload = await self._call(
                            key,
                            _MultipartUpload.start,
                            client,
                            bucket=self._bucket,
                            key=key,
                            content_type=content_type,
                        )
                    part = bytes(pending[: self._part_bytes])
                    del pending[: self._part_bytes]
                    await self._call(key, upload.send, data=part)
            if upload is None:
                await self._call(
                    key,
                    client.put_object,
                    Bucket=self._bucket,
                    Key=key,
                    Body=bytes(pending),
                    ContentType=content_type,
                    Metadata={"sha256": digest.hexdigest()},
                    ChecksumSHA256=_checksum(bytes(pending)),
                )
            else:
                if pending:
                    await self._call(key, upload.send, data=bytes(pending))
                await self._call(key, upload.complete, sha256=digest.hexdigest())
        except BaseException:
            if upload is not None:
                await self._call(key, upload.abort)
            raise
        return StoredBlob(size=size, sha256=digest.hexdigest())

    async def open(self, key: str) -> AsyncIterator[bytes]:
        """The object's bytes in chunks of up to 1 MiB."""
        check_key(key)
        client = self._client_factory()
        response = await self._call(key, client.get_object, Bucket=self._bucket, Key=key)
        return self._read(key, response["Body"])

    async def _read(self, key: str, body: Any) -> AsyncIterator[bytes]:
        chunks = body.iter_chunks(READ_CHUNK_BYTES)
        try:
            while chunk := await self._call(key, next, chunks, b""):
                yield chunk
        finally:
            body.close()

    async def delete(self, key: str) -> None:
        """Delete the object (S3 answers the same whether it existed or not)."""
        check_key(key)
        client = self._client_factory()
        await self._call(key, client.delete_object, Bucket=self._bucket, Key=key)

    async def keys(self, prefix: str = "") -> AsyncIterator[str]:
        """Keys of the bucket starting with `prefix`, a page of listing at a time."""
        check_prefix(prefix)
        pages = iter(
            self._client_factory()
            .get_paginator("list_objects_v2")
            .paginate(Bucket=self._bucket, Prefix=prefix)
        )
        while page := await self._call(prefix, next, pages, None):
            for entry in page.get("Contents", []):
                yield entry["Key"]

    async def download_url(
        self, key: str, *, filename: str, content_type: str, expires: timedelta
    ) -> str | None:
        """A presigned GET that answers with `Content-Disposition: attachment`."""
        check_key(key)
        client = self._client_factory()
        params = {
            "Bucket": self._bucket,
            "Key": key,
            "ResponseContentDisposition": content_disposition(filename),
            "ResponseContentType": content_type,
        }
        url: str = await self._call(
            key,
            client.generate_presigned_url,
            ClientMethod="get_object",
            Params=params,
            ExpiresIn=int(expires.total_seconds()),
        )
        return url

    async def upload_url(
        self, key: str, *, content_type: str, max_bytes: int, expires: timedelta
    ) -> UploadForm | None:
        """A presigned POST form whose policy fixes the key, the content type and a
        `content-length-range` of 0 to `max_bytes`."""
        check_key(key)
        client = self._client_factory()
        post = await self._call(
            key,
            client.generate_presigned_post,
            Bucket=self._bucket,
            Key=key,
            Fields={"Content-Type": content_type},
            Conditions=[{"Content-Type": content_type}, ["content-length-range", 0, max_bytes]],
            ExpiresIn=int(expires.total_seconds()),
        )
        return UploadForm(url=post["url"], fields=dict(post["fields"]))
