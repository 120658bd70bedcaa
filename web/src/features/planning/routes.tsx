// The planning pages, children of the project layout route `/projects/:key`. Each page
// loads its code on first visit, so the initial bundle stays small.
import type { RouteObject } from "react-router";

const loading = <p role="status">Loading…</p>;

export const planningRoutes: RouteObject[] = [
  {
    path: "backlog",
    hydrateFallbackElement: loading,
    lazy: async () => ({ Component: (await import("./backlog/BacklogPage")).BacklogPage }),
  },
  {
    path: "board",
    hydrateFallbackElement: loading,
    lazy: async () => ({ Component: (await import("./board/BoardPage")).BoardPage }),
  },
];
