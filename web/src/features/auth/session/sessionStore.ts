// Whether someone is signed in in this tab. The access token itself lives only in the
// API client's memory (`setAccessToken`); the refresh token is an httpOnly cookie that no
// script can read.
import { useSyncExternalStore } from "react";

export type SessionStatus = "restoring" | "signed-in" | "signed-out";

let status: SessionStatus = "restoring";
const listeners = new Set<() => void>();

export function sessionStatus(): SessionStatus {
  return status;
}

export function setSessionStatus(next: SessionStatus): void {
  if (next !== status) {
    status = next;
    for (const listener of listeners) {
      listener();
    }
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The session's status, re-rendering when it changes. */
export function useSessionStatus(): SessionStatus {
  return useSyncExternalStore(subscribe, sessionStatus);
}
