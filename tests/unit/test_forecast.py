"""The forecast math: exact answers where the past leaves no doubt, the same answer for
the same seed, and the shape every forecast must have whatever the throughput."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from taskdeck.domain.forecast import Outlook, cumulative, outlook, simulate

HORIZON = 3650


def test_constant_throughput_gives_an_exact_answer() -> None:
    # Two issues a day, seven to go: done on the 4th day, in every sample.
    done = simulate([2, 2, 2], 7, samples=500, seed=9, horizon=HORIZON)
    assert [done.probability_within(days) for days in (3, 4, 30)] == [0.0, 1.0, 1.0]
    assert outlook(done) == Outlook(4, 4, 4)
    assert done.unfinished == 0


def test_nothing_left_is_done_already() -> None:
    done = simulate([0, 0], 0, samples=100, seed=1, horizon=HORIZON)
    assert done.probability_within(0) == 1.0
    assert outlook(done) == Outlook(0, 0, 0)


def test_no_throughput_never_finishes() -> None:
    never = simulate([0, 0, 0], 3, samples=100, seed=1, horizon=HORIZON)
    assert never.probability_within(HORIZON) == 0.0
    assert outlook(never) == Outlook(None, None, None)
    assert never.unfinished == 100


def test_fractional_points_reach_their_target() -> None:
    # 0.1 added thirty times falls a hair short of 3.0 in floating point.
    assert outlook(simulate([0.1], 3.0, samples=100, seed=1, horizon=HORIZON)) == Outlook(
        30, 30, 30
    )


def test_the_same_seed_gives_the_same_forecast_and_another_seed_another() -> None:
    past = [0, 1, 0, 3, 2, 0, 0, 5, 1, 0]
    first = simulate(past, 20, samples=2000, seed=42, horizon=HORIZON)
    assert first == simulate(past, 20, samples=2000, seed=42, horizon=HORIZON)
    assert first != simulate(past, 20, samples=2000, seed=43, horizon=HORIZON)


def test_a_horizon_cuts_off_the_slowest_samples() -> None:
    slow = simulate([0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 5, samples=1000, seed=3, horizon=20)
    assert slow.unfinished > 0
    assert slow.percentile(95) is None
    assert slow.probability_within(20) == (1000 - slow.unfinished) / 1000


def test_cumulative_rows_match_each_simulation() -> None:
    issues = simulate([1, 2], 4, samples=400, seed=5, horizon=HORIZON)
    points = simulate([3], 6, samples=400, seed=5, horizon=HORIZON)
    rows = cumulative([issues, points], 5)
    assert rows == [
        [issues.probability_within(d), points.probability_within(d)] for d in range(1, 6)
    ]
    assert [row[1] for row in rows] == [0.0, 1.0, 1.0, 1.0, 1.0]


throughputs = st.lists(st.integers(min_value=0, max_value=6), min_size=1, max_size=30).filter(any)


@settings(max_examples=60, deadline=None)
@given(throughputs, st.integers(min_value=0, max_value=40), st.integers(0, 2**32 - 1))
def test_probability_never_falls_with_more_days(past: list[int], target: int, seed: int) -> None:
    done = simulate(past, target, samples=200, seed=seed, horizon=HORIZON)
    chances = [done.probability_within(days) for days in range(0, done.longest + 2)]
    assert chances == sorted(chances)
    assert chances[-1] == 1.0
    shown = outlook(done)
    assert shown.p50 is not None
    assert shown.p85 is not None
    assert shown.p95 is not None
    assert shown.p50 <= shown.p85 <= shown.p95


@settings(max_examples=60, deadline=None)
@given(throughputs, st.integers(min_value=1, max_value=40), st.integers(0, 2**32 - 1))
def test_days_needed_lie_between_the_best_and_worst_pace(
    past: list[int], target: int, seed: int
) -> None:
    # No sample beats the best past day repeated every day, and when every past day
    # resolved something, none is slower than the worst day repeated.
    done = simulate(past, target, samples=200, seed=seed, horizon=HORIZON)
    best = max(past)
    fastest = -(-target // best)
    assert done.probability_within(fastest - 1) == 0.0
    if min(past) > 0:
        assert done.probability_within(-(-target // min(past))) == 1.0
