// The issue list's filters and sort, kept in the URL's search parameters.
import type { IssueType } from "../types";
import { ISSUE_TYPES } from "../types";

export type IssueSort = "key" | "-key" | "rank";

export interface IssueFilters {
  type?: IssueType;
  status?: string;
  assignee?: string;
  label?: string;
  q?: string;
  sort?: IssueSort;
}

const TEXT_FIELDS = ["status", "assignee", "label", "q"] as const;
const SORTS: readonly IssueSort[] = ["key", "-key", "rank"];

/** The filters named by a URL's search parameters; unknown or empty values are left out. */
export function parseFilters(params: URLSearchParams): IssueFilters {
  const filters: IssueFilters = {};
  const type = params.get("type");
  if (type !== null && (ISSUE_TYPES as readonly string[]).includes(type)) {
    filters.type = type as IssueType;
  }
  for (const field of TEXT_FIELDS) {
    const value = params.get(field)?.trim();
    if (value) {
      filters[field] = value;
    }
  }
  const sort = params.get("sort");
  if (sort !== null && (SORTS as readonly string[]).includes(sort)) {
    filters.sort = sort as IssueSort;
  }
  return filters;
}

/** The search parameters for some filters, in a stable order, without empty ones. */
export function serializeFilters(filters: IssueFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of ["type", ...TEXT_FIELDS, "sort"] as const) {
    const value = filters[field]?.trim();
    if (value) {
      params.set(field, value);
    }
  }
  return params;
}

/** The filters with one field changed (an empty value removes it). */
export function withFilter(
  filters: IssueFilters,
  field: keyof IssueFilters,
  value: string,
): IssueFilters {
  const next: Record<string, string | undefined> = { ...filters, [field]: value || undefined };
  return parseFilters(serializeFilters(next));
}

/** `rank` needs a status (or sprint) filter; the API refuses it otherwise. */
export function effectiveSort(filters: IssueFilters): IssueSort | undefined {
  if (filters.sort === "rank" && filters.status === undefined) {
    return undefined;
  }
  return filters.sort;
}
