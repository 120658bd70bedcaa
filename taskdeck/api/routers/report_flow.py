"""Reports: flow (cumulative flow, cycle and lead time, aging work in progress), as JSON or
CSV."""

import dataclasses
from typing import Annotated, Any

from fastapi import Query, Request
from starlette.responses import Response

from taskdeck.api.deps import Assignee, Authenticated, ProjectKeyPath, api_router, json_response
from taskdeck.api.flow_schemas import (
    AGING_WIP_COLUMNS,
    CYCLE_TIME_COLUMNS,
    AgingWipOut,
    CumulativeFlowOut,
    CycleTimeOut,
)
from taskdeck.api.routers.reports import (
    CSV_OK,
    Format,
    From,
    To,
    Type,
    csv_table,
    range_fields,
    report_answer,
)
from taskdeck.domain.errors import FieldError, ValidationFailed
from taskdeck.domain.flow import CumulativeFlow, IssueFilter

router = api_router("reports")
Epic = Annotated[
    str | None, Query(max_length=21, description="Only issues of this epic (its key), at any depth")
]


def _refuse_filters(request: Request) -> None:
    """Cumulative flow counts from the daily rollup, which holds counts per status only:
    a filter would be silently ignored, and an unfiltered chart taken for a filtered one."""
    given = [name for name in ("assignee", "epic", "type") if name in request.query_params]
    if given:
        raise ValidationFailed(
            "cumulative flow counts every issue of the project; it cannot be filtered",
            [FieldError(name, "not a filter of cumulative flow") for name in given],
        )


def _flow_csv(report: CumulativeFlow) -> Response:
    """A row per day: its date, then the count of each status shown (by position, so a
    status whose id is `date` cannot clash with the first column)."""
    return csv_table(
        ["date", *(s.id for s in report.statuses)],
        (
            [day.day.isoformat(), *(day.counts[s.id] for s in report.statuses)]
            for day in report.days
        ),
    )


@router.get(
    "/projects/{key}/reports/cumulative-flow", response_model=CumulativeFlowOut, responses=CSV_OK
)
async def cumulative_flow_report(
    request: Request,
    key: ProjectKeyPath,
    caller: Authenticated,
    start: From = None,
    end: To = None,
    format: Format = "json",
) -> Response:
    """The number of issues in each status at the end of each UTC day of the range (default:
    the last 30 days), from the project's daily rollup. It counts every issue: the rollup
    has no assignee, epic or type to filter by (asking for one is a 422)."""
    _refuse_filters(request)
    days, report = await caller.services.flow_reports.cumulative_flow(
        caller.user_id, key, start=start, end=end
    )
    if format == "csv":
        return _flow_csv(report)
    body = {
        "project": key,
        **range_fields(days),
        "statuses": [dataclasses.asdict(s) for s in report.statuses],
        "days": [{"date": d.day.isoformat(), "counts": d.counts} for d in report.days],
    }
    return json_response(body)


@router.get("/projects/{key}/reports/cycle-time", response_model=CycleTimeOut, responses=CSV_OK)
async def cycle_time_report(
    key: ProjectKeyPath,
    caller: Authenticated,
    start: From = None,
    end: To = None,
    assignee: Assignee = None,
    epic: Epic = None,
    type: Type = None,
    format: Format = "json",
) -> Response:
    """Lead time (created to resolved) and cycle time (first started to resolved) of each
    issue resolved in the range (default: the last 30 days) and still done, in days, with
    their 50th, 85th and 95th percentiles."""
    wanted = IssueFilter(assignee=assignee, type=type, epic=epic)
    days, report = await caller.services.flow_reports.cycle_time(
        caller.user_id, key, start=start, end=end, wanted=wanted
    )
    rows = [dataclasses.asdict(issue) for issue in report.issues]
    body: dict[str, Any] = {
        "project": key,
        **range_fields(days),
        "issues": rows,
        "lead_time_days": dataclasses.asdict(report.lead_time_days),
        "cycle_time_days": dataclasses.asdict(report.cycle_time_days),
    }
    return report_answer(format, body, CYCLE_TIME_COLUMNS, rows)


@router.get("/projects/{key}/reports/aging-wip", response_model=AgingWipOut, responses=CSV_OK)
async def aging_wip_report(
    key: ProjectKeyPath,
    caller: Authenticated,
    assignee: Assignee = None,
    epic: Epic = None,
    type: Type = None,
    format: Format = "json",
) -> Response:
    """The issues in an in-progress status, oldest first: days in their status and since
    they started, with the cycle-time percentiles of the last 30 days as reference lines."""
    wanted = IssueFilter(assignee=assignee, type=type, epic=epic)
    report = await caller.services.flow_reports.aging_wip(caller.user_id, key, wanted=wanted)
    rows = [dataclasses.asdict(issue) for issue in report.issues]
    reference = {
        **range_fields(report.reference),
        "cycle_time_days": dataclasses.asdict(report.reference_cycle_time_days),
    }
    body = {"project": key, "now": report.now, "issues": rows, "reference": reference}
    return report_answer(format, body, AGING_WIP_COLUMNS, rows)
