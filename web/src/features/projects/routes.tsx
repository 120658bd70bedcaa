import type { RouteObject } from "react-router";
import { MembersPage } from "./components/MembersPage";
import { ProjectsPage } from "./components/ProjectsPage";

/** The projects list (also the home page). */
export const projectListRoutes: RouteObject[] = [
  { index: true, element: <ProjectsPage /> },
  { path: "projects", element: <ProjectsPage /> },
];

/** The project's own pages, children of its layout: members. */
export const memberRoutes: RouteObject[] = [{ path: "members", element: <MembersPage /> }];

export { ProjectLayout } from "./components/ProjectLayout";
