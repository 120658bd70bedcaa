// The reports page, a child of the project layout route `/projects/:key`. Its code (and
// the charting library's) loads on first visit only, so no other page pays for it.
import type { RouteObject } from "react-router";

const loading = <p role="status">Loading…</p>;

export const reportRoutes: RouteObject[] = [
  {
    path: "reports",
    hydrateFallbackElement: loading,
    lazy: async () => ({ Component: (await import("./ReportsPage")).ReportsPage }),
  },
];
