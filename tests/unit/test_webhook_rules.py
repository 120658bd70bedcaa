"""The webhook rules: which addresses are inside, how deliveries are signed, how retries
are spaced."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from taskdeck.domain.errors import ValidationFailed
from taskdeck.domain.webhooks import (
    check_events,
    check_url,
    refusal,
    signature,
    subscribed,
)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.0.0.8",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.251",
        "240.0.0.1",
        "::1",
        "::",
        "fe80::1%eth0",
        "fd00::1",
        "::ffff:10.0.0.1",
        "ff02::1",
    ],
)
def test_addresses_inside_a_host_or_its_network_are_refused(address: str) -> None:
    assert refusal(address) is not None


@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_are_allowed(address: str) -> None:
    assert refusal(address) is None


def test_a_url_names_its_target_with_the_default_port() -> None:
    assert check_url("https://Hooks.Example.com/x?y=1").port == 443
    assert check_url("http://[2606:4700::1]:8080/").host == "2606:4700::1"
    with pytest.raises(ValidationFailed):
        check_url("https://exa mple.com/")


def test_the_signature_is_an_hmac_of_the_timestamp_and_the_body() -> None:
    body = b'{"id":"01"}'
    expected = hmac.new(b"secret-secret-16", b"1700000000." + body, hashlib.sha256).hexdigest()
    assert signature("secret-secret-16", 1_700_000_000, body) == f"t=1700000000,v1={expected}"


def test_all_events_means_every_known_kind_and_no_others() -> None:
    assert check_events(None) == ["*"]
    assert subscribed(["*"], "issue.created")
    assert not subscribed(["*"], "webhook.created")
    assert not subscribed(["comment.added"], "issue.created")
