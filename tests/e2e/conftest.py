"""The browser tests' fixtures: a real `taskdeck serve` serving the built web app, and
Debian's headless Chromium driven by Playwright (never a browser Playwright downloads).

Each xdist worker starts its own server and browser; every test gets a fresh browser
context, so tests share no cookies and can run in any order.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from bench.browser_pages import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import PASSWORD
from tests.system.server import Server, running_server

ROOT = Path(__file__).resolve().parents[2]
WEB_DIST = ROOT / "web" / "dist"
SCREENSHOTS = ROOT / "docs" / "screenshots"
# Playwright's own waits (a locator to appear, a page to load) give up after this long.
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def web_dist() -> Path:
    """The built web app; the browser tests are about it, so its absence is a failure."""
    if not (WEB_DIST / "index.html").is_file():
        pytest.fail(f"{WEB_DIST}/index.html is missing: build the web app with `make web` first")
    return WEB_DIST


@pytest.fixture(scope="session")
def server(web_dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A real server on a free port with a data dir of its own, serving the web app."""
    home = tmp_path_factory.mktemp("e2e-server")
    env = {"TASKDECK_WEB_DIR": str(web_dist)}
    with running_server(home / "data", log=home / "server.log", env=env) as running:
        yield running


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """Playwright's driver, for the whole run of this worker."""
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's Chromium, headless; `make chromium` installs it."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium with `make chromium`")
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def page(browser: Browser, server: Server) -> Iterator[Page]:
    """A page in a fresh browser context (no cookies) on the server's address."""
    context = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 800})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def api(server: Server) -> Iterator[httpx.Client]:
    """An HTTP client on the same server, to set things up as another user would."""
    with httpx.Client(base_url=server.url, timeout=10.0) as client:
        yield client


def unique_email(name: str) -> str:
    """An address no other test uses, so tests can share one server."""
    return f"{name}-{uuid.uuid4().hex[:8]}@example.com"


def create_account(api: httpx.Client, name: str) -> str:
    """An account made through the API; its email address."""
    email = unique_email(name.lower())
    created = api.post(
        "/api/v1/auth/signup", json={"email": email, "password": PASSWORD, "name": name}
    )
    assert created.status_code == 201, created.text
    return email


def sign_in(page: Page, email: str) -> None:
    """Sign in through the sign-in page, as a returning user would."""
    page.goto("/sign-in")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Account:").wait_for()


def screenshot(page: Page, name: str) -> None:
    """Save what the page shows now as docs/screenshots/<name>.png, for the README."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png")
