"""The container makes the webhook transport and the background services when first
used: a process that only answers requests (the Lambda API function) never imports their
code, nor httpx."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

LAZY_MODULES = (
    "httpx",
    "taskdeck.adapters.notify.webhook",
    "taskdeck.services.dispatcher",
    "taskdeck.services.emails",
    "taskdeck.services.reminders",
    "taskdeck.services.webhook_delivery",
)


def test_a_container_imports_the_webhook_and_background_code_only_when_used(
    tmp_path: Path,
) -> None:
    code = (
        "import sys\n"
        "from taskdeck.bootstrap import bootstrap\n"
        "container = bootstrap()\n"
        f"print(sorted(name for name in {LAZY_MODULES!r} if name in sys.modules))\n"
        "transport = container.webhook_transport\n"
        "assert container.webhooks._transport is transport\n"
        "assert container.webhook_deliverer._transport is transport\n"
        "assert container.dispatcher is container.dispatcher\n"
        "assert container.reminders is container.reminders\n"
        "container.close()\n"
        f"print(sorted(name for name in {LAZY_MODULES!r} if name not in sys.modules))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "TASKDECK_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    before, after = completed.stdout.splitlines()
    assert before == "[]"  # none loaded by building the container
    assert after == "[]"  # each loaded once used
