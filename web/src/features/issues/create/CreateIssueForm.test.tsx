import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeApi } from "../test/fakeApi";
import { makeIssue, members } from "../test/fixtures";
import { renderAt } from "../test/render";
import { CreateIssueForm } from "./CreateIssueForm";

let stop = () => {};
afterEach(() => { stop(); });

describe("create issue form", () => {
  it("shows the API's field errors next to the fields and keeps what was typed", async () => {
    const fake = fakeApi((call) => {
      if (call.path.endsWith("/members")) return { body: { items: members, next_cursor: null } };
      if (call.method === "POST") {
        return { status: 422, body: { title: "Validation failed", status: 422, detail: "invalid",
          errors: [{ field: "parent", message: "not found" }, { field: "acceptance_criteria.1.text", message: "too long" }] } };
      }
      return undefined;
    });
    stop = fake.stop;
    const onCreated = vi.fn();
    renderAt("/", "/", <CreateIssueForm project="WEB" onCreated={onCreated} />);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText("Type"), "story");
    await user.type(screen.getByLabelText("Title"), "Checkout");
    await user.type(screen.getByLabelText("Parent"), "web-99");
    await user.type(screen.getByLabelText("Points"), "3");
    await user.click(screen.getByRole("button", { name: "Add criterion" }));
    await user.type(screen.getByLabelText("Criterion 1"), "Pays");
    await user.click(screen.getByRole("button", { name: "Add criterion" }));
    await user.type(screen.getByLabelText("Criterion 2"), "Receipt");
    await user.click(screen.getByRole("button", { name: "Create issue" }));

    expect(await screen.findByText("not found")).toBeInTheDocument();
    expect(screen.getByLabelText("Parent")).toHaveAccessibleDescription("not found");
    expect(screen.getByLabelText("Criterion 2")).toHaveAccessibleDescription("too long");
    expect(screen.getByLabelText("Title")).toHaveValue("Checkout");
    expect(screen.getByLabelText("Criterion 1")).toHaveValue("Pays");
    expect(onCreated).not.toHaveBeenCalled();
    expect(fake.calls.find((c) => c.method === "POST")?.body).toEqual({
      type: "story", title: "Checkout", priority: "none", points: 3, parent: "WEB-99",
      acceptance_criteria: [{ text: "Pays", done: false }, { text: "Receipt", done: false }],
    });
  });

  it("creates the issue and reports it", async () => {
    const fake = fakeApi((call) => {
      if (call.path.endsWith("/members")) return { body: { items: members, next_cursor: null } };
      if (call.method === "POST") return { status: 201, body: makeIssue({ key: "WEB-5", type: "task" }) };
      return undefined;
    });
    stop = fake.stop;
    const onCreated = vi.fn();
    renderAt("/", "/", <CreateIssueForm project="WEB" onCreated={onCreated} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Title"), "Fix login");
    await user.click(screen.getByRole("button", { name: "Create issue" }));
    await waitFor(() => { expect(onCreated).toHaveBeenCalledWith(expect.objectContaining({ key: "WEB-5" }), false); });
  });
});
