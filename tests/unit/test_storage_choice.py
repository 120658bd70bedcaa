"""Which store the configuration picks, and that the local backend never loads boto3."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from taskdeck.config import Settings


def test_the_aws_backend_stores_in_dynamodb_and_needs_a_table() -> None:
    assert Settings(backend="aws", table="tasks").storage_adapter == "dynamodb"
    assert Settings(storage="dynamodb", table="tasks").storage_adapter == "dynamodb"
    assert Settings().storage_adapter == "sqlite"
    assert Settings(backend="aws", storage="sqlite").storage_adapter == "sqlite"
    with pytest.raises(ValidationError, match="TASKDECK_TABLE"):
        Settings(backend="aws")


def test_the_local_backend_imports_no_boto3(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from taskdeck.api.app import create_app\n"
        "from taskdeck.bootstrap import bootstrap\n"
        "from taskdeck.config import Settings\n"
        f"container = bootstrap(Settings(data_dir={str(tmp_path)!r}))\n"
        "create_app(container)\n"
        "container.close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('boto3', 'botocore')))\n"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith("TASKDECK_")}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=environment, check=True
    )
    assert result.stdout.strip() == "[]"
