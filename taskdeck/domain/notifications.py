"""Notifications: what kinds there are, who hears of an event, and the channels each
person chose.

The rules, for events on an issue:
- the issue's participants (assignee, reporter and watchers) hear of changes to its
  status, assignee, priority, due date, description, sprint and title, of comments and
  of new attachments;
- a newly assigned person hears "assigned" even without watching;
- a mentioned member hears "mentioned" even without watching;
- the assignee and the watchers hear when the issue's due date is near or has passed
  (reminder events, written by the deadline scheduler: `services/reminders.py`);
- nobody hears of their own action.
Whether a recipient may still see the project, and which channels they chose, is
checked when the event is delivered, not here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any, Final


class Kind(StrEnum):
    """What a notification is about; people choose channels per kind."""

    ASSIGNED = "assigned"
    MENTIONED = "mentioned"
    COMMENT = "comment"
    STATUS_CHANGE = "status_change"
    UPDATED = "updated"
    ATTACHMENT = "attachment"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


class Channel(StrEnum):
    """Where a notification goes."""

    IN_APP = "in_app"
    EMAIL = "email"


EMAILED_BY_DEFAULT: Final = frozenset(
    {Kind.ASSIGNED, Kind.MENTIONED, Kind.COMMENT, Kind.DUE_SOON, Kind.OVERDUE}
)
"""Kinds that reach the inbox and email unless turned off; the rest (every field change,
status changes and attachments, which busy issues make many of) reach the inbox only."""

PRECEDENCE: Final = (
    Kind.MENTIONED,
    Kind.ASSIGNED,
    Kind.COMMENT,
    Kind.STATUS_CHANGE,
    Kind.ATTACHMENT,
    Kind.UPDATED,
    Kind.OVERDUE,
    Kind.DUE_SOON,
)
"""When one event concerns a person in several ways, the first kind here is what they
get (one notification an event and person)."""

REMINDERS: Final = {"issue.due_soon": Kind.DUE_SOON, "issue.overdue": Kind.OVERDUE}
"""The reminder events of an issue's due date, and what each is to the people told."""

NOTIFYING_FIELDS: Final = frozenset(
    {"status", "assignee", "priority", "due_date", "description", "sprint", "title"}
)
"""The issue fields whose changes participants hear of."""

Preferences = dict[Kind, dict[Channel, bool]]


def channels_for(
    stored: Mapping[str, Mapping[str, bool]] | None, kind: Kind
) -> dict[Channel, bool]:
    """The channels a person gets `kind` on: their stored choices over the defaults
    (every kind in the inbox, the important by email; channels no longer known ignored)."""
    channels = {Channel.IN_APP: True, Channel.EMAIL: kind in EMAILED_BY_DEFAULT}
    for channel_name, on in (stored or {}).get(kind.value, {}).items():
        if channel_name in Channel.__members__.values():
            channels[Channel(channel_name)] = bool(on)
    return channels


def preferences_from(stored: Mapping[str, Mapping[str, bool]] | None) -> Preferences:
    """The stored choices over the defaults, for every kind (kinds stored but no longer
    known are ignored)."""
    return {kind: channels_for(stored, kind) for kind in Kind}


def participants(issue: Mapping[str, Any]) -> set[str]:
    """Who follows an issue: its assignee, its reporter and its watchers."""
    people = {issue.get("assignee"), issue.get("reporter"), *issue.get("watchers", [])}
    return {person for person in people if isinstance(person, str)}


def may_notify(event: Mapping[str, Any]) -> bool:
    """Whether anyone may hear of `event`, judged from the event alone (False spares the
    fan-out reading its issue): a change of none of `NOTIFYING_FIELDS` (a rank move,
    labels, points) and a comment edit tell nobody unless they mention someone."""
    data: Mapping[str, Any] = event.get("data") or {}
    if data.get("mentions"):
        return True
    if event["kind"] == "issue.updated":
        return any(c.get("field") in NOTIFYING_FIELDS for c in data.get("changes", []))
    return bool(event["kind"] != "comment.edited")


def audience(event: Mapping[str, Any], issue: Mapping[str, Any]) -> dict[str, Kind]:
    """Who hears of an event on `issue` (the issue as it is now), and as what kind."""
    kind = event["kind"]
    data: Mapping[str, Any] = event.get("data") or {}
    heard: dict[str, list[Kind]] = {}

    def tell(people: Iterable[str], what: Kind) -> None:
        for person in people:
            heard.setdefault(person, []).append(what)

    if kind == "issue.created":
        assignee = issue.get("assignee")
        if assignee:
            tell([assignee], Kind.ASSIGNED)
    elif kind == "issue.updated":
        changes = [c for c in data.get("changes", []) if c.get("field") in NOTIFYING_FIELDS]
        fields = {change["field"] for change in changes}
        if fields:
            new_assignee = next((c["to"] for c in changes if c["field"] == "assignee"), None)
            if new_assignee:
                tell([new_assignee], Kind.ASSIGNED)
            tell(participants(issue), Kind.STATUS_CHANGE if "status" in fields else Kind.UPDATED)
    elif kind == "comment.added":
        tell(participants(issue), Kind.COMMENT)
    elif kind == "attachment.added":
        tell(participants(issue), Kind.ATTACHMENT)
    elif kind in REMINDERS:
        assignee = issue.get("assignee")
        tell({*([assignee] if assignee else []), *issue.get("watchers", [])}, REMINDERS[kind])
    if kind in ("issue.created", "issue.updated", "comment.added", "comment.edited"):
        tell(data.get("mentions", []), Kind.MENTIONED)
    actor = event.get("actor")
    return {
        person: min(kinds, key=PRECEDENCE.index)
        for person, kinds in heard.items()
        if person != actor
    }


FIELD_NAMES: Final = {
    "status": "status",
    "assignee": "assignee",
    "priority": "priority",
    "due_date": "due date",
    "description": "description",
    "sprint": "sprint",
    "title": "title",
}


def summary(
    kind: Kind, event: Mapping[str, Any], *, actor: str, status_names: Mapping[str, str]
) -> str:
    """One line saying what happened, for the inbox and the email's subject."""
    data: Mapping[str, Any] = event.get("data") or {}
    key = data.get("key", "")
    changes = {c["field"]: c for c in data.get("changes", []) if c.get("field") in FIELD_NAMES}
    if kind is Kind.ASSIGNED:
        return f"{actor} assigned {key} to you"
    if kind is Kind.MENTIONED:
        return f"{actor} mentioned you in {key}"
    if kind is Kind.COMMENT:
        return f"{actor} commented on {key}"
    if kind is Kind.DUE_SOON:
        return f"{key} is due on {data.get('due_date')}"
    if kind is Kind.OVERDUE:
        return f"{key} is overdue: it was due on {data.get('due_date')}"
    if kind is Kind.ATTACHMENT:
        filename = (data.get("attachment") or {}).get("filename", "a file")
        return f"{actor} attached {filename} to {key}"
    if kind is Kind.STATUS_CHANGE and "status" in changes:
        status = changes["status"]["to"]
        return f"{actor} moved {key} to {status_names.get(status, status)}"
    fields = [FIELD_NAMES[name] for name in FIELD_NAMES if name in changes]
    listed = " and ".join([", ".join(fields[:-1]), fields[-1]] if len(fields) > 1 else fields)
    return f"{actor} changed the {listed or 'details'} of {key}"
