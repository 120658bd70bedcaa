import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

const fake = await vi.hoisted(async () => (await import("../../app/testing/installFakeApi")).installFakeApi());
const { renderRoute } = await import("../../app/testing/renderRoute");
const { NotificationBell } = await import("./routes");

afterEach(() => {
  fake.reset();
});

const me = (unread: number) => ({
  id: "u1", name: "Ada", email: "ada@example.com", active: true, created_at: "", unread_notifications: unread,
});

const notification = (id: string, issue: string, read: boolean) => ({
  id, issue, read, kind: "mentioned", project: "WEB", actor: "u2", summary: "Grace mentioned you",
  created_at: "2026-11-01T10:00:00Z",
});

describe("NotificationBell", () => {
  it("shows how many notifications are unread", async () => {
    fake.on("GET /api/v1/me", { body: me(3) });
    renderRoute([{ path: "/", element: <NotificationBell /> }], "/");
    expect(await screen.findByRole("button", { name: "Notifications, 3 unread" })).toBeInTheDocument();
    expect(screen.getByTestId("unread-count")).toHaveTextContent("3");
  });

  it("lists recent notifications with links to their issues, and marks one read", async () => {
    let unread = 2;
    const read: unknown[] = [];
    fake
      .on("GET /api/v1/me", () => ({ body: me(unread) }))
      .on("GET /api/v1/me/notifications", () => ({
        body: { items: [notification("n1", "WEB-1", unread < 2), notification("n2", "WEB-2", false)], next_cursor: null },
      }))
      .on("POST /api/v1/me/notifications/read", async (request) => {
        read.push(await request.json());
        unread -= 1;
        return { status: 204 };
      });
    renderRoute([{ path: "/", element: <NotificationBell /> }], "/");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Notifications, 2 unread" }));

    const panel = await screen.findByRole("region", { name: "Notifications" });
    expect(await screen.findByRole("link", { name: /WEB-1 Grace mentioned you/ })).toHaveAttribute("href", "/issues/WEB-1");
    await user.click(screen.getByRole("button", { name: "Mark WEB-1 Grace mentioned you read" }));

    expect(read).toEqual([{ ids: ["n1"] }]);
    expect(await screen.findByRole("button", { name: "Notifications, 1 unread" })).toBeInTheDocument();
    await waitFor(() => {
      expect(screen.queryByRole("button", { name: "Mark WEB-1 Grace mentioned you read" })).not.toBeInTheDocument();
    });
    expect(panel).toContainElement(screen.getByRole("button", { name: "Mark WEB-2 Grace mentioned you read" }));
  });

  it("marks every notification read", async () => {
    const read: unknown[] = [];
    fake
      .on("GET /api/v1/me", () => ({ body: me(read.length === 0 ? 1 : 0) }))
      .on("GET /api/v1/me/notifications", { body: { items: [notification("n1", "WEB-1", false)], next_cursor: null } })
      .on("POST /api/v1/me/notifications/read", async (request) => {
        read.push(await request.json());
        return { status: 204 };
      });
    renderRoute([{ path: "/", element: <NotificationBell /> }], "/");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Notifications, 1 unread" }));
    await user.click(await screen.findByRole("button", { name: "Mark all read" }));
    expect(read).toEqual([{ all: true }]);
    expect(await screen.findByRole("button", { name: "Notifications, 0 unread" })).toBeInTheDocument();
  });
});
