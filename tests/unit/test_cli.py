"""The `taskdeck` command's own behaviour (serving is tested in tests/system)."""

from __future__ import annotations

import pytest

from taskdeck import __version__
from taskdeck.cli import main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"taskdeck {__version__}"


def test_bad_configuration_is_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    # serve passes its flags to worker processes through the environment: restore it after.
    monkeypatch.setenv("TASKDECK_WORKERS", "1")
    monkeypatch.setenv("TASKDECK_PORT", "8000")
    with pytest.raises(SystemExit) as exited:
        main(["serve", "--port", "70000"])
    assert "port" in str(exited.value.code)
    assert "65535" in str(exited.value.code)
