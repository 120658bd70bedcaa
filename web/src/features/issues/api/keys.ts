// Query keys of this feature, so every hook and invalidation agrees on them.
import type { IssueFilters } from "../lib/filters";

export const issueKeys = {
  all: ["issues"] as const,
  list: (project: string, filters: IssueFilters) => ["issues", "list", project, filters] as const,
  lists: (project: string) => ["issues", "list", project] as const,
  children: (key: string) => ["issues", "children", key] as const,
  detail: (key: string) => ["issue", key] as const,
  part: (key: string, part: string) => ["issue", key, part] as const,
};
