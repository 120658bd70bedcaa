"""Webhook rules: which events exist, what a target URL may be, which addresses may be
reached, how a delivery is signed and how its retries are spaced. No I/O here: the
services resolve host names and send."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from datetime import timedelta
from typing import Final, NamedTuple
from urllib.parse import urlsplit

from taskdeck.domain.errors import FieldError, ValidationFailed
from taskdeck.domain.retry import Backoff

ALL_EVENTS: Final = "*"
EVENT_KINDS: Final = (
    "project.created",
    "project.updated",
    "project.deleted",
    "member.added",
    "member.removed",
    "member.role_changed",
    "issue.created",
    "issue.updated",
    "issue.deleted",
    "issue.watcher_added",
    "issue.watcher_removed",
    "comment.added",
    "comment.edited",
    "comment.deleted",
    "attachment.added",
    "attachment.deleted",
    "link.added",
    "link.deleted",
    "worklog.added",
    "worklog.edited",
    "worklog.deleted",
    "sprint.created",
    "sprint.updated",
    "sprint.started",
    "sprint.completed",
    "sprint.deleted",
)
"""The kinds of event a webhook may subscribe to (those the services emit)."""
URL_MAX: Final = 2048
SECRET_MIN: Final = 16
SECRET_MAX: Final = 256


class Target(NamedTuple):
    """Where a webhook's URL points: `scheme://host:port`."""

    scheme: str
    host: str
    port: int


def check_url(url: str) -> Target:
    """The target of an http(s) URL with a host and no credentials; 422 naming `url`."""

    def invalid(message: str) -> ValidationFailed:
        return ValidationFailed("the webhook URL is not valid", [FieldError("url", message)])

    if len(url) > URL_MAX:
        raise invalid(f"at most {URL_MAX} characters")
    if not url.isascii() or any(c.isspace() or ord(c) < 32 for c in url):
        raise invalid("an absolute URL without spaces (punycode for other scripts)")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise invalid("not a URL") from error
    if parts.scheme not in ("http", "https"):
        raise invalid("only http and https URLs")
    if not parts.hostname:
        raise invalid("a URL with a host name")
    if parts.username is not None or parts.password is not None:
        raise invalid("no user or password in the URL: check the signature instead")
    default = 443 if parts.scheme == "https" else 80
    return Target(parts.scheme, parts.hostname, port or default)


def refusal(address: str) -> str | None:
    """Why a webhook may not be sent to this IP address, or None if it may (a public one).

    Loopback, private, link-local, multicast, reserved, unspecified and other non-global
    addresses are inside the host or its network; IPv4 mapped into IPv6 counts as IPv4.
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for flag in (
        "is_loopback",
        "is_private",
        "is_link_local",
        "is_multicast",
        "is_reserved",
        "is_unspecified",
    ):
        if getattr(ip, flag):
            return f"{address} is {flag.removeprefix('is_').replace('_', '-')}"
    if not ip.is_global:
        return f"{address} is not a public address"
    return None


def is_address(host: str) -> bool:
    """Whether `host` is an IP address literal rather than a name."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def check_secret(secret: str) -> str:
    """A signing secret of 16 to 256 characters; 422 naming `secret`."""
    if not SECRET_MIN <= len(secret) <= SECRET_MAX:
        raise ValidationFailed(
            "the secret is not valid",
            [FieldError("secret", f"{SECRET_MIN} to {SECRET_MAX} characters")],
        )
    return secret


def check_events(events: list[str] | None) -> list[str]:
    """The kinds subscribed to, in a stable order; `["*"]` (all) when none are named."""
    if events is None or ALL_EVENTS in events:
        return [ALL_EVENTS]
    unknown = sorted(set(events) - set(EVENT_KINDS))
    if unknown or not events:
        message = f"unknown kinds: {', '.join(unknown)}" if unknown else "name at least one kind"
        raise ValidationFailed("the events are not valid", [FieldError("events", message)])
    return [kind for kind in EVENT_KINDS if kind in events]


def subscribed(events: list[str], kind: str) -> bool:
    """Whether a webhook subscribed to `events` hears of an event of `kind`."""
    return (ALL_EVENTS in events and kind in EVENT_KINDS) or kind in events


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The `X-Taskdeck-Signature` header: `t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


DELIVERY_BACKOFF: Final = Backoff(first=timedelta(seconds=30), cap=timedelta(hours=1), attempts=8)


class RetryPolicy(NamedTuple):
    """How failed deliveries are retried, and when a webhook is given up on."""

    backoff: Backoff = DELIVERY_BACKOFF
    """Waits between attempts of one delivery, and how many attempts it gets (about an
    hour of retries with the defaults)."""
    disable_after: int = 5
    """Deliveries in a row that used every attempt before the webhook is disabled."""
