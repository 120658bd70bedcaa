// What the create form holds (strings, as typed) and the body it sends.
import type { IssueCreate, IssueType, Priority } from "../types";

export interface IssueDraft {
  type: IssueType;
  title: string;
  description: string;
  priority: Priority;
  assignee: string;
  points: string;
  parent: string;
  criteria: string[];
}

export const EMPTY_DRAFT: IssueDraft = {
  type: "task",
  title: "",
  description: "",
  priority: "none",
  assignee: "",
  points: "",
  parent: "",
  criteria: [],
};

/** The POST body: empty optional fields left out, criteria only for stories. */
export function toCreateBody(draft: IssueDraft): IssueCreate {
  const body: IssueCreate = { type: draft.type, title: draft.title.trim(), priority: draft.priority };
  if (draft.description.trim() !== "") {
    body.description = draft.description;
  }
  if (draft.assignee !== "") {
    body.assignee = draft.assignee;
  }
  if (draft.points.trim() !== "") {
    body.points = Number(draft.points);
  }
  if (draft.parent.trim() !== "") {
    body.parent = draft.parent.trim().toUpperCase();
  }
  const criteria = draft.criteria.filter((text) => text.trim() !== "");
  if (draft.type === "story" && criteria.length > 0) {
    body.acceptance_criteria = criteria.map((text) => ({ text: text.trim(), done: false }));
  }
  return body;
}
