"""The boto3 clients of one `aws-init` run, each built on first use, and the one-line
explanation of their errors."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError, NoRegionError

if TYPE_CHECKING:
    from types_boto3_cognito_idp.client import CognitoIdentityProviderClient
    from types_boto3_dynamodb.client import DynamoDBClient
    from types_boto3_s3.client import S3Client
    from types_boto3_sns.client import SNSClient

# Few retries: a wrong endpoint should fail in seconds, not minutes.
_CONFIG = Config(
    retries={"mode": "standard", "max_attempts": 3}, connect_timeout=5, read_timeout=30
)
_DENIED = frozenset(
    {
        "AccessDenied",
        "AccessDeniedException",
        "UnrecognizedClientException",
        "InvalidClientTokenId",
        "InvalidAccessKeyId",
        "SignatureDoesNotMatch",
        "ExpiredToken",
        "ExpiredTokenException",
        "AuthorizationError",
        "NotAuthorizedException",
    }
)


class Clients:
    """boto3's standard configuration (`AWS_ENDPOINT_URL`, `AWS_REGION`, credentials)."""

    @functools.cached_property
    def _session(self) -> boto3.session.Session:
        return boto3.session.Session()

    def _client(self, service: str) -> Any:
        return self._session.client(service, config=_CONFIG)  # type: ignore[call-overload]

    @functools.cached_property
    def dynamodb(self) -> DynamoDBClient:
        """DynamoDB."""
        client: DynamoDBClient = self._client("dynamodb")
        return client

    @functools.cached_property
    def s3(self) -> S3Client:
        """S3, signing with SigV4 as the app does."""
        config = _CONFIG.merge(Config(signature_version="s3v4"))
        client: S3Client = self._session.client("s3", config=config)
        return client

    @functools.cached_property
    def sns(self) -> SNSClient:
        """SNS."""
        client: SNSClient = self._client("sns")
        return client

    @functools.cached_property
    def cognito(self) -> CognitoIdentityProviderClient:
        """Cognito user pools."""
        client: CognitoIdentityProviderClient = self._client("cognito-idp")
        return client


def error_code(error: ClientError) -> str:
    """The service's error code."""
    return error.response.get("Error", {}).get("Code", "")


def explain(error: Exception) -> str | None:
    """One line saying what went wrong, or None for an error that is not AWS's."""
    if isinstance(error, NoCredentialsError):
        return "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
    if isinstance(error, NoRegionError):
        return "no AWS region set: set AWS_DEFAULT_REGION"
    if isinstance(error, ClientError):
        code = error_code(error)
        operation = error.operation_name
        message = " ".join(error.response.get("Error", {}).get("Message", "").split())
        if code in _DENIED:
            return f"AWS refused {operation} ({code}): check the credentials and their permissions"
        return f"AWS refused {operation} ({code}): {message}"
    if isinstance(error, BotoCoreError):
        return f"AWS could not be reached: {' '.join(str(error).split())}"
    return None
