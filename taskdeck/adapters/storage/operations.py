"""Transaction rules every storage adapter applies the same way (DynamoDB's semantics)."""

from __future__ import annotations

from collections.abc import Sequence

from taskdeck.ports import (
    MAX_TRANSACTION_ITEMS,
    Condition,
    Item,
    Operation,
    Put,
    Update,
)


def operation_key(op: Operation) -> tuple[str, str]:
    """The (pk, sk) an operation touches."""
    if isinstance(op, Put):
        return op.item["pk"], op.item["sk"]
    return op.pk, op.sk


def check_transaction(operations: Sequence[Operation]) -> None:
    """Refuse a transaction DynamoDB would refuse: empty, too big, or one item twice."""
    if not operations:
        raise ValueError("a transaction needs at least one operation")
    if len(operations) > MAX_TRANSACTION_ITEMS:
        raise ValueError(f"a transaction holds at most {MAX_TRANSACTION_ITEMS} operations")
    keys = [operation_key(op) for op in operations]
    if len(set(keys)) != len(keys):
        raise ValueError("a transaction cannot touch one item twice")


def condition_holds(condition: Condition, current: Item | None, *, must_exist: bool) -> bool:
    """Whether `current` (None: absent) satisfies the condition."""
    if (must_exist or condition.exists is True) and current is None:
        return False
    if condition.exists is False and current is not None:
        return False
    return all((current or {}).get(name) == value for name, value in condition.equals.items())


def must_exist(operation: Operation) -> bool:
    """Whether the operation fails on an absent item: an update that may not create it."""
    return isinstance(operation, Update) and not operation.create


def apply_update(current: Item | None, update: Update) -> Item:
    """The item after an update's set, add and remove clauses (on an absent item: one
    holding only its key)."""
    item: Item = dict(current) if current is not None else {"pk": update.pk, "sk": update.sk}
    item.update(update.set)
    for name, amount in update.add.items():
        item[name] = item.get(name, 0) + amount
    for name in update.remove:
        item.pop(name, None)
    return item
