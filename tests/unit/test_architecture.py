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
