"""The `taskdeck` command."""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from taskdeck import __version__

if TYPE_CHECKING:
    from taskdeck.config import Settings


def _settings(**overrides: Any) -> Settings:
    """The configuration from the environment (and `overrides`), or a one-line message and
    exit code 1."""
    from pydantic import ValidationError

    from taskdeck.config import Settings

    try:
        return Settings(**overrides)
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        raise SystemExit(f"taskdeck: the configuration is not valid: {problems}") from error


def _check_store(settings: Settings) -> None:
    """Refuse to start on a DynamoDB table that does not answer (it may not exist yet)."""
    if settings.storage_adapter != "dynamodb":
        return
    from botocore.exceptions import BotoCoreError, ClientError

    from taskdeck.adapters.storage.dynamodb_client import default_client, translate

    assert settings.table is not None
    try:
        default_client().describe_table(TableName=settings.table)
    except ClientError as error:
        raise SystemExit(f"taskdeck: {translate(error, table=settings.table)}") from error
    except BotoCoreError as error:
        raise SystemExit(f"taskdeck: DynamoDB could not be reached: {error}") from error


def _serve(arguments: argparse.Namespace) -> None:
    """Run the API with uvicorn (and, with `TASKDECK_BACKGROUND=process`, the background
    work in a process of its own); flags override the `TASKDECK_` variables."""
    overrides = {
        "TASKDECK_HOST": arguments.host,
        "TASKDECK_PORT": arguments.port,
        "TASKDECK_WORKERS": arguments.workers,
        "TASKDECK_DATA_DIR": arguments.data_dir,
    }
    # Worker processes build their app from the environment, so flags travel through it.
    os.environ.update({name: str(value) for name, value in overrides.items() if value is not None})
    settings = _settings()
    _check_store(settings)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    with _background_process(settings):
        _run_uvicorn(settings)


@contextlib.contextmanager
def _background_process(settings: Settings) -> Iterator[None]:
    """`taskdeck work` beside the HTTP workers (unless they do the work themselves),
    stopped when they stop; it stops by itself if this process dies."""
    if settings.background == "inline":
        yield
        return
    worker = subprocess.Popen([sys.executable, "-m", "taskdeck.cli", "work", "--parent"])
    try:
        yield
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def _run_uvicorn(settings: Settings) -> None:
    import uvicorn

    uvicorn.run(
        "taskdeck.api.app:app_factory",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        loop="uvloop",
        http="httptools",
        access_log=False,
        log_config=None,
        server_header=False,
        timeout_graceful_shutdown=10,
    )


def _work(arguments: argparse.Namespace) -> None:
    """Run the background work until SIGTERM (or, with `--parent`, the parent's end)."""
    import uvloop

    from taskdeck.background import work
    from taskdeck.logs import configure

    settings = _settings()
    configure(settings.log_level)
    parent = os.getppid() if arguments.parent else None
    uvloop.run(work(settings, parent=parent))


def _aws_init(_: argparse.Namespace) -> None:
    """Create the AWS resources the configuration names; print what was done and the
    settings the app needs."""
    from taskdeck.provision import ProvisionError, Report, provision

    report = Report()
    try:
        named = provision(_settings(), report)
    except ProvisionError as error:
        if report.lines:
            print(*report.lines, sep="\n")
        raise SystemExit(f"taskdeck aws-init: {error}") from error
    if not named:
        print(
            "taskdeck aws-init: nothing to create: no TASKDECK_TABLE, TASKDECK_BUCKET, "
            "TASKDECK_TOPIC or TASKDECK_USER_POOL is set"
        )
        return
    print(*report.lines, sep="\n")
    print("done: " + ("resources created or updated" if report.changed else "nothing changed"))
    print(*report.exports, sep="\n")


def _sweep_blobs(_: argparse.Namespace) -> None:
    """Remove blobs without metadata (and metadata without blobs); print what was done."""
    import asyncio

    from taskdeck.bootstrap import bootstrap
    from taskdeck.ports import BlobStoreUnavailable, StoreUnavailable

    settings = _settings()
    _check_store(settings)
    container = bootstrap(settings)
    try:
        report = asyncio.run(container.attachments.sweep())
    except (StoreUnavailable, BlobStoreUnavailable) as error:
        raise SystemExit(f"taskdeck sweep-blobs: {error}") from error
    finally:
        container.close()
    for name, value in vars(report).items():
        print(f"{name.replace('_', ' ')}: {value}")


def _demo(arguments: argparse.Namespace) -> None:
    """Fill the demo project `DEMO` and print how to sign in to look at it."""
    import asyncio
    from datetime import UTC, datetime

    from taskdeck.bootstrap import bootstrap
    from taskdeck.demo.seed import ProjectExists, fill_demo
    from taskdeck.domain.errors import DomainError
    from taskdeck.ports import IdentityUnavailable, StoreUnavailable

    overrides = {} if arguments.data_dir is None else {"data_dir": arguments.data_dir}
    settings = _settings(**overrides)
    _check_store(settings)
    container = bootstrap(settings)
    try:
        demo = asyncio.run(
            fill_demo(
                container,
                email=arguments.email,
                password=arguments.password,
                today=datetime.now(UTC).date(),
            )
        )
    except ProjectExists as error:
        raise SystemExit(
            f"taskdeck demo: a project with the key {error} exists already; delete it first"
        ) from error
    except (DomainError, StoreUnavailable, IdentityUnavailable) as error:
        detail = error.detail if isinstance(error, DomainError) else str(error)
        raise SystemExit(f"taskdeck demo: {detail}") from error
    finally:
        container.close()
    owner = demo.owner
    print(f"Demo project DEMO is ready: {demo.issues} issues, a completed and an active sprint.")
    print(f"Sign in at {settings.public_url} with")
    print(f"  email:    {owner.email}")
    print(f"  password: {owner.password or '(the password this account already has)'}")
    if owner.confirmation_required:
        print("  (confirm the address first with the code sent to it)")
    print(f"A second member, {demo.member.email}, shares the project.")


def _openapi(_: argparse.Namespace) -> None:
    """Print the API's OpenAPI document as JSON (what `web/openapi.json` holds)."""
    import json
    import sys
    import tempfile
    from pathlib import Path

    from taskdeck.api.app import create_app
    from taskdeck.bootstrap import bootstrap

    # The document does not depend on the adapters: build the local ones on a throwaway
    # data dir, so that printing it touches neither ./data nor AWS.
    with tempfile.TemporaryDirectory(prefix="taskdeck-openapi-") as data_dir:
        settings = _settings(
            data_dir=Path(data_dir), storage="sqlite", blobs="local", identity="local"
        )
        container = bootstrap(settings)
        try:
            document = create_app(container).openapi()
        finally:
            container.close()
    sys.stdout.write(json.dumps(document, indent=2, sort_keys=True) + "\n")


def main(argv: Sequence[str] | None = None) -> None:
    """Parse the command line and run the command."""
    parser = argparse.ArgumentParser(prog="taskdeck", description=__doc__)
    parser.add_argument("--version", action="version", version=f"taskdeck {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the API")
    serve.add_argument("--host", help="address to listen on (TASKDECK_HOST, 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (TASKDECK_PORT, 8000)")
    serve.add_argument("--workers", type=int, help="worker processes (TASKDECK_WORKERS, 1)")
    serve.add_argument("--data-dir", help="where data lives (TASKDECK_DATA_DIR, ./data)")
    serve.set_defaults(run=_serve)
    work = commands.add_parser(
        "work",
        help="run the background work (delivery, reminders, emails, webhooks, sweeps)",
    )
    work.add_argument("--parent", action="store_true", help=argparse.SUPPRESS)
    work.set_defaults(run=_work)
    aws_init = commands.add_parser(
        "aws-init",
        help="create the AWS table, bucket, topic and user pool the configuration names",
    )
    aws_init.set_defaults(run=_aws_init)
    sweep = commands.add_parser(
        "sweep-blobs",
        help="delete attachment blobs left without metadata by a crash (older than an hour)",
    )
    sweep.set_defaults(run=_sweep_blobs)
    demo = commands.add_parser("demo", help="fill a demo project (DEMO) to look around in")
    demo.add_argument(
        "--email",
        default="demo@example.com",
        help="the demo user's address; an existing account is reused (demo@example.com)",
    )
    demo.add_argument("--password", help="the new demo user's password (default: random)")
    demo.add_argument("--data-dir", help="where data lives (TASKDECK_DATA_DIR, ./data)")
    demo.set_defaults(run=_demo)
    openapi = commands.add_parser(
        "openapi", help="print the API's OpenAPI document as JSON (make web-client saves it)"
    )
    openapi.set_defaults(run=_openapi)
    arguments = parser.parse_args(argv)
    arguments.run(arguments)


if __name__ == "__main__":
    main()
