"""A real SMTP server for the tests (aiosmtpd on 127.0.0.1), and a clock tests can move."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session


class ManualClock:
    """A clock that stands still until a test moves it."""

    def __init__(self) -> None:
        self.moment = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)

    def now(self) -> datetime:
        """The time the test set."""
        return self.moment

    def advance(self, seconds: float) -> None:
        """Move the clock forwards."""
        self.moment += timedelta(seconds=seconds)


class Mailbox:
    """What the server received: every message, and every recipient it was offered.
    Recipients in `refused` are answered 550."""

    def __init__(self, refused: frozenset[str] = frozenset()) -> None:
        self.refused = refused
        self.offered: list[str] = []
        self.messages: list[EmailMessage] = []

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: Any
    ) -> str:
        """Accept the recipient unless it is refused."""
        self.offered.append(address)
        if address in self.refused:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        """Keep the message."""
        assert isinstance(envelope.content, bytes)
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        return "250 OK"

    async def wait_for(self, count: int, *, seconds: float = 10) -> list[EmailMessage]:
        """The messages, once there are `count` of them (fails after `seconds`)."""
        deadline = time.monotonic() + seconds
        while len(self.messages) < count:
            assert time.monotonic() < deadline, f"{len(self.messages)} of {count} emails came"
            await asyncio.sleep(0.02)
        return list(self.messages)


class Credentials:
    """An authenticator that lets in one login and password."""

    def __init__(self, login: str, password: str) -> None:
        self.login, self.password = login.encode(), password.encode()

    def __call__(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        """Success for the right pair, failure otherwise."""
        right = isinstance(data, LoginPassword) and (data.login, data.password) == (
            self.login,
            self.password,
        )
        return AuthResult(success=right, handled=False)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (now)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def smtp_server(
    port: int | None = None, *, mailbox: Mailbox | None = None, **options: Any
) -> Iterator[tuple[Mailbox, int]]:
    """An SMTP server on 127.0.0.1 (on `port`, or a free one) and its mailbox, for the
    duration; `options` go to aiosmtpd's server (an authenticator, for one)."""
    box = mailbox or Mailbox()
    port = port or free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield box, port
    finally:
        controller.stop()
