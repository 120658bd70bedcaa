"""Request and response bodies of comments and watchers."""

from typing import Annotated

from pydantic import Field

from taskdeck.api.schemas import Omitted, Schema, Strict
from taskdeck.domain.comments import COMMENT_MAX


class CommentIn(Strict):
    """A comment's body (Markdown); `@name` mentions a member by the part of their email
    address before the `@`, or by user id."""

    body: Annotated[
        str,
        Field(
            min_length=1,
            max_length=COMMENT_MAX,
            description="Markdown, 1-32,000 characters, not only whitespace",
        ),
    ]


class CommentOut(Schema):
    """A comment."""

    id: str
    issue: str = Field(description="The issue's key")
    author: str
    body: str
    mentions: list[str] = Field(description="The user ids of the members it mentions")
    created_at: str
    edited_at: str | None
    version: int


class CommentEditOut(Schema):
    """A body a comment had before an edit."""

    id: str
    comment: str = Field(description="The comment's id")
    body: str
    version: int = Field(description="The comment's version that had this body")
    written_at: str
    replaced_at: str


class WatcherIn(Strict):
    """Who starts watching: yourself when no `user_id` is given (admins: any member)."""

    user_id: Annotated[str, Field(min_length=1, max_length=64)] | Omitted = None


class WatcherOut(Schema):
    """A user who watches an issue."""

    id: str
    name: str | None = Field(description="None once the account no longer exists")
