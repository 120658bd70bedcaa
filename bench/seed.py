"""Seeding Taskdeck through its public API: a user, the BENCH project and its issues."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

PROJECT_KEY = "BENCH"
CONCURRENCY = 8
USER = {"email": "bench@example.com", "password": "bench-Password-1234", "name": "Bench"}


class SeedError(Exception):
    """The API refused a request the seeding needs."""


def expect(response: httpx.Response, status: int) -> dict[str, Any]:
    """The JSON body of a response, or SeedError if its status is not the expected one."""
    if response.status_code != status:
        request = response.request
        raise SeedError(
            f"{request.method} {request.url.path} returned {response.status_code}, "
            f"expected {status}: {response.text[:500]}"
        )
    body: dict[str, Any] = response.json()
    return body


def sign_in(client: httpx.Client) -> str:
    """Sign up and log in the bench user; return its access token."""
    expect(client.post("/api/v1/auth/signup", json=USER), 201)
    credentials = {"email": USER["email"], "password": USER["password"]}
    return str(expect(client.post("/api/v1/auth/login", json=credentials), 200)["access_token"])


async def create_issue_range(client: httpx.AsyncClient, project: str, numbers: range) -> list[str]:
    """Create one issue per number in project, one after another; return their keys."""
    keys = []
    for number in numbers:
        issue = {"type": "task", "title": f"Issue {number}", "description": "some text"}
        response = await client.post(f"/api/v1/projects/{project}/issues", json=issue)
        keys.append(str(expect(response, 201)["key"]))
    return keys


async def create_issues(
    base_url: str, token: str, count: int, *, project: str = PROJECT_KEY
) -> list[str]:
    """Create count issues in project over a few concurrent connections; return their keys."""
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=30.0) as client:
        ranges = [range(first, count + 1, CONCURRENCY) for first in range(1, CONCURRENCY + 1)]
        chunks = await asyncio.gather(
            *(create_issue_range(client, project, numbers) for numbers in ranges)
        )
    return [key for chunk in chunks for key in chunk]


def seed(base_url: str, issues: int) -> tuple[str, list[str]]:
    """Create the user, the project and its issues; return an access token and the issue keys."""
    with httpx.Client(base_url=base_url, timeout=30.0) as client:
        token = sign_in(client)
        project = {"key": PROJECT_KEY, "name": "Bench"}
        headers = {"Authorization": f"Bearer {token}"}
        expect(client.post("/api/v1/projects", json=project, headers=headers), 201)
    return token, asyncio.run(create_issues(base_url, token, issues))
