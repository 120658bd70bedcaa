// Small boards and issues for the planning tests.
import type { DragEndEvent } from "@dnd-kit/core";
import type { DragData } from "../dnd/dragData";
import type { Board, Card, Column, Issue } from "../types";

export function card(key: string, status: string, points: number | null = null): Card {
  return {
    key, id: key, status, points, title: `Title of ${key}`, type: "task", priority: "none",
    assignee: null, labels: [], parent: null, sprint: null, rank: key, due_date: null, version: 1,
  };
}

export function issue(key: string, points: number | null = null, sprint: string | null = null): Issue {
  return {
    ...card(key, "todo", points), sprint, project: "WEB", number: 1, description: "",
    reporter: "u1", estimate_minutes: null, remaining_minutes: null, spent_minutes: 0,
    acceptance_criteria: [], watchers: [], created_at: "", updated_at: "", resolved_at: null,
  };
}

export function column(status: string, keys: string[], limit: number | null = null, mode: "hard" | "soft" = "hard"): Column {
  return {
    status, name: status.toUpperCase(), category: "todo", count: keys.length, wip_count: keys.length,
    wip_limit: limit, wip_mode: mode, over_limit: limit !== null && keys.length > limit,
    next_cursor: null, issues: keys.map((key) => card(key, status)),
  };
}

export function board(...columns: Column[]): Board {
  return { project: "WEB", sprint: null, columns };
}

export function item(list: string, keys: string[], key: string): DragData {
  return { kind: "item", list, listName: list, keys, key, label: key };
}

export function dropEvent(from: DragData, to: DragData | null): DragEndEvent {
  const node = (data: DragData) => ({
    id: data.kind === "item" ? data.key : `list:${data.list}`,
    data: { current: data },
  });
  return { active: node(from), over: to && node(to) } as unknown as DragEndEvent;
}
