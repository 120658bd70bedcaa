"""Who hears of what, as what kind, with what summary, on which channels."""

from __future__ import annotations

from typing import Any

from taskdeck.domain.notifications import (
    Channel,
    Kind,
    audience,
    channels_for,
    may_notify,
    preferences_from,
    summary,
)

ISSUE = {"assignee": "asg", "reporter": "rep", "watchers": ["rep", "asg", "wat"]}


def event(kind: str, actor: str = "act", **data: Any) -> dict[str, Any]:
    return {"kind": kind, "actor": actor, "data": {"key": "WEB-1", **data}}


def change(field: str, before: Any, after: Any) -> dict[str, Any]:
    return {"field": field, "from": before, "to": after}


def test_participants_hear_of_a_status_change_but_not_the_one_who_made_it() -> None:
    moved = event("issue.updated", actor="asg", changes=[change("status", "todo", "done")])
    assert audience(moved, ISSUE) == {"rep": Kind.STATUS_CHANGE, "wat": Kind.STATUS_CHANGE}


def test_a_new_assignee_hears_assigned_and_the_others_an_update() -> None:
    issue = {**ISSUE, "assignee": "new", "watchers": [*ISSUE["watchers"], "new"]}
    assigned = event("issue.updated", changes=[change("assignee", "asg", "new")])
    heard = audience(assigned, issue)
    assert heard["new"] is Kind.ASSIGNED
    assert heard["rep"] is Kind.UPDATED
    assert "act" not in heard


def test_fields_nobody_is_told_of_tell_nobody() -> None:
    ranked = event("issue.updated", changes=[change("rank", "a", "b"), change("labels", [], ["x"])])
    assert audience(ranked, ISSUE) == {}


def test_a_mention_reaches_a_member_who_does_not_watch_and_outranks_other_kinds() -> None:
    commented = event("comment.added", mentions=["far", "wat"])
    heard = audience(commented, ISSUE)
    assert heard == {
        "asg": Kind.COMMENT,
        "rep": Kind.COMMENT,
        "wat": Kind.MENTIONED,
        "far": Kind.MENTIONED,
    }


def test_a_new_issue_tells_its_assignee_and_those_mentioned_in_it() -> None:
    created = event("issue.created", actor="rep", mentions=["far"])
    assert audience(created, ISSUE) == {"asg": Kind.ASSIGNED, "far": Kind.MENTIONED}


def test_attachments_reach_participants_and_other_events_nobody() -> None:
    attached = event("attachment.added", attachment={"filename": "a.png"})
    assert set(audience(attached, ISSUE).values()) == {Kind.ATTACHMENT}
    assert audience(event("issue.watcher_added"), ISSUE) == {}
    assert audience(event("sprint.started"), ISSUE) == {}


def test_summaries_say_who_did_what_to_which_issue() -> None:
    names = {"done": "Done"}
    moved = event("issue.updated", changes=[change("status", "todo", "done")])
    assert summary(Kind.STATUS_CHANGE, moved, actor="Ada", status_names=names) == (
        "Ada moved WEB-1 to Done"
    )
    edited = event(
        "issue.updated",
        changes=[change("priority", "low", "high"), change("due_date", None, "2026-12-01")],
    )
    assert summary(Kind.UPDATED, edited, actor="Ada", status_names=names) == (
        "Ada changed the priority and due date of WEB-1"
    )
    three = event(
        "issue.updated",
        changes=[
            change("title", "a", "b"),
            change("priority", "a", "b"),
            change("sprint", None, "s"),
        ],
    )
    assert summary(Kind.UPDATED, three, actor="Ada", status_names=names) == (
        "Ada changed the priority, sprint and title of WEB-1"
    )
    attached = event("attachment.added", attachment={"filename": "plan.pdf"})
    assert summary(Kind.ATTACHMENT, attached, actor="Bo", status_names=names) == (
        "Bo attached plan.pdf to WEB-1"
    )
    for kind, text in (
        (Kind.ASSIGNED, "Bo assigned WEB-1 to you"),
        (Kind.MENTIONED, "Bo mentioned you in WEB-1"),
        (Kind.COMMENT, "Bo commented on WEB-1"),
    ):
        assert summary(kind, event("comment.added"), actor="Bo", status_names=names) == text


def test_defaults_put_everything_in_the_inbox_and_the_important_in_email() -> None:
    chosen = preferences_from(None)
    assert all(channels[Channel.IN_APP] for channels in chosen.values())
    emailed = {kind for kind, channels in chosen.items() if channels[Channel.EMAIL]}
    assert emailed == {Kind.ASSIGNED, Kind.MENTIONED, Kind.COMMENT, Kind.DUE_SOON, Kind.OVERDUE}


def test_stored_choices_override_defaults_and_unknown_names_are_ignored() -> None:
    chosen = preferences_from(
        {"comment": {"email": False}, "gone": {"email": True}, "assigned": {"pager": True}}
    )
    assert chosen[Kind.COMMENT] == {Channel.IN_APP: True, Channel.EMAIL: False}
    assert chosen[Kind.ASSIGNED] == preferences_from(None)[Kind.ASSIGNED]
    assert channels_for({"comment": {"email": False}}, Kind.COMMENT) == chosen[Kind.COMMENT]


def test_events_that_tell_nobody_are_known_without_reading_their_issue() -> None:
    """`may_notify` is False only where `audience` would tell nobody, whoever follows."""
    followed = {**ISSUE, "watchers": [*ISSUE["watchers"], "more"]}
    silent = [
        event("issue.updated", changes=[change("rank", "a0", "a1")]),
        event("issue.updated", changes=[change("labels", [], ["ui"]), change("points", 1, 2)]),
        event("comment.edited", comment="c1"),
    ]
    for quiet in silent:
        assert not may_notify(quiet)
        assert audience(quiet, followed) == {}
    heard = [
        event("issue.updated", changes=[change("rank", "a0", "a1"), change("status", "a", "b")]),
        event("issue.updated", changes=[change("labels", [], ["ui"])], mentions=["men"]),
        event("comment.edited", comment="c1", mentions=["men"]),
        event("comment.added", comment="c1"),
        event("issue.created"),
    ]
    assert all(may_notify(loud) for loud in heard)
