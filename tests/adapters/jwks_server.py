"""A JWKS endpoint on 127.0.0.1 serving locally generated RSA keys, and tokens signed in
the shape of a Cognito pool's, for the cases moto cannot sign (it has one fixed key)."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from taskdeck.adapters.identity.cognito_tokens import issuer_of

POOL_ID = "us-east-1_TestPool0001"
CLIENT_ID = "testclient0001"


def new_key() -> rsa.RSAPrivateKey:
    """A fresh RSA key, as Cognito uses."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class KeyServer:
    """The keys served (by key id) and how many times the set was fetched."""

    url: str = ""
    keys: dict[str, rsa.RSAPrivateKey] = field(default_factory=dict)
    fetches: int = 0

    def add_key(self) -> str:
        """Serve one more key; its id."""
        kid = uuid.uuid4().hex
        self.keys[kid] = new_key()
        return kid

    def document(self) -> bytes:
        """The JWKS document of the served keys."""
        entries = []
        for kid, key in self.keys.items():
            entry = RSAAlgorithm.to_jwk(key.public_key(), as_dict=True)
            entries.append({**entry, "kid": kid, "alg": "RS256", "use": "sig"})
        return json.dumps({"keys": entries}).encode()


def claims(**overrides: Any) -> dict[str, Any]:
    """The claims of a valid access token of POOL_ID's CLIENT_ID, with overrides."""
    now = int(time.time())
    base = {
        "sub": str(uuid.uuid4()),
        "iss": issuer_of(POOL_ID),
        "client_id": CLIENT_ID,
        "token_use": "access",
        "scope": "aws.cognito.signin.user.admin",
        "iat": now,
        "auth_time": now,
        "exp": now + 3600,
    }
    return {**base, **overrides}


def sign(payload: dict[str, Any], key: rsa.RSAPrivateKey, kid: str) -> str:
    """An RS256 JWT with a key id, as Cognito signs them."""
    return jwt.encode(payload, key, algorithm="RS256", headers={"kid": kid})


@contextmanager
def serving_keys() -> Iterator[KeyServer]:
    """A JWKS server on a free port for the duration of the block."""
    served = KeyServer()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            served.fetches += 1
            body = served.document()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    served.url = f"http://127.0.0.1:{server.server_address[1]}/.well-known/jwks.json"
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()
