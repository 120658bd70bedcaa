"""RevokeToken for moto's Cognito, which lacks it (moto 5.2 answers 500).

Taskdeck signs a session out with RevokeToken, as AWS recommends for one device's
refresh token. This adds the operation to the emulator, as AWS documents it: the
refresh token stops working, and its client must be the one that was given it. Nothing
of Taskdeck's is replaced: boto3 sends the real request over HTTP to the moto server.
"""

from __future__ import annotations

from typing import Any

from moto.cognitoidp.responses import CognitoIdpResponse
from moto.core.responses import EmptyResult


def _revoke_token(self: Any) -> EmptyResult:
    token = self._get_param("Token")
    client_id = self._get_param("ClientId")
    for pool in self.backend.user_pools.values():
        session = pool.refresh_tokens.get(token)
        if session is not None and session[0] == client_id:
            pool.refresh_tokens[token] = None
    return EmptyResult()


def add_revoke_token() -> None:
    """Teach the in-process moto server RevokeToken (idempotent)."""
    CognitoIdpResponse.revoke_token = _revoke_token  # type: ignore[attr-defined]
