"""Accounts: what makes an email address and a password acceptable."""

from __future__ import annotations

import re

from taskdeck.domain.errors import FieldError, ValidationFailed

PASSWORD_MIN = 10
PASSWORD_MAX = 1_024
EMAIL_MAX = 254
NAME_MAX = 200
_EMAIL = re.compile(r"^[^@\s\x00-\x1f]{1,64}@[^@\s\x00-\x1f]+\.[^@\s\x00-\x1f.]+$")


def normalise_email(address: str) -> str:
    """The address trimmed; refuses what is not an email address."""
    address = address.strip()
    if len(address) > EMAIL_MAX or not _EMAIL.match(address):
        raise ValidationFailed(
            "not an email address", [FieldError("email", "must be an email address")]
        )
    return address


def check_password(password: str, email: str) -> None:
    """At least 10 characters, at most 1,024, and not the email address or its local part."""
    errors = []
    if len(password) < PASSWORD_MIN:
        errors.append(FieldError("password", f"must be at least {PASSWORD_MIN} characters"))
    elif len(password) > PASSWORD_MAX:
        errors.append(FieldError("password", f"must be at most {PASSWORD_MAX} characters"))
    folded = password.strip().casefold()
    if folded in (email.casefold(), email.split("@", 1)[0].casefold()):
        errors.append(FieldError("password", "must not be your email address"))
    if errors:
        raise ValidationFailed("the password is not acceptable", errors)


def check_name(name: str) -> str:
    """A display name: trimmed, 1 to 200 characters, no control characters."""
    name = name.strip()
    if not 1 <= len(name) <= NAME_MAX or any(ord(ch) < 32 for ch in name):
        raise ValidationFailed(
            "the name is not valid",
            [FieldError("name", f"1-{NAME_MAX} characters without control characters")],
        )
    return name
