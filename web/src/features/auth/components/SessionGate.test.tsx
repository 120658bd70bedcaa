import { screen } from "@testing-library/react";
import { Outlet } from "react-router";
import { describe, expect, it, vi } from "vitest";

const fake = await vi.hoisted(async () => (await import("../../../app/testing/installFakeApi")).installFakeApi());
const { renderRoute } = await import("../../../app/testing/renderRoute");
const { useMe } = await import("../api/useMe");
const { RequireAuth } = await import("./RequireAuth");
const { SessionGate } = await import("./SessionGate");

function Greeting() {
  const me = useMe();
  return <p>{me.data === undefined ? "…" : `Hello ${me.data.name}`}</p>;
}

const routes = [
  {
    element: (
      <SessionGate>
        <Outlet />
      </SessionGate>
    ),
    children: [
      { path: "/sign-in", element: <p>Sign-in page</p> },
      { path: "/", element: <RequireAuth><Greeting /></RequireAuth> },
    ],
  },
];

describe("the session on a reload", () => {
  it("is restored from the cookie without showing the sign-in page, and a 401 is retried once after a refresh", async () => {
    let refreshes = 0;
    fake
      .on("POST /api/v1/auth/session/refresh", (request) => {
        refreshes += 1;
        expect(request.headers.get("X-Taskdeck-Session")).toBe("1");
        return { body: { access_token: `token-${refreshes}`, token_type: "bearer", expires_in: 900 } };
      })
      .on("GET /api/v1/me", (request) =>
        request.headers.get("Authorization") === "Bearer token-1"
          ? { status: 401, body: { title: "Unauthorized", status: 401, detail: "the token has expired" } }
          : { body: { id: "u1", name: "Ada", email: "ada@example.com", active: true, created_at: "" } },
      );

    renderRoute(routes, "/");
    expect(screen.getByRole("status")).toHaveTextContent("Opening your workspace");
    expect(await screen.findByText("Hello Ada")).toBeInTheDocument();
    expect(screen.queryByText("Sign-in page")).not.toBeInTheDocument();
    expect(refreshes).toBe(2);
    const asked = fake.requests.map((request) => `${request.method} ${new URL(request.url).pathname}`);
    expect(asked).toEqual([
      "POST /api/v1/auth/session/refresh",
      "GET /api/v1/me",
      "POST /api/v1/auth/session/refresh",
      "GET /api/v1/me",
    ]);
  });
});
