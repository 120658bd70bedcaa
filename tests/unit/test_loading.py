"""Loading a Lambda entry point: the collector is paused while it loads, what loaded is
frozen out of later collections, and the collector is left as it was found; a module the
package leaves out is known to be absent."""

from __future__ import annotations

import gc
import importlib
import sys
from collections.abc import Iterator

import pytest

from taskdeck.aws.loading import known_absent, uncollected


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    yield
    gc.unfreeze()
    gc.enable()


def test_the_collector_is_paused_while_loading_then_resumes() -> None:
    assert gc.isenabled()
    with uncollected():
        assert not gc.isenabled()
        loaded = [object() for _ in range(10)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(loaded)


def test_a_paused_collector_stays_paused_and_an_error_still_restores_it() -> None:
    gc.disable()
    with uncollected():
        pass
    assert not gc.isenabled()
    gc.enable()
    with pytest.raises(ImportError), uncollected():
        raise ImportError("a module failed to load")
    assert gc.isenabled()


def test_a_missing_module_is_marked_absent_and_a_present_one_left_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    missing = "taskdeck_no_such_module"
    known_absent(missing)
    assert sys.modules[missing] is None
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module(missing)
    del sys.modules[missing]

    monkeypatch.delitem(sys.modules, "colorsys", raising=False)
    known_absent("colorsys")  # in the standard library, not yet imported
    assert "colorsys" not in sys.modules
    assert importlib.import_module("colorsys").rgb_to_hsv(1.0, 0.0, 0.0) == (0.0, 1.0, 1.0)
