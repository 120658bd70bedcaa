"""The live-update row of the browser bench: two people in two browser contexts on the
same board. One drags a card to the next column with the keyboard; the other's board,
never reloaded, shows it there. Timed end to end, from the dropping key press in the
first page to the mutation that puts the card in its new column in the second (both
pages read the same clock: `performance.timeOrigin + ...`, epoch milliseconds).
"""

from __future__ import annotations

import httpx
from browser_drags import drag, first_card_and_columns
from browser_pages import (
    BrowserError,
    Traffic,
    board_shown,
    new_signed_in_context,
    open_until,
    probe_result,
)
from playwright.sync_api import BrowserContext, Page
from seed import expect

WATCHER = {"email": "watcher@example.com", "password": "bench-Password-1234", "name": "Watcher"}

# In the dragging page: the epoch time of the last Space key press (a drag's drop).
DROPS = """() => window.addEventListener("keydown", (event) => {
  if (event.key === " ") window.__liveDropAt = performance.timeOrigin + event.timeStamp;
}, { capture: true })"""
# In the watching page: the epoch time at which the card is first in the column.
WATCH = """([key, column]) => {
  const list = `ul[aria-label=${JSON.stringify(column)}]`;
  const target = `${list} li[aria-label^=${JSON.stringify(key + ":")}]`;
  window.__liveSeenAt = undefined;
  if (document.querySelector(target) !== null) throw new Error(`${key} is in ${column} already`);
  const observer = new MutationObserver(() => {
    if (document.querySelector(target) === null) return;
    observer.disconnect();
    window.__liveSeenAt = performance.timeOrigin + performance.now();
  });
  observer.observe(document.body, { childList: true, subtree: true });
}"""


def add_watcher(base_url: str, token: str, project: str) -> None:
    """The second person: an account of their own and a member of the project."""
    with httpx.Client(base_url=base_url, timeout=30.0) as client:
        expect(client.post("/api/v1/auth/signup", json=WATCHER), 201)
        member = {"email": WATCHER["email"], "role": "member"}
        headers = {"Authorization": f"Bearer {token}"}
        added = client.post(f"/api/v1/projects/{project}/members", json=member, headers=headers)
        expect(added, 201)


def listening_board(context: BrowserContext, path: str, cards: int) -> Page:
    """The board, loaded, with its live-update stream answered."""
    with context.expect_event(
        "response", lambda response: "/events?" in response.url
    ) as stream_opened:
        page, _ = open_until(context, path, board_shown(cards))
    if stream_opened.value.status != 200:
        raise BrowserError(f"the live-update stream returned {stream_opened.value.status}")
    return page


def live_moves(
    context: BrowserContext, base_url: str, path: str, cards: int, moves: int
) -> list[float]:
    """`moves` drags of the first card between the first two columns in this context's
    page, each watched for in a second person's page: the milliseconds until it showed."""
    browser = context.browser
    if browser is None:
        raise BrowserError("the context has no browser to open a second one in")
    other = new_signed_in_context(browser, base_url, WATCHER["email"], WATCHER["password"])
    try:
        mover = listening_board(context, path, cards)
        watcher = listening_board(other, path, cards)
        mover.evaluate(DROPS)
        mover_traffic, watcher_traffic = Traffic(mover), Traffic(watcher)
        key, first, second = first_card_and_columns(mover)
        latencies = []
        for number in range(moves):
            start, to = (first, second) if number % 2 == 0 else (second, first)
            watcher.evaluate(WATCH, [key, to])
            arrow = "ArrowRight" if to == second else "ArrowLeft"
            drag(mover, mover_traffic, key, columns=(start, to), arrow=arrow)
            seen = float(probe_result(watcher, "__liveSeenAt"))
            latencies.append(seen - float(mover.evaluate("window.__liveDropAt")))
            watcher_traffic.settle()
        return latencies
    finally:
        other.close()
