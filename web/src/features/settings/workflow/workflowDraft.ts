// The workflow editor's draft, as pure functions: each edit returns a new draft or a
// refusal in the words the API would use, so the editor refuses before the server does.
import type { components } from "../../../api/schema";

export type Status = components["schemas"]["StatusOut"];
export type Category = components["schemas"]["Category"];
export type WipMode = components["schemas"]["WipMode"];
export type ProjectUpdate = components["schemas"]["ProjectUpdate"];

export const MAX_STATUSES = 30;
export const MAX_NAME = 64;

export const CATEGORIES: readonly { category: Category; label: string }[] = [
  { category: "todo", label: "To do" },
  { category: "in_progress", label: "In progress" },
  { category: "done", label: "Done" },
];

/** The statuses being edited, and where the issues of each removed status go. */
export interface WorkflowDraft {
  statuses: readonly Status[];
  /** Removed status id → the status of the new workflow its issues move to. */
  moves: Readonly<Record<string, string>>;
}

/** An edit's outcome: the new draft, or why it is refused. */
export type Edit = { draft: WorkflowDraft } | { refused: string };

export function startDraft(statuses: readonly Status[]): WorkflowDraft {
  return { statuses, moves: {} };
}

/** A new status at the end, with an id made from its name. */
export function addStatus(draft: WorkflowDraft, name: string, category: Category): Edit {
  const trimmed = name.trim();
  const problem = nameProblem(draft, trimmed, null);
  if (problem !== null) return { refused: problem };
  if (draft.statuses.length >= MAX_STATUSES) {
    return { refused: `A workflow has at most ${MAX_STATUSES} statuses.` };
  }
  const status: Status = { id: newId(draft, trimmed), name: trimmed, category, wip_limit: null, wip_mode: "hard" };
  return { draft: { ...draft, statuses: [...draft.statuses, status] } };
}

export function renameStatus(draft: WorkflowDraft, id: string, name: string): Edit {
  const trimmed = name.trim();
  const problem = nameProblem(draft, trimmed, id);
  if (problem !== null) return { refused: problem };
  return { draft: replace(draft, id, { name: trimmed }) };
}

/** Move a status one place up (-1) or down (+1). */
export function moveStatus(draft: WorkflowDraft, id: string, by: -1 | 1): WorkflowDraft {
  const from = draft.statuses.findIndex((status) => status.id === id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= draft.statuses.length) return draft;
  const statuses = [...draft.statuses];
  const [moved] = statuses.splice(from, 1);
  if (moved !== undefined) statuses.splice(to, 0, moved);
  return { ...draft, statuses };
}

export function changeCategory(draft: WorkflowDraft, id: string, category: Category): Edit {
  const status = draft.statuses.find((entry) => entry.id === id);
  if (status === undefined || status.category === category) return { draft };
  const refusal = lastOfCategory(draft, status);
  if (refusal !== null) return { refused: refusal };
  return { draft: replace(draft, id, { category }) };
}

export function setWipLimit(draft: WorkflowDraft, id: string, limit: number | null): Edit {
  if (limit !== null && (!Number.isInteger(limit) || limit < 1 || limit > 10_000)) {
    return { refused: "A WIP limit is a whole number from 1 to 10000, or empty for none." };
  }
  return { draft: replace(draft, id, { wip_limit: limit }) };
}

export function setWipMode(draft: WorkflowDraft, id: string, mode: WipMode): WorkflowDraft {
  return replace(draft, id, { wip_mode: mode });
}

/** Why a status cannot go, or null: the workflow keeps a todo and a done status. */
export function removalRefusal(draft: WorkflowDraft, id: string): string | null {
  const status = draft.statuses.find((entry) => entry.id === id);
  return status === undefined ? null : lastOfCategory(draft, status);
}

/**
 * Remove a status; `target` (a status of the draft) receives its issues and those
 * already bound for it. Without a target, it must hold none (`holdsIssues` false).
 */
export function removeStatus(draft: WorkflowDraft, id: string, target: string | null): Edit {
  const refusal = removalRefusal(draft, id);
  if (refusal !== null) return { refused: refusal };
  if (target === id || (target !== null && !draft.statuses.some((status) => status.id === target))) {
    return { refused: "Choose another status of the workflow for its issues." };
  }
  const moves: Record<string, string> = {};
  for (const [source, destination] of Object.entries(draft.moves)) {
    if (destination === id) {
      if (target === null) return { refused: "Choose a status for the issues bound for this one." };
      moves[source] = target;
    } else {
      moves[source] = destination;
    }
  }
  if (target !== null) moves[id] = target;
  return { draft: { statuses: draft.statuses.filter((status) => status.id !== id), moves } };
}

/** Issues a status holds now plus those other removals send to it. */
export function issuesIn(draft: WorkflowDraft, id: string, counts: Readonly<Record<string, number>>): number {
  const incoming = Object.entries(draft.moves)
    .filter(([, destination]) => destination === id)
    .reduce((sum, [source]) => sum + (counts[source] ?? 0), 0);
  return (counts[id] ?? 0) + incoming;
}

/**
 * The PATCH body for the draft: the whole workflow, and moves only for statuses of
 * the saved workflow (a status added and removed in the draft held nothing).
 */
export function patchBody(draft: WorkflowDraft, saved: readonly Status[]): ProjectUpdate {
  const savedIds = new Set(saved.map((status) => status.id));
  const move_issues = Object.fromEntries(Object.entries(draft.moves).filter(([source]) => savedIds.has(source)));
  return {
    workflow: draft.statuses.map(({ id, name, category, wip_limit, wip_mode }) => ({ id, name, category, wip_limit, wip_mode })),
    move_issues,
  };
}

/** Whether the draft differs from the saved workflow. */
export function isChanged(draft: WorkflowDraft, saved: readonly Status[]): boolean {
  return JSON.stringify(patchBody(draft, saved).workflow) !== JSON.stringify(patchBody(startDraft(saved), saved).workflow);
}

function replace(draft: WorkflowDraft, id: string, change: Partial<Status>): WorkflowDraft {
  return { ...draft, statuses: draft.statuses.map((status) => (status.id === id ? { ...status, ...change } : status)) };
}

function lastOfCategory(draft: WorkflowDraft, status: Status): string | null {
  if (status.category === "in_progress") return null;
  const others = draft.statuses.filter((entry) => entry.id !== status.id && entry.category === status.category);
  if (others.length > 0) return null;
  const label = status.category === "todo" ? "to do" : "done";
  return `${status.name} is the last "${label}" status: a workflow needs one.`;
}

function nameProblem(draft: WorkflowDraft, name: string, id: string | null): string | null {
  if (name === "") return "A status needs a name.";
  if (name.length > MAX_NAME) return `A status name has at most ${MAX_NAME} characters.`;
  const taken = draft.statuses.some((status) => status.id !== id && status.name.toLowerCase() === name.toLowerCase());
  return taken ? `There is already a status named ${name}.` : null;
}

// Ids are lowercase slugs (the API's pattern); a removed status's id is not reused,
// since its issues still carry it until the save.
function newId(draft: WorkflowDraft, name: string): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 28) || "status";
  const used = new Set([...draft.statuses.map((status) => status.id), ...Object.keys(draft.moves)]);
  let id = /^[a-z0-9]/.test(base) ? base : `s${base}`.slice(0, 28);
  for (let n = 2; used.has(id); n += 1) id = `${base}_${n}`;
  return id;
}
