"""The committed OpenAPI document (`web/openapi.json`, the web app's typed client's
source) is the API's live one, as `taskdeck openapi` prints it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from taskdeck.cli import main

COMMITTED = Path(__file__).resolve().parents[2] / "web" / "openapi.json"


def test_taskdeck_openapi_prints_the_document_sorted_and_indented(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["openapi"])
    printed = capsys.readouterr().out
    document = json.loads(printed)
    assert document["openapi"].startswith("3.")
    assert "/api/v1/auth/session" in document["paths"]
    assert printed == json.dumps(document, indent=2, sort_keys=True) + "\n"


def test_the_committed_document_is_the_live_one(capsys: pytest.CaptureFixture[str]) -> None:
    main(["openapi"])
    live = capsys.readouterr().out
    committed = COMMITTED.read_text(encoding="utf-8") if COMMITTED.exists() else ""
    assert committed == live, (
        "web/openapi.json differs from the API's OpenAPI document: run `make web-client` "
        "to regenerate it and the web app's typed client, and commit both"
    )
