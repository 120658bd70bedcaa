"""Request and response bodies of the sprint endpoints (kept apart from `schemas.py` so that
each module stays short)."""

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from taskdeck.api.schemas import Omitted, Schema, Strict
from taskdeck.domain.sprints import GOAL_MAX, SprintState
from taskdeck.domain.sprints import NAME_MAX as SPRINT_NAME_MAX

SprintName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=SPRINT_NAME_MAX)
]
SprintGoal = Annotated[str, Field(max_length=GOAL_MAX)]


class SprintCreate(Strict):
    """A new sprint, planned."""

    name: SprintName
    goal: SprintGoal | None = None
    start_date: date | None = None
    end_date: date | None = Field(default=None, description="Not before `start_date`")


class SprintUpdate(Strict):
    """Sprint fields to change; once the sprint is completed, only `name` and `goal`."""

    name: SprintName | Omitted = None
    goal: SprintGoal | None = None
    start_date: date | None = None
    end_date: date | None = None


class SprintStart(Strict):
    """Dates to set as the sprint starts (each may have been set before)."""

    start_date: date | Omitted = None
    end_date: date | Omitted = None


class SprintComplete(Strict):
    """Where the open issues of the sprint go."""

    move_open_issues_to: Annotated[
        str,
        Field(
            min_length=1,
            max_length=26,
            description="`backlog`, the id of a planned sprint, or `new` (a sprint made for them)",
        ),
    ]


class SprintIssueOut(Schema):
    """An issue as a sprint's records keep it."""

    key: str
    points: float | None
    status: str | None = None


class SprintScopeOut(Schema):
    """A recorded set of issues: each with its points, how many, and the points in all."""

    issues: list[SprintIssueOut] | None = Field(
        description="Null in a list asked for with `issues=false`"
    )
    issue_count: int
    points: float


class CarriedOverOut(SprintScopeOut):
    """The open issues at completion, and where they went (`backlog` or a sprint id)."""

    to: str


class SprintOut(Schema):
    """A sprint."""

    id: str
    project: str
    name: str
    goal: str
    start_date: str | None
    end_date: str | None
    state: SprintState
    committed: SprintScopeOut | None = Field(description="The scope when it started")
    completed: SprintScopeOut | None = Field(description="The issues done when it completed")
    carried_over: CarriedOverOut | None
    version: int
    created_at: str
    updated_at: str
    started_at: str | None
    completed_at: str | None


class SprintCompletion(Schema):
    """A completed sprint, and the sprint made for its open issues when `new` was asked."""

    sprint: SprintOut
    new_sprint: SprintOut | None


class ScopeChangeOut(Schema):
    """An issue added to or removed from a sprint while it was active."""

    id: str
    issue: str
    change: Literal["added", "removed"]
    points: float | None
    status: str
    actor: str
    at: str
