// The API's shapes this feature uses, named once.
import type { components } from "../../api/schema";

type Schemas = components["schemas"];
export type Issue = Schemas["IssueOut"];
export type IssueType = Schemas["IssueType"];
export type Priority = Schemas["Priority"];
export type IssueCreate = Schemas["IssueCreate"];
export type IssueUpdate = Schemas["IssueUpdate"];
export type Criterion = Schemas["CriterionOut"];
export type CriterionIn = Schemas["CriterionIn"];
export type Member = Schemas["MemberOut"];
export type Project = Schemas["ProjectOut"];
export type Status = Schemas["StatusOut"];
export type Comment = Schemas["CommentOut"];
export type Attachment = Schemas["AttachmentOut"];
export type Worklog = Schemas["WorklogOut"];
export type WorklogIn = Schemas["WorklogIn"];
export type Link = Schemas["LinkOut"];
export type LinkType = Schemas["LinkType"];
export type HistoryEntry = Schemas["HistoryOut"];
export type User = Schemas["MeOut"];

export const ISSUE_TYPES: readonly IssueType[] = ["epic", "story", "task", "bug", "subtask"];
export const PRIORITIES: readonly Priority[] = ["none", "low", "medium", "high", "urgent"];
export const LINK_TYPES: readonly LinkType[] = [
  "blocks",
  "is_blocked_by",
  "relates_to",
  "duplicates",
  "is_duplicated_by",
];

export function linkTypeLabel(type: LinkType): string {
  return type.replaceAll("_", " ");
}
