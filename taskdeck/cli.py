"""The `taskdeck` command."""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence

from taskdeck import __version__


def _serve(arguments: argparse.Namespace) -> None:
    """Run the API with uvicorn; flags override the `TASKDECK_` variables."""
    import uvicorn
    from pydantic import ValidationError

    from taskdeck.config import Settings

    overrides = {
        "TASKDECK_HOST": arguments.host,
        "TASKDECK_PORT": arguments.port,
        "TASKDECK_WORKERS": arguments.workers,
        "TASKDECK_DATA_DIR": arguments.data_dir,
    }
    # Worker processes build their app from the environment, so flags travel through it.
    os.environ.update({name: str(value) for name, value in overrides.items() if value is not None})
    try:
        settings = Settings()
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        raise SystemExit(f"taskdeck: the configuration is not valid: {problems}") from error
    settings.data_dir.mkdir(parents=True, exist_ok=True)
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
    arguments = parser.parse_args(argv)
    arguments.run(arguments)
