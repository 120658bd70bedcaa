import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Outlet, useParams } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";

const fake = await vi.hoisted(async () => (await import("../../app/testing/installFakeApi")).installFakeApi());
const { renderRoute } = await import("../../app/testing/renderRoute");
const { useShortcutListener } = await import("../../app/shortcuts/useShortcut");
const { CreateIssueDialog } = await import("../issues/routes");
const { makeIssue, project } = await import("../issues/test/fixtures");
const { PaletteLauncher } = await import("./PaletteLauncher");

afterEach(() => {
  fake.reset();
});

function Root() {
  useShortcutListener();
  return (
    <>
      <Outlet />
      <CreateIssueDialog />
      <PaletteLauncher />
    </>
  );
}

function IssuePage() {
  return <h1>Issue {useParams().issueKey}</h1>;
}

const routes = [
  {
    element: <Root />,
    children: [
      { path: "/projects/:key/issues", element: <><h1>Issues</h1><input aria-label="Title" /></> },
      { path: "/projects/:key/backlog", element: <h1>Backlog</h1> },
      { path: "/projects/:key/board", element: <h1>Board</h1> },
      { path: "/issues/:issueKey", element: <IssuePage /> },
    ],
  },
];

const issue = (number: number, title: string) => makeIssue({ key: `WEB-${number}`, number, title });

/** The fake API: the user's one project, and `search` answering its issue searches by text. */
function serve(search: (text: string, request: Request) => unknown[] | Promise<unknown[]> = () => []) {
  fake
    .on("GET /api/v1/projects", { body: { items: [project], next_cursor: null } })
    .on("GET /api/v1/projects/WEB/issues", async (request) => {
      const text = new URL(request.url).searchParams.get("q") ?? "";
      return { body: { items: await search(text, request), next_cursor: null } };
    });
}

async function openPalette(user: ReturnType<typeof userEvent.setup>) {
  await user.keyboard("{Control>}k{/Control}");
  return screen.findByRole("combobox", { name: "Search issues, projects and actions" });
}

const optionNames = () => screen.getAllByRole("option").map((option) => option.textContent);

describe("the command palette", () => {
  it("opens on Ctrl+K even in a field and on `/` elsewhere, and closes with focus back", async () => {
    serve();
    renderRoute(routes, "/projects/WEB/issues");
    const user = userEvent.setup();
    const field = screen.getByLabelText("Title");
    await user.click(field);
    const input = await openPalette(user);

    expect(screen.getByRole("dialog", { name: "Command palette" })).toBeInTheDocument();
    expect(input).toHaveFocus();
    expect(screen.getByRole("group", { name: "Actions" })).toHaveTextContent("Create issue");
    expect(screen.getByRole("option", { name: "Go to board" })).toHaveAttribute("aria-selected", "false");
    expect(screen.getByRole("option", { name: "Create issue" })).toHaveAttribute("aria-selected", "true");
    expect(await screen.findByRole("option", { name: "WEB Web" })).toBeInTheDocument();

    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog", { name: "Command palette" })).not.toBeInTheDocument();
    expect(field).toHaveFocus();
    expect(field).toHaveValue("");

    field.blur();
    await user.keyboard("/");
    expect(await screen.findByRole("combobox")).toHaveValue("");
  });

  it("moves through the results with the arrow keys and opens one with Enter", async () => {
    serve();
    const { router } = renderRoute(routes, "/projects/WEB/issues");
    const user = userEvent.setup();
    const input = await openPalette(user);
    await user.type(input, "go to b");
    expect(optionNames()).toEqual(["Go to board", "Go to backlog"]);

    await user.keyboard("{ArrowDown}");
    const backlog = screen.getByRole("option", { name: "Go to backlog" });
    expect(backlog).toHaveAttribute("aria-selected", "true");
    expect(input).toHaveAttribute("aria-activedescendant", backlog.id);
    await user.keyboard("{ArrowUp}{ArrowUp}");
    expect(input).toHaveAttribute("aria-activedescendant", backlog.id);

    await user.keyboard("{Enter}");
    expect(router.state.location.pathname).toBe("/projects/WEB/backlog");
    expect(screen.queryByRole("dialog", { name: "Command palette" })).not.toBeInTheDocument();
  });

  it("finds issues by words and by number, the issue so numbered first", async () => {
    serve((text) => (text === "12" ? [issue(120, "Twelve times ten"), issue(12, "Twelve")] : [issue(3, "Login page")]));
    fake.on("GET /api/v1/issues/WEB-12", { body: issue(12, "Twelve") });
    const { router } = renderRoute(routes, "/projects/WEB/issues");
    const user = userEvent.setup();
    const input = await openPalette(user);

    await user.type(input, "log");
    expect(await screen.findByRole("option", { name: "WEB-3 Login page" })).toBeInTheDocument();
    await user.clear(input);
    await user.type(input, "12");
    await screen.findByRole("option", { name: "WEB-12 Twelve" });
    expect(optionNames()).toEqual(["WEB-12 Twelve", "WEB-120 Twelve times ten"]);
    await user.keyboard("{Enter}");
    expect(router.state.location.pathname).toBe("/issues/WEB-12");
    expect(await screen.findByRole("heading", { name: "Issue WEB-12" })).toBeInTheDocument();
  });

  it("shows only the answer to the latest text, and aborts the searches typed past", async () => {
    // Every search waits to be answered: the older ones first, as a slow server might.
    const waiting: { text: string; request: Request; answer: () => void }[] = [];
    serve((text, request) =>
      new Promise((resolve) => {
        const title = text === "login" ? "Login page" : `Stale ${text}`;
        waiting.push({ text, request, answer: () => { resolve([issue(text.length, title)]); } });
      }),
    );
    let staleShown = false;
    const watch = new MutationObserver(() => {
      staleShown ||= document.body.textContent.includes("Stale");
    });
    watch.observe(document.body, { childList: true, subtree: true, characterData: true });
    renderRoute(routes, "/issues/WEB-1");
    const user = userEvent.setup();
    const input = await openPalette(user);
    await user.type(input, "login");
    await waitFor(() => { expect(waiting.map(({ text }) => text)).toEqual(["l", "lo", "log", "logi", "login"]); });
    expect(screen.getByRole("status")).toHaveTextContent("Searching issues…");

    waiting.forEach(({ answer }) => { answer(); });
    const latest = await screen.findByRole("option", { name: "WEB-5 Login page" });
    watch.disconnect();
    expect(staleShown).toBe(false);
    expect(waiting.slice(0, -1).every(({ request }) => request.signal.aborted)).toBe(true);
    await user.click(latest);
    expect(await screen.findByRole("heading", { name: "Issue WEB-5" })).toBeInTheDocument();
  });

  it("opens the create-issue dialog for the current project", async () => {
    serve();
    renderRoute(routes, "/projects/WEB/board");
    const user = userEvent.setup();
    const input = await openPalette(user);
    await user.type(input, "create");
    await user.keyboard("{Enter}");
    expect(await screen.findByRole("dialog", { name: "New issue" })).toBeInTheDocument();
    expect(screen.queryByRole("dialog", { name: "Command palette" })).not.toBeInTheDocument();
  });
});
