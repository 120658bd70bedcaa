"""Response bodies of the time reports, for the OpenAPI document. Each report's CSV has
the columns declared here, a row per data point: time tracking a row per issue or group
(then no total row: the JSON's `total` is the sum of the rows), the timesheet a row per
person and day, the team report a row per person."""

import dataclasses
import datetime

from pydantic import Field

from taskdeck.api.schemas import Schema
from taskdeck.domain.time_reports import GroupBy, TeamMember, TimeRow


class TimeTrackingOut(Schema):
    """Estimate versus actual of each issue with an estimate or time logged, or per
    assignee or epic (`none`: unassigned, or in no epic), and the totals."""

    project: str
    group_by: GroupBy
    rows: list[TimeRow]
    total: TimeRow = Field(description="Every row summed (`key` is `total`)")


class TimesheetDayOut(Schema):
    """The minutes one person logged on one day."""

    date: datetime.date
    minutes: int


class TimesheetUserOut(Schema):
    """One person's days with time logged, in date order."""

    user_id: str
    name: str | None = Field(description="null: the account is gone")
    days: list[TimesheetDayOut]
    total_minutes: int


class TimesheetOut(Schema):
    """Minutes logged per person per day of the range, people by name."""

    project: str
    from_: datetime.date = Field(alias="from")
    to: datetime.date
    users: list[TimesheetUserOut]
    total_minutes: int


class TeamOut(Schema):
    """What each member (and each former member credited in the range) did, by name."""

    project: str
    from_: datetime.date = Field(alias="from")
    to: datetime.date
    members: list[TeamMember]


TIME_TRACKING_COLUMNS = tuple(f.name for f in dataclasses.fields(TimeRow))
TIMESHEET_COLUMNS = ("user_id", "name", "date", "minutes")
TEAM_COLUMNS = tuple(f.name for f in dataclasses.fields(TeamMember))
