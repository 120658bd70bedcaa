// A query client and a mocked move endpoint for the hook tests.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { vi } from "vitest";
import { api } from "../../../api/client";

export function withClient(client: QueryClient) {
  return function Wrapper({ children }: { children: ReactNode }) {
    return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  };
}

/** Answer the next POSTs with these (status, body) pairs, in order. */
export function mockPosts(...answers: [number, unknown][]) {
  const spy = vi.spyOn(api, "POST");
  for (const [status, body] of answers) {
    const ok = status < 300;
    spy.mockImplementationOnce(() =>
      Promise.resolve({
        data: ok ? body : undefined,
        error: ok ? undefined : body,
        response: new Response(null, { status }),
      }));
  }
  return spy;
}
