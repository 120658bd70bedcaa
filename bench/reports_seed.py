"""A year of one project, seeded in this process through Taskdeck's own services on a
clock stepped day by day, so that the reports have a history to read.

The project `YEAR` has `MEMBERS` people and `ISSUES` issues (epics, stories under them,
tasks and bugs, sub-tasks), created over `DAYS` days. Two-week sprints follow one
another: each is planned the day before it starts with the oldest backlog issues, its
issues go to in progress, in review and done on days of their own (assigned, sometimes
reassigned or edited, with worklogs and review comments on the way), and what is still
open when it ends is carried to the next. The last sprint is active today. Within a
day, the issues' changes run concurrently, so the SQLite store groups their commits.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from seed import SeedError

from taskdeck.bootstrap import Container, bootstrap
from taskdeck.config import Settings
from taskdeck.domain.errors import DomainError
from taskdeck.domain.roles import Role
from taskdeck.ports import KeyCondition, Put
from taskdeck.services import keys
from taskdeck.services.moves import Move
from taskdeck.services.report_reads import every_item

PROJECT = "YEAR"
DAYS = 365
ISSUES = 10_000
EPICS = 100
MEMBERS = 8
SPRINT_DAYS = 14
FIRST_SPRINT_DAY = 7
SPRINT_CAPACITY = 380
CONCURRENCY = 64
PASSWORD = "bench-Password-1234"
OWNER_EMAIL = "year0@example.com"
TYPES = (("story", 0.25), ("task", 0.45), ("bug", 0.15), ("subtask", 0.15))
PARENTS = {
    "story": ("epic",),
    "task": ("story", "epic"),
    "bug": ("story", "epic"),
    "subtask": ("story", "task"),
}
POINTS = {"story": (2, 3, 5, 8, 13), "task": (1, 2, 3, 5), "bug": (1, 2, 3), "subtask": (None,)}

Step = Callable[[], Awaitable[object]]


class SteppedClock:
    """The simulated time: a day set by the seeding, a quarter second later at each read
    (so that a day's changes stay in order and within the working day)."""

    def __init__(self) -> None:
        self._day = datetime(2000, 1, 1, tzinfo=UTC)
        self._reads = 0

    def now(self) -> datetime:
        """The current simulated moment."""
        self._reads += 1
        return self._day + timedelta(hours=8, milliseconds=250 * self._reads)

    def set_day(self, day: date) -> None:
        """Start simulating `day`."""
        self._day = datetime(day.year, day.month, day.day, tzinfo=UTC)
        self._reads = 0


@dataclass(frozen=True)
class SeededYear:
    """What the reports phase needs to know of the seeded project."""

    owner_email: str
    password: str
    completed_sprint: str
    """The last sprint completed."""
    sprints: int
    history_items: int
    issues: int
    seconds: float


class Year:
    """The simulation: what each issue does on which day, and the day-by-day run."""

    def __init__(self, container: Container, people: list[str], first_day: date) -> None:
        self.services = container
        self.people = people
        self.first_day = first_day
        self.random = random.Random(8)
        self.keys: list[str] = []
        self.pools: dict[str, list[int]] = defaultdict(list)
        self.backlog: deque[int] = deque()
        self.agenda: dict[int, dict[int, list[Step]]] = defaultdict(lambda: defaultdict(list))
        self.sprints: list[str] = []
        self.assignees: list[str | None] = []
        self.made_today: list[tuple[str, int]] = []
        """The issues created today: parents and backlog issues from the next day on."""

    def at(self, day: int, issue: int, step: Step) -> None:
        """Do `step` to `issue` on `day` (after what is already planned for it that day)."""
        if day < DAYS:
            self.agenda[day][issue].append(step)

    def date(self, day: int) -> str:
        """The ISO date of a simulated day."""
        return (self.first_day + timedelta(days=day)).isoformat()

    # --- what an issue does ------------------------------------------------------------

    def create(self, day: int, issue_type: str) -> None:
        """Plan the creation of an issue of `issue_type` on `day`, under a parent made
        on an earlier day."""
        index = len(self.keys)
        self.keys.append("")
        pool = self.pools[self.random.choice(PARENTS[issue_type])] if issue_type in PARENTS else []
        parent = self.random.choice(pool) if pool and self.random.random() < 0.8 else None
        minutes = self.random.choice((60, 120, 240, 480, 960))
        draft: dict[str, Any] = {
            "type": issue_type,
            "title": f"{issue_type.capitalize()} {index + 1} of the year",
            "description": "What to do, and why it matters.",
            "priority": self.random.choice(("low", "medium", "medium", "high")),
            "points": self.random.choice(POINTS.get(issue_type, (None,))),
            "estimate_minutes": minutes,
            "remaining_minutes": minutes,
        }
        if self.random.random() < 0.5:
            draft["assignee"] = self.random.choice(self.people)
        reporter = self.random.choice(self.people)

        async def created() -> None:
            under = {} if parent is None else {"parent": self.keys[parent]}
            issue = await self.services.issues.create(reporter, PROJECT, {**draft, **under})
            self.keys[index] = issue["key"]

        self.at(day, index, created)
        if issue_type == "epic":
            self.progress(index, self.people[0], started=day + 3, reviewed=None, done=day + 120)
        else:
            self.made_today.append((issue_type, index))
        self.assignees.append(draft.get("assignee"))

    def moved(self, issue: int, actor: str, move: Move) -> Step:
        """A step: the issue moved (to a status or a sprint)."""
        return lambda: self.services.moves.move(actor, self.keys[issue], move)

    def edited(self, issue: int, actor: str, patch: dict[str, Any]) -> Step:
        """A step: the issue's fields changed."""
        return lambda: self.services.issues.update(actor, self.keys[issue], patch)

    def logged(self, issue: int, actor: str, day: int) -> Step:
        """A step: time logged on the issue on `day`."""
        minutes = self.random.choice((30, 60, 90, 120, 240))
        return lambda: self.services.worklogs.log(
            actor, self.keys[issue], minutes=minutes, day=self.date(day), note="Worked on it"
        )

    def commented(self, issue: int, actor: str) -> Step:
        """A step: a review comment on the issue."""
        body = "Looks good; one question on the edge cases."
        return lambda: self.services.comments.add(actor, self.keys[issue], body)

    def progress(
        self, issue: int, actor: str, *, started: int, reviewed: int | None, done: int
    ) -> None:
        """Plan the issue's way through the workflow, with its worklogs and a comment."""
        self.at(started, issue, self.moved(issue, actor, Move(status="in_progress")))
        self.at(started, issue, self.logged(issue, actor, started))
        if reviewed is not None:
            self.at(reviewed, issue, self.moved(issue, actor, Move(status="in_review")))
            self.at(reviewed, issue, self.logged(issue, actor, reviewed))
            if self.random.random() < 0.1:
                other = {"assignee": self.random.choice(self.people)}
                self.at(reviewed, issue, self.edited(issue, actor, other))
            if self.random.random() < 0.7:
                self.at(reviewed, issue, self.commented(issue, self.random.choice(self.people)))
        self.at(done, issue, self.moved(issue, actor, Move(status="done")))

    def work(self, issue: int, sprint_start: int) -> None:
        """Plan an issue of a sprint: assigned, started, reviewed and done on days of
        its own, perhaps reassigned or edited on the way."""
        started = sprint_start + self.random.randint(0, 9)
        reviewed = started + self.random.randint(1, 3)
        done = reviewed + self.random.randint(0, 3)
        actor = self.assignees[issue]
        if actor is None or self.random.random() < 0.1:
            actor = self.random.choice(self.people)
            self.at(started, issue, self.edited(issue, actor, {"assignee": actor}))
            self.assignees[issue] = actor
        self.progress(issue, actor, started=started, reviewed=reviewed, done=done)
        if self.random.random() < 0.35:
            edit = {"priority": self.random.choice(("low", "high", "urgent"))}
            self.at(self.random.randint(started, done), issue, self.edited(issue, actor, edit))

    # --- the days ------------------------------------------------------------------------

    async def plan_sprint(self, day: int) -> None:
        """Create the next sprint and move the oldest backlog issues into it."""
        number = len(self.sprints)
        start = day + 1
        fields = {
            "name": f"Sprint {number + 1}",
            "start_date": self.date(start),
            "end_date": self.date(start + SPRINT_DAYS - 1),
        }
        sprint = await self.services.sprints.create(self.people[0], PROJECT, fields)
        self.sprints.append(sprint["id"])
        for _ in range(min(SPRINT_CAPACITY, len(self.backlog))):
            issue = self.backlog.popleft()
            self.at(day, issue, self.moved(issue, self.people[0], Move(sprint=sprint["id"])))
            self.work(issue, start)

    async def change_sprints(self) -> None:
        """Complete the active sprint (its open issues carried to the next), start the next."""
        owner, following = self.people[0], self.sprints[-1]
        if len(self.sprints) > 1:
            await self.services.sprints.complete(owner, self.sprints[-2], following)
        await self.services.sprints.start(owner, following, {})

    async def run(self, clock: SteppedClock) -> None:
        """Simulate every day: sprint changes first, then every issue's changes."""
        per_day = (ISSUES - EPICS) / DAYS
        made = 0
        types, weights = [t for t, _ in TYPES], [w for _, w in TYPES]
        for day in range(DAYS):
            clock.set_day(self.first_day + timedelta(days=day))
            since_start = day - FIRST_SPRINT_DAY
            if since_start >= 0 and since_start % SPRINT_DAYS == 0:
                await self.change_sprints()
            if (since_start + 1) % SPRINT_DAYS == 0:
                await self.plan_sprint(day)
            for _ in range(EPICS * (day + 1) // DAYS - EPICS * day // DAYS):
                self.create(day, "epic")
            created = round(per_day * (day + 1)) - made
            for _ in range(created):
                self.create(day, self.random.choices(types, weights)[0])
            made += created
            await self.run_day(self.agenda.pop(day, {}))
            for issue_type, index in self.made_today:
                self.pools[issue_type].append(index)
                self.backlog.append(index)
            self.made_today.clear()

    @staticmethod
    async def run_day(scripts: dict[int, list[Step]]) -> None:
        """Each issue's steps in order, up to CONCURRENCY issues at a time."""
        slots = asyncio.Semaphore(CONCURRENCY)

        async def follow(steps: list[Step]) -> None:
            async with slots:
                for step in steps:
                    await step()

        await asyncio.gather(*(follow(steps) for steps in scripts.values()))


async def count_history(container: Container, project_id: str, issues: int) -> int:
    """The history items of the project's issues (`H#` in each issue's partition)."""
    history = KeyCondition.begins_with("H#")
    total = 0
    for number in range(1, issues + 1):
        partition = keys.issue_partition(project_id, number)
        total += len(await every_item(container.table, partition, history))
    return total


async def simulate(container: Container, clock: SteppedClock, today: date) -> SeededYear:
    """Sign the team up, make the project, live the year; count what it left."""
    started = time.perf_counter()
    accounts, people = container.accounts, []
    for number in range(MEMBERS):
        email = f"year{number}@example.com"
        user = await accounts.sign_up(email=email, password=PASSWORD, name=f"Person {number}")
        people.append(str(user["id"]))
    first_day = today - timedelta(days=DAYS)
    clock.set_day(first_day)
    project = await container.projects.create(people[0], key=PROJECT, name="A year of work")
    for person in people[1:]:
        await container.members.add(people[0], PROJECT, who=person, email=None, role=Role.MEMBER)
    year = Year(container, people, first_day)
    await year.run(clock)
    # As if the dispatcher had kept up all year: the server's background worker would
    # otherwise deliver the year's events while the reports are measured.
    pk, sk = keys.dispatcher_cursor()
    await container.table.transact(
        [Put({"pk": pk, "sk": sk, "after": container.context.ids.new()})]
    )
    seconds = time.perf_counter() - started
    return SeededYear(
        owner_email=OWNER_EMAIL,
        password=PASSWORD,
        completed_sprint=year.sprints[-2],
        sprints=len(year.sprints),
        history_items=await count_history(container, project["id"], len(year.keys)),
        issues=len(year.keys),
        seconds=seconds,
    )


def seed_year(data_dir: Path) -> SeededYear:
    """Seed the year into `data_dir` (Taskdeck's settings from the environment otherwise)."""
    clock = SteppedClock()
    container = bootstrap(Settings(data_dir=data_dir), clock=clock)
    try:
        return asyncio.run(simulate(container, clock, datetime.now(UTC).date()))
    except DomainError as error:
        raise SeedError(f"seeding the year failed: {error!r}") from error
    finally:
        container.close()
