"""The template, loaded and translated once for every check."""

from __future__ import annotations

from typing import Any

import pytest

from tests.infra.cloudformation import source_template, translated_template


@pytest.fixture(scope="session")
def source() -> dict[str, Any]:
    """infra/template.yaml as written."""
    return source_template()


@pytest.fixture(scope="session")
def translated(source: dict[str, Any]) -> dict[str, Any]:
    """infra/template.yaml after the SAM transform: plain CloudFormation."""
    return translated_template(source)
