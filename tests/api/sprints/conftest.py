"""The owner of project WEB, for every sprint test."""

from __future__ import annotations

import pytest

from tests.api.sprints.helpers import User
from tests.conftest import Api


@pytest.fixture
def owner(api: Api) -> User:
    """A user who owns project WEB."""
    user = api.user("owner")
    api.project(user, "WEB")
    return user
