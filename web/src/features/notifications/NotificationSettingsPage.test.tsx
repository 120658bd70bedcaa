import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

const fake = await vi.hoisted(async () => (await import("../../app/testing/installFakeApi")).installFakeApi());
const { renderRoute } = await import("../../app/testing/renderRoute");
const { NotificationSettingsPage } = await import("./components/NotificationSettingsPage");

afterEach(() => {
  fake.reset();
});

const on = (email: boolean) => ({ in_app: true, email });
const defaults = {
  assigned: on(true), mentioned: on(true), comment: on(true), status_change: on(false),
  updated: on(false), attachment: on(false), due_soon: on(true), overdue: on(true),
};

describe("NotificationSettingsPage", () => {
  it("saves the channels chosen for each kind", async () => {
    const saved: unknown[] = [];
    fake
      .on("GET /api/v1/me/notification-settings", { body: defaults })
      .on("PUT /api/v1/me/notification-settings", async (request) => {
        const body: unknown = await request.json();
        saved.push(body);
        return { body };
      });
    renderRoute([{ path: "/", element: <NotificationSettingsPage /> }], "/");
    const user = userEvent.setup();
    const commentsByEmail = await screen.findByRole("checkbox", { name: "New comment: Email" });
    expect(commentsByEmail).toBeChecked();
    expect(screen.getByRole("checkbox", { name: "Status changed: Email" })).not.toBeChecked();

    await user.click(commentsByEmail);
    await user.click(screen.getByRole("checkbox", { name: "Status changed: Email" }));
    await user.click(screen.getByRole("checkbox", { name: "Updated: In app" }));
    await user.click(screen.getByRole("button", { name: "Save" }));

    expect(await screen.findByText("Saved.")).toBeInTheDocument();
    expect(saved).toEqual([{
      ...defaults, comment: on(false), status_change: on(true), updated: { in_app: false, email: false },
    }]);
    expect(screen.getByRole("checkbox", { name: "New comment: Email" })).not.toBeChecked();
  });
});
