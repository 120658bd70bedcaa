"""The single-table key layout: how every item is addressed (documented in docs/storage.md)."""

from __future__ import annotations

from taskdeck.ports import KeyCondition

ISSUE_NUMBER_WIDTH = 10

# The sort-key ranges of a project's partition (`PROJ#<id>`) and of an issue's.
MEMBERS = KeyCondition.begins_with("MEMBER#")
SPRINTS = KeyCondition.begins_with("SPRINT#")
ISSUES = KeyCondition.begins_with("ISSUE#")
HISTORY = KeyCondition.begins_with("H#")
CHILDREN = KeyCondition.begins_with("CHILD#")


def user(user_id: str) -> tuple[str, str]:
    """A user's profile."""
    return f"USER#{user_id}", "PROFILE"


def email(address: str) -> tuple[str, str]:
    """The claim that makes an email address unique (case-insensitively)."""
    return f"EMAIL#{address.casefold()}", "EMAIL"


def login_throttle(address: str) -> tuple[str, str]:
    """Failed sign-in attempts for one email address."""
    return f"THROTTLE#{address.casefold()}", "LOGIN"


def session(session_id: str) -> tuple[str, str]:
    """A refresh-token session (one chain of rotating refresh tokens)."""
    return f"SESSION#{session_id}", "SESSION"


def api_token(token_id: str) -> tuple[str, str]:
    """A personal API token."""
    return f"TOKEN#{token_id}", "TOKEN"


def project(project_id: str) -> tuple[str, str]:
    """A project's details and workflow."""
    return f"PROJ#{project_id}", "META"


def project_counter(project_id: str) -> tuple[str, str]:
    """A project's issue counter and the rank of its last backlog issue."""
    return f"PROJ#{project_id}", "COUNTER"


def status_count(status_id: str) -> str:
    """The attribute of a project's counter item that counts the issues in a status."""
    return f"count_{status_id}"


def plan_list(project_id: str, sprint_id: str | None) -> str:
    """The gsi2 partition that lists a sprint's issues, or the backlog's, by rank."""
    return f"SPRINT#{project_id}#{sprint_id}" if sprint_id else f"BACKLOG#{project_id}"


def status_list(project_id: str, status_id: str) -> str:
    """The gsi3 partition that lists the issues in a status (a board column) by rank."""
    return f"STATUS#{project_id}#{status_id}"


def project_key(key: str) -> tuple[str, str]:
    """The claim that makes a project key unique."""
    return f"PKEY#{key}", "PKEY"


def member(project_id: str, user_id: str) -> tuple[str, str]:
    """A user's membership of a project."""
    return f"PROJ#{project_id}", f"MEMBER#{user_id}"


def memberships(user_id: str) -> str:
    """The gsi1 partition of a user's memberships (sort key `PROJECT#<project id>`)."""
    return f"USER#{user_id}"


MEMBERSHIP_PREFIX = "PROJECT#"
"""The gsi1 sort-key prefix of a user's memberships."""


def issue_sk(number: int) -> str:
    """The sort key of issue `number` (zero-padded so keys sort by number)."""
    return f"ISSUE#{number:0{ISSUE_NUMBER_WIDTH}d}"


def issue(project_id: str, number: int) -> tuple[str, str]:
    """An issue."""
    return f"PROJ#{project_id}", issue_sk(number)


def issue_partition(project_id: str, number: int) -> str:
    """The partition of an issue's children, history, comments and the like."""
    return f"ISSUE#{project_id}#{number}"


def child(project_id: str, parent_number: int, child_number: int) -> tuple[str, str]:
    """The link from a parent issue to one of its children."""
    return issue_partition(project_id, parent_number), f"CHILD#{child_number:010d}"


def link(project_id: str, number: int, other_project_id: str, other_number: int) -> tuple[str, str]:
    """One side of a link, in the issue's partition: one link per pair of issues."""
    return issue_partition(project_id, number), f"LINK#{other_project_id}#{other_number:010d}"


def comment(project_id: str, number: int, comment_id: str) -> tuple[str, str]:
    """A comment, in its issue's partition (ids are ULIDs: sort keys sort by time)."""
    return issue_partition(project_id, number), f"C#{comment_id}"


def comment_edit(project_id: str, number: int, comment_id: str, edit_id: str) -> tuple[str, str]:
    """A previous body of a comment, kept when the comment was edited."""
    return issue_partition(project_id, number), f"CE#{comment_id}#{edit_id}"


DUE_MARKERS = "DUE"
"""The partition of the due-date markers, sorted by due date: what the deadline
scheduler reads (one marker per issue with a due date, until its reminders are done)."""


def due_marker(due_date: str, project_id: str, number: int) -> tuple[str, str]:
    """The marker of issue `number` being due on `due_date` (ISO `YYYY-MM-DD`)."""
    return DUE_MARKERS, f"{due_date}#{project_id}#{number:0{ISSUE_NUMBER_WIDTH}d}"


def purge(project_id: str) -> tuple[str, str]:
    """A deleted project whose items are still being removed."""
    return "PURGE", f"PROJ#{project_id}"


def outbox_partition(day: str) -> str:
    """The outbox partition of one UTC day (`YYYY-MM-DD`)."""
    return f"OUTBOX#{day}"


def outbox_trimmed() -> tuple[str, str]:
    """The last outbox day the dispatcher deleted (`through`)."""
    return "OUTBOX", "TRIMMED"


def sprint(project_id: str, sprint_id: str) -> tuple[str, str]:
    """A sprint of a project."""
    return f"PROJ#{project_id}", f"SPRINT#{sprint_id}"


def sprint_scope_partition(project_id: str, sprint_id: str) -> str:
    """The scope changes of an active sprint (sort key: the change's ULID)."""
    return f"SCOPE#{project_id}#{sprint_id}"


def sprint_pointer(sprint_id: str) -> tuple[str, str]:
    """Where a sprint's project is found from the sprint's id alone (`project_id`)."""
    return f"SPRINTID#{sprint_id}", "SPRINT"


def attachment(project_id: str, number: int, attachment_id: str) -> tuple[str, str]:
    """An attachment's metadata, in its issue's partition (sort key `A#<ulid>`)."""
    return issue_partition(project_id, number), f"A#{attachment_id}"


ATTACHMENT_BLOBS = "BLOBS"
"""The gsi1 partition of every attachment, sorted by blob key (for the blob sweep)."""


def attachment_blob(project_id: str, number: int, attachment_id: str) -> str:
    """The blob key of an attachment: the key of its metadata can be read back from it."""
    return f"{project_id}/{number}/{attachment_id}"


def notification(user_id: str, notification_id: str) -> tuple[str, str]:
    """A notification in a user's inbox (its id is the event's: one per event and person)."""
    return f"USER#{user_id}", f"NOTE#{notification_id}"


def unread_notifications(user_id: str) -> str:
    """The gsi1 partition of a user's unread notifications (sparse: read ones leave it)."""
    return f"UNREAD#{user_id}"


def notification_settings(user_id: str) -> tuple[str, str]:
    """A user's choice of channels per kind of notification."""
    return f"USER#{user_id}", "NOTIFY_SETTINGS"


def email_subscription(user_id: str) -> tuple[str, str]:
    """The subscription that carries a user's emails (on SNS: the topic subscription of
    their address, with a filter policy on their id)."""
    return f"USER#{user_id}", "EMAIL_SUBSCRIPTION"


def dispatcher_lease() -> tuple[str, str]:
    """Which process delivers the outbox now, and until when."""
    return "DISPATCH", "LEASE"


def dispatcher_cursor() -> tuple[str, str]:
    """The outbox event up to which every event has been delivered."""
    return "DISPATCH", "CURSOR"


def email_batch(user_id: str, issue_key: str) -> tuple[str, str]:
    """The notices waiting to go out to one person about one issue, as one email."""
    return f"MAILBATCH#{user_id}", f"ISSUE#{issue_key}"


EMAIL_QUEUE = "MAILQUEUE"
"""The gsi1 partition of every email batch, sorted by when it is due (`<iso time>#...`)."""


def webhook(project_id: str, webhook_id: str) -> tuple[str, str]:
    """A webhook of a project (the project's purge removes it)."""
    return f"PROJ#{project_id}", f"WEBHOOK#{webhook_id}"


WEBHOOKS = "WEBHOOK#"
"""The sort-key prefix of a project's webhooks."""


def webhook_deliveries(webhook_id: str) -> str:
    """The partition of a webhook's deliveries."""
    return f"HOOKDLV#{webhook_id}"


def webhook_delivery(webhook_id: str, event_id: str) -> tuple[str, str]:
    """One event's delivery to one webhook: at most one per pair (sort key: the event's
    ULID, so a webhook's deliveries sort by time)."""
    return webhook_deliveries(webhook_id), event_id


WEBHOOK_QUEUE = "HOOKDUE"
"""The gsi1 partition of pending webhook deliveries, sorted by when each is due."""


def webhook_due(due: str, webhook_id: str, event_id: str) -> str:
    """A pending delivery's gsi1 sort key: its due time (ISO UTC) first."""
    return f"{due}#{webhook_id}#{event_id}"


def flow_partition(project_id: str) -> str:
    """The daily rollup of a project (sort key: the UTC day, `YYYY-MM-DD`)."""
    return f"FLOW#{project_id}"


def flow_day(project_id: str, day: str) -> tuple[str, str]:
    """One day of a project's rollup: per status, the net number of issues that entered it
    that day (`s_<status>`), and per user, the comments they wrote (`c_<user>`)."""
    return flow_partition(project_id), day


def resolutions(project_id: str) -> str:
    """The partition of a project's resolution facts, sorted by when each was resolved."""
    return f"RESOLVED#{project_id}"


def resolution(project_id: str, resolved_at: str, number: int) -> tuple[str, str]:
    """The fact that issue `number` was resolved at `resolved_at` (while it stays done)."""
    return resolutions(project_id), f"{resolved_at}#{number:0{ISSUE_NUMBER_WIDTH}d}"
