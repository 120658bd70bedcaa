// Render a component with a fresh query client and a router at `path`.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { createMemoryRouter, RouterProvider, type InitialEntry } from "react-router";

export function renderAt(path: InitialEntry, route: string, element: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const router = createMemoryRouter(
    [{ path: route, element }, { path: "*", element: <p>elsewhere</p> }],
    { initialEntries: [path] },
  );
  return { client, router, ...render(<QueryClientProvider client={client}><RouterProvider router={router} /></QueryClientProvider>) };
}
