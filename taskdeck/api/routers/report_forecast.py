"""Reports: forecasts of the active sprint and of the backlog, as JSON or CSV (the CSV
rows are the JSON's `distribution`)."""

from datetime import timedelta
from typing import Annotated, Any

from fastapi import Query
from starlette.responses import Response

from taskdeck.api.deps import Authenticated, ProjectKeyPath, api_router
from taskdeck.api.forecast_schemas import (
    BACKLOG_FORECAST_COLUMNS,
    SPRINT_FORECAST_COLUMNS,
    BacklogForecastOut,
    SprintForecastOut,
)
from taskdeck.api.routers.reports import CSV_OK, Format, report_answer
from taskdeck.domain.forecast import Simulation, cumulative, outlook
from taskdeck.services.forecasts import BacklogForecast, DailyThroughput, SprintForecast

router = api_router("reports")
Samples = Annotated[int, Query(ge=100, le=100_000, description="How many futures to sample")]
Seed = Annotated[
    int, Query(ge=0, le=2**32 - 1, description="The random seed: the same seed, the same answer")
]


def _outlook(simulation: Simulation) -> dict[str, Any]:
    shown = outlook(simulation)
    return {"p50": shown.p50, "p85": shown.p85, "p95": shown.p95}


def _throughput(throughput: DailyThroughput) -> dict[str, Any]:
    days = len(throughput.issues)
    issues, points = sum(throughput.issues), round(sum(throughput.points), 2)
    return {
        "first_day": throughput.first_day.isoformat(),
        "last_day": (throughput.first_day + timedelta(days=days - 1)).isoformat(),
        "days": days,
        "resolved_issues": issues,
        "resolved_points": points,
        "mean_issues_per_day": round(issues / days, 4),
        "mean_points_per_day": round(points / days, 4),
        "days_without_resolution": throughput.issues.count(0),
    }


def _sprint_forecast(key: str, report: SprintForecast, seed: int) -> dict[str, Any]:
    simulations = (report.issues, report.points)
    last = max(report.days_left, 1, *(s.longest for s in simulations))
    return {
        "project": key,
        "sprint": report.sprint,
        "today": report.today.isoformat(),
        "days_left": report.days_left,
        "remaining_issues": report.remaining_issues,
        "remaining_points": report.remaining_points,
        "samples": report.issues.samples,
        "seed": seed,
        "throughput": _throughput(report.throughput),
        **{
            name: {"probability": s.probability_within(report.days_left), **_outlook(s)}
            for name, s in zip(("issues", "points"), simulations, strict=True)
        },
        "distribution": [
            {
                "days": days,
                "date": (report.today + timedelta(days=days - 1)).isoformat(),
                "issues_probability": issues,
                "points_probability": points,
            }
            for days, (issues, points) in enumerate(cumulative(simulations, last), start=1)
        ],
    }


def _backlog_forecast(key: str, report: BacklogForecast, *, top: int, seed: int) -> dict[str, Any]:
    simulations = (report.issue_sprints, report.point_sprints)
    last = max(1, *(s.longest for s in simulations))
    return {
        "project": key,
        "top": top,
        "issues": len(report.issues),
        "points": report.points,
        "samples": report.issue_sprints.samples,
        "seed": seed,
        "sprints": report.sprints,
        "issue_sprints": _outlook(report.issue_sprints),
        "point_sprints": _outlook(report.point_sprints),
        "distribution": [
            {"sprints": sprints, "issues_probability": issues, "points_probability": points}
            for sprints, (issues, points) in enumerate(cumulative(simulations, last), start=1)
        ],
    }


@router.get("/projects/{key}/reports/forecast", response_model=SprintForecastOut, responses=CSV_OK)
async def sprint_forecast_report(
    key: ProjectKeyPath,
    caller: Authenticated,
    sprint: Annotated[
        str | None,
        Query(max_length=26, description="An active sprint's id; default: the active one"),
    ] = None,
    samples: Samples = 10_000,
    seed: Seed = 1,
    history: Annotated[
        int, Query(ge=7, le=365, description="Days of throughput before today to sample")
    ] = 90,
    format: Format = "json",
) -> Response:
    """The chance the sprint finishes its remaining issues (and, apart, its remaining
    points) by its end date, sampling the daily throughput of the last `history` days."""
    report = await caller.services.forecasts.sprint(
        caller.user_id, key, sprint_id=sprint, samples=samples, seed=seed, history=history
    )
    body = _sprint_forecast(key, report, seed)
    return report_answer(format, body, SPRINT_FORECAST_COLUMNS, body["distribution"])


@router.get(
    "/projects/{key}/reports/backlog-forecast",
    response_model=BacklogForecastOut,
    responses=CSV_OK,
)
async def backlog_forecast_report(
    key: ProjectKeyPath,
    caller: Authenticated,
    top: Annotated[int, Query(ge=1, le=500, description="How many backlog issues")] = 20,
    samples: Samples = 10_000,
    seed: Seed = 1,
    last: Annotated[
        int, Query(ge=1, le=50, description="How many completed sprints to sample")
    ] = 7,
    format: Format = "json",
) -> Response:
    """How many sprints the top `top` issues of the backlog take (and, apart, their
    points), sampling what each of the last `last` completed sprints completed."""
    report = await caller.services.forecasts.backlog(
        caller.user_id, key, top=top, samples=samples, seed=seed, last=last
    )
    body = _backlog_forecast(key, report, top=top, seed=seed)
    return report_answer(format, body, BACKLOG_FORECAST_COLUMNS, body["distribution"])
