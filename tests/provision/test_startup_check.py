"""A DynamoDB store whose table does not exist stops the start, with the table's name and
the cure, rather than answering 503 to every request."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path
from typing import Any

import pytest

from taskdeck.adapters.storage.dynamodb import DynamoTable, default_client
from taskdeck.bootstrap import bootstrap
from taskdeck.cli import main
from taskdeck.ports import StoreUnavailable
from tests.conftest import make_settings


@pytest.mark.usefixtures("moto_endpoint")
def test_the_services_do_not_start_on_a_missing_table(tmp_path: Path) -> None:
    # The first read is the deployment's secret key, kept in the table.
    table = f"taskdeck-missing-{uuid.uuid4().hex[:12]}"
    with pytest.raises(StoreUnavailable, match=f"{table}.*taskdeck aws-init"):
        bootstrap(make_settings(tmp_path, storage="dynamodb", table=table))


@pytest.mark.usefixtures("moto_endpoint")
def test_serve_refuses_a_missing_table_before_listening(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    table = f"taskdeck-missing-{uuid.uuid4().hex[:12]}"
    monkeypatch.setenv("TASKDECK_BACKEND", "aws")
    monkeypatch.setenv("TASKDECK_TABLE", table)
    # serve passes its flags to worker processes through the environment: restore it after.
    monkeypatch.setenv("TASKDECK_PORT", "8000")

    with pytest.raises(SystemExit) as exited:
        main(["serve", "--port", "8000"])

    assert str(exited.value.code) == (
        f"taskdeck: the DynamoDB table {table!r} does not exist: create it with `taskdeck aws-init`"
    )


def test_the_table_ping_is_one_get_item_not_a_control_plane_call(dynamodb_table: str) -> None:
    calls: list[str] = []

    class Recording:
        """The real client, noting which operations are called."""

        def __getattr__(self, name: str) -> Any:
            calls.append(name)
            return getattr(default_client(), name)

    table = DynamoTable(dynamodb_table, cursor_key=bytes(32), client_factory=Recording)
    try:
        asyncio.run(table.ping())
    finally:
        table.close()

    assert calls == ["get_item"]
