"""Every error the API can give, as RFC 9457 problem details, mapped in one place."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import Response

from taskdeck.domain.errors import DomainError, FieldError, RateLimited
from taskdeck.ports import (
    BlobStoreUnavailable,
    IdentityUnavailable,
    InvalidCursor,
    ItemTooLarge,
    StoreUnavailable,
    TransactionConflict,
)

PROBLEM_JSON = "application/problem+json"
_TITLES = {
    400: "Bad request",
    401: "Unauthenticated",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    412: "Precondition failed",
    413: "Content too large",
    415: "Unsupported media type",
    422: "Validation failed",
    429: "Too many requests",
    500: "Internal server error",
    503: "Service unavailable",
}
log = logging.getLogger("taskdeck.api")


def problem(
    status: int,
    detail: str,
    *,
    errors: Sequence[FieldError] = (),
    headers: Mapping[str, str] | None = None,
) -> Response:
    """A problem-details response."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": _TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = [{"field": e.field, "message": e.message} for e in errors]
    return Response(orjson.dumps(body), status, headers=headers, media_type=PROBLEM_JSON)


def _field(location: Sequence[int | str]) -> str:
    """`labels.0` for a location; union member tags (`str-enum[Priority]`) are dropped."""
    parts = [
        str(p)
        for p in location
        if isinstance(p, int)
        or (p.isidentifier() and p not in ("body", "query", "path", "header", "none"))
        or p == "If-Match"
    ]
    return ".".join(parts) or "body"


async def _domain_error(_: Request, error: Exception) -> Response:
    assert isinstance(error, DomainError)
    headers = {"Retry-After": str(error.retry_after)} if isinstance(error, RateLimited) else None
    if error.status == 401:
        headers = {"WWW-Authenticate": "Bearer"}
    return problem(error.status, error.detail, errors=error.errors, headers=headers)


async def _validation_error(_: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    # A field that may be omitted but not null fails twice, once per union member: the
    # "should be None" half says nothing useful.
    details = [d for d in error.errors() if d.get("type") != "none_required"] or error.errors()
    if any(d.get("type") == "json_invalid" for d in details):
        return problem(400, "the body is not valid JSON")
    too_long = any(
        d.get("type") == "string_too_long" and _field(d["loc"]) == "description" for d in details
    )
    errors = [FieldError(_field(d["loc"]), str(d["msg"])) for d in details]
    if too_long:
        return problem(413, "the description is too long", errors=errors)
    return problem(422, "the request is not valid", errors=errors)


async def _http_error(_: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    detail = {404: "no such resource", 405: "method not allowed here"}.get(
        error.status_code, str(error.detail)
    )
    return problem(error.status_code, detail, headers=error.headers)


async def _bad_cursor(_: Request, error: Exception) -> Response:
    return problem(400, str(error), errors=[FieldError("cursor", str(error))])


async def _too_large(_: Request, error: Exception) -> Response:
    return problem(413, "the item would be too large to store")


async def _conflict(_: Request, error: Exception) -> Response:
    # A use case that retries or explains its conflicts never lets one through; this is the
    # answer for one that does not: nothing was written, so the client may try again.
    log.warning("unexplained transaction conflict: %s", error)
    return problem(409, "something changed meanwhile; reload and try again")


async def _unavailable(_: Request, error: Exception) -> Response:
    log.error("store unavailable: %s", error)
    return problem(503, "the service is busy; try again shortly", headers={"Retry-After": "1"})


async def _identity_unavailable(_: Request, error: Exception) -> Response:
    log.error("identity provider unavailable: %s", error)
    return problem(503, "sign-in is unavailable; try again shortly", headers={"Retry-After": "5"})


async def _unexpected(request: Request, error: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=error)
    return problem(500, "an unexpected error happened; it has been logged")


def install(app: FastAPI) -> None:
    """Map every error to problem details."""
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(InvalidCursor, _bad_cursor)
    app.add_exception_handler(ItemTooLarge, _too_large)
    app.add_exception_handler(StoreUnavailable, _unavailable)
    app.add_exception_handler(TransactionConflict, _conflict)
    app.add_exception_handler(BlobStoreUnavailable, _unavailable)
    app.add_exception_handler(IdentityUnavailable, _identity_unavailable)
    app.add_exception_handler(Exception, _unexpected)
