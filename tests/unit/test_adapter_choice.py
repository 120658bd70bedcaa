"""Which blob store and identity provider the configuration picks, and the download header
of a file name."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from taskdeck.adapters.blobs.keys import content_disposition
from taskdeck.config import Settings


def test_s3_is_chosen_on_aws_with_a_bucket_and_needs_one_when_asked_for() -> None:
    assert Settings().blob_adapter == "local"
    assert Settings(backend="aws", table="t", bucket="files").blob_adapter == "s3"
    assert Settings(backend="aws", table="t").blob_adapter == "local"
    assert Settings(blobs="local", backend="aws", table="t", bucket="b").blob_adapter == "local"
    assert Settings(blobs="s3", bucket="files").blob_adapter == "s3"
    with pytest.raises(ValidationError, match="TASKDECK_BUCKET"):
        Settings(blobs="s3")


@pytest.mark.parametrize(
    ("filename", "header"),
    [
        ("report.pdf", "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf"),
        ('a"b\\c.txt', "attachment; filename=\"a_b_c.txt\"; filename*=UTF-8''a%22b%5Cc.txt"),
        ("日本.txt", "attachment; filename=\"__.txt\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.txt"),
        ("a\r\nb", "attachment; filename=\"a__b\"; filename*=UTF-8''a%0D%0Ab"),
    ],
)
def test_content_disposition_quotes_an_ascii_fallback_and_encodes_the_name(
    filename: str, header: str
) -> None:
    assert content_disposition(filename) == header


def test_cognito_is_chosen_on_aws_with_a_pool_and_needs_its_ids_when_asked_for() -> None:
    pool = {"user_pool_id": "eu-west-1_AbC123", "user_pool_client_id": "abc123"}
    assert Settings().identity_adapter == "local"
    assert Settings(backend="aws", table="t", **pool).identity_adapter == "cognito"
    assert Settings(backend="aws", table="t").identity_adapter == "local"
    assert Settings(identity="local", backend="aws", table="t", **pool).identity_adapter == "local"
    assert Settings(identity="cognito", **pool).identity_adapter == "cognito"
    with pytest.raises(ValidationError, match="TASKDECK_USER_POOL_CLIENT_ID"):
        Settings(identity="cognito", user_pool_id="eu-west-1_AbC123")
    with pytest.raises(ValidationError, match="user_pool_id"):
        Settings(user_pool_id="no-region-part")
    with pytest.raises(ValidationError, match="jwks_url"):
        Settings(identity="cognito", jwks_url="file:///etc/passwd", **pool)
