import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

const fake = await vi.hoisted(async () => (await import("../../../app/testing/installFakeApi")).installFakeApi());
const { renderRoute } = await import("../../../app/testing/renderRoute");
const { WebhooksSettingsPage } = await import("../pages");

afterEach(() => {
  fake.reset();
});

const project = (role: string) => ({
  id: "p1", key: "WEB", name: "Web", description: "", role, active_sprint: null,
  settings: { acceptance_criteria_gate: true, done_requires_closed_children: false, done_requires_unblocked: false },
  workflow: [], version: 1, created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z",
});

const HOOK = {
  id: "w1", project: "WEB", url: "https://hooks.example.com/td", events: ["issue.created"], enabled: false,
  secret_set: true, created_at: "2026-01-01T00:00:00Z", created_by: "u1", last_status: 500,
  last_error: "HTTP 500 from the receiver", last_delivery_at: "2026-01-02T00:00:00Z",
  consecutive_failures: 8, failed_deliveries: 2, disabled_at: "2026-01-02T00:00:00Z",
};

function renderWebhooks(role = "admin", hooks: unknown[] = []) {
  fake
    .on("GET /api/v1/projects/WEB", { body: project(role) })
    .on("GET /api/v1/projects/WEB/webhooks", { body: { items: hooks, next_cursor: null } });
  renderRoute([{ path: "/projects/:key/settings/webhooks", element: <WebhooksSettingsPage /> }], "/projects/WEB/settings/webhooks");
}

const posts = () => fake.requests.filter((request) => request.method === "POST");

describe("the webhooks settings", () => {
  it("says what is wrong with each field before asking the API", async () => {
    const user = userEvent.setup();
    renderWebhooks();
    const form = await screen.findByRole("form", { name: "Add a webhook" });
    await user.click(within(form).getByRole("button", { name: "Add webhook" }));
    const url = within(form).getByLabelText("Payload URL");
    const secret = within(form).getByLabelText("Secret");
    expect(url).toHaveAttribute("aria-invalid", "true");
    expect(url).toHaveAccessibleDescription("Enter the URL to send events to.");
    expect(secret).toHaveAccessibleDescription(/The secret needs at least 16 characters\.$/);

    await user.type(url, "ftp://example.com");
    await user.type(secret, "short");
    await user.click(within(form).getByRole("button", { name: "Add webhook" }));
    expect(url).toHaveAccessibleDescription("Enter an http or https URL, such as https://example.com/hooks.");
    expect(posts()).toHaveLength(0);
  });

  it("sends the URL, secret and chosen events, and shows the API's refusal by its field", async () => {
    const user = userEvent.setup();
    renderWebhooks();
    const form = await screen.findByRole("form", { name: "Add a webhook" });
    fake.on("POST /api/v1/projects/WEB/webhooks", {
      status: 422,
      body: { title: "Invalid", status: 422, detail: "not valid", errors: [{ field: "url", message: "not an address inside the server's network" }] },
    });
    await user.type(within(form).getByLabelText("Payload URL"), "http://10.0.0.1/hook");
    await user.type(within(form).getByLabelText("Secret"), "0123456789abcdef");
    await user.click(within(form).getByRole("checkbox", { name: "issue.created" }));
    await user.click(within(form).getByRole("checkbox", { name: "comment.added" }));
    await user.click(within(form).getByRole("button", { name: "Add webhook" }));
    expect(await within(form).findByText("not an address inside the server's network")).toBeInTheDocument();
    expect(within(form).getByLabelText("Payload URL")).toHaveAccessibleDescription("not an address inside the server's network");
    expect(await posts()[0]?.clone().json()).toEqual({
      url: "http://10.0.0.1/hook",
      secret: "0123456789abcdef",
      events: ["issue.created", "comment.added"],
    });
  });

  it("lists a disabled webhook with its failures and recent deliveries", async () => {
    const user = userEvent.setup();
    renderWebhooks("owner", [HOOK]);
    fake.on("GET /api/v1/projects/WEB/webhooks/w1/deliveries", {
      body: {
        items: [{
          id: "d1", event: "e1", kind: "issue.created", state: "failed", attempts: 8, last_status: 500,
          last_error: "HTTP 500", created_at: "2026-01-02T00:00:00Z", last_attempt_at: "2026-01-02T00:00:00Z",
          next_attempt_at: null, delivered_at: null,
        }],
        next_cursor: null,
      },
    });
    const hook = await screen.findByRole("listitem");
    expect(hook).toHaveTextContent("Disabled after repeated failures");
    expect(hook).toHaveTextContent("8 failed attempts, 2 failed deliveries");
    expect(hook).toHaveTextContent("HTTP 500 from the receiver");
    await user.click(within(hook).getByRole("button", { name: "Show deliveries" }));
    const row = await within(hook).findByRole("row", { name: /issue\.created failed 8 500/ });
    expect(row).toBeInTheDocument();
  });

  it("shows nothing of the webhooks to a member", async () => {
    renderWebhooks("member");
    expect(await screen.findByText("Only admins and owners see and manage webhooks.")).toBeInTheDocument();
    expect(fake.requests.some((request) => request.url.endsWith("/webhooks"))).toBe(false);
  });
});
