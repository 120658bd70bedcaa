// Acceptance criteria edits, each turned into the PATCH body that replaces the list.
import type { Criterion, CriterionIn, IssueUpdate } from "../types";

export function criteriaPatch(items: (Criterion | CriterionIn)[]): IssueUpdate {
  return {
    acceptance_criteria: items.map((item) =>
      item.id ? { id: item.id, text: item.text, done: item.done } : { text: item.text, done: item.done },
    ),
  };
}

/** The list with the item at `from` moved to `to`. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  const [moved] = next.splice(from, 1);
  if (moved === undefined) {
    return next;
  }
  next.splice(Math.max(0, Math.min(to, next.length)), 0, moved);
  return next;
}

export function reorderPatch(items: readonly Criterion[], from: number, to: number): IssueUpdate {
  return criteriaPatch(moveItem(items, from, to));
}

export function togglePatch(items: readonly Criterion[], id: string): IssueUpdate {
  return criteriaPatch(items.map((item) => (item.id === id ? { ...item, done: !item.done } : item)));
}

export function addPatch(items: readonly Criterion[], text: string): IssueUpdate {
  return criteriaPatch([...items, { text, done: false }]);
}

export function removePatch(items: readonly Criterion[], id: string): IssueUpdate {
  return criteriaPatch(items.filter((item) => item.id !== id));
}
