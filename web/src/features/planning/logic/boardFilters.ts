// The board's filters and swimlanes, read from and written to the URL's query string.
import { ISSUE_TYPES } from "../../issues/types";
import type { IssueType } from "../types";

export type GroupBy = "assignee" | "epic" | "priority";

export interface BoardFilters {
  assignee?: string;
  type?: IssueType;
  label?: string;
  group_by?: GroupBy;
}

const GROUPS: readonly string[] = ["assignee", "epic", "priority"];

export function readBoardFilters(params: URLSearchParams): BoardFilters {
  const filters: BoardFilters = {};
  const assignee = params.get("assignee");
  const type = params.get("type");
  const label = params.get("label");
  const groupBy = params.get("group_by");
  if (assignee) filters.assignee = assignee;
  if (type && (ISSUE_TYPES as readonly string[]).includes(type)) filters.type = type as IssueType;
  if (label) filters.label = label;
  if (groupBy && GROUPS.includes(groupBy)) filters.group_by = groupBy as GroupBy;
  return filters;
}

/** The query string with one filter changed (an empty value removes it). */
export function withFilter(params: URLSearchParams, name: keyof BoardFilters, value: string) {
  const next = new URLSearchParams(params);
  if (value === "") next.delete(name);
  else next.set(name, value);
  return next;
}
