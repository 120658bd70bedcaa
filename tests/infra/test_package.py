"""`make package` builds code Lambda can run: every handler the template names imports
from the package alone, compiled, with nothing a developer or `taskdeck serve` needs.

The package is built for this machine (`LAMBDA_ARCH=x86_64`, the same recipe and the
same pins as the arm64 one deployed), since arm64 wheels cannot load here. About ten
seconds with pip's cache warm from `make install`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.infra.cloudformation import resources

ROOT = Path(__file__).resolve().parents[2]
NOT_ON_LAMBDA = (
    # `taskdeck serve` and its [standard] extras
    "uvicorn",
    "uvloop",
    "httptools",
    "watchfiles",
    "websockets",
    # dev tools and test dependencies
    "pytest",
    "moto",
    "playwright",
    "cfnlint",
    "samtranslator",
    "hypothesis",
    "schemathesis",
    "mypy",
    "ruff",
    "aiosmtpd",
    "fractional_indexing",
    "setuptools",
)


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Lambda package, built by the Makefile's recipe for this machine."""
    built = tmp_path_factory.mktemp("package") / "lambda"
    subprocess.run(
        ["make", "-s", "package", f"LAMBDA_DIR={built}", "LAMBDA_ARCH=x86_64"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=240,
    )
    return built


def handler_modules(source: dict[str, Any]) -> list[str]:
    """The modules of the template's `Handler`s."""
    functions = resources(source, "AWS::Serverless::Function").values()
    return sorted(function["Handler"].rpartition(".")[0] for function in functions)


def test_every_handler_imports_from_the_package_alone(
    package: Path, source: dict[str, Any]
) -> None:
    """What Lambda does at a cold start: only the package and the standard library on
    the path (`-I -S`: no venv), the handler module imported, nothing dev-only loaded."""
    modules = handler_modules(source)
    code = (
        "import importlib, sys\n"
        f"sys.path.insert(0, {str(package)!r})\n"
        f"for name in {modules!r}:\n"
        "    assert callable(importlib.import_module(name).handler), name\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    environment = {"TASKDECK_BACKEND": "aws", "AWS_DEFAULT_REGION": "us-east-1"}
    completed = subprocess.run(
        [sys.executable, "-I", "-S", "-B", "-c", code],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    imported = set(completed.stdout.split())
    loaded = {name.partition(".")[0] for name in imported}
    assert loaded.isdisjoint(NOT_ON_LAMBDA)
    # In the package but not loaded by a cold start: the functions record CloudWatch
    # metrics, the gateway checks Cognito's tokens, and Cognito keeps the passwords
    # (docs/deploy-aws.md, Cold start).
    assert loaded.isdisjoint({"prometheus_client", "jwt", "cryptography", "argon2"})
    # Nor the reports' code: it loads with the first report (`api.app.REPORTS`).
    assert "taskdeck.api.app" in imported
    report_code = {
        "taskdeck.api.routers.reports",
        "taskdeck.api.report_schemas",
        "taskdeck.services.reports",
        "taskdeck.services.forecasts",
        "taskdeck.domain.reports",
        "taskdeck.domain.flow",
        "taskdeck.domain.time_reports",
        "taskdeck.domain.forecast",
    }
    assert imported.isdisjoint(report_code)
    # Nor the background services, made by the container when first used: the API
    # function runs none of them, and the others build theirs at their first event.
    background = {
        "taskdeck.services.dispatcher",
        "taskdeck.services.emails",
        "taskdeck.services.reminders",
        "taskdeck.services.webhook_delivery",
    }
    assert imported.isdisjoint(background)


def test_the_package_holds_no_dev_dependency_and_is_compiled(package: Path) -> None:
    """Nothing from the dev extra or uvicorn's, no console scripts, no pydantic.v1, and a
    .pyc beside every module of Taskdeck's (the read-only /var/task cannot get one later)."""
    top_level = {path.name.partition("-")[0].lower() for path in package.iterdir()}
    assert top_level.isdisjoint(NOT_ON_LAMBDA)
    assert not (package / "bin").exists()
    # pydantic 1's copy inside pydantic 2: FastAPI would import it only to refuse v1
    # models (the handlers import without it: the test above).
    assert not (package / "pydantic" / "v1").exists()
    modules = list((package / "taskdeck").rglob("*.py"))
    assert modules
    missing = [
        path
        for path in modules
        if not (path.parent / "__pycache__" / f"{path.stem}.cpython-311.pyc").is_file()
    ]
    assert missing == []
