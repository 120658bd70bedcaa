"""A team's day in the browser: a story whose acceptance criteria hold it out of Done, a
sprint planned by dragging and started, a card dragged across the board, a comment with a
mention, a file uploaded and downloaded, and time logged."""

from __future__ import annotations

import re

import httpx
from playwright.sync_api import Locator, Page, expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import create_account, screenshot, sign_in

PROJECT = "SHIP"


def drag(page: Page, item: Locator, target: Locator) -> None:
    """Drag item onto target with the mouse, in small steps as a hand would, once both
    are on screen (`bounding_box` does not wait: just after a navigation it found the
    card not yet shown and returned None)."""
    expect(item).to_be_visible()
    expect(target).to_be_visible()
    start = item.bounding_box()
    end = target.bounding_box()
    assert start is not None
    assert end is not None
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2 + 10, steps=4)
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + min(end["height"] / 2, 20), steps=12)
    page.mouse.up()


def set_up_project(api: httpx.Client, owner: str, colleague: str) -> None:
    """The project, with the colleague as a member and one task already in its backlog."""
    token = api.post("/api/v1/auth/login", json={"email": owner, "password": PASSWORD})
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    project = {"key": PROJECT, "name": "Shipping"}
    assert api.post("/api/v1/projects", json=project, headers=headers).status_code == 201
    member = {"email": colleague, "role": "member"}
    added = api.post(f"/api/v1/projects/{PROJECT}/members", json=member, headers=headers)
    assert added.status_code == 201, added.text
    task = {"type": "task", "title": "Print labels"}
    created = api.post(f"/api/v1/projects/{PROJECT}/issues", json=task, headers=headers)
    assert created.status_code == 201, created.text


def test_a_story_goes_through_a_sprint(page: Page, api: httpx.Client) -> None:
    owner = create_account(api, "Lin")
    colleague = create_account(api, "Grace")
    set_up_project(api, owner, colleague)
    sign_in(page, owner)

    page.goto(f"/projects/{PROJECT}/issues")
    expect(page.get_by_role("heading", name=f"{PROJECT} Shipping")).to_be_visible()
    page.locator("body").press("c")
    dialog = page.get_by_role("dialog", name="New issue")
    dialog.get_by_label("Type").select_option("story")
    dialog.get_by_label("Title").fill("Customers track their parcel")
    dialog.get_by_label("Points").fill("5")
    dialog.get_by_role("button", name="Add criterion").click()
    dialog.get_by_label("Criterion 1", exact=True).fill("The page shows where the parcel is")
    dialog.get_by_role("button", name="Add criterion").click()
    dialog.get_by_label("Criterion 2", exact=True).fill("The customer gets an email when it moves")
    dialog.get_by_role("button", name="Create issue").click()
    story = f"{PROJECT}-2"
    expect(page).to_have_url(re.compile(f"/issues/{story}$"))
    expect(page.get_by_text("0 of 2 met")).to_be_visible()

    # The criteria gate: Done is refused, the field keeps its value and says why.
    properties = page.get_by_role("complementary", name="Properties")
    properties.get_by_label("Status").select_option("done")
    expect(properties.get_by_role("alert")).to_contain_text("acceptance criteri")
    expect(properties.get_by_label("Status")).to_have_value("todo")

    # Planned: the story dragged from the backlog into a new sprint, which is started.
    page.goto(f"/projects/{PROJECT}/backlog")
    page.get_by_role("button", name="Create sprint").click()
    sprint = f"{PROJECT} Sprint 1"
    sprint_list = page.get_by_role("list", name=sprint)
    expect(sprint_list).to_be_visible()
    backlog = page.get_by_role("list", name="Backlog")
    card = backlog.get_by_role("button", name=re.compile(f"^{story}:"))
    drag(page, card, sprint_list)
    expect(sprint_list.get_by_role("button", name=re.compile(f"^{story}:"))).to_be_visible()
    task = backlog.get_by_role("button", name=re.compile(f"^{PROJECT}-1:"))
    drag(page, task, sprint_list)
    expect(sprint_list.get_by_role("button", name=re.compile(f"^{PROJECT}-1:"))).to_be_visible()
    expect(page.get_by_text("2 issues · 5 points")).to_be_visible()
    screenshot(page, "backlog")
    page.get_by_role("button", name="Start sprint").click()
    start_dialog = page.get_by_role("dialog", name=f"Start {sprint}")
    start_dialog.get_by_role("button", name="Start sprint").click()
    expect(page.get_by_role("button", name="Complete sprint")).to_be_visible()

    # On the board the task is dragged from To Do to In Progress, and stays there.
    page.locator("body").press("g")
    page.locator("body").press("b")
    expect(page).to_have_url(re.compile(f"/projects/{PROJECT}/board$"))
    in_progress = page.get_by_role("list", name="In Progress")
    drag(page, page.get_by_role("button", name=re.compile(f"^{PROJECT}-1:")), in_progress)
    expect(in_progress.get_by_role("button", name=re.compile(f"^{PROJECT}-1:"))).to_be_visible()
    screenshot(page, "board")
    page.reload()
    expect(in_progress.get_by_role("button", name=re.compile(f"^{PROJECT}-1:"))).to_be_visible()

    # `/` opens the command palette, which finds the story by a word of its title.
    page.locator("body").press("/")
    search = page.get_by_role("combobox", name="Search issues, projects and actions")
    expect(search).to_be_focused()  # typed before the palette opens, keys went elsewhere
    page.keyboard.type("parcel")
    expect(page.get_by_role("option", name=f"{story} Customers track their parcel")).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(f"/issues/{story}$"))

    # Back on the story: both criteria ticked, and now it may be Done.
    page.get_by_role("checkbox", name="The page shows where the parcel is").check()
    expect(page.get_by_text("1 of 2 met")).to_be_visible()
    page.get_by_role("checkbox", name="The customer gets an email when it moves").check()
    expect(page.get_by_text("2 of 2 met")).to_be_visible()
    properties.get_by_label("Status").select_option("done")
    expect(properties.get_by_label("Status")).to_have_value("done")
    expect(properties.get_by_text("Resolved")).to_be_visible()

    # A comment that mentions the colleague, chosen from the suggestions.
    handle = colleague.split("@")[0]
    comment = page.get_by_role("textbox", name="New comment")
    comment.press_sequentially("Shipped. Thanks @gra")
    suggestion = page.get_by_role("option", name=re.compile(f"Grace \\(@{handle}\\)"))
    expect(suggestion).to_be_visible()
    comment.press("Enter")
    expect(comment).to_have_value(f"Shipped. Thanks @{handle} ")
    page.get_by_role("button", name="Comment", exact=True).click()
    expect(page.get_by_role("heading", name="Comments (1)")).to_be_visible()
    expect(page.locator(".comment")).to_contain_text(f"Thanks @{handle}")

    # A file uploaded with the picker, then downloaded with the same bytes.
    content = b"tracking-number,status\n1Z999,delivered\n"
    picker = page.get_by_label("Attach files (or drop them anywhere on the page)")
    picker.set_input_files({"name": "tracking.csv", "mimeType": "text/csv", "buffer": content})
    download_button = page.get_by_role("button", name="Download tracking.csv")
    expect(download_button).to_be_visible()
    with page.expect_download() as download_info:
        download_button.click()
    download = download_info.value
    assert download.suggested_filename == "tracking.csv"
    with open(download.path(), "rb") as downloaded:
        assert downloaded.read() == content

    # Time logged against the estimate.
    properties.get_by_label("Estimate").fill("4h")
    properties.get_by_label("Estimate").press("Enter")
    expect(page.get_by_text("of 4h")).to_be_visible()
    tracking = page.get_by_role("region", name="Time tracking")
    tracking.get_by_label("Time spent").fill("1h 30m")
    tracking.get_by_label("Note").fill("Carrier API")
    tracking.get_by_role("button", name="Log time").click()
    expect(tracking.get_by_text("1h 30m · Lin — Carrier API")).to_be_visible()
    expect(tracking).to_contain_text("Spent 1h 30m of 4h")
    # Every edit above was our own: none may be taken for someone else's (a 412).
    expect(page.get_by_text("Someone else changed this issue")).to_have_count(0)
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "issue")
