"""The rules of the house, checked on the source: domain purity, one place reads the
environment, and no module grows past what a reader can hold."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "taskdeck"


def imports(path: Path) -> set[str]:
    """The top-level names of every module `path` imports."""
    tree = ast.parse(path.read_text())
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_the_domain_imports_only_the_standard_library_and_itself() -> None:
    for path in (PACKAGE / "domain").rglob("*.py"):
        for name in imports(path):
            top = name.split(".")[0]
            allowed = top in sys.stdlib_module_names or name.startswith("taskdeck.domain")
            assert allowed, f"{path.name} imports {name}"


def test_only_the_configuration_reads_the_environment() -> None:
    for path in PACKAGE.rglob("*.py"):
        source = path.read_text()
        if path.name in ("config.py", "cli.py"):
            continue
        assert "os.environ" not in source, path
        assert "getenv" not in source, path


def test_services_and_domain_know_nothing_of_the_web() -> None:
    for folder in ("domain", "services"):
        for path in (PACKAGE / folder).rglob("*.py"):
            for name in imports(path):
                assert not name.startswith(("fastapi", "starlette", "taskdeck.api")), (
                    f"{path} imports {name}"
                )


def test_modules_stay_readable() -> None:
    for path in PACKAGE.rglob("*.py"):
        lines = len(path.read_text().splitlines())
        assert lines <= 500, f"{path} has {lines} lines: split it by idea"


def test_every_route_that_reads_if_match_documents_it() -> None:
    """`deps.if_match` reads the header from the request, so FastAPI does not know of it:
    a route that calls it must say so with `openapi_extra=IF_MATCH`, and only such a
    route may."""
    checked = 0
    for path in (PACKAGE / "api" / "routers").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.AsyncFunctionDef | ast.FunctionDef):
                continue
            routes = [
                d
                for d in node.decorator_list
                if isinstance(d, ast.Call)
                and isinstance(d.func, ast.Attribute)
                and isinstance(d.func.value, ast.Name)
                and d.func.value.id == "router"
            ]
            if not routes:
                continue
            reads = any(
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Name)
                and call.func.id == "if_match"
                for call in ast.walk(node)
            )
            documents = any(
                k.arg == "openapi_extra"
                and isinstance(k.value, ast.Name)
                and k.value.id == "IF_MATCH"
                for route in routes
                for k in route.keywords
            )
            assert reads == documents, f"{path.name}: {node.name}"
            checked += reads
    assert checked == 8  # the conditional writes: PATCH and DELETE, and a move
