import type { Middleware } from "openapi-fetch";
import { bearer, refreshSession } from "./session";

// Bodies kept so that a request answered 401 can be sent once more after a refresh.
const retryable = new Map<string, Request>();

/**
 * When the access token has run out (a tab asleep past its refresh, say), refresh the
 * session once and send the request again; a second 401 is the answer.
 */
export const retryOnUnauthorized: Middleware = {
  onRequest({ request, id }) {
    if (!isMultipart(request)) {
      retryable.set(id, request.clone());
    }
    return undefined;
  },
  async onResponse({ response, id, options }) {
    const original = retryable.get(id);
    retryable.delete(id);
    if (response.status !== 401 || original === undefined) {
      return undefined;
    }
    if (!(await refreshSession())) {
      return undefined;
    }
    const retry = new Request(original);
    const authorization = bearer();
    if (authorization !== null) {
      retry.headers.set("Authorization", authorization);
    }
    return options.fetch(retry);
  },
  onError({ id }) {
    retryable.delete(id);
    return undefined;
  },
};

// A multipart body may be a large file: not worth keeping a second copy of.
function isMultipart(request: Request): boolean {
  return request.headers.get("Content-Type")?.startsWith("multipart/") ?? false;
}
