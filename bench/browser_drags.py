"""The drags of the browser rows: a card of the board dragged with the keyboard between
two columns, timed from the dropping key press to the frame that shows it in its new
column (the optimistic update), and the move request's round trip from Resource Timing.
"""

from __future__ import annotations

import contextlib

from browser_pages import (
    CARD,
    BrowserError,
    Traffic,
    board_shown,
    open_until,
    probe_result,
)
from playwright.sync_api import BrowserContext, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

ARROW_PRESSES = 3
ARROW_WAIT_MS = 2_000

# Installed just before a drop: sets `__benchDrop` to the milliseconds from the
# dropping key press to the frame that first shows the card in the target column.
DROP_PROBE = """([key, column]) => {
  let dropped = null;
  const drop = (event) => { dropped = event.timeStamp; };
  window.addEventListener("keydown", drop, { capture: true, once: true });
  const list = `ul[aria-label=${JSON.stringify(column)}]`;
  const target = `${list} li[aria-label^=${JSON.stringify(key + ":")}]`;
  window.__benchDrop = undefined;
  const observer = new MutationObserver(() => {
    if (dropped === null || document.querySelector(target) === null) return;
    observer.disconnect();
    requestAnimationFrame(() => { window.__benchDrop = performance.now() - dropped; });
  });
  observer.observe(document.body, { childList: true, subtree: true });
}"""
MOVE_TIMING = """() => {
  const moves = performance.getEntriesByType("resource").filter((e) => e.name.includes("/move"));
  return moves.length === 1 ? moves[0].responseEnd - moves[0].startTime : null;
}"""
# Whether dnd-kit's live region says something that holds `part` and ends with `end`.
ANNOUNCED = """([part, end]) => [...document.querySelectorAll('[id^="DndLiveRegion"]')]
  .some((e) => e.textContent.includes(part) && e.textContent.trim().endsWith(end))"""


def first_card_and_columns(page: Page) -> tuple[str, str, str]:
    """The first card's key and the names of the board's first two columns."""
    label = str(page.locator(CARD).first.get_attribute("aria-label"))
    names = page.locator(".plan-colhead h3").all_text_contents()
    if len(names) < 2:
        raise BrowserError(f"the board has {len(names)} columns; a drag needs two")
    return label.partition(":")[0], names[0], names[1]


def move_over(page: Page, key: str, *, to: str, arrow: str) -> None:
    """Press the arrow until the picked-up card is over the column `to`: dnd-kit can miss
    a key pressed in the moments after a pick-up, while it measures the drop targets."""
    for _ in range(ARROW_PRESSES):
        page.keyboard.press(arrow)
        with contextlib.suppress(PlaywrightTimeoutError):
            page.wait_for_function(ANNOUNCED, arg=[f"{key} is ", f" {to}."], timeout=ARROW_WAIT_MS)
            return
    raise BrowserError(f"{key} was not over {to} after {ARROW_PRESSES} presses of {arrow}")


def drag(
    page: Page, traffic: Traffic, key: str, *, columns: tuple[str, str], arrow: str
) -> tuple[float, float]:
    """Drag a card from one column to the other with the keyboard (space, an arrow,
    space); the milliseconds until the card shows there and the move's round trip."""
    start, to = columns
    page.evaluate("performance.clearResourceTimings()")
    page.locator(f'{CARD}[aria-label^="{key}:"]').focus()
    page.keyboard.press("Space")
    page.wait_for_function(ANNOUNCED, arg=[f"{key} is ", f" {start}."])
    move_over(page, key, to=to, arrow=arrow)
    page.evaluate(DROP_PROBE, [key, to])
    with page.expect_response(lambda response: "/move" in response.url) as moved:
        page.keyboard.press("Space")
    if moved.value.status != 200:
        raise BrowserError(
            f"moving {key} to {to} returned {moved.value.status}: {moved.value.text()}"
        )
    shown = float(probe_result(page, "__benchDrop"))
    traffic.settle()
    round_trip = page.evaluate(MOVE_TIMING)
    if round_trip is None:
        raise BrowserError(f"no single Resource Timing entry for the move of {key}")
    return shown, float(round_trip)


def board_drags(
    context: BrowserContext, path: str, cards: int, drags: int
) -> list[tuple[float, float]]:
    """Open the board and drag its first card between the first two columns, back and
    forth, `drags` times."""
    page, _ = open_until(context, path, board_shown(cards))
    traffic = Traffic(page)
    key, first, second = first_card_and_columns(page)
    timings = []
    for number in range(drags):
        forth = number % 2 == 0
        columns, arrow = (
            ((first, second), "ArrowRight") if forth else ((second, first), "ArrowLeft")
        )
        timings.append(drag(page, traffic, key, columns=columns, arrow=arrow))
    page.close()
    return timings
