"""The S3 bucket for attachments: private, versioned, encrypted at rest, and open to
presigned uploads from the web app's origin (CORS)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import urlsplit

from botocore.exceptions import ClientError

from taskdeck.config import Settings
from taskdeck.provision.clients import error_code

if TYPE_CHECKING:
    from types_boto3_s3.client import S3Client
    from types_boto3_s3.type_defs import PublicAccessBlockConfigurationTypeDef

    from taskdeck.provision import Report
    from taskdeck.provision.clients import Clients

PRIVATE: PublicAccessBlockConfigurationTypeDef = {
    "BlockPublicAcls": True,
    "IgnorePublicAcls": True,
    "BlockPublicPolicy": True,
    "RestrictPublicBuckets": True,
}
ENCRYPTION: Final = {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}
_ABSENT: Final = frozenset(
    {
        "NoSuchPublicAccessBlockConfiguration",
        "ServerSideEncryptionConfigurationNotFoundError",
        "NoSuchCORSConfiguration",
        "NoSuchLifecycleConfiguration",
    }
)


def origin(public_url: str) -> str:
    """The scheme, host and port of the address users reach (a browser's Origin)."""
    parts = urlsplit(public_url)
    return f"{parts.scheme}://{parts.netloc}"


def cors_rules(public_url: str) -> list[dict[str, Any]]:
    """Presigned PUT/POST uploads and GETs from the web app, and nothing else."""
    return [
        {
            "AllowedOrigins": [origin(public_url)],
            "AllowedMethods": ["GET", "POST", "PUT"],
            "AllowedHeaders": ["*"],
            "ExposeHeaders": ["ETag"],
            "MaxAgeSeconds": 3000,
        }
    ]


def _exists(client: S3Client, name: str) -> bool:
    try:
        client.head_bucket(Bucket=name)
    except ClientError as error:
        if error_code(error) in ("404", "NoSuchBucket"):
            return False
        if error_code(error) == "403":
            raise ClientError(
                {"Error": {"Code": "AccessDenied", "Message": f"bucket {name} is not yours"}},
                "HeadBucket",
            ) from error
        raise
    return True


def _create(client: S3Client, name: str) -> None:
    region = client.meta.region_name
    try:
        if region == "us-east-1":
            client.create_bucket(Bucket=name)
        else:
            client.create_bucket(
                Bucket=name,
                CreateBucketConfiguration={"LocationConstraint": region},  # type: ignore[typeddict-item]
            )
    except ClientError as error:
        if error_code(error) != "BucketAlreadyOwnedByYou":
            raise


def _current(read: Callable[[], Any]) -> Any:
    """A bucket setting as S3 returns it, or None when it was never set."""
    try:
        return read()
    except ClientError as error:
        if error_code(error) in _ABSENT:
            return None
        raise


def _normal_cors(rules: list[Any] | None) -> list[dict[str, Any]] | None:
    if rules is None:
        return None
    keys = ("AllowedOrigins", "AllowedMethods", "AllowedHeaders", "ExposeHeaders")
    return [
        {**{key: sorted(rule.get(key, [])) for key in keys}, "Max": rule.get("MaxAgeSeconds")}
        for rule in rules
    ]


LIFECYCLE: dict[str, Any] = {
    "ID": "taskdeck-clean-up",
    "Status": "Enabled",
    "Filter": {"Prefix": ""},
    # An upload cut off by a crash leaves parts that cost money and nobody sees.
    "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1},
    # A replaced or deleted attachment stays recoverable for 30 days, then goes.
    "NoncurrentVersionExpiration": {"NoncurrentDays": 30},
}


def ensure_bucket(clients: Clients, settings: Settings, report: Report) -> None:
    """Create the bucket named by TASKDECK_BUCKET, then set what differs."""
    assert settings.bucket is not None
    name, client = settings.bucket, clients.s3
    created = not _exists(client, name)
    if created:
        _create(client, name)
    changed: list[str] = []
    block = _current(lambda: client.get_public_access_block(Bucket=name))
    if block is None or block["PublicAccessBlockConfiguration"] != PRIVATE:
        client.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration=PRIVATE)
        changed.append("public access block")
    if client.get_bucket_versioning(Bucket=name).get("Status") != "Enabled":
        client.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
        changed.append("versioning")
    encryption = _current(lambda: client.get_bucket_encryption(Bucket=name))
    rules = None if encryption is None else encryption["ServerSideEncryptionConfiguration"]
    algorithms = [
        r.get("ApplyServerSideEncryptionByDefault", {}) for r in (rules or {}).get("Rules", [])
    ]
    if not any(a.get("SSEAlgorithm") in ("AES256", "aws:kms") for a in algorithms):
        client.put_bucket_encryption(
            Bucket=name,
            ServerSideEncryptionConfiguration=ENCRYPTION,  # type: ignore[arg-type]
        )
        changed.append("encryption")
    wanted = cors_rules(settings.public_url)
    cors = _current(lambda: client.get_bucket_cors(Bucket=name))
    if _normal_cors(None if cors is None else cors["CORSRules"]) != _normal_cors(wanted):
        client.put_bucket_cors(Bucket=name, CORSConfiguration={"CORSRules": wanted})  # type: ignore[typeddict-item]
        changed.append("CORS")
    lifecycle = _current(lambda: client.get_bucket_lifecycle_configuration(Bucket=name))
    if not _has_lifecycle(None if lifecycle is None else lifecycle.get("Rules")):
        client.put_bucket_lifecycle_configuration(
            Bucket=name,
            LifecycleConfiguration={"Rules": [LIFECYCLE]},  # type: ignore[list-item]
        )
        changed.append("lifecycle")
    report.resource("S3 bucket", name, created, changed)


def _has_lifecycle(rules: list[Any] | None) -> bool:
    """Whether the bucket already has Taskdeck's clean-up rule."""
    return any(rule.get("ID") == LIFECYCLE["ID"] for rule in rules or [])
