// Ids to words: status ids to their names, user ids to members' names.
import { useMemo } from "react";
import { memberName } from "../../projects/api/useMembers";
import type { Member, Project } from "../types";

export interface Names {
  status: (id: string) => string;
  user: (id: string | null) => string;
}

export function useNames(project: Project | undefined, members: Member[] | undefined): Names {
  return useMemo(() => {
    const statuses = new Map(project?.workflow.map((s) => [s.id, s.name]) ?? []);
    const users = new Map(
      members?.map((m) => [m.user_id, memberName(m)]) ?? [],
    );
    return {
      status: (id) => statuses.get(id) ?? id,
      user: (id) => (id === null ? "Unassigned" : (users.get(id) ?? "Former member")),
    };
  }, [project, members]);
}

/** The choices of an assignee picker: "Unassigned", then each member by name. */
export function assigneeOptions(members: readonly Member[]): [string, string][] {
  return [["", "Unassigned"], ...members.map((m): [string, string] => [m.user_id, memberName(m)])];
}
