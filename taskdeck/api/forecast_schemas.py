"""Response bodies of the forecast reports. Each CSV has the columns of its distribution
rows, in the order declared here."""

from datetime import date

from pydantic import Field

from taskdeck.api.report_schemas import BurndownSprintOut
from taskdeck.api.schemas import Schema


class OutlookOut(Schema):
    """Periods within which 50, 85 and 95% of the samples were done (null: not within
    the horizon, or never: no throughput to sample)."""

    p50: int | None
    p85: int | None
    p95: int | None


class SprintOutlookOut(OutlookOut):
    """A sprint forecast's outlook for issues or for points."""

    probability: float = Field(description="Share of samples done by the end date")


class DailyThroughputOut(Schema):
    """What the team resolved per day in the history window (today excluded)."""

    first_day: date
    last_day: date
    days: int
    resolved_issues: int
    resolved_points: float
    mean_issues_per_day: float
    mean_points_per_day: float
    days_without_resolution: int


class ForecastDayOut(Schema):
    """The chance of being done within `days` days, by the end of `date`."""

    days: int
    date: date
    issues_probability: float
    points_probability: float


class SprintForecastOut(Schema):
    """The chance a sprint finishes its remaining scope by its end date."""

    project: str
    sprint: BurndownSprintOut
    today: date
    days_left: int = Field(description="Today through the end date, inclusive; 0 if past")
    remaining_issues: int
    remaining_points: float
    samples: int
    seed: int
    throughput: DailyThroughputOut
    issues: SprintOutlookOut
    points: SprintOutlookOut
    distribution: list[ForecastDayOut]


class SprintThroughputOut(Schema):
    """A completed sprint the backlog forecast samples."""

    id: str
    name: str
    completed_issues: int
    completed_points: float


class BacklogSprintsOut(Schema):
    """The cumulative chance of being done within `sprints` sprints."""

    sprints: int
    issues_probability: float
    points_probability: float


class BacklogForecastOut(Schema):
    """How many sprints the top of the backlog takes."""

    project: str
    top: int = Field(description="Issues asked for")
    issues: int = Field(description="Open backlog issues counted (at most `top`)")
    points: float
    samples: int
    seed: int
    sprints: list[SprintThroughputOut]
    issue_sprints: OutlookOut
    point_sprints: OutlookOut
    distribution: list[BacklogSprintsOut]


SPRINT_FORECAST_COLUMNS = tuple(ForecastDayOut.model_fields)
BACKLOG_FORECAST_COLUMNS = tuple(BacklogSprintsOut.model_fields)
