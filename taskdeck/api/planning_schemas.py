"""Request and response bodies of moves, the backlog and the board."""

from typing import Annotated, Any

from pydantic import Field

from taskdeck.api.schemas import Schema, Strict
from taskdeck.domain.issues import IssueType, Priority
from taskdeck.domain.workflow import Category, WipMode

IssueKey = Annotated[str, Field(min_length=3, max_length=21)]


class MoveIn(Strict):
    """Where an issue goes: between neighbours, into a sprint, into a column, or all at once."""

    before: IssueKey | None = Field(default=None, description="Place it just above this issue")
    after: IssueKey | None = Field(default=None, description="Place it just below this issue")
    sprint: Annotated[str, Field(min_length=1, max_length=64)] | None = Field(
        default=None, description="A sprint id, or `backlog`"
    )
    status: Annotated[str, Field(min_length=1, max_length=32)] | None = Field(
        default=None, description="A status of the workflow (a board column)"
    )
    override_wip: bool = Field(
        default=False, description="Admins: move past a hard WIP limit (written in the history)"
    )


class CardOut(Schema):
    """An issue as the board shows it (no description)."""

    key: str
    id: str
    type: IssueType
    title: str
    status: str
    priority: Priority
    assignee: str | None
    labels: list[str]
    points: float | None
    parent: str | None
    sprint: str | None
    rank: str
    due_date: str | None
    version: int


class ColumnOut(Schema):
    """One status of the workflow, with its cards by rank."""

    status: str
    name: str
    category: Category
    wip_limit: int | None
    wip_mode: WipMode
    wip_count: int = Field(description="Issues in this status across the project")
    over_limit: bool
    count: int = Field(description="Cards in this column on this board")
    issues: list[CardOut]
    next_cursor: str | None = Field(
        description="More cards: GET /projects/{key}/issues?status=<status>&cursor=..."
    )


class LaneOut(Schema):
    """A swimlane: the keys of its cards in each column."""

    id: Any = Field(description="The assignee's id, the epic's key or the priority; null: none")
    count: int
    columns: dict[str, list[str]]


class BoardOut(Schema):
    """The active sprint's board, or the whole project's when no sprint is active."""

    project: str
    sprint: str | None
    columns: list[ColumnOut]
    lanes: list[LaneOut] | None = None
