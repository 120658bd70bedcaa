import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { useSessionStatus } from "../session/sessionStore";

/** Pages for signed-in people: anyone else goes to sign in, and comes back after. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const status = useSessionStatus();
  const location = useLocation();
  if (status !== "signed-in") {
    const next = `${location.pathname}${location.search}${location.hash}`;
    const search = next === "/" ? "" : `?next=${encodeURIComponent(next)}`;
    return <Navigate to={`/sign-in${search}`} replace />;
  }
  return children;
}
