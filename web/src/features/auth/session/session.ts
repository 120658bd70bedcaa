// The session's life: sign in, restore on load, refresh before the access token runs
// out, sign out. Refreshes are serialised across tabs with a Web Lock, because a refresh
// token used twice ends the session for everyone.
import { ApiError, setAccessToken } from "../../../api/client";
import { deleteSession, postSession, postSessionRefresh, type SessionToken } from "./sessionRequests";
import { sessionStatus, setSessionStatus } from "./sessionStore";

const LOCK_NAME = "taskdeck-session";
/** Refresh this long before the access token expires. */
const REFRESH_MARGIN_MS = 60_000;
const MIN_REFRESH_DELAY_MS = 5_000;

let otherTabs: BroadcastChannel | null = null;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<boolean> | null = null;
let restoring: Promise<boolean> | null = null;
// A copy for re-sending a request after a refresh; memory only, like the client's.
let accessToken: string | null = null;

/** The `Authorization` header value of the session, if signed in. */
export function bearer(): string | null {
  return accessToken === null ? null : `Bearer ${accessToken}`;
}

function applyToken(token: SessionToken): void {
  accessToken = token.access_token;
  setAccessToken(accessToken);
  setSessionStatus("signed-in");
  clearTimeout(refreshTimer);
  const delay = Math.max(MIN_REFRESH_DELAY_MS, token.expires_in * 1000 - REFRESH_MARGIN_MS);
  refreshTimer = setTimeout(() => void refreshSession(), delay);
}

function forget(): void {
  clearTimeout(refreshTimer);
  accessToken = null;
  setAccessToken(null);
  setSessionStatus("signed-out");
}

/** Sign in with email and password; throws `ApiError` with the API's field errors. */
export async function signIn(email: string, password: string): Promise<void> {
  applyToken(await postSession(email, password));
  otherTabs?.postMessage("signed-in");
}

/** Sign out here and end the session on the server (signed out even if it is unreachable). */
export async function signOut(): Promise<void> {
  try {
    await withSessionLock(deleteSession);
  } finally {
    forget();
    otherTabs?.postMessage("signed-out");
  }
}

/** Follow the other tabs of this browser: signing in or out in one does it in all. */
export function followOtherTabs(): void {
  if (otherTabs !== null || typeof BroadcastChannel === "undefined") {
    return;
  }
  otherTabs = new BroadcastChannel(LOCK_NAME);
  otherTabs.onmessage = (event: MessageEvent) => {
    if (event.data === "signed-out") {
      forget();
    } else if (event.data === "signed-in" && sessionStatus() !== "signed-in") {
      void refreshSession();
    }
  };
}

/**
 * A new access token from the session cookie; false when there is no session any more.
 * Concurrent calls in one tab share one request; other tabs wait for the lock.
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= withSessionLock(postSessionRefresh)
    .then((token) => {
      applyToken(token);
      return true;
    })
    .catch((error: unknown) => {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
        forget();
        return false;
      }
      throw error;
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/** On load: pick up the session of the cookie, if any. Runs once per page load. */
export function restoreSession(): Promise<boolean> {
  restoring ??= refreshSession().catch(() => {
    forget();
    return false;
  });
  return restoring;
}

async function withSessionLock<T>(task: () => Promise<T>): Promise<T> {
  if ("locks" in navigator) {
    return await navigator.locks.request(LOCK_NAME, task);
  }
  return await task();
}
