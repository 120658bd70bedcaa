"""An owner's settings in the browser: the workflow edited (a status added and moved, one
holding an issue removed with a target) and seen on the board, then a personal API token
created, used from a script and revoked."""

from __future__ import annotations

import re

import httpx
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import create_account, screenshot, sign_in

PROJECT = "CFG"


def set_up_project(api: httpx.Client, owner: str) -> None:
    """The project, with one issue waiting in In Review."""
    token = api.post("/api/v1/auth/login", json={"email": owner, "password": PASSWORD})
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    project = {"key": PROJECT, "name": "Configuration"}
    assert api.post("/api/v1/projects", json=project, headers=headers).status_code == 201
    issue = {"type": "task", "title": "Review the settings", "status": "in_review"}
    created = api.post(f"/api/v1/projects/{PROJECT}/issues", json=issue, headers=headers)
    assert created.status_code == 201, created.text


def test_an_owner_edits_the_workflow_and_scripts_with_a_token(
    page: Page, api: httpx.Client
) -> None:
    owner = create_account(api, "Ines")
    set_up_project(api, owner)
    sign_in(page, owner)

    page.goto(f"/projects/{PROJECT}/issues")
    page.get_by_role("navigation", name="Project").get_by_role("link", name="Settings").click()
    expect(page).to_have_url(re.compile(f"/projects/{PROJECT}/settings/details$"))
    expect(page.get_by_label("Acceptance criteria gate")).to_be_checked()
    page.get_by_role("navigation", name="Settings").get_by_role("link", name="Workflow").click()

    # A new status, moved to second place (with the keyboard after the first click).
    page.get_by_label("New status").fill("Ready")
    page.get_by_label("Its category").select_option("todo")
    page.get_by_role("button", name="Add status").click()
    page.get_by_role("button", name="Move Ready up").click()
    # The focus stays on the button as its row moves, so the keyboard carries on.
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    expect(page.get_by_role("group", name="Status 2").get_by_label("Name")).to_have_value("Ready")

    # In Review holds an issue: removing it asks where the issue goes.
    in_review = page.get_by_role("group", name="Status 4")
    expect(in_review.get_by_label("Name")).to_have_value("In Review")
    expect(in_review).to_contain_text("1 issue")
    page.get_by_role("button", name="Remove In Review").click()
    dialog = page.get_by_role("dialog", name="Remove In Review")
    dialog.get_by_label("Move its issues to").select_option(label="In Progress")
    dialog.get_by_role("button", name="Remove status").click()
    expect(dialog).to_be_hidden()
    page.get_by_role("button", name="Save workflow").click()
    expect(page.get_by_text("Workflow saved.")).to_be_visible()
    expect(page.get_by_role("group", name="Status 3")).to_contain_text("1 issue")
    screenshot(page, "settings")

    page.get_by_role("navigation", name="Project").get_by_role("link", name="Board").click()
    expect(page.get_by_role("list", name="Ready")).to_be_visible()
    expect(page.get_by_role("list", name="In Review")).to_have_count(0)
    in_progress = page.get_by_role("list", name="In Progress")
    expect(in_progress.get_by_role("button", name=re.compile(f"^{PROJECT}-1:"))).to_be_visible()

    # A personal API token: its secret shown once, then used by a script.
    page.get_by_role("navigation", name="Project").get_by_role("link", name="Settings").click()
    page.get_by_role("link", name="Your API tokens").click()
    expect(page).to_have_url(re.compile("/settings/tokens$"))
    page.get_by_label("Token name").fill("release script")
    page.get_by_role("button", name="Create token").click()
    secret_field = page.get_by_label("Secret of release script")
    expect(secret_field).not_to_have_value("")
    secret = secret_field.input_value()
    page.get_by_role("button", name="Done").click()
    expect(secret_field).to_have_count(0)
    expect(page.get_by_role("cell", name="release script", exact=True)).to_be_visible()

    headers = {"Authorization": f"Bearer {secret}"}
    project = api.get(f"/api/v1/projects/{PROJECT}", headers=headers)
    assert project.status_code == 200, project.text
    statuses = [status["id"] for status in project.json()["workflow"]]
    assert statuses == ["todo", "ready", "in_progress", "done"]
    issue = api.get(f"/api/v1/issues/{PROJECT}-1", headers=headers)
    assert issue.json()["status"] == "in_progress"

    page.get_by_role("button", name="Revoke release script").click()
    expect(page.get_by_text("You have no API tokens.")).to_be_visible()
    assert api.get(f"/api/v1/projects/{PROJECT}", headers=headers).status_code == 401
