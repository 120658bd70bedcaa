// Test data shaped like the API's answers.
import type { Issue, Member, Project } from "../types";

export function makeIssue(patch: Partial<Issue> = {}): Issue {
  return {
    key: "WEB-1", id: "i1", project: "WEB", number: 1, type: "story", title: "First story",
    description: "", status: "todo", priority: "none", assignee: null, reporter: "u1", labels: [],
    points: null, estimate_minutes: null, remaining_minutes: null, spent_minutes: 0, due_date: null,
    sprint: null, parent: null, rank: "a0", watchers: ["u1"], version: 1,
    created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z", resolved_at: null,
    acceptance_criteria: [
      { id: "c1", text: "Alpha", done: false },
      { id: "c2", text: "Beta", done: false },
      { id: "c3", text: "Gamma", done: true },
    ],
    ...patch,
  };
}

export const members: Member[] = [
  { user_id: "u1", email: "ann@example.com", name: "Ann Lee", role: "owner", joined_at: "2026-01-01T00:00:00Z" },
  { user_id: "u2", email: "bob.smith@example.com", name: "Bob Smith", role: "member", joined_at: "2026-01-01T00:00:00Z" },
  { user_id: "u3", email: "annika@example.com", name: "Annika Berg", role: "member", joined_at: "2026-01-01T00:00:00Z" },
];

export const project: Project = {
  id: "p1", key: "WEB", name: "Web", description: "", created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z", version: 1, active_sprint: null, role: "owner",
  settings: { acceptance_criteria_gate: true, done_requires_closed_children: false, done_requires_unblocked: false },
  workflow: [
    { id: "todo", name: "To Do", category: "todo", wip_limit: null, wip_mode: "hard" },
    { id: "done", name: "Done", category: "done", wip_limit: null, wip_mode: "hard" },
  ],
};
