"""A newcomer's first minutes in the browser: sign up, the first-run page, a project with
a suggested key, a colleague invited, a reload that keeps the session, sign out and in."""

from __future__ import annotations

import re

import httpx
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import create_account, screenshot, unique_email


def test_a_newcomer_starts_a_project_and_invites_a_colleague(page: Page, api: httpx.Client) -> None:
    colleague = create_account(api, "Grace")
    email = unique_email("ada")

    page.goto("/")
    expect(page).to_have_url(re.compile(r"/sign-in$"))
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    screenshot(page, "sign-in")

    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("Name").fill("Ada")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("short")
    page.get_by_role("button", name="Create account").click()
    password = page.get_by_label("Password")
    expect(password).to_have_attribute("aria-invalid", "true")
    expect(password).to_have_accessible_description(
        re.compile("String should have at least 10 characters")
    )
    expect(page.get_by_label("Email")).to_have_value(email)

    password.fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()

    expect(page.get_by_role("heading", name="Welcome to Taskdeck, Ada")).to_be_visible()
    expect(page.get_by_text("taskdeck demo")).to_be_visible()
    screenshot(page, "first-run")

    page.get_by_role("button", name="New project").click()
    dialog = page.get_by_role("dialog", name="New project")
    dialog.get_by_label("Name").fill("Web Platform")
    expect(dialog.get_by_label("Key")).to_have_value("WP")
    dialog.get_by_role("button", name="Create project").click()
    expect(page).to_have_url(re.compile(r"/projects/WP/issues$"))
    expect(page.get_by_role("heading", name="WP Web Platform")).to_be_visible()

    page.get_by_role("navigation", name="Project").get_by_role("link", name="Members").click()
    invite = page.get_by_role("form", name="Invite a member")
    invite.get_by_label("Email").fill(colleague)
    invite.get_by_label("Role").select_option("member")
    invite.get_by_role("button", name="Invite").click()
    expect(page.get_by_role("status")).to_have_text("Grace was added.")
    expect(page.get_by_role("combobox", name="Role of Grace")).to_have_value("member")
    screenshot(page, "members")

    page.reload()
    expect(page).to_have_url(re.compile(r"/projects/WP/members$"))
    expect(page.get_by_role("cell", name="Grace", exact=True)).to_be_visible()

    page.locator("body").press("g")
    page.locator("body").press("p")
    expect(page).to_have_url(re.compile(r"/projects$"))
    expect(page.get_by_role("link", name=re.compile("Web Platform"))).to_be_visible()
    screenshot(page, "projects")

    page.locator("body").press("?")
    shortcuts = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(shortcuts).to_contain_text("Go to your projects")
    page.keyboard.press("Escape")
    expect(shortcuts).to_be_hidden()

    page.get_by_role("button", name="New project").click()
    page.keyboard.press("Escape")
    expect(page.get_by_role("button", name="New project")).to_be_focused()

    page.get_by_role("button", name="Account: Ada").click()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.goto("/projects/WP/members")
    expect(page).to_have_url(re.compile(r"/sign-in\?next="))

    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/projects/WP/members$"))
    expect(page.get_by_role("cell", name="Grace", exact=True)).to_be_visible()
