import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { CONFLICT_MESSAGE } from "../lib/errors";
import { fakeApi } from "../test/fakeApi";
import { makeIssue } from "../test/fixtures";
import type { Issue } from "../types";
import { renderAt } from "../test/render";
import { useIssue } from "../api/useIssue";
import { EditableValue } from "./EditableValue";

function TwoFieldsUnderTest({ issueKey }: { issueKey: string }) {
  const issue = useIssue(issueKey);
  if (issue.data === undefined) return <p>loading</p>;
  return (
    <>
      <EditableValue issue={issue.data} label="Title" kind="text" value={issue.data.title}
        toPatch={(title) => ({ title })} />
      <EditableValue issue={issue.data} label="Priority" kind="select" value={issue.data.priority}
        options={[["none", "none"], ["high", "high"]]} toPatch={(priority) => ({ priority: priority as "high" })} />
    </>
  );
}

function TitleUnderTest() {
  const issue = useIssue("WEB-1");
  if (issue.data === undefined) return <p>loading</p>;
  return <EditableValue issue={issue.data} label="Title" kind="text" value={issue.data.title}
    toPatch={(title) => ({ title })} />;
}

/** A server that checks If-Match as the API does; `latest` is its issue now. */
function versionedServer(start: Issue) {
  let latest = start;
  const fake = fakeApi((call) => {
    if (call.method === "GET" && call.path === `/api/v1/issues/${start.key}`) return { body: latest };
    if (call.method === "PATCH") {
      if (call.headers.get("If-Match") !== `"${latest.version}"`) {
        return { status: 412, body: { title: "Precondition failed", status: 412, detail: "stale" } };
      }
      latest = { ...latest, ...(call.body as object), version: latest.version + 1 };
      return { body: latest };
    }
    return undefined;
  });
  return {
    fake,
    get latest() { return latest; },
    set latest(issue: Issue) { latest = issue; },
  };
}

let stop = () => {};
afterEach(() => { stop(); });

describe("a stale edit (412)", () => {
  it("says someone else changed it, shows their value and keeps ours to re-apply", async () => {
    const server = versionedServer(makeIssue({ title: "Old title", version: 1 }));
    const fake = server.fake;
    stop = fake.stop;
    renderAt("/", "/", <TitleUnderTest />);
    const input = await screen.findByLabelText("Title");
    // Someone else renames it meanwhile.
    server.latest = { ...server.latest, title: "Their title", version: 2 };
    const user = userEvent.setup();
    await user.clear(input);
    await user.type(input, "My title{Enter}");

    expect(await screen.findByText(CONFLICT_MESSAGE)).toBeInTheDocument();
    expect(screen.getByText("My title")).toBeInTheDocument();
    await waitFor(() => { expect(screen.getByLabelText("Title")).toHaveValue("Their title"); });
    const patch = fake.calls.find((c) => c.method === "PATCH");
    expect(patch?.headers.get("If-Match")).toBe('"1"');
    expect(server.latest.title).toBe("Their title");

    await user.click(screen.getByRole("button", { name: "Apply mine again" }));
    await waitFor(() => { expect(screen.getByLabelText("Title")).toHaveValue("My title"); });
    expect(fake.calls.filter((c) => c.method === "PATCH").at(-1)?.headers.get("If-Match")).toBe('"2"');
    expect(screen.queryByText(CONFLICT_MESSAGE)).not.toBeInTheDocument();
  });

  it("is not what two quick edits of our own make: the second goes on the first's version", async () => {
    const server = versionedServer(makeIssue({ key: "WEB-2", title: "Old title", priority: "none", version: 1 }));
    stop = server.fake.stop;
    renderAt("/", "/", <TwoFieldsUnderTest issueKey="WEB-2" />);
    const input = await screen.findByLabelText("Title");
    const user = userEvent.setup();
    await user.clear(input);
    await user.type(input, "New title");
    // Choosing a priority leaves the title, so both saves start on version 1.
    await user.selectOptions(screen.getByLabelText("Priority"), "high");

    await waitFor(() => { expect(server.latest.version).toBe(3); });
    expect(server.latest).toMatchObject({ title: "New title", priority: "high" });
    expect(screen.queryByText(CONFLICT_MESSAGE)).not.toBeInTheDocument();
    const matches = server.fake.calls.filter((c) => c.method === "PATCH").map((c) => c.headers.get("If-Match"));
    expect(matches).toEqual(['"1"', '"2"']);
  });
});
