import { useQueryClient } from "@tanstack/react-query";
import { useEffect, type ReactNode } from "react";
import { startSession } from "../session/startSession";
import { useSessionStatus } from "../session/sessionStore";

/**
 * Holds the app back, calmly, while the session of the cookie is restored, so that a
 * signed-in person never sees the sign-in page flash by on reload; clears the cache
 * when the session ends.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const status = useSessionStatus();
  const queryClient = useQueryClient();
  useEffect(() => {
    startSession();
  }, []);
  // However the session ended (sign out, expiry, another tab), nothing of it stays.
  useEffect(() => {
    if (status === "signed-out") {
      queryClient.clear();
    }
  }, [status, queryClient]);
  if (status === "restoring") {
    return (
      <div className="restoring" role="status" aria-live="polite">
        <span className="brand">Taskdeck</span>
        <span className="muted">Opening your workspace…</span>
      </div>
    );
  }
  return children;
}
