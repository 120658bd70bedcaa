"""Lists of up to 200 items read more keys than one batch get takes."""

from __future__ import annotations

import pytest

from taskdeck.bootstrap import Container
from taskdeck.ports import Put

pytestmark = pytest.mark.anyio


async def test_get_many_reads_any_number_of_keys(container: Container) -> None:
    items = [{"pk": "MANY", "sk": f"{n:03d}"} for n in range(230)]
    for start in range(0, len(items), 100):
        await container.table.transact([Put(item) for item in items[start : start + 100]])
    wanted = [("MANY", f"{n:03d}") for n in range(240)]
    found = await container.context.get_many(wanted)
    assert sorted(item["sk"] for item in found) == [f"{n:03d}" for n in range(230)]
