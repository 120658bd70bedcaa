"""The `Notifier` port over SMTP (aiosmtplib): one connection per message.

Refusals of the recipient or of the message with a 5xx code are permanent; everything
else (no connection, a timeout, a 4xx answer, a failed sign-in or TLS handshake, which
are the server's or the configuration's trouble and not the message's) is temporary.
"""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from typing import Literal

import aiosmtplib

from taskdeck.ports import DeliveryFailed, OutgoingEmail

TlsMode = Literal["none", "starttls", "tls"]


def _permanent(error: aiosmtplib.SMTPException) -> bool:
    if isinstance(error, aiosmtplib.SMTPRecipientsRefused):
        return all(refusal.code >= 500 for refusal in error.recipients)
    refusals = (aiosmtplib.SMTPRecipientRefused, aiosmtplib.SMTPDataError)
    return isinstance(error, refusals) and error.code >= 500


class SmtpNotifier:
    """Sends each message as a plain-text and HTML email from `sender`."""

    def __init__(
        self,
        host: str,
        *,
        sender: str,
        port: int = 25,
        tls: TlsMode = "none",
        username: str | None = None,
        password: str | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.host, self.port, self.tls = host, port, tls
        self.sender, self.username, self._password = sender, username, password
        self._timeout = timeout
        self._domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"

    def message(self, outgoing: OutgoingEmail) -> EmailMessage:
        """The MIME message of `outgoing`: text and HTML alternatives, and a
        `List-Unsubscribe` header that leads to the person's notification settings."""
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = outgoing.to
        message["Subject"] = outgoing.subject
        message["Date"] = formatdate(usegmt=True)
        message["Message-ID"] = make_msgid(domain=self._domain)
        message["List-Unsubscribe"] = f"<{outgoing.settings_url}>"
        message["Auto-Submitted"] = "auto-generated"
        message.set_content(outgoing.text)
        message.add_alternative(outgoing.html, subtype="html")
        return message

    async def send(self, message: OutgoingEmail) -> None:
        """Deliver one email; `DeliveryFailed` says whether trying again may help."""
        try:
            await aiosmtplib.send(
                self.message(message),
                hostname=self.host,
                port=self.port,
                username=self.username,
                password=self._password,
                use_tls=self.tls == "tls",
                start_tls=self.tls == "starttls",
                timeout=self._timeout,
            )
        except aiosmtplib.SMTPException as error:
            raise DeliveryFailed(str(error), permanent=_permanent(error)) from error
        except OSError as error:
            raise DeliveryFailed(
                f"cannot reach {self.host}:{self.port}: {error}", permanent=False
            ) from error
