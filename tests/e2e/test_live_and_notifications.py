"""Two people on one project, each in a browser of their own: a card one of them moves
shows up in its new column on the other's board without a reload, and a comment that
mentions the other raises their bell's unread count. Each test prints how long the
change took to appear in the watching browser (measured there; no timed assertion)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import TIMEOUT_MS, create_account, sign_in
from tests.e2e.test_a_sprint_of_work import drag
from tests.system.server import Server

PROJECT = "LIVE"

# In the watching page: note the epoch time (same clock as the other page and this
# process) at which an element matching the selector first has the text.
WATCH = """([selector, text]) => {
  const now = () => performance.timeOrigin + performance.now();
  const seen = () =>
    [...document.querySelectorAll(selector)].some((el) => el.textContent.includes(text));
  if (seen()) return now();
  const observer = new MutationObserver(() => {
    if (seen()) { observer.disconnect(); window.__seenAt = now(); }
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  return null;
}"""


@pytest.fixture
def second_page(browser: Browser, server: Server) -> Iterator[Page]:
    """A page in a browser context of its own: the other person."""
    context = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 800})
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def bearer(api: httpx.Client, email: str) -> dict[str, str]:
    """Authorization headers for the account."""
    token = api.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    return {"Authorization": f"Bearer {token.json()['access_token']}"}


def set_up(api: httpx.Client, key: str) -> tuple[str, str, dict[str, str]]:
    """Two members of a new project with one task to do: (owner, colleague, owner's headers)."""
    owner = create_account(api, "Olga")
    colleague = create_account(api, "Pavel")
    headers = bearer(api, owner)
    project = api.post("/api/v1/projects", json={"key": key, "name": "Live"}, headers=headers)
    assert project.status_code == 201, project.text
    member = {"email": colleague, "role": "member"}
    added = api.post(f"/api/v1/projects/{key}/members", json=member, headers=headers)
    assert added.status_code == 201, added.text
    task = {"type": "task", "title": "Wire the dashboard"}
    created = api.post(f"/api/v1/projects/{key}/issues", json=task, headers=headers)
    assert created.status_code == 201, created.text
    return owner, colleague, headers


def open_board_listening(page: Page, key: str) -> None:
    """Open the project's board and wait until its live event stream has answered."""
    with page.expect_response(lambda response: f"/projects/{key}/events?" in response.url):
        page.goto(f"/projects/{key}/board")


def watch(page: Page, selector: str, text: str) -> None:
    """Start noting when the text appears under the selector (it must not be there yet)."""
    page.evaluate("() => { window.__seenAt = null; }")
    assert page.evaluate(WATCH, [selector, text]) is None


def seen_after(page: Page, since_ms: float) -> float:
    """Milliseconds from `since_ms` (epoch) until the watched text appeared in the page."""
    page.wait_for_function("() => window.__seenAt !== null")
    return float(page.evaluate("() => window.__seenAt")) - since_ms


def test_a_card_moved_by_one_person_moves_on_the_others_board(
    page: Page, second_page: Page, api: httpx.Client
) -> None:
    owner, colleague, _ = set_up(api, PROJECT)
    sign_in(page, owner)
    sign_in(second_page, colleague)
    card_name = re.compile(f"^{PROJECT}-1:")
    page.goto(f"/projects/{PROJECT}/board")
    open_board_listening(second_page, PROJECT)
    for each in (page, second_page):
        to_do = each.get_by_role("list", name="To Do")
        expect(to_do.get_by_role("button", name=card_name)).to_be_visible()
    watch(second_page, '[aria-label="In Progress"]', f"{PROJECT}-1")

    in_progress = page.get_by_role("list", name="In Progress")
    page.evaluate(
        "() => document.addEventListener('pointerup', "
        "() => { window.__droppedAt = performance.timeOrigin + performance.now(); }, "
        "{ once: true, capture: true })"
    )
    drag(page, page.get_by_role("button", name=card_name), in_progress)
    expect(in_progress.get_by_role("button", name=card_name)).to_be_visible()
    dropped_at = float(page.evaluate("() => window.__droppedAt"))

    theirs = second_page.get_by_role("list", name="In Progress")
    expect(theirs.get_by_role("button", name=card_name)).to_be_visible()
    their_to_do = second_page.get_by_role("list", name="To Do")
    expect(their_to_do.get_by_role("button", name=card_name)).to_have_count(0)
    latency = seen_after(second_page, dropped_at)
    print(f"\nlive update: the card moved on the other board {latency:.0f} ms after the drop")


def test_a_mention_raises_the_mentioned_persons_unread_count(
    page: Page, second_page: Page, api: httpx.Client
) -> None:
    key = f"{PROJECT}M"
    _, colleague, headers = set_up(api, key)
    sign_in(second_page, colleague)
    open_board_listening(second_page, key)
    bell = second_page.get_by_role("button", name=re.compile(r"^Notifications, \d+ unread$"))
    expect(bell).to_have_accessible_name("Notifications, 0 unread")
    watch(second_page, "[data-testid=unread-count]", "1")

    handle = colleague.split("@")[0]
    started_at = time.time() * 1000
    comment = {"body": f"@{handle} could you review this?"}
    posted = api.post(f"/api/v1/issues/{key}-1/comments", json=comment, headers=headers)
    assert posted.status_code == 201, posted.text

    expect(bell).to_have_accessible_name("Notifications, 1 unread")
    latency = seen_after(second_page, started_at)
    print(f"\nlive update: the bell counted the mention {latency:.0f} ms after the comment")

    bell.click()
    panel = second_page.get_by_role("region", name="Notifications")
    link = panel.get_by_role("link", name=re.compile(f"^{key}-1"))
    expect(link).to_have_attribute("href", f"/issues/{key}-1")
    panel.get_by_role("button", name=re.compile(f"^Mark {key}-1 .* read$")).click()
    expect(bell).to_have_accessible_name("Notifications, 0 unread")
