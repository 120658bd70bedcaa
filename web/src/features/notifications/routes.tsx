// The notification pages, at the top level of the signed-in shell. They load on first
// visit, keeping the first download small.
import type { RouteObject } from "react-router";

const loading = <p role="status">Loading…</p>;

export const notificationRoutes: RouteObject[] = [
  {
    path: "notifications",
    hydrateFallbackElement: loading,
    lazy: async () => ({ Component: (await import("./components/NotificationsPage")).NotificationsPage }),
  },
  {
    path: "settings/notifications",
    hydrateFallbackElement: loading,
    lazy: async () => ({
      Component: (await import("./components/NotificationSettingsPage")).NotificationSettingsPage,
    }),
  },
];

export { NotificationBell } from "./components/NotificationBell";
