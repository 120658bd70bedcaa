"""The command palette in the browser: Ctrl+K or `/`, a word of a title or an issue's
key, Enter, and the issue is shown; an action goes to the project's board; the help
dialog lists the palette's shortcuts."""

from __future__ import annotations

import re

import httpx
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import create_account, sign_in

PROJECT = "PAL"
TITLES = ("Fix the login page", "Parcel tracking email", "Printer driver crash")


def seed_project(api: httpx.Client, owner: str) -> None:
    """The project and its issues, PAL-1 to PAL-3 in the order of `TITLES`."""
    token = api.post("/api/v1/auth/login", json={"email": owner, "password": PASSWORD})
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    project = {"key": PROJECT, "name": "Palette"}
    assert api.post("/api/v1/projects", json=project, headers=headers).status_code == 201
    for title in TITLES:
        issue = {"type": "task", "title": title, "description": "Seen in the palette"}
        created = api.post(f"/api/v1/projects/{PROJECT}/issues", json=issue, headers=headers)
        assert created.status_code == 201, created.text


def test_the_palette_finds_issues_and_runs_actions(page: Page, api: httpx.Client) -> None:
    owner = create_account(api, "Pat")
    seed_project(api, owner)
    sign_in(page, owner)
    page.goto(f"/projects/{PROJECT}/issues")
    expect(page.get_by_role("heading", name=f"{PROJECT} Palette")).to_be_visible()

    # Ctrl+K, a word of a title: the issue is found, and Enter opens it.
    page.keyboard.press("Control+k")
    palette = page.get_by_role("dialog", name="Command palette")
    search = palette.get_by_role("combobox", name="Search issues, projects and actions")
    expect(search).to_be_focused()
    expect(palette.get_by_role("option", name="Go to board")).to_be_visible()
    page.keyboard.type("parc")
    found = palette.get_by_role("option", name=f"{PROJECT}-2 Parcel tracking email")
    expect(found).to_have_attribute("aria-selected", "true")
    expect(palette.get_by_role("option")).to_have_count(1)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(f"/issues/{PROJECT}-2$"))
    expect(palette).to_be_hidden()
    expect(page.get_by_role("heading", name=f"{PROJECT}-2: Parcel tracking email")).to_be_visible()

    # `/`, another issue's key in lower case: that issue first, Enter opens it.
    page.locator("body").press("/")
    expect(search).to_be_focused()
    page.keyboard.type(f"{PROJECT.lower()}-3")
    named = palette.get_by_role("option").first
    expect(named).to_have_text(f"{PROJECT}-3 Printer driver crash")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(f"/issues/{PROJECT}-3$"))
    expect(page.get_by_role("heading", name=f"{PROJECT}-3: Printer driver crash")).to_be_visible()

    # An action, chosen with the arrow keys: the project's board; Escape closes.
    page.keyboard.press("Control+k")
    page.keyboard.type("go to b")
    expect(palette.get_by_role("option", name="Go to board")).to_have_attribute(
        "aria-selected", "true"
    )
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(f"/projects/{PROJECT}/board$"))
    page.keyboard.press("Control+k")
    expect(search).to_have_value("")
    page.keyboard.press("Escape")
    expect(palette).to_be_hidden()

    # The help dialog lists both ways in.
    page.locator("body").press("?")
    shortcuts = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(shortcuts).to_contain_text("Ctrl+kOpen or close the command palette")
    expect(shortcuts).to_contain_text("/Search issues, projects and actions")
