"""The server's collector settings: what exists at start-up is frozen, young objects are
collected less often, and both are undone when the app stops. In a process of its own:
freezing the test process's heap would keep its garbage for the rest of the run."""

from __future__ import annotations

import json
import subprocess
import sys

from taskdeck.background import YOUNG_OBJECTS

SCRIPT = """
import gc, json
from taskdeck.background import freeze_heap, thaw_heap
from taskdeck.config import Settings

def state():
    return [list(gc.get_threshold()), gc.get_freeze_count()]

start = state()
freeze_heap(Settings(freeze_heap=False))
off = state()
freeze_heap(Settings(freeze_heap=True))
on = state()
thaw_heap()
print(json.dumps({"start": start, "off": off, "on": on, "thawed": state()}))
"""


def test_the_heap_is_frozen_and_young_objects_collected_less_often_until_thawed() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True, timeout=60
    )
    states = json.loads(done.stdout)
    start_thresholds, start_frozen = states["start"]
    assert start_thresholds == [700, 10, 10]  # Python's defaults
    assert start_frozen == 0
    assert states["off"] == states["start"]  # the setting off: left alone
    on_thresholds, on_frozen = states["on"]
    assert on_thresholds == [YOUNG_OBJECTS, 10, 10]
    assert on_frozen > 10_000  # the modules loaded so far
    assert states["thawed"] == states["start"]
