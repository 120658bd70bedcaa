"""The speed ceiling: a bare FastAPI app shaped like Taskdeck's hottest routes, with no storage."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel, Field

PAGE_SIZE = 50


class IssueCreate(BaseModel):
    """The body of a new issue, validated as Taskdeck validates it."""

    type: str = Field(min_length=1, max_length=32)
    title: str = Field(min_length=1, max_length=255)
    description: str = Field(default="", max_length=65_536)


def issue_json(
    key: str, *, title: str = "Issue title", description: str = "some text"
) -> dict[str, Any]:
    """An issue as Taskdeck renders it, with fixed values."""
    return {
        "key": key,
        "id": "01JDQ8Z5K3M4N5P6Q7R8S9T0VW",
        "project": "BENCH",
        "number": 17,
        "type": "task",
        "title": title,
        "description": description,
        "status": "todo",
        "priority": "medium",
        "assignee": None,
        "reporter": "01JDQ8Z5K3M4N5P6Q7R8S9T0UX",
        "labels": ["backend"],
        "points": 3,
        "estimate_minutes": 120,
        "remaining_minutes": 60,
        "spent_minutes": 60,
        "due_date": None,
        "sprint": None,
        "parent": None,
        "acceptance_criteria": [],
        "rank": "a0",
        "watchers": [],
        "version": 1,
        "created_at": "2025-01-01T00:00:00Z",
        "updated_at": "2025-01-01T00:00:00Z",
        "resolved_at": None,
    }


PAGE = [issue_json(f"BENCH-{number}") for number in range(1, PAGE_SIZE + 1)]

app = FastAPI(title="Taskdeck bench ceiling")


@app.get("/api/v1/issues/{key}")
async def get_issue(key: str) -> dict[str, Any]:
    """One issue."""
    return issue_json(key)


@app.get("/api/v1/projects/{key}/issues")
async def list_issues(key: str) -> dict[str, Any]:
    """A page of 50 issues."""
    return {"items": PAGE, "next_cursor": None}


@app.post("/api/v1/projects/{key}/issues", status_code=201)
async def create_issue(key: str, body: IssueCreate) -> dict[str, Any]:
    """A new issue, echoed back."""
    return issue_json(f"{key}-1", title=body.title, description=body.description)
