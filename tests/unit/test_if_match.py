"""Parsing If-Match: versions as the ETag gives them, anything else a 400."""

from __future__ import annotations

import pytest

from taskdeck.api.deps import parse_if_match
from taskdeck.domain.errors import BadRequest


@pytest.mark.parametrize(
    ("header", "version"), [('"3"', 3), ('W/"3"', 3), ("3", 3), ("*", None), (None, None)]
)
def test_versions(header: str | None, version: int | None) -> None:
    assert parse_if_match(header) == version


@pytest.mark.parametrize("header", ["", '"v3"', "²", "٣", "1" * 13, '"-1"'])
def test_anything_else_is_a_bad_request(header: str) -> None:
    with pytest.raises(BadRequest):
        parse_if_match(header)
