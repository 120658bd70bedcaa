import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

const fake = await vi.hoisted(async () => (await import("../../../app/testing/installFakeApi")).installFakeApi());
const { renderRoute } = await import("../../../app/testing/renderRoute");
const { TokensPage } = await import("./TokensPage");

afterEach(() => {
  fake.reset();
});

const SECRET = "td_pat_0123456789abcdef";

function renderTokens() {
  let tokens: { id: string; name: string; created_at: string }[] = [];
  fake
    .on("GET /api/v1/me/tokens", () => ({ body: { items: tokens, next_cursor: null } }))
    .on("POST /api/v1/me/tokens", async (request) => {
      const { name } = (await request.json()) as { name: string };
      const token = { id: "t1", name, created_at: "2026-01-01T00:00:00Z" };
      tokens = [token];
      return { status: 201, body: { ...token, token: SECRET } };
    })
    .on("DELETE /api/v1/me/tokens/t1", () => {
      tokens = [];
      return { status: 204 };
    });
  return renderRoute([{ path: "/settings/tokens", element: <TokensPage /> }, { path: "/", element: <p>Home</p> }], "/settings/tokens");
}

describe("the API tokens page", () => {
  it("shows a new token's secret once, copies it, and never again", async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, "writeText");
    const { router } = renderTokens();
    await screen.findByText("You have no API tokens.");

    await user.click(screen.getByRole("button", { name: "Create token" }));
    expect(screen.getByLabelText("Token name")).toHaveAccessibleDescription("Name the token after what will use it.");
    expect(fake.requests.some((request) => request.method === "POST")).toBe(false);

    await user.type(screen.getByLabelText("Token name"), "CI deploys");
    await user.click(screen.getByRole("button", { name: "Create token" }));
    expect(await screen.findByLabelText("Secret of CI deploys")).toHaveValue(SECRET);
    expect(await screen.findByRole("cell", { name: "CI deploys" })).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Copy" }));
    expect(writeText).toHaveBeenCalledWith(SECRET);
    expect(await screen.findByText("Copied.")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Done" }));
    expect(screen.queryByDisplayValue(SECRET)).not.toBeInTheDocument();
    expect(screen.getByRole("cell", { name: "CI deploys" })).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(SECRET);

    // Coming back to the page does not bring the secret back either.
    await router.navigate("/");
    await router.navigate("/settings/tokens");
    expect(await screen.findByRole("cell", { name: "CI deploys" })).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(SECRET);
  });

  it("revokes a token", async () => {
    const user = userEvent.setup();
    renderTokens();
    await screen.findByText("You have no API tokens.");
    await user.type(screen.getByLabelText("Token name"), "Old script");
    await user.click(screen.getByRole("button", { name: "Create token" }));
    await user.click(await screen.findByRole("button", { name: "Revoke Old script" }));
    expect(await screen.findByText("You have no API tokens.")).toBeInTheDocument();
    expect(screen.queryByLabelText("Secret of Old script")).not.toBeInTheDocument();
  });
});
