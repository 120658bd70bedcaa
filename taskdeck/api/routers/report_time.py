"""Reports: time tracking, timesheet and team, as JSON or CSV."""

import dataclasses
from typing import Annotated, Any

from fastapi import Query
from starlette.responses import Response

from taskdeck.api.deps import Assignee, Authenticated, ProjectKeyPath, api_router
from taskdeck.api.routers.reports import (
    CSV_OK,
    Format,
    From,
    To,
    Type,
    range_fields,
    report_answer,
)
from taskdeck.api.time_schemas import (
    TEAM_COLUMNS,
    TIME_TRACKING_COLUMNS,
    TIMESHEET_COLUMNS,
    TeamOut,
    TimesheetOut,
    TimeTrackingOut,
)
from taskdeck.domain.time_reports import GroupBy, TimeFilter

router = api_router("reports")
Epic = Annotated[
    str | None,
    Query(max_length=21, description="Only issues of this epic (its key), at any depth; `none`"),
]
Since = Annotated[
    str | None,
    Query(
        alias="from",
        max_length=10,
        description="First day, YYYY-MM-DD; default: 6 days before `to`",
    ),
]


@router.get(
    "/projects/{key}/reports/time-tracking", response_model=TimeTrackingOut, responses=CSV_OK
)
async def time_tracking_report(
    key: ProjectKeyPath,
    caller: Authenticated,
    group_by: Annotated[GroupBy, Query(description="A row per issue, assignee or epic")] = (
        GroupBy.ISSUE
    ),
    assignee: Assignee = None,
    epic: Epic = None,
    type: Type = None,
    format: Format = "json",
) -> Response:
    """Estimated, logged and remaining minutes of each issue with an estimate or time
    logged, or summed per assignee or epic, with logged minus estimated and logged over
    estimated; the total sums every row."""
    wanted = TimeFilter(assignee=assignee, type=type, epic=epic)
    report = await caller.services.time_reports.time_tracking(
        caller.user_id, key, group_by=group_by, wanted=wanted
    )
    rows = [dataclasses.asdict(row) for row in report.rows]
    body: dict[str, Any] = {
        "project": key,
        "group_by": group_by,
        "rows": rows,
        "total": dataclasses.asdict(report.total),
    }
    return report_answer(format, body, TIME_TRACKING_COLUMNS, rows)


@router.get("/projects/{key}/reports/timesheet", response_model=TimesheetOut, responses=CSV_OK)
async def timesheet_report(
    key: ProjectKeyPath,
    caller: Authenticated,
    start: Since = None,
    end: To = None,
    assignee: Annotated[
        str | None,
        Query(max_length=64, description="Only the time this user id, or `me`, logged"),
    ] = None,
    format: Format = "json",
) -> Response:
    """The minutes each person logged on each day of the range (default: the last 7
    days), by the worklogs' dates; only days with time logged are listed. Every worklog
    has an author, so `assignee=none` is a 422."""
    days, users = await caller.services.time_reports.timesheet(
        caller.user_id, key, start=start, end=end, assignee=assignee
    )
    shown = [dataclasses.asdict(user) for user in users]
    rows = [{"user_id": u["user_id"], "name": u["name"], **day} for u in shown for day in u["days"]]
    total = sum(user.total_minutes for user in users)
    body = {"project": key, **range_fields(days), "users": shown, "total_minutes": total}
    return report_answer(format, body, TIMESHEET_COLUMNS, rows)


@router.get("/projects/{key}/reports/team", response_model=TeamOut, responses=CSV_OK)
async def team_report(
    key: ProjectKeyPath,
    caller: Authenticated,
    start: From = None,
    end: To = None,
    format: Format = "json",
) -> Response:
    """Per member, by name: issues resolved and points completed in the range (default:
    the last 30 days, credited to the assignee at resolution), minutes logged, median
    cycle time, comments written, and issues in progress now. People credited in the
    range who have left the project are listed as former members."""
    days, members = await caller.services.time_reports.team(
        caller.user_id, key, start=start, end=end
    )
    rows = [dataclasses.asdict(member) for member in members]
    body = {"project": key, **range_fields(days), "members": rows}
    return report_answer(format, body, TEAM_COLUMNS, rows)
