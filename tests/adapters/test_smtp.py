"""The SMTP notifier against a real SMTP server (aiosmtpd): TLS, sign-in, and how the
configuration picks it."""

from __future__ import annotations

import datetime
import ipaddress
import ssl
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from taskdeck.adapters.notify.smtp import SmtpNotifier
from taskdeck.bootstrap import build_notifier
from taskdeck.config import Settings
from taskdeck.ports import DeliveryFailed, OutgoingEmail
from tests.smtp_server import Credentials, free_port, smtp_server

pytestmark = pytest.mark.anyio

MESSAGE = OutgoingEmail(
    to="ada@example.com",
    user_id="u-ada",
    subject="[TD] TD-4 Fix login: Bob moved TD-4 to Done",
    text="Bob moved TD-4 to Done\n",
    html="<p>Bob moved TD-4 to Done</p>",
    settings_url="https://td.example.com/settings/notifications",
    kinds=("status_change",),
    project="TD",
    issue="TD-4",
)


@pytest.fixture
def certificate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ssl.SSLContext:
    """A server TLS context with a self-signed certificate for 127.0.0.1, which clients
    trust through `SSL_CERT_FILE` (as they would a private CA's)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=1))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    monkeypatch.setenv("SSL_CERT_FILE", str(cert_file))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_file, key_file)
    return context


async def test_an_email_has_text_and_html_and_a_way_out() -> None:
    with smtp_server() as (box, port):
        await SmtpNotifier("127.0.0.1", port=port, sender="Taskdeck <td@example.com>").send(MESSAGE)
    (message,) = box.messages
    assert message["From"] == "Taskdeck <td@example.com>"
    assert message["To"] == "ada@example.com"
    assert message["Subject"] == MESSAGE.subject
    assert message["List-Unsubscribe"] == "<https://td.example.com/settings/notifications>"
    assert message["Message-ID"].endswith("@example.com>")
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == [
        "text/plain",
        "text/html",
    ]


async def test_starttls_then_sign_in(certificate: ssl.SSLContext) -> None:
    with smtp_server(
        tls_context=certificate,
        require_starttls=True,
        authenticator=Credentials("mailer", "s3cret"),
        auth_required=True,
    ) as (box, port):
        notifier = SmtpNotifier(
            "127.0.0.1",
            port=port,
            sender="td@example.com",
            tls="starttls",
            username="mailer",
            password="s3cret",
        )
        await notifier.send(MESSAGE)
        assert len(box.messages) == 1
        wrong = SmtpNotifier(
            "127.0.0.1",
            port=port,
            sender="td@example.com",
            tls="starttls",
            username="mailer",
            password="wrong",
        )
        with pytest.raises(DeliveryFailed) as refused:
            await wrong.send(MESSAGE)
        # The configuration's fault, not the message's: worth trying again once fixed.
        assert not refused.value.permanent
        assert len(box.messages) == 1


async def test_tls_from_the_start(certificate: ssl.SSLContext) -> None:
    with smtp_server(ssl_context=certificate) as (box, port):
        await SmtpNotifier("127.0.0.1", port=port, sender="td@example.com", tls="tls").send(MESSAGE)
    assert len(box.messages) == 1


async def test_starttls_asked_of_a_server_without_it_is_a_temporary_failure() -> None:
    with smtp_server() as (box, port):
        notifier = SmtpNotifier("127.0.0.1", port=port, sender="td@example.com", tls="starttls")
        with pytest.raises(DeliveryFailed) as failed:
            await notifier.send(MESSAGE)
    assert not failed.value.permanent
    assert box.messages == []


async def test_nothing_listening_is_a_temporary_failure() -> None:
    notifier = SmtpNotifier("127.0.0.1", port=free_port(), sender="td@example.com")
    with pytest.raises(DeliveryFailed) as failed:
        await notifier.send(MESSAGE)
    assert not failed.value.permanent


def test_the_configuration_picks_the_smtp_server(monkeypatch: pytest.MonkeyPatch) -> None:
    assert build_notifier(Settings()) is None
    monkeypatch.setenv("TASKDECK_SMTP_HOST", "")
    assert build_notifier(Settings()) is None
    for name, value in {
        "SMTP_HOST": "mail.example.com",
        "SMTP_PORT": "587",
        "SMTP_TLS": "starttls",
        "SMTP_USERNAME": "mailer",
        "SMTP_PASSWORD": "s3cret",
        "MAIL_FROM": "Taskdeck <td@example.com>",
    }.items():
        monkeypatch.setenv(f"TASKDECK_{name}", value)
    notifier = build_notifier(Settings())
    assert isinstance(notifier, SmtpNotifier)
    assert (notifier.host, notifier.port, notifier.tls) == ("mail.example.com", 587, "starttls")
    assert (notifier.username, notifier.sender) == ("mailer", "Taskdeck <td@example.com>")
    assert "s3cret" not in repr(Settings())
