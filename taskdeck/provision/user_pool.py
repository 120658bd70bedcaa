"""The Cognito user pool (email as the user name) and the web app's client."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final
from urllib.parse import urlsplit

from taskdeck.config import Settings

if TYPE_CHECKING:
    from types_boto3_cognito_idp.client import CognitoIdentityProviderClient

    from taskdeck.provision import Report
    from taskdeck.provision.clients import Clients

CLIENT_NAME: Final = "taskdeck-web"
AUTH_FLOWS: Final = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"]
PASSWORD_MIN_LENGTH: Final = 10


def _find_pool(client: CognitoIdentityProviderClient, name: str) -> str | None:
    for page in client.get_paginator("list_user_pools").paginate(PaginationConfig={"PageSize": 60}):
        for pool in page.get("UserPools", []):
            if pool.get("Name") == name:
                return pool["Id"]
    return None


def _find_client(client: CognitoIdentityProviderClient, pool_id: str) -> str | None:
    pages = client.get_paginator("list_user_pool_clients").paginate(
        UserPoolId=pool_id, PaginationConfig={"PageSize": 60}
    )
    for page in pages:
        for app_client in page.get("UserPoolClients", []):
            if app_client.get("ClientName") == CLIENT_NAME:
                return app_client["ClientId"]
    return None


def ensure_user_pool(clients: Clients, settings: Settings, report: Report) -> None:
    """Find the pool named by TASKDECK_USER_POOL, or create it, and its client; give
    their ids as TASKDECK_USER_POOL_ID and TASKDECK_USER_POOL_CLIENT_ID."""
    assert settings.user_pool is not None
    name, client = settings.user_pool, clients.cognito
    pool_id = _find_pool(client, name)
    pool_created = pool_id is None
    if pool_id is None:
        pool_id = client.create_user_pool(
            PoolName=name,
            UsernameAttributes=["email"],
            UsernameConfiguration={"CaseSensitive": False},
            AutoVerifiedAttributes=["email"],
            Policies={
                "PasswordPolicy": {
                    "MinimumLength": PASSWORD_MIN_LENGTH,
                    "RequireUppercase": False,
                    "RequireLowercase": False,
                    "RequireNumbers": False,
                    "RequireSymbols": False,
                }
            },
        )["UserPool"]["Id"]
    report.resource("Cognito user pool", name, pool_created, [])
    client_id = _find_client(client, pool_id)
    client_created = client_id is None
    if client_id is None:
        client_id = client.create_user_pool_client(
            UserPoolId=pool_id,
            ClientName=CLIENT_NAME,
            GenerateSecret=False,
            ExplicitAuthFlows=AUTH_FLOWS,  # type: ignore[arg-type]
        )["UserPoolClient"]["ClientId"]
    report.resource("Cognito app client", CLIENT_NAME, client_created, [])
    report.export("TASKDECK_USER_POOL_ID", pool_id)
    report.export("TASKDECK_USER_POOL_CLIENT_ID", client_id)
    endpoint = client.meta.endpoint_url.rstrip("/")
    if not urlsplit(endpoint).hostname.endswith(".amazonaws.com"):  # type: ignore[union-attr]
        # An emulator serves the pool's keys at its own address, not at the issuer's.
        report.export("TASKDECK_JWKS_URL", f"{endpoint}/{pool_id}/.well-known/jwks.json")
