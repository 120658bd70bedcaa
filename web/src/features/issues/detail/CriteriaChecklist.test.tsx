import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { fakeApi } from "../test/fakeApi";
import { makeIssue } from "../test/fixtures";
import { renderAt } from "../test/render";
import { CriteriaChecklist } from "./CriteriaChecklist";

let stop = () => {};
afterEach(() => { stop(); });

describe("acceptance criteria checklist", () => {
  it("moves a criterion down with the keyboard-reachable button: one PATCH of the new order", async () => {
    const issue = makeIssue({ version: 7 });
    const fake = fakeApi((call) => (call.method === "PATCH" ? { body: { ...issue, version: 8 } } : undefined));
    stop = fake.stop;
    renderAt("/", "/", <CriteriaChecklist issue={issue} />);
    await userEvent.setup().click(screen.getByRole("button", { name: "Move down: Alpha" }));
    await waitFor(() => { expect(fake.calls).toHaveLength(1); });
    const [call] = fake.calls;
    expect(call?.path).toBe("/api/v1/issues/WEB-1");
    expect(call?.headers.get("If-Match")).toBe('"7"');
    expect(call?.body).toEqual({
      acceptance_criteria: [
        { id: "c2", text: "Beta", done: false },
        { id: "c1", text: "Alpha", done: false },
        { id: "c3", text: "Gamma", done: true },
      ],
    });
  });

  it("ticks a criterion and adds one", async () => {
    const issue = makeIssue();
    const fake = fakeApi((call) => (call.method === "PATCH" ? { body: issue } : undefined));
    stop = fake.stop;
    renderAt("/", "/", <CriteriaChecklist issue={issue} />);
    const user = userEvent.setup();
    expect(screen.getByText("1 of 3 met")).toBeInTheDocument();
    await user.click(screen.getByRole("checkbox", { name: "Beta" }));
    await user.type(screen.getByLabelText("New acceptance criterion"), "Delta{Enter}");
    await waitFor(() => { expect(fake.calls).toHaveLength(2); });
    expect((fake.calls[0]?.body as { acceptance_criteria: unknown[] }).acceptance_criteria[1]).toEqual({ id: "c2", text: "Beta", done: true });
    expect((fake.calls[1]?.body as { acceptance_criteria: unknown[] }).acceptance_criteria[3]).toEqual({ text: "Delta", done: false });
  });
});
