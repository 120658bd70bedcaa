"""Reports: velocity and burndown, as JSON or CSV."""

import csv
import dataclasses
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Annotated, Any, Literal

from fastapi import Query
from starlette.responses import Response

from taskdeck.api.deps import Authenticated, ProjectKeyPath, api_router, json_response
from taskdeck.api.report_schemas import (
    BURNDOWN_COLUMNS,
    VELOCITY_COLUMNS,
    BurndownOut,
    VelocityOut,
)
from taskdeck.domain.issues import IssueType
from taskdeck.domain.report_range import DateRange
from taskdeck.domain.reports import BurndownDay, Velocity

router = api_router("reports")
Format = Annotated[
    Literal["json", "csv"], Query(description="`csv`: a header row, then a row per data point")
]
CSV_OK: dict[int | str, dict[str, Any]] = {200: {"content": {"text/csv": {}}}}
From = Annotated[
    str | None,
    Query(
        alias="from",
        max_length=10,
        description="First day, YYYY-MM-DD; default: 29 days before `to`",
    ),
]
To = Annotated[
    str | None,
    Query(
        alias="to",
        max_length=10,
        description="Last day, YYYY-MM-DD, not after today; default: today",
    ),
]
Type = Annotated[IssueType | None, Query(description="Only issues of this type")]


def range_fields(days: DateRange) -> dict[str, str]:
    """The range a report covers, as its JSON names it."""
    return {"from": days.start.isoformat(), "to": days.end.isoformat()}


def csv_table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Response:
    """A CSV document: the header row, then the rows (None as an empty field)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8")


def report_answer(
    format: str, body: Mapping[str, Any], columns: Sequence[str], rows: Iterable[Mapping[str, Any]]
) -> Response:
    """The report as JSON (`body`), or as CSV: the `columns` of each of `rows`."""
    if format == "csv":
        return csv_table(columns, ([row.get(name) for name in columns] for row in rows))
    return json_response(body)


def _velocity(key: str, report: Velocity) -> dict[str, Any]:
    return {
        "project": key,
        "sprints": [dataclasses.asdict(row) for row in report.sprints],
        "average_points": report.average_points,
        "standard_deviation_points": report.standard_deviation_points,
    }


def _day(row: BurndownDay) -> dict[str, Any]:
    shown = dataclasses.asdict(row)
    return {"date": shown.pop("day").isoformat(), **shown}


@router.get("/projects/{key}/reports/velocity", response_model=VelocityOut, responses=CSV_OK)
async def velocity_report(
    key: ProjectKeyPath,
    caller: Authenticated,
    last: Annotated[int, Query(ge=1, le=50, description="How many completed sprints")] = 7,
    format: Format = "json",
) -> Response:
    """Committed and completed points and issues of the last completed sprints, oldest
    first, with the mean and population standard deviation of the completed points."""
    report = _velocity(key, await caller.services.reports.velocity(caller.user_id, key, last=last))
    return report_answer(format, report, VELOCITY_COLUMNS, report["sprints"])


@router.get("/projects/{key}/reports/burndown", response_model=BurndownOut, responses=CSV_OK)
async def burndown_report(
    key: ProjectKeyPath,
    caller: Authenticated,
    sprint: Annotated[
        str | None,
        Query(max_length=26, description="A started sprint's id; default: the active one"),
    ] = None,
    format: Format = "json",
) -> Response:
    """A sprint's remaining, completed, added and removed work per day, and the ideal line."""
    sprint_shown, days = await caller.services.reports.burndown(
        caller.user_id, key, sprint_id=sprint
    )
    rows = [_day(day) for day in days]
    body = {"project": key, "sprint": sprint_shown, "days": rows}
    return report_answer(format, body, BURNDOWN_COLUMNS, rows)
