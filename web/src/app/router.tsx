// Every page of the app, by path. Each feature exports its route objects from
// `features/<feature>/routes.tsx`; this file only puts them together.
import { createBrowserRouter, Navigate } from "react-router";
import { authRoutes } from "../features/auth/routes";
import { issueDetailRoutes, issueRoutes } from "../features/issues/routes";
import { notificationRoutes } from "../features/notifications/routes";
import { planningRoutes } from "../features/planning/routes";
import { memberRoutes, ProjectLayout, projectListRoutes } from "../features/projects/routes";
import { reportRoutes } from "../features/reports/routes";
import { personalSettingsRoutes, projectSettingsRoutes } from "../features/settings/routes";
import { App } from "./App";
import { NotFound } from "./NotFound";
import { SignedInShell } from "./Shell";

export const router = createBrowserRouter([
  {
    element: <App />,
    children: [
      ...authRoutes,
      {
        element: <SignedInShell />,
        children: [
          ...projectListRoutes,
          {
            path: "projects/:key",
            element: <ProjectLayout />,
            children: [
              { index: true, element: <Navigate to="issues" replace /> },
              ...memberRoutes,
              ...issueRoutes,
              ...planningRoutes,
              ...reportRoutes,
              ...projectSettingsRoutes,
            ],
          },
          ...issueDetailRoutes,
          ...personalSettingsRoutes,
          ...notificationRoutes,
          { path: "*", element: <NotFound /> },
        ],
      },
    ],
  },
]);
