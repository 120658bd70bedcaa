"""The port's conditions, updates and key conditions as DynamoDB expressions.

Every attribute name and value goes through a placeholder (`#n0`, `:v0`), so reserved
words (`name`, `status`, ...) and arbitrary values are always safe.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from taskdeck.adapters.storage.dynamodb_items import (
    SEARCH_TEXT,
    SEARCH_WORDS,
    attribute_values,
    search_words,
)
from taskdeck.ports import Condition, KeyCondition, Update

if TYPE_CHECKING:
    from types_boto3_dynamodb.type_defs import AttributeValueTypeDef

_KEY_OPERATORS = {"eq": "=", "lt": "<", "lte": "<=", "gt": ">", "gte": ">="}


class Expression:
    """Placeholders for the names and values of one request's expressions."""

    def __init__(self) -> None:
        self._names: dict[str, str] = {}
        self._values: dict[str, Any] = {}

    def name(self, attribute: str) -> str:
        """The placeholder of an attribute name."""
        for placeholder, known in self._names.items():
            if known == attribute:
                return placeholder
        placeholder = f"#n{len(self._names)}"
        self._names[placeholder] = attribute
        return placeholder

    def value(self, value: Any) -> str:
        """A new placeholder for a value."""
        placeholder = f":v{len(self._values)}"
        self._values[placeholder] = value
        return placeholder

    def parameters(self) -> dict[str, Any]:
        """The `ExpressionAttributeNames`/`Values` arguments of the request (if any)."""
        parameters: dict[str, Any] = {}
        if self._names:
            parameters["ExpressionAttributeNames"] = dict(self._names)
        if self._values:
            values: dict[str, AttributeValueTypeDef] = attribute_values(self._values)
            parameters["ExpressionAttributeValues"] = values
        return parameters


def condition_expression(
    expression: Expression, condition: Condition, *, must_exist: bool = False
) -> str | None:
    """A ConditionExpression for the port's condition, or None when there is none."""
    clauses: list[str] = []
    if must_exist or condition.exists is True:
        clauses.append(f"attribute_exists({expression.name('pk')})")
    if condition.exists is False:
        clauses.append(f"attribute_not_exists({expression.name('pk')})")
    for attribute, wanted in condition.equals.items():
        name = expression.name(attribute)
        if wanted is None:
            clauses.append(f"attribute_not_exists({name})")
        else:
            clauses.append(f"{name} = {expression.value(wanted)}")
    return " AND ".join(clauses) or None


def update_expression(expression: Expression, update: Update) -> str:
    """An UpdateExpression for the update's set, add and remove clauses."""
    assignments = [
        f"{expression.name(attribute)} = {expression.value(value)}"
        for attribute, value in update.set.items()
    ]
    for attribute, amount in update.add.items():
        name = expression.name(attribute)
        zero, step = expression.value(0), expression.value(amount)
        assignments.append(f"{name} = if_not_exists({name}, {zero}) + {step}")
    removals = [expression.name(attribute) for attribute in update.remove]
    text = update.set.get(SEARCH_TEXT)
    if isinstance(text, str):
        words = expression.value(search_words(text))
        assignments.append(f"{expression.name(SEARCH_WORDS)} = {words}")
    elif SEARCH_TEXT in update.set or SEARCH_TEXT in update.remove:
        removals.append(expression.name(SEARCH_WORDS))
    clauses = []
    if assignments:
        clauses.append("SET " + ", ".join(assignments))
    if removals:
        clauses.append("REMOVE " + ", ".join(removals))
    return " ".join(clauses)


def key_condition_expression(
    expression: Expression, pk_attribute: str, pk: str, sk_attribute: str, sk: KeyCondition | None
) -> str:
    """A KeyConditionExpression: the partition, and the sort-key condition if any."""
    clause = f"{expression.name(pk_attribute)} = {expression.value(pk)}"
    if sk is None:
        return clause
    name = expression.name(sk_attribute)
    if sk.op == "begins_with":
        return f"{clause} AND begins_with({name}, {expression.value(sk.value)})"
    if sk.op == "between":
        low, high = expression.value(sk.value), expression.value(sk.upper or sk.value)
        return f"{clause} AND {name} BETWEEN {low} AND {high}"
    return f"{clause} AND {name} {_KEY_OPERATORS[sk.op]} {expression.value(sk.value)}"
