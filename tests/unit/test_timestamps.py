"""The timestamps stored and shown everywhere: ISO 8601 in UTC, milliseconds, a `Z`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from taskdeck.services.context import iso


def test_a_moment_is_shown_in_utc_with_milliseconds_cut_not_rounded() -> None:
    india = timezone(timedelta(hours=5, minutes=30))
    assert iso(datetime(2026, 11, 27, 1, 2, 3, 999_999, tzinfo=india)) == (
        "2026-11-26T19:32:03.999Z"
    )
    assert iso(datetime(2026, 1, 1, tzinfo=UTC)) == "2026-01-01T00:00:00.000Z"
    assert iso(datetime(999, 12, 31, 23, 59, 59, 1_000, tzinfo=UTC)) == ("0999-12-31T23:59:59.001Z")


def test_timestamps_sort_as_their_moments_do() -> None:
    start = datetime(2026, 3, 29, 0, 59, 59, 999_000, tzinfo=UTC)
    moments = [start + timedelta(milliseconds=step * 37) for step in range(100)]
    assert sorted(iso(m) for m in reversed(moments)) == [iso(m) for m in moments]
