// The cookie session endpoints. The header tells the API the request comes from the web
// app's own script (a cross-site form cannot set it), which is what protects the cookie.
// Plain `fetch`, not `api`: a 401 here means "no session", and must not go through the
// client's refresh-and-retry middleware, which would wait on itself.
import { toApiError } from "../../../api/client";

export interface SessionToken {
  access_token: string;
  token_type: string;
  expires_in: number;
}

const SESSION_URL = "/api/v1/auth/session";
const SESSION_HEADER = { "X-Taskdeck-Session": "1" };

/** Sign in: an access token, and the session cookie set by the answer. */
export function postSession(email: string, password: string): Promise<SessionToken> {
  return send<SessionToken>("POST", SESSION_URL, { email, password });
}

/** A new access token from the session cookie (401 when there is no session). */
export function postSessionRefresh(): Promise<SessionToken> {
  return send<SessionToken>("POST", `${SESSION_URL}/refresh`);
}

/** End the session and clear its cookie. */
export function deleteSession(): Promise<undefined> {
  return send<undefined>("DELETE", SESSION_URL);
}

async function send<T>(method: string, path: string, body?: object): Promise<T> {
  const headers: Record<string, string> = { ...SESSION_HEADER };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
  }
  const response = await fetch(new URL(path, window.location.origin), {
    method,
    headers,
    credentials: "same-origin",
    body: body === undefined ? null : JSON.stringify(body),
  });
  const parsed = parseBody(await response.text());
  if (!response.ok) {
    throw toApiError(response.status, parsed);
  }
  return parsed as T;
}

function parseBody(text: string): unknown {
  try {
    return text === "" ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return text;
  }
}
