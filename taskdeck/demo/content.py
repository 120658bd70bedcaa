"""What the demo project holds: a mobile banking app's epics, stories, tasks, bugs and
sub-tasks, where each one is planned, and the talk around them. Fixed data, so every
demo looks the same."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, Literal

KEY: Final = "DEMO"
NAME: Final = "Demo: Mobile banking app"
DESCRIPTION: Final = (
    "A sample project to look around in: two sprints (one completed, one active), a ranked "
    "backlog, stories with acceptance criteria, comments, worklogs and links. Delete it "
    "when you are done."
)
OWNER_NAME: Final = "Alex Demo"
MEMBER_EMAIL: Final = "priya@example.com"
MEMBER_NAME: Final = "Priya Shah"

Who = Literal["owner", "member"] | None
Plan = Literal["done1", "carried", "sprint2", "backlog"]
"""done1: done in the completed sprint; carried: open when it ended, now in the active
sprint; sprint2: planned into the active sprint; backlog: not planned."""


@dataclass(frozen=True)
class DemoIssue:
    """One issue; `number` is its place in this list, so its key is `DEMO-<number>`."""

    type: str
    title: str
    plan: Plan = "backlog"
    status: str = "todo"
    """Its status at the end (in the active sprint, or the backlog's `todo`)."""
    priority: str = "medium"
    assignee: Who = None
    parent: int | None = None
    points: int | None = None
    estimate_minutes: int | None = None
    labels: tuple[str, ...] = ()
    criteria: tuple[tuple[str, bool], ...] = ()
    description: str = ""


def _story(
    title: str, epic: int, points: int, *criteria: tuple[str, bool], **fields: Any
) -> DemoIssue:
    """A story under `epic` with its acceptance criteria (text, met)."""
    return DemoIssue("story", title, parent=epic, points=points, criteria=criteria, **fields)


# One row per issue, laid out as a table: easier to read and edit than one field a line.
# fmt: off
ISSUES: Final[tuple[DemoIssue, ...]] = (
    # 1-3: epics
    DemoIssue("epic", "Onboarding and sign-in", labels=("onboarding",), priority="high",
              description="Get a new customer from download to a funded account in minutes."),
    DemoIssue("epic", "Payments and transfers", labels=("payments",), priority="high",
              description="Everyday money movement: payees, schedules, QR codes."),
    DemoIssue("epic", "Account insights", labels=("insights",),
              description="Help customers understand and plan their spending."),
    # 4-13: stories
    _story("Sign up with email and phone verification", 1, 5,
           ("A one-time code is sent by SMS", True), ("The code expires after 10 minutes", True),
           ("An existing phone number is refused with a clear message", True),
           plan="done1", status="done", assignee="owner", labels=("onboarding",)),
    _story("Log in with Face ID or fingerprint", 1, 8,
           ("Biometric sign-in can be turned on from settings", True),
           ("The PIN is asked after three failed attempts", True),
           ("Turning biometrics off removes the stored key", False),
           plan="carried", status="in_progress", assignee="member", priority="high",
           labels=("onboarding", "security")),
    _story("Reset a forgotten PIN", 1, 3, ("Identity is checked with a selfie and ID", False),
           plan="sprint2", assignee="owner", labels=("security",)),
    _story("Send money to a saved payee", 2, 8,
           ("Payees can be searched by name", True), ("A transfer shows a confirmation", True),
           plan="done1", status="done", assignee="member", priority="high", labels=("payments",)),
    _story("Schedule a recurring transfer", 2, 5,
           ("Weekly and monthly schedules", True), ("Edit or cancel a schedule", True),
           ("A reminder the day before each transfer", False),
           plan="sprint2", status="in_review", assignee="member", labels=("payments",)),
    _story("Split a bill with friends", 2, 13, ("Split evenly or by amount", False),
           ("Friends get a payment request", False), labels=("payments", "social")),
    _story("Pay by QR code", 2, 8, ("Scan a merchant code", False), ("Show my own code", False),
           priority="high", labels=("payments",)),
    _story("See spending by category", 3, 5, ("Categories for the last 30 days", False),
           ("Tap a category to see its transactions", False),
           plan="sprint2", assignee="owner", labels=("insights",)),
    _story("Monthly budget alerts", 3, 5, ("Set a budget per category", False),
           labels=("insights",)),
    _story("Export statements as PDF", 3, 3, ("Pick a month", True),
           ("The PDF has our branding", True),
           plan="sprint2", status="done", assignee="owner", priority="low", labels=("insights",)),
    # 14-19: tasks
    DemoIssue("task", "Set up the push notification service", "done1", "done", parent=1,
              assignee="owner", estimate_minutes=480, labels=("infra",)),
    DemoIssue("task", "Analytics events for the onboarding funnel", "done1", "done", parent=4,
              assignee="member", estimate_minutes=240, labels=("analytics",), priority="low"),
    DemoIssue("task", "Upgrade React Native to 0.74", "sprint2", "in_progress",
              assignee="owner", estimate_minutes=960, labels=("infra", "tech-debt")),
    DemoIssue("task", "Runbook for payment outages", parent=2, estimate_minutes=180,
              labels=("ops",), priority="low"),
    DemoIssue("task", "Feature flag for QR payments", parent=10, estimate_minutes=120,
              labels=("payments",)),
    DemoIssue("task", "Load test the transfers API", "carried", "in_review", parent=7,
              assignee="owner", estimate_minutes=600, labels=("performance",)),
    # 20-26: bugs
    DemoIssue("bug", "Balance shows a stale amount after a transfer", "done1", "done",
              priority="urgent", parent=7, assignee="member", estimate_minutes=180,
              labels=("payments",),
              description="Steps: send money, go back to Home. The old balance shows until "
              "the app is restarted."),
    DemoIssue("bug", "App crashes on Android 10 when the camera opens", "sprint2", "in_progress",
              priority="high", assignee="member", estimate_minutes=240, labels=("android",)),
    DemoIssue("bug", "Biometric prompt appears twice on iOS", "sprint2", parent=5,
              assignee="member", estimate_minutes=120, labels=("ios", "security")),
    DemoIssue("bug", "Dark mode: unreadable text on the statements screen", priority="low",
              estimate_minutes=60, labels=("ui",)),
    DemoIssue("bug", "Transfer limit message shows the wrong currency", "sprint2", "done",
              assignee="owner", estimate_minutes=90, labels=("payments",)),
    DemoIssue("bug", "Session expires while entering the OTP", "done1", "done", priority="high",
              parent=4, assignee="owner", estimate_minutes=120, labels=("onboarding",)),
    DemoIssue("bug", "Category chart overlaps its labels on small screens", priority="low",
              parent=11, estimate_minutes=60, labels=("ui",)),
    # 27-35: sub-tasks
    DemoIssue("subtask", "Design the verification screen", "done1", "done", parent=4,
              assignee="member", estimate_minutes=240, labels=("design",)),
    DemoIssue("subtask", "Integrate the SMS provider", "done1", "done", parent=4,
              assignee="owner", estimate_minutes=360),
    DemoIssue("subtask", "Store the biometric key in the keychain", "sprint2", "done", parent=5,
              assignee="member", estimate_minutes=300),
    DemoIssue("subtask", "Fall back to the PIN after three failures", "sprint2", "in_progress",
              parent=5, assignee="member", estimate_minutes=180),
    DemoIssue("subtask", "Payee picker", "done1", "done", parent=7, assignee="member",
              estimate_minutes=240, labels=("design",)),
    DemoIssue("subtask", "Recurrence rules (weekly, monthly)", "sprint2", "done", parent=8,
              assignee="member", estimate_minutes=240),
    DemoIssue("subtask", "Edit and cancel a schedule", "sprint2", "in_review", parent=8,
              assignee="owner", estimate_minutes=180),
    DemoIssue("subtask", "Map merchant codes to categories", "sprint2", parent=11,
              assignee="owner", estimate_minutes=240),
    DemoIssue("subtask", "PDF layout and branding", "sprint2", "done", parent=13,
              assignee="owner", estimate_minutes=180, labels=("design",)),
    # 36-40: more backlog
    _story("Freeze and unfreeze a card", 2, 3, ("Takes effect at once", False),
           priority="urgent", labels=("cards", "security")),
    DemoIssue("task", "Accessibility audit of the onboarding flow", parent=1,
              estimate_minutes=480, labels=("a11y",)),
    DemoIssue("bug", "Duplicate notifications for incoming payments", priority="high",
              estimate_minutes=120, labels=("payments",)),
    _story("Savings goals with round-ups", 3, 8, ("Round card payments up to the pound", False),
           labels=("insights", "savings")),
    DemoIssue("task", "Translate the app into Spanish", priority="low", estimate_minutes=900,
              labels=("i18n",)),
)
# fmt: on

FIRST_SPRINT: Final = {"name": "Sprint 1", "goal": "Customers can sign up and send money"}
ACTIVE_SPRINT: Final = {"name": "Sprint 2", "goal": "Biometric sign-in and scheduled payments"}
BACKLOG_TOP: Final = (36, 38)
"""Issues ranked to the top of the backlog, in this order (the rest keep creation order)."""


@dataclass(frozen=True)
class DemoComment:
    """A comment on issue `number` by `author`."""

    number: int
    author: Literal["owner", "member"]
    body: str


COMMENTS: Final = (
    DemoComment(
        5,
        "owner",
        "Security review is booked for Thursday. @priya can you share "
        "the keychain access flags you chose before then?",
    ),
    DemoComment(
        5,
        "member",
        "Done, they are in the PR description. We use "
        "`kSecAttrAccessibleWhenPasscodeSetThisDeviceOnly`.",
    ),
    DemoComment(
        21,
        "member",
        "Reproduced on a Pixel 3 with Android 10; the stack trace points "
        "at the camera permission callback.",
    ),
    DemoComment(20, "owner", "Fixed by refreshing the balance when the transfer sheet closes."),
    DemoComment(8, "owner", "Looks good. The reminder criterion moves to the next sprint."),
)


@dataclass(frozen=True)
class DemoWorklog:
    """Time `author` logged on issue `number`, `days_ago` days before today."""

    number: int
    author: Literal["owner", "member"]
    minutes: int
    days_ago: int
    note: str = ""


WORKLOGS: Final = (
    DemoWorklog(27, "member", 240, 18, "Screens and copy"),
    DemoWorklog(28, "owner", 300, 17, "Provider sandbox and webhooks"),
    DemoWorklog(20, "member", 150, 12, "Root cause and fix"),
    DemoWorklog(19, "owner", 240, 10, "k6 scripts"),
    DemoWorklog(29, "member", 330, 5),
    DemoWorklog(16, "owner", 420, 3, "Native modules updated"),
    DemoWorklog(21, "member", 90, 1, "Reproduced and bisected"),
    DemoWorklog(35, "owner", 120, 2),
)
LINKS: Final = (
    (21, "blocks", 10),
    (38, "relates_to", 14),
    (22, "relates_to", 30),
)
"""(issue, link type, other issue)."""

FIRST_SPRINT_DAYS: Final = (-21, -8)
ACTIVE_SPRINT_DAYS: Final = (-7, 6)
"""When the sprints run, in days from today."""
