// The issue pages, for app/router.tsx. `issueRoutes` are children of `/projects/:key`;
// `issueDetailRoutes` sit at the top level. The detail page (Markdown, drag and drop)
// loads on first visit, keeping the first download small.
import type { RouteObject } from "react-router";
import { IssueListPage } from "./list/IssueListPage";

export const issueRoutes: RouteObject[] = [{ path: "issues", element: <IssueListPage /> }];

export const issueDetailRoutes: RouteObject[] = [
  {
    path: "issues/:issueKey",
    lazy: async () => {
      const { IssueDetailPage } = await import("./detail/IssueDetailPage");
      return { Component: IssueDetailPage };
    },
  },
];

export { CreateIssueDialog } from "./create/CreateIssueDialog";
export { openCreateIssue, projectFromPath } from "./create/createIssueStore";
