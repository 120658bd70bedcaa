"""The built web app (Vite's output: `index.html` and hashed files under `assets/`),
served by the API's process. Its routes come after every API route, so they cost the
API nothing: Starlette stops at the first route that matches.
"""

from __future__ import annotations

import os
from os import PathLike
from pathlib import Path
from typing import Final

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import BaseRoute, Match, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

IMMUTABLE: Final = "public, max-age=31536000, immutable"
"""Vite names each asset after a hash of its content, so a name never changes meaning."""
SHORT: Final = "public, max-age=3600"
"""Other top-level files (the favicon) keep their names across builds."""
NOT_BUILT: Final = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Taskdeck</title></head>
<body><h1>Taskdeck</h1>
<p>The web app is not built. Run <code>make web</code>, then reload this page.</p>
<p>The API is running: see <a href="/api/docs">/api/docs</a>.</p></body></html>
"""
# Paths of the API and of operations: an unknown one there is a 404, not the web app.
_NOT_WEB: Final = ("/api", "/metrics", "/docs")


class _Assets(StaticFiles):
    """Vite's hashed assets, cached for a year (StaticFiles refuses paths that escape)."""

    def file_response(
        self,
        full_path: PathLike[str] | str,
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        """The file, with the long cache its hashed name allows."""
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers.update(_headers(IMMUTABLE))
        return response

    async def check_config(self) -> None:
        """Nothing to check: without a build there are no assets, and each is a 404."""


class _WebAppRoute(Route):
    """Any GET or HEAD outside the API's paths."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        """No match under the API's prefixes, so their unknown paths stay a plain 404
        (or 405 for a known path with another method)."""
        path: str = scope.get("path", "")
        if any(path == prefix or path.startswith(f"{prefix}/") for prefix in _NOT_WEB):
            return Match.NONE, {}
        return super().matches(scope)


def _top_level_file(web_dir: Path, path: str) -> Path | None:
    """The file at the top of `web_dir` that `path` names, or None; nothing outside it."""
    if not path or "/" in path or "\\" in path or path.startswith(".") or "\x00" in path:
        return None
    candidate = web_dir / path
    return candidate if candidate.is_file() else None


def web_app_routes(web_dir: Path) -> list[BaseRoute]:
    """The routes that serve the web app from `web_dir`, to be added after all others."""

    async def page(request: Request) -> Response:
        """A file at the top of the web app, or its `index.html` for a client-side route."""
        path: str = request.path_params["path"]
        found = _top_level_file(web_dir, path)
        if found is not None and found.name != "index.html":
            return FileResponse(found, headers=_headers(SHORT))
        if "." in path.rsplit("/", 1)[-1]:
            # A file name that is not there: a 404, not a page that breaks the browser.
            raise HTTPException(404)
        index = web_dir / "index.html"
        if not index.is_file():
            return HTMLResponse(NOT_BUILT, headers={"Cache-Control": "no-cache"})
        return FileResponse(index, headers=_headers("no-cache"))

    return [
        Mount("/assets", app=_Assets(directory=web_dir / "assets", check_dir=False)),
        _WebAppRoute("/{path:path}", page, methods=["GET", "HEAD"], include_in_schema=False),
    ]


def _headers(cache: str) -> dict[str, str]:
    return {"Cache-Control": cache, "X-Content-Type-Options": "nosniff"}
