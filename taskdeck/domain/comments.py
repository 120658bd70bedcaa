"""Comments: the rules a comment's body keeps."""

from __future__ import annotations

from typing import Final

from taskdeck.domain.errors import FieldError, ValidationFailed

COMMENT_MAX: Final = 32_000
"""Characters in a comment's body (at 4 bytes each, far below the store's 400 KB)."""


def check_comment_body(body: str) -> None:
    """A body of 1 to 32,000 characters that is not only whitespace."""
    if not body.strip() or len(body) > COMMENT_MAX:
        raise ValidationFailed(
            "the comment's body is not valid",
            [FieldError("body", f"1-{COMMENT_MAX} characters, not only whitespace")],
        )
