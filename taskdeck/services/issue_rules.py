"""The rules an issue's fields must keep, shared by create and edit."""

from __future__ import annotations

from typing import Any

from taskdeck.domain.errors import FieldError, ValidationFailed
from taskdeck.domain.issues import IssueType, check_criteria_allowed, check_may_finish, check_title
from taskdeck.domain.workflow import Category
from taskdeck.ports import MUST_EXIST, Check, Item, Operation
from taskdeck.services import keys
from taskdeck.services.context import Context
from taskdeck.services.issue_items import EDITABLE_FIELDS
from taskdeck.services.projects import Access


def check_rules(access: Access, issue: Item, *, workflow_category: Category | None) -> Category:
    """The category of the issue's status, once its status, title and acceptance criteria
    pass the project's rules (a story enters done only with its criteria met)."""
    if workflow_category is None:
        raise ValidationFailed(
            "no such status in this project's workflow",
            [FieldError("status", "not a status of this project")],
        )
    issue_type = IssueType(issue["type"])
    check_title(issue["title"])
    check_criteria_allowed(issue_type, issue["acceptance_criteria"])
    if workflow_category is Category.DONE:
        settings = access.project.get("settings", {})
        check_may_finish(
            issue_type,
            issue["acceptance_criteria"],
            rule_on=bool(settings.get("acceptance_criteria_gate", True)),
        )
    return workflow_category


def with_criterion_ids(
    ctx: Context, criteria: list[dict[str, Any]], before: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """Criteria with ids: kept where the client sent one we know, new otherwise."""
    known = {c["id"] for c in before or []}
    result = []
    for criterion in criteria:
        criterion_id = criterion.get("id")
        if criterion_id is not None and criterion_id not in known:
            raise ValidationFailed(
                "unknown acceptance criterion",
                [FieldError("acceptance_criteria", f"no criterion {criterion_id}")],
            )
        result.append(
            {
                "id": criterion_id or ctx.ids.new(),
                "text": criterion["text"],
                "done": bool(criterion.get("done", False)),
            }
        )
    ids = [c["id"] for c in result]
    if len(set(ids)) != len(ids):
        raise ValidationFailed(
            "a criterion appears twice", [FieldError("acceptance_criteria", "duplicate id")]
        )
    return result


def assignee_check(project_id: str, issue: Item) -> list[Operation]:
    """A check that the assignee is a member of the project, in the same transaction."""
    if not issue.get("assignee"):
        return []
    return [Check(*keys.member(project_id, issue["assignee"]), MUST_EXIST)]


def refuse_unknown_fields(fields: dict[str, Any]) -> None:
    """Only editable fields may be given: id, key, reporter, version and the like are ours."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationFailed(
            "these fields cannot be set",
            [FieldError(name, "cannot be set") for name in sorted(unknown)],
        )
