// A fake API for component tests: the real typed client, answered by a middleware.
import type { Middleware } from "openapi-fetch";
import { api } from "../../../api/client";

export interface Call {
  method: string;
  path: string;
  search: URLSearchParams;
  headers: Headers;
  body: unknown;
}

type Handler = (call: Call) => { status?: number; body?: unknown } | undefined;

/** Answer the client's requests with `handler`; returns the calls made and a way to stop. */
export function fakeApi(handler: Handler) {
  const calls: Call[] = [];
  const middleware: Middleware = {
    async onRequest({ request }) {
      const url = new URL(request.url);
      const text = request.body === null ? "" : await request.text();
      const call: Call = {
        method: request.method,
        path: url.pathname,
        search: url.searchParams,
        headers: request.headers,
        body: text === "" ? undefined : (JSON.parse(text) as unknown),
      };
      calls.push(call);
      const answer = handler(call) ?? { status: 404, body: { title: "Not found", status: 404, detail: "" } };
      const status = answer.status ?? 200;
      return new Response(status === 204 ? null : JSON.stringify(answer.body ?? {}), {
        status,
        headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json" },
      });
    },
  };
  api.use(middleware);
  return {
    calls,
    stop: () => {
      api.eject(middleware);
    },
  };
}
