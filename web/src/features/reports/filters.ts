// The reports page's filters, kept in the URL's query string, and which of them each
// report is asked with (the API refuses some: cumulative flow takes no assignee or epic,
// the timesheet no "Unassigned").
import { UNASSIGNED } from "../../components/AssigneeFilter";
import type { ReportQuery } from "./api/reportRequests";
import type { Sprint } from "./types";

export const FILTER_NAMES = ["sprint", "from", "to", "assignee", "epic", "group_by"] as const;
export type FilterName = (typeof FILTER_NAMES)[number];
export type ReportFilters = Partial<Record<FilterName, string>>;

/** The filters the URL holds (empty values left out). */
export function readReportFilters(params: URLSearchParams): ReportFilters {
  const filters: ReportFilters = {};
  for (const name of FILTER_NAMES) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  return filters;
}

/** The query string with one filter set, or removed when `value` is empty. */
export function withReportFilter(params: URLSearchParams, name: FilterName, value: string) {
  const next = new URLSearchParams(params);
  if (value) next.set(name, value);
  else next.delete(name);
  return next;
}

/** The query of a report that accepts the filters `accepted`: only those, when set. */
export function reportQueryFor(
  filters: ReportFilters,
  accepted: readonly FilterName[],
  fixed: ReportQuery = {},
): ReportQuery {
  const query: ReportQuery = { ...fixed };
  for (const name of accepted) {
    const value = filters[name];
    if (value !== undefined) query[name] = value;
  }
  return query;
}

/** The filters the timesheet is asked with: it lists the time people logged, so it has
 * no unassigned time, and shows everyone's when the assignee filter is "Unassigned". */
export function timesheetFilters(filters: ReportFilters): readonly FilterName[] {
  return filters.assignee === UNASSIGNED ? ["from", "to"] : ["from", "to", "assignee"];
}

/** Sprints a burndown can be drawn for: started ones, the latest first. */
export function startedSprints(sprints: readonly Sprint[]): Sprint[] {
  return sprints
    .filter((sprint) => sprint.state !== "planned")
    .sort((a, b) => (b.started_at ?? "").localeCompare(a.started_at ?? ""));
}

/** The sprint shown when the URL names none: the active one, else the last completed. */
export function defaultSprint(sprints: readonly Sprint[]): Sprint | undefined {
  const active = sprints.find((s) => s.state === "active" || s.state === "completing");
  if (active) return active;
  return sprints
    .filter((s) => s.state === "completed")
    .reduce<Sprint | undefined>(
      (latest, s) => (latest === undefined || (s.completed_at ?? "") > (latest.completed_at ?? "") ? s : latest),
      undefined,
    );
}

/**
 * The sprint the sprint reports are of: `id` undefined asks the API for its default,
 * the active sprint. `active` is undefined while unknown.
 */
export interface SprintChoice {
  id?: string;
  active: boolean | undefined;
}

/**
 * The URL's sprint; else the active one, asked for without waiting for the project or
 * the sprints (the reports default to it); else, once the project says none is active,
 * the one completed last (null: no sprint has started). Undefined until known.
 * `activeSprint` is undefined while the project loads, `sprints` while the sprints do.
 */
export function chooseSprint(
  wanted: string | undefined,
  activeSprint: string | null | undefined,
  sprints: readonly Sprint[] | undefined,
): SprintChoice | null | undefined {
  if (wanted !== undefined) {
    const listed = sprints?.find((sprint) => sprint.id === wanted);
    const known = listed?.state ?? (activeSprint === undefined ? undefined : activeSprint === wanted && "active");
    return { id: wanted, active: known === undefined ? undefined : known === "active" };
  }
  if (activeSprint !== null) return { active: true };
  if (sprints === undefined) return undefined;
  const last = defaultSprint(sprints);
  return last === undefined ? null : { id: last.id, active: last.state === "active" };
}
