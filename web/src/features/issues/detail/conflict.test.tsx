import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { CONFLICT_MESSAGE } from "../lib/errors";
import { fakeApi } from "../test/fakeApi";
import { makeIssue } from "../test/fixtures";
import { renderAt } from "../test/render";
import { useIssue } from "../api/useIssue";
import { EditableValue } from "./EditableValue";

function TitleUnderTest() {
  const issue = useIssue("WEB-1");
  if (issue.data === undefined) return <p>loading</p>;
  return <EditableValue issue={issue.data} label="Title" kind="text" value={issue.data.title}
    toPatch={(title) => ({ title })} />;
}

let stop = () => {};
afterEach(() => { stop(); });

describe("a stale edit (412)", () => {
  it("says someone else changed it, shows their value and keeps ours to re-apply", async () => {
    let server = makeIssue({ title: "Old title", version: 1 });
    const fake = fakeApi((call) => {
      if (call.method === "GET" && call.path === "/api/v1/issues/WEB-1") return { body: server };
      if (call.method === "PATCH") {
        if (call.headers.get("If-Match") !== `"${server.version}"`) {
          return { status: 412, body: { title: "Precondition failed", status: 412, detail: "stale" } };
        }
        server = { ...server, ...(call.body as object), version: server.version + 1 };
        return { body: server };
      }
      return undefined;
    });
    stop = fake.stop;
    renderAt("/", "/", <TitleUnderTest />);
    const input = await screen.findByLabelText("Title");
    // Someone else renames it meanwhile.
    server = { ...server, title: "Their title", version: 2 };
    const user = userEvent.setup();
    await user.clear(input);
    await user.type(input, "My title{Enter}");

    expect(await screen.findByText(CONFLICT_MESSAGE)).toBeInTheDocument();
    expect(screen.getByText("My title")).toBeInTheDocument();
    await waitFor(() => { expect(screen.getByLabelText("Title")).toHaveValue("Their title"); });
    const patch = fake.calls.find((c) => c.method === "PATCH");
    expect(patch?.headers.get("If-Match")).toBe('"1"');
    expect(server.title).toBe("Their title");

    await user.click(screen.getByRole("button", { name: "Apply mine again" }));
    await waitFor(() => { expect(screen.getByLabelText("Title")).toHaveValue("My title"); });
    expect(fake.calls.filter((c) => c.method === "PATCH").at(-1)?.headers.get("If-Match")).toBe('"2"');
    expect(screen.queryByText(CONFLICT_MESSAGE)).not.toBeInTheDocument();
  });
});
