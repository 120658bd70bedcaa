import { useQuery } from "@tanstack/react-query";
import { useProjectList, type Project } from "../projects/api/useProjects";
import type { Issue } from "../issues/types";
import { issueSearchQuery } from "./api/issueSearch";
import { matchingCommands, type Command } from "./lib/commands";
import { issueKeyIn } from "./lib/issueKey";
import { rankByText } from "./lib/match";

const PROJECT_RESULTS = 6;

export type PaletteResult =
  | { kind: "issue"; id: string; issue: Issue }
  | { kind: "project"; id: string; project: Project }
  | { kind: "command"; id: string; command: Command };

export interface PaletteGroup {
  name: "Issues" | "Projects" | "Actions";
  results: PaletteResult[];
}

export interface PaletteResults {
  /** The groups with results, in the order shown. */
  groups: PaletteGroup[];
  /** The issues of the text shown are still being searched for. */
  searching: boolean;
  failed: boolean;
}

/**
 * What the palette shows for `text` typed on a page of `project` (or of none): actions,
 * projects and issues; issues first when the text is an issue key.
 */
export function usePaletteResults(text: string, project: string | null): PaletteResults {
  const typed = text.trim();
  const issues = useQuery(issueSearchQuery(project, typed));
  const projects = useProjectList();
  const issueGroup: PaletteGroup = {
    name: "Issues",
    results: typed === "" ? [] : (issues.data ?? []).map((issue) => ({ kind: "issue", id: `issue-${issue.key}`, issue })),
  };
  const projectGroup: PaletteGroup = {
    name: "Projects",
    results: rankByText(projects.data ?? [], typed, (found) => [found.key, found.name])
      .slice(0, PROJECT_RESULTS)
      .map((found) => ({ kind: "project", id: `project-${found.key}`, project: found })),
  };
  const commandGroup: PaletteGroup = {
    name: "Actions",
    results: matchingCommands(project, typed).map((command) => ({ kind: "command", id: command.id, command })),
  };
  const byKey = issueKeyIn(typed, project) !== null;
  const groups = byKey ? [issueGroup, commandGroup, projectGroup] : [commandGroup, projectGroup, issueGroup];
  return {
    groups: groups.filter((group) => group.results.length > 0),
    searching: typed !== "" && issues.isPending,
    failed: issues.isError,
  };
}
