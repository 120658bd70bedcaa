import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

const fake = await vi.hoisted(async () => (await import("../../../app/testing/installFakeApi")).installFakeApi());
const { renderRoute } = await import("../../../app/testing/renderRoute");
const { WorkflowPage } = await import("../pages");

afterEach(() => {
  fake.reset();
});

// jsdom's <dialog> has no close(); the Dialog component calls it when it unmounts.
HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
  this.removeAttribute("open");
};

const WORKFLOW = [
  { id: "todo", name: "To Do", category: "todo", wip_limit: null, wip_mode: "hard" },
  { id: "in_progress", name: "In Progress", category: "in_progress", wip_limit: null, wip_mode: "hard" },
  { id: "in_review", name: "In Review", category: "in_progress", wip_limit: null, wip_mode: "hard" },
  { id: "done", name: "Done", category: "done", wip_limit: null, wip_mode: "hard" },
];

const project = (role: string, workflow: unknown[] = WORKFLOW, version = 3) => ({
  id: "p1",
  key: "WEB",
  name: "Web",
  description: "",
  role,
  active_sprint: null,
  settings: { acceptance_criteria_gate: true, done_requires_closed_children: false, done_requires_unblocked: false },
  workflow,
  version,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
});

const column = (status: string, count: number) => ({ status, wip_count: count });

function renderEditor(role = "owner") {
  fake
    .on("GET /api/v1/projects/WEB", { body: project(role) })
    .on("GET /api/v1/projects/WEB/board", {
      body: { project: "WEB", sprint: null, columns: [column("todo", 1), column("in_progress", 0), column("in_review", 2), column("done", 0)] },
    });
  renderRoute([{ path: "/projects/:key/settings/workflow", element: <WorkflowPage /> }], "/projects/WEB/settings/workflow");
}

const row = (position: number) => screen.getByRole("group", { name: `Status ${position}` });

async function patches(): Promise<{ body: unknown; ifMatch: string | null }[]> {
  const sent = fake.requests.filter((request) => request.method === "PATCH");
  return Promise.all(sent.map(async (request) => ({ body: (await request.clone().json()) as unknown, ifMatch: request.headers.get("If-Match") })));
}

describe("the workflow editor", () => {
  it("adds, renames, reorders and removes with a target, then saves it all as one PATCH", async () => {
    const user = userEvent.setup();
    renderEditor();
    await screen.findByRole("group", { name: "Status 4" });
    await screen.findByText("2 issues");
    fake.on("PATCH /api/v1/projects/WEB", { body: project("owner", WORKFLOW, 4) });

    await user.type(screen.getByLabelText("New status"), "Ready");
    await user.selectOptions(screen.getByLabelText("Its category"), "todo");
    await user.click(screen.getByRole("button", { name: "Add status" }));
    expect(row(5)).toBeInTheDocument();

    const name = within(row(2)).getByLabelText("Name");
    await user.clear(name);
    await user.type(name, "Doing{Enter}");
    await user.click(screen.getByRole("button", { name: "Move Ready up" }));
    await user.click(screen.getByRole("button", { name: "Move Ready up" }));
    await user.click(screen.getByRole("button", { name: "Move Ready up" }));
    expect(within(row(2)).getByLabelText("Name")).toHaveValue("Ready");
    await user.type(within(row(3)).getByLabelText("WIP limit"), "3");
    await user.selectOptions(within(row(3)).getByLabelText("WIP mode"), "soft");

    await user.click(screen.getByRole("button", { name: "Remove In Review" }));
    const dialog = screen.getByRole("dialog", { name: "Remove In Review" });
    expect(dialog).toHaveTextContent("2 issues are in In Review");
    await user.selectOptions(within(dialog).getByLabelText("Move its issues to"), "done");
    await user.click(within(dialog).getByRole("button", { name: "Remove status" }));
    expect(screen.queryByRole("button", { name: "Remove In Review" })).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Save workflow" }));
    expect(await screen.findByText("Workflow saved.")).toBeInTheDocument();
    expect(await patches()).toEqual([
      {
        ifMatch: '"3"',
        body: {
          workflow: [
            { id: "todo", name: "To Do", category: "todo", wip_limit: null, wip_mode: "hard" },
            { id: "ready", name: "Ready", category: "todo", wip_limit: null, wip_mode: "hard" },
            { id: "in_progress", name: "Doing", category: "in_progress", wip_limit: 3, wip_mode: "soft" },
            { id: "done", name: "Done", category: "done", wip_limit: null, wip_mode: "hard" },
          ],
          move_issues: { in_review: "done" },
        },
      },
    ]);
  }, 20_000);

  it("removes an empty status without asking where its issues go", async () => {
    const user = userEvent.setup();
    renderEditor();
    await screen.findByText("2 issues");
    fake.on("PATCH /api/v1/projects/WEB", { body: project("owner", WORKFLOW, 4) });
    await user.click(screen.getByRole("button", { name: "Remove In Progress" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Save workflow" }));
    await screen.findByText("Workflow saved.");
    const [sent] = await patches();
    expect(sent?.body).toMatchObject({ move_issues: {} });
    expect((sent?.body as { workflow: { id: string }[] }).workflow.map((status) => status.id)).toEqual(["todo", "in_review", "done"]);
  });

  it("refuses what the API would refuse, and sends nothing", async () => {
    const user = userEvent.setup();
    renderEditor();
    await screen.findByText("2 issues");

    await user.click(screen.getByRole("button", { name: "Remove Done" }));
    expect(screen.getByRole("alert")).toHaveTextContent('Done is the last "done" status: a workflow needs one.');
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();

    await user.selectOptions(within(row(1)).getByLabelText("Category"), "in_progress");
    expect(screen.getByRole("alert")).toHaveTextContent('To Do is the last "to do" status');
    expect(within(row(1)).getByLabelText("Category")).toHaveValue("todo");

    await user.type(screen.getByLabelText("New status"), "in review");
    await user.click(screen.getByRole("button", { name: "Add status" }));
    expect(screen.getByLabelText("New status")).toHaveAccessibleDescription("There is already a status named in review.");
    expect(screen.getByRole("button", { name: "Save workflow" })).toBeDisabled();
    expect(fake.requests.some((request) => request.method === "PATCH")).toBe(false);
  });

  it("shows the API's problem when it refuses the save", async () => {
    const user = userEvent.setup();
    renderEditor();
    await screen.findByText("2 issues");
    fake.on("PATCH /api/v1/projects/WEB", {
      status: 412,
      body: { title: "Stale", status: 412, detail: "The project changed since you loaded it." },
    });
    await user.click(screen.getByRole("button", { name: "Move Done up" }));
    await user.click(screen.getByRole("button", { name: "Save workflow" }));
    expect(await screen.findByText("The project changed since you loaded it.")).toHaveAttribute("role", "alert");
  });

  it("is read-only for a member", async () => {
    renderEditor("member");
    await screen.findByRole("group", { name: "Status 1" });
    expect(within(row(1)).getByLabelText("Name")).toBeDisabled();
    expect(screen.queryByRole("button", { name: "Save workflow" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Remove / })).not.toBeInTheDocument();
  });
});
