"""Domain errors, raised in services and mapped to problem details once, in the API."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple


class FieldError(NamedTuple):
    """What is wrong with one field of a request."""

    field: str
    message: str


class DomainError(Exception):
    """Base of every error a use case can raise on purpose."""

    status = 400
    title = "Bad request"

    def __init__(self, detail: str, errors: Sequence[FieldError] = ()) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = list(errors)


class ValidationFailed(DomainError):
    """The request is well-formed but breaks a rule."""

    status = 422
    title = "Validation failed"


class BadRequest(DomainError):
    """The request cannot be understood (a bad cursor, a malformed header)."""

    status = 400
    title = "Bad request"


class Unauthenticated(DomainError):
    """No valid credentials came with the request."""

    status = 401
    title = "Unauthenticated"


class Forbidden(DomainError):
    """The caller may see this but not do this."""

    status = 403
    title = "Forbidden"


class NotFound(DomainError):
    """Nothing by that name exists, or the caller may not know it does."""

    status = 404
    title = "Not found"


class Conflict(DomainError):
    """The request clashes with the current state (a taken key, an unmet rule)."""

    status = 409
    title = "Conflict"


class StaleVersion(DomainError):
    """`If-Match` names a version that is no longer current."""

    status = 412
    title = "Precondition failed"


class TooLarge(DomainError):
    """The request or a value in it is over a size limit."""

    status = 413
    title = "Content too large"


class RateLimited(DomainError):
    """Too many attempts; try again after `retry_after` seconds."""

    status = 429
    title = "Too many requests"

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = retry_after
