"""Response bodies of the reports (kept apart from `schemas.py` so that each module stays
short). Each report's CSV has the columns of its rows, in the order declared here."""

import dataclasses
from datetime import date

from pydantic import Field

from taskdeck.api.schemas import Schema
from taskdeck.domain.reports import VelocityRow
from taskdeck.domain.sprints import SprintState


class VelocityOut(Schema):
    """The last completed sprints, oldest first."""

    project: str
    sprints: list[VelocityRow]
    average_points: float | None = Field(description="Mean completed points; null: no sprints")
    standard_deviation_points: float | None = Field(
        description="Population standard deviation of the completed points; null: no sprints"
    )


class BurndownDayOut(Schema):
    """A sprint's scope at the end of one UTC day."""

    date: date
    remaining_points: float
    remaining_issues: int
    completed_points: float
    completed_issues: int
    added_points: float = Field(description="Scope added that day")
    added_issues: int
    removed_points: float = Field(description="Scope removed that day")
    removed_issues: int
    ideal_points: float = Field(description="Committed points falling linearly to 0 at the end")


class BurndownSprintOut(Schema):
    """The sprint a burndown is of."""

    id: str
    name: str
    state: SprintState
    start_date: date
    end_date: date
    committed_points: float
    committed_issues: int


class BurndownOut(Schema):
    """A started sprint's burndown, a row per day from its start date."""

    project: str
    sprint: BurndownSprintOut
    days: list[BurndownDayOut]


VELOCITY_COLUMNS = tuple(f.name for f in dataclasses.fields(VelocityRow))
BURNDOWN_COLUMNS = tuple(BurndownDayOut.model_fields)
