"""Forecast math: Monte Carlo sampling of past throughput. Pure and deterministic: the
same throughput, target, sample count and seed always give the same answer.

A sample replays the past: each future period (a day, or a sprint) draws the throughput
of one past period at random, with replacement, until the target is reached; the answer
is how many periods that took. Drawing period by period costs one draw per period, and
a slow team (most days resolve nothing) would need hundreds of draws per sample. Instead
a sample draws the length of each run of empty periods at once, from the geometric
distribution those periods follow (the chance of a period with throughput is the share
of past periods that had some), then one non-empty throughput: the same distribution of
outcomes, at two draws per period that moves the work rather than one per period.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

PERCENTILES = (50, 85, 95)
_EPSILON = 1e-9
"""Fractional points add up with rounding error; a target this close counts as reached."""


@dataclass(frozen=True, slots=True)
class Simulation:
    """How many periods each sample needed to reach the target: `needed[n]` samples needed
    exactly n periods; `unfinished` samples had not reached it within the horizon (or
    never could: no past period had any throughput)."""

    samples: int
    needed: tuple[int, ...]
    unfinished: int

    def probability_within(self, periods: int) -> float:
        """The share of samples that reached the target within `periods` periods."""
        return sum(self.needed[: max(periods, -1) + 1]) / self.samples

    def percentile(self, percent: int) -> int | None:
        """The fewest periods within which at least `percent`% of samples reached the target
        (nearest rank); None if that many samples did not reach it within the horizon."""
        rank = math.ceil(percent * self.samples / 100)
        reached = 0
        for periods, count in enumerate(self.needed):
            reached += count
            if reached >= rank:
                return periods
        return None

    @property
    def longest(self) -> int:
        """The most periods any finished sample needed (0 if none finished)."""
        return len(self.needed) - 1 if self.needed else 0


def simulate(
    throughput: Sequence[float], target: float, *, samples: int, seed: int, horizon: int
) -> Simulation:
    """Sample `samples` futures (with `random.Random(seed)`) of how many periods reaching
    `target` takes, each period's throughput drawn from the past `throughput`; samples
    still short after `horizon` periods are counted as unfinished."""
    if samples < 1:
        raise ValueError("samples must be positive")
    if target <= _EPSILON:
        return Simulation(samples, (samples,), 0)
    moving = [float(t) for t in throughput if t > 0]
    if not moving:
        return Simulation(samples, (), samples)
    needed = [0] * (horizon + 1)
    unfinished = 0
    share = len(moving) / len(throughput)
    goal = target - _EPSILON
    if share == 1.0 and len(set(moving)) == 1:
        # Constant throughput: every sample is the same, and the answer is exact.
        periods = math.ceil(goal / moving[0])
        if periods > horizon:
            return Simulation(samples, (), samples)
        return Simulation(samples, (0,) * periods + (samples,), 0)
    draw = random.Random(seed).random
    log = math.log
    kinds = len(moving)
    # log(1 - share) is the rate of the geometric distribution of empty runs; when every
    # past period had throughput there are none to draw.
    skip_rate = math.log1p(-share) if share < 1.0 else 0.0
    for _ in range(samples):
        done = 0.0
        periods = 0
        while done < goal and periods <= horizon:
            periods += 1 + int(log(1.0 - draw()) / skip_rate) if skip_rate else 1
            done += moving[int(draw() * kinds)]
        if periods <= horizon:
            needed[periods] += 1
        else:
            unfinished += 1
    return _trimmed(needed, samples, unfinished)


def _trimmed(needed: list[int], samples: int, unfinished: int) -> Simulation:
    """The simulation without the trailing periods no sample needed."""
    end = len(needed)
    while end and not needed[end - 1]:
        end -= 1
    return Simulation(samples, tuple(needed[:end]), unfinished)


@dataclass(frozen=True, slots=True)
class Outlook:
    """What a simulation says: the periods within which 50, 85 and 95% of samples were
    done (None: not within the horizon)."""

    p50: int | None
    p85: int | None
    p95: int | None


def outlook(simulation: Simulation) -> Outlook:
    """The percentiles of a simulation."""
    return Outlook(*(simulation.percentile(p) for p in PERCENTILES))


def cumulative(simulations: Sequence[Simulation], last: int) -> list[list[float]]:
    """For each number of periods from 1 to `last`, the probability each simulation's
    target is reached within that many periods (a running sum, so it is linear in `last`)."""
    reached = [s.needed[0] if s.needed else 0 for s in simulations]
    rows: list[list[float]] = []
    for periods in range(1, last + 1):
        for column, simulation in enumerate(simulations):
            if periods < len(simulation.needed):
                reached[column] += simulation.needed[periods]
        rows.append([count / s.samples for count, s in zip(reached, simulations, strict=True)])
    return rows
