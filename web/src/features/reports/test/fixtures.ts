// Report answers as the API gives them, for the mapping and page tests.
import type {
  AgingWip,
  BacklogForecast,
  Burndown,
  CumulativeFlow,
  CycleTime,
  Sprint,
  SprintForecast,
  Status,
  Team,
  Timesheet,
  TimeTracking,
  Velocity,
} from "../types";

export const workflow: Status[] = [
  { id: "todo", name: "To Do", category: "todo", wip_limit: null, wip_mode: "soft" },
  { id: "in_progress", name: "In Progress", category: "in_progress", wip_limit: 5, wip_mode: "soft" },
  { id: "review", name: "In Review", category: "in_progress", wip_limit: null, wip_mode: "soft" },
  { id: "done", name: "Done", category: "done", wip_limit: null, wip_mode: "soft" },
];

export const velocity: Velocity = {
  project: "WEB",
  sprints: [
    { id: "S1", name: "WEB Sprint 1", committed_points: 20, committed_issues: 8, completed_points: 18, completed_issues: 7 },
    { id: "S2", name: "WEB Sprint 2", committed_points: 24, committed_issues: 9, completed_points: 24, completed_issues: 9 },
  ],
  average_points: 21,
  standard_deviation_points: 3,
};

const sprintOut = {
  id: "S3",
  name: "WEB Sprint 3",
  state: "active" as const,
  start_date: "2026-03-02",
  end_date: "2026-03-04",
  committed_points: 10,
  committed_issues: 4,
  text: "WEB Sprint 3",
};

export const burndown: Burndown = {
  project: "WEB",
  sprint: sprintOut,
  days: [
    { date: "2026-03-02", remaining_points: 10, remaining_issues: 4, completed_points: 0, completed_issues: 0, added_points: 0, added_issues: 0, removed_points: 0, removed_issues: 0, ideal_points: 10 },
    { date: "2026-03-03", remaining_points: 8, remaining_issues: 3, completed_points: 3, completed_issues: 1, added_points: 1, added_issues: 1, removed_points: 0, removed_issues: 0, ideal_points: 5 },
    { date: "2026-03-04", remaining_points: 2, remaining_issues: 1, completed_points: 9, completed_issues: 4, added_points: 0, added_issues: 0, removed_points: 0, removed_issues: 0, ideal_points: 0 },
  ],
};

export const flow: CumulativeFlow = {
  project: "WEB",
  from: "2026-03-01",
  to: "2026-03-02",
  statuses: [
    { id: "todo", name: "To Do", category: "todo" },
    { id: "in_progress", name: "In Progress", category: "in_progress" },
    { id: "done", name: "Done", category: "done" },
    { id: "blocked", name: "blocked", category: null },
  ],
  days: [
    { date: "2026-03-01", counts: { todo: 5, in_progress: 2, done: 1, blocked: 1 } },
    { date: "2026-03-02", counts: { todo: 4, in_progress: 2, done: 3, blocked: 0 } },
  ],
};

export const cycleTime: CycleTime = {
  project: "WEB",
  from: "2026-03-01",
  to: "2026-03-02",
  issues: [
    { key: "WEB-4", type: "task", assignee: "u1", points: 3, created_at: "2026-02-25T09:00:00Z", started_at: "2026-02-28T12:00:00Z", resolved_at: "2026-03-01T12:00:00Z", lead_time_days: 4.13, cycle_time_days: 1 },
    { key: "WEB-7", type: "bug", assignee: null, points: null, created_at: "2026-02-27T00:00:00Z", started_at: null, resolved_at: "2026-03-02T06:00:00Z", lead_time_days: 3.25, cycle_time_days: null },
  ],
  cycle_time_days: { p50: 1, p85: 1, p95: 1 },
  lead_time_days: { p50: 3.25, p85: 4.13, p95: 4.13 },
};

export const aging: AgingWip = {
  project: "WEB",
  now: "2026-03-05T12:00:00Z",
  issues: [
    { key: "WEB-9", title: "Export to PDF", type: "story", status: "review", assignee: "u1", points: 5, status_since: "2026-03-03T12:00:00Z", started_at: "2026-02-28T12:00:00Z", days_in_status: 2, age_days: 5 },
    { key: "WEB-11", title: "Fix login", type: "bug", status: "in_progress", assignee: null, points: 1, status_since: "2026-03-04T00:00:00Z", started_at: "2026-03-04T00:00:00Z", days_in_status: 1.5, age_days: 1.5 },
    { key: "WEB-12", title: "Dark mode", type: "task", status: "in_progress", assignee: "u2", points: 2, status_since: "2026-03-05T00:00:00Z", started_at: "2026-03-05T00:00:00Z", days_in_status: 0.5, age_days: 0.5 },
  ],
  reference: { from: "2026-02-04", to: "2026-03-05", cycle_time_days: { p50: 2, p85: 4, p95: null } },
};

export const timeTracking: TimeTracking = {
  project: "WEB",
  group_by: "assignee",
  rows: [
    { key: "u1", name: "Ann", issues: 2, estimate_minutes: 480, logged_minutes: 540, remaining_minutes: 30, over_minutes: 60, ratio: 1.13 },
    { key: "none", name: null, issues: 1, estimate_minutes: 0, logged_minutes: 90, remaining_minutes: 0, over_minutes: 90, ratio: null },
  ],
  total: { key: "total", name: null, issues: 3, estimate_minutes: 480, logged_minutes: 630, remaining_minutes: 30, over_minutes: 150, ratio: 1.31 },
};

export const timesheet: Timesheet = {
  project: "WEB",
  from: "2026-03-01",
  to: "2026-03-03",
  total_minutes: 300,
  users: [
    { user_id: "u1", name: "Ann", total_minutes: 210, days: [{ date: "2026-03-01", minutes: 90 }, { date: "2026-03-03", minutes: 120 }] },
    { user_id: "u9", name: null, total_minutes: 90, days: [{ date: "2026-03-02", minutes: 90 }] },
  ],
};

export const team: Team = {
  project: "WEB",
  from: "2026-02-04",
  to: "2026-03-05",
  members: [
    { user_id: "u1", name: "Ann", role: "owner", former_member: false, issues_resolved: 4, points_completed: 11, minutes_logged: 630, median_cycle_time_days: 1.5, comments_written: 3, issues_in_progress: 1 },
    { user_id: "u9", name: "Bob", role: null, former_member: true, issues_resolved: 1, points_completed: 2, minutes_logged: 0, median_cycle_time_days: null, comments_written: 0, issues_in_progress: 0 },
  ],
};

export const forecast: SprintForecast = {
  project: "WEB",
  sprint: sprintOut,
  today: "2026-03-03",
  days_left: 2,
  remaining_issues: 3,
  remaining_points: 8,
  samples: 10000,
  seed: 1,
  issues: { probability: 0.4213, p50: 3, p85: 4, p95: 5 },
  points: { probability: 0.25, p50: 4, p85: 5, p95: 6 },
  throughput: { first_day: "2025-12-03", last_day: "2026-03-02", days: 90, resolved_issues: 45, resolved_points: 120, mean_issues_per_day: 0.5, mean_points_per_day: 1.33, days_without_resolution: 50 },
  distribution: [
    { days: 1, date: "2026-03-03", issues_probability: 0.1, points_probability: 0.05 },
    { days: 2, date: "2026-03-04", issues_probability: 0.4213, points_probability: 0.25 },
  ],
};

export const backlogForecast: BacklogForecast = {
  project: "WEB",
  top: 20,
  issues: 12,
  points: 40,
  samples: 10000,
  seed: 1,
  sprints: [{ id: "S1", name: "WEB Sprint 1", completed_issues: 7, completed_points: 18 }],
  issue_sprints: { p50: 2, p85: 2, p95: 3 },
  point_sprints: { p50: 2, p85: 3, p95: 3 },
  distribution: [
    { sprints: 1, issues_probability: 0, points_probability: 0 },
    { sprints: 2, issues_probability: 0.9, points_probability: 0.6 },
    { sprints: 3, issues_probability: 1, points_probability: 1 },
  ],
};

function sprint(id: string, state: Sprint["state"], started: string | null, completed: string | null): Sprint {
  return {
    id,
    project: "WEB",
    name: `WEB ${id}`,
    goal: "",
    state,
    start_date: started?.slice(0, 10) ?? null,
    end_date: null,
    started_at: started,
    completed_at: completed,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    version: 1,
    committed: null,
    completed: null,
    carried_over: null,
  };
}

export const sprints: Sprint[] = [
  sprint("S1", "completed", "2026-02-01T09:00:00Z", "2026-02-14T17:00:00Z"),
  sprint("S2", "completed", "2026-02-15T09:00:00Z", "2026-02-28T17:00:00Z"),
  sprint("S3", "active", "2026-03-02T09:00:00Z", null),
  sprint("S4", "planned", null, null),
];
