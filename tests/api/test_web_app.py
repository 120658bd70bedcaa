"""The built web app, served by the API's process from `TASKDECK_WEB_DIR`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from taskdeck.api.app import create_app
from taskdeck.bootstrap import bootstrap
from taskdeck.config import Settings
from tests.conftest import make_settings

INDEX = "<!doctype html><title>Taskdeck</title><div id=root></div>"
SCRIPT = "console.log('taskdeck')"
IMMUTABLE = "public, max-age=31536000, immutable"


def serve(web_dir: Path, data_dir: Path) -> Iterator[TestClient]:
    """The app over a SQLite data dir, serving the web app in `web_dir`."""
    container = bootstrap(make_settings(data_dir, web_dir=web_dir))
    with TestClient(create_app(container), raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def web_dir(tmp_path: Path) -> Path:
    """A fake Vite build: index.html, a hashed script and stylesheet, a favicon; and a
    secret next to it that must never be served."""
    built = tmp_path / "dist"
    (built / "assets").mkdir(parents=True)
    (built / "index.html").write_text(INDEX)
    (built / "assets" / "index-abc123.js").write_text(SCRIPT)
    (built / "assets" / "index-abc123.css").write_text("body{}")
    (built / "favicon.svg").write_text("<svg/>")
    (tmp_path / "secret.txt").write_text("secret")
    return built


@pytest.fixture
def web(web_dir: Path, tmp_path: Path) -> Iterator[TestClient]:
    """The app serving the fake build."""
    yield from serve(web_dir, tmp_path / "data")


def test_the_root_and_client_side_routes_get_index_html_uncached(web: TestClient) -> None:
    for path in ("/", "/projects/WEB/board", "/issues/WEB-1", "/assets", "/login?next=/x"):
        response = web.get(path)
        assert response.status_code == 200, path
        assert response.text == INDEX
        assert response.headers["content-type"].startswith("text/html")
        assert response.headers["cache-control"] == "no-cache"
    head = web.head("/projects")
    assert head.status_code == 200
    assert head.content == b""


def test_assets_are_served_with_their_type_and_a_year_long_cache(web: TestClient) -> None:
    script = web.get("/assets/index-abc123.js")
    assert script.status_code == 200
    assert script.text == SCRIPT
    assert "javascript" in script.headers["content-type"]
    assert script.headers["cache-control"] == IMMUTABLE
    style = web.get("/assets/index-abc123.css")
    assert style.headers["content-type"].startswith("text/css")
    assert web.head("/assets/index-abc123.css").status_code == 200


def test_other_top_level_files_are_served_with_a_short_cache(web: TestClient) -> None:
    icon = web.get("/favicon.svg")
    assert icon.status_code == 200
    assert icon.headers["content-type"].startswith("image/svg+xml")
    assert icon.headers["cache-control"] == "public, max-age=3600"


@pytest.mark.parametrize(
    "path", ["/assets/missing-123.js", "/missing.png", "/projects/x.json", "/index.php"]
)
def test_a_missing_file_is_a_404_problem_not_the_page(web: TestClient, path: str) -> None:
    response = web.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    "path",
    [
        "/assets/../../secret.txt",
        "/assets/%2e%2e/%2e%2e/secret.txt",
        "/assets/..%2f..%2fsecret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/assets//etc/passwd",
        "/assets/%2fetc%2fpasswd",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/.%2e/.%2e/secret.txt",
    ],
)
def test_no_path_leaves_the_web_dir(web: TestClient, path: str) -> None:
    response = web.get(path)
    assert "secret" not in response.text
    assert "root:" not in response.text
    assert response.status_code in (200, 404)
    if response.status_code == 200:
        assert response.text == INDEX


def test_api_paths_are_never_the_web_app(web: TestClient) -> None:
    unknown = web.get("/api/v1/nothing-here")
    assert unknown.status_code == 404
    assert unknown.headers["content-type"] == "application/problem+json"
    assert web.get("/api").status_code == 404
    assert web.get("/docs").status_code == 404
    assert web.get("/metrics/x").status_code == 404
    # A known API path with another method is still a 405, not the page.
    assert web.get("/api/v1/auth/login").status_code == 405
    assert web.get("/api/v1/health").json()["status"] == "ok"
    assert web.get("/metrics").status_code == 200


def test_other_methods_on_web_paths_are_405(web: TestClient) -> None:
    assert web.delete("/projects").status_code == 405
    assert web.delete("/assets/index-abc123.js").status_code == 405


def test_without_a_build_the_root_says_how_to_make_one(tmp_path: Path) -> None:
    for client in serve(tmp_path / "empty", tmp_path / "data"):
        root = client.get("/")
        assert root.status_code == 200
        assert "make web" in root.text
        assert client.get("/assets/index-abc123.js").status_code == 404
        assert client.get("/api/v1/health").status_code == 200


def test_the_web_dir_defaults_to_the_checkouts_web_dist(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TASKDECK_WEB_DIR", raising=False)
    settings = Settings(data_dir=tmp_path)
    assert settings.web_dir == Path(__file__).resolve().parents[2] / "web" / "dist"
