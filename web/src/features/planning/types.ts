// The API's shapes that planning reads, named once.
import type { InfiniteData } from "@tanstack/react-query";
import type { components } from "../../api/schema";

type Schemas = components["schemas"];
export type Issue = Schemas["IssueOut"];
export type Card = Schemas["CardOut"];
export type Board = Schemas["BoardOut"];
export type Column = Schemas["ColumnOut"];
export type Lane = Schemas["LaneOut"];
export type Sprint = Schemas["SprintOut"];
export type Project = Schemas["ProjectOut"];
export type Member = Schemas["MemberOut"];
export type IssuePage = Schemas["ItemList_IssueOut_"];
export type MoveBody = Schemas["MoveIn"];
export type IssueType = Schemas["IssueType"];
export type IssuePages = InfiniteData<IssuePage>;

/** A ranked list of the backlog page: `backlog` or a sprint's id. */
export type ListId = string;
export const BACKLOG: ListId = "backlog";
