import { screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

const fake = await vi.hoisted(async () => (await import("../../../app/testing/installFakeApi")).installFakeApi());
const { renderRoute } = await import("../../../app/testing/renderRoute");
const { MembersPage } = await import("./MembersPage");

afterEach(() => {
  fake.reset();
});

const project = (role: string) => ({
  id: "p1",
  key: "WEB",
  name: "Web",
  description: "",
  role,
  active_sprint: null,
  settings: {},
  workflow: [],
  version: 1,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
});

const member = (id: string, name: string, role: string) => ({
  user_id: id,
  name,
  email: `${name.toLowerCase()}@example.com`,
  role,
  joined_at: "2026-01-01T00:00:00Z",
});

function renderMembers(myRole: string) {
  fake
    .on("GET /api/v1/projects/WEB", { body: project(myRole) })
    .on("GET /api/v1/me", { body: { id: "u2", name: "Grace", email: "grace@example.com", active: true, created_at: "" } })
    .on("GET /api/v1/projects/WEB/members", {
      body: { items: [member("u1", "Ada", "owner"), member("u2", "Grace", myRole), member("u3", "Linus", "viewer")], next_cursor: null },
    });
  renderRoute([{ path: "/projects/:key/members", element: <MembersPage /> }], "/projects/WEB/members");
}

describe("the members page", () => {
  it("shows the list but no controls to someone who is not an admin", async () => {
    renderMembers("member");
    expect(await screen.findByRole("cell", { name: "Linus" })).toBeInTheDocument();
    expect(screen.getByRole("cell", { name: "ada@example.com" })).toBeInTheDocument();
    await screen.findByRole("cell", { name: "Grace (you)" });
    expect(screen.queryByRole("form", { name: "Invite a member" })).not.toBeInTheDocument();
    expect(screen.queryByRole("combobox")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Remove/ })).not.toBeInTheDocument();
  });

  it("gives an admin the invite form and each member's role and remove controls", async () => {
    renderMembers("admin");
    expect(await screen.findByRole("form", { name: "Invite a member" })).toBeInTheDocument();
    expect(await screen.findByRole("combobox", { name: "Role of Linus" })).toHaveValue("viewer");
    expect(screen.getByRole("button", { name: "Remove Linus" })).toBeInTheDocument();
    // Only owners change an owner's role or make owners.
    expect(screen.queryByRole("combobox", { name: "Role of Ada" })).not.toBeInTheDocument();
    expect(screen.queryByRole("option", { name: "Owner" })).not.toBeInTheDocument();
  });
});
