"""Roles and the one policy table that every service consults."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """A member's role in a project, from most to least powerful."""

    OWNER = "owner"
    ADMIN = "admin"
    MEMBER = "member"
    VIEWER = "viewer"


class Action(StrEnum):
    """Something a member may try to do in a project."""

    READ = "read"
    EDIT_ISSUES = "edit_issues"
    MANAGE_SPRINTS = "manage_sprints"
    MANAGE_MEMBERS = "manage_members"
    EDIT_PROJECT = "edit_project"
    DELETE_PROJECT = "delete_project"


_STRENGTH = {Role.VIEWER: 0, Role.MEMBER: 1, Role.ADMIN: 2, Role.OWNER: 3}

POLICY: dict[Action, Role] = {
    Action.READ: Role.VIEWER,
    Action.EDIT_ISSUES: Role.MEMBER,
    Action.MANAGE_SPRINTS: Role.ADMIN,
    Action.MANAGE_MEMBERS: Role.ADMIN,
    Action.EDIT_PROJECT: Role.ADMIN,
    Action.DELETE_PROJECT: Role.OWNER,
}
"""The weakest role allowed to take each action."""


def allows(role: Role, action: Action) -> bool:
    """Whether a member with `role` may take `action`."""
    return _STRENGTH[role] >= _STRENGTH[POLICY[action]]


def outranks_or_equals(role: Role, other: Role) -> bool:
    """Whether `role` is at least as strong as `other` (who may grant or remove whom)."""
    return _STRENGTH[role] >= _STRENGTH[other]
