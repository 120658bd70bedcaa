// The settings pages, for app/router.tsx: `projectSettingsRoutes` are children of
// `/projects/:key`, `personalSettingsRoutes` sit at the top level of the signed-in shell.
// They load on first visit, keeping the first download small.
import { Navigate, type RouteObject } from "react-router";
import { MembersPage } from "../projects/components/MembersPage";

const loading = <p role="status">Loading…</p>;

export const projectSettingsRoutes: RouteObject[] = [
  {
    path: "settings",
    hydrateFallbackElement: loading,
    lazy: async () => ({ Component: (await import("./components/SettingsLayout")).SettingsLayout }),
    children: [
      { index: true, element: <Navigate to="details" replace /> },
      { path: "details", lazy: async () => ({ Component: (await import("./pages")).DetailsPage }) },
      { path: "workflow", lazy: async () => ({ Component: (await import("./pages")).WorkflowPage }) },
      { path: "members", element: <MembersPage /> },
      { path: "webhooks", lazy: async () => ({ Component: (await import("./pages")).WebhooksSettingsPage }) },
    ],
  },
];

export const personalSettingsRoutes: RouteObject[] = [
  {
    path: "settings/tokens",
    hydrateFallbackElement: loading,
    lazy: async () => ({ Component: (await import("./tokens/TokensPage")).TokensPage }),
  },
];
