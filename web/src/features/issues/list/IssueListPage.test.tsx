import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { useShortcutListener } from "../../../app/shortcuts/useShortcut";
import { fakeApi } from "../test/fakeApi";
import { makeIssue, members, project } from "../test/fixtures";
import { renderAt } from "../test/render";
import { IssueListPage } from "./IssueListPage";

const issues = [1, 2, 3].map((n) => makeIssue({ key: `WEB-${n}`, number: n, title: `Issue ${n}`, type: "bug" }));

let stop = () => {};
afterEach(() => { stop(); });

// jsdom lays nothing out; give the virtual list's scroller a size so rows render.
const height = Object.getOwnPropertyDescriptor(Element.prototype, "clientHeight");
const width = Object.getOwnPropertyDescriptor(Element.prototype, "clientWidth");
beforeAll(() => {
  Object.defineProperty(Element.prototype, "clientHeight", { configurable: true, get: () => 600 });
  Object.defineProperty(Element.prototype, "clientWidth", { configurable: true, get: () => 800 });
});
afterAll(() => {
  if (height) Object.defineProperty(Element.prototype, "clientHeight", height);
  if (width) Object.defineProperty(Element.prototype, "clientWidth", width);
});

function Page() {
  useShortcutListener();
  return <IssueListPage />;
}

function serve() {
  const fake = fakeApi((call) => {
    if (call.path === "/api/v1/projects/WEB/issues") {
      return call.search.get("cursor") === null
        ? { body: { items: issues.slice(0, 2), next_cursor: "page2" } }
        : { body: { items: issues.slice(2), next_cursor: null } };
    }
    if (call.path === "/api/v1/projects/WEB") return { body: project };
    if (call.path === "/api/v1/projects/WEB/members") return { body: { items: members, next_cursor: null } };
    return undefined;
  });
  stop = fake.stop;
  return fake;
}

describe("issue list", () => {
  it("asks the API with the URL's filters and loads the next page by cursor", async () => {
    const fake = serve();
    renderAt("/projects/WEB/issues?type=bug&q=login&sort=-key", "/projects/:key/issues", <Page />);
    expect(await screen.findByText("Issue 3")).toBeInTheDocument();
    const first = fake.calls.find((c) => c.path.endsWith("/issues"));
    expect(Object.fromEntries(first?.search ?? [])).toEqual({ type: "bug", q: "login", sort: "-key", limit: "100" });
    expect(fake.calls.some((c) => c.search.get("cursor") === "page2")).toBe(true);
    expect(screen.getByLabelText("Filter by type")).toHaveValue("bug");
    expect(screen.getByLabelText("Search issues")).toHaveValue("login");
  });

  it("puts a changed filter in the URL", async () => {
    serve();
    const { router } = renderAt("/projects/WEB/issues", "/projects/:key/issues", <Page />);
    await screen.findByText("Issue 1");
    await waitFor(() => { expect(screen.getByRole("option", { name: "Done" })).toBeInTheDocument(); });
    await userEvent.setup().selectOptions(screen.getByLabelText("Filter by status"), "done");
    expect(router.state.location.search).toBe("?status=done");
  });

  it("moves the selection with j and k, and opens it with Enter", async () => {
    serve();
    const { router } = renderAt("/projects/WEB/issues", "/projects/:key/issues", <Page />);
    await screen.findByText("Issue 3");
    const user = userEvent.setup();
    await user.keyboard("jjk");
    await user.keyboard("{Enter}");
    expect(router.state.location.pathname).toBe("/issues/WEB-1");
  });
});
