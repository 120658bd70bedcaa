import { QueryClient } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { planningKeys } from "../api/keys";
import { flattenPages } from "../logic/issuePages";
import { dropEvent, issue, item } from "../test/fixtures";
import { mockPosts, withClient } from "../test/harness";
import type { IssuePages } from "../types";
import type { NoticeState } from "../ui/Notice";
import { useBacklogMove } from "./useBacklogMove";

function setUp() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const put = (list: string, keys: string[]) => {
    client.setQueryData<IssuePages>(planningKeys.list("WEB", list), {
      pages: [{ items: keys.map((k) => issue(k, 2, list === "backlog" ? null : list)), next_cursor: null }],
      pageParams: [null],
    });
  };
  put("backlog", ["A", "B", "C"]);
  put("s1", ["X", "Y"]);
  const notices: (NoticeState | null)[] = [];
  const { result } = renderHook(() => useBacklogMove("WEB", (n) => notices.push(n)), {
    wrapper: withClient(client),
  });
  const keys = (list: string) =>
    flattenPages(client.getQueryData<IssuePages>(planningKeys.list("WEB", list))).map((i) => i.key);
  return { client, result, keys, notices };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("useBacklogMove", () => {
  it("plans an issue into a sprint with one move call naming its neighbours and the sprint", async () => {
    const post = mockPosts([200, { ...issue("B", 2, "s1"), rank: "new" }]);
    const { client, result, keys } = setUp();
    act(() => {
      result.current(dropEvent(item("backlog", ["A", "B", "C"], "B"), item("s1", ["X", "Y"], "Y")));
    });
    expect(keys("backlog")).toEqual(["A", "C"]);
    expect(keys("s1")).toEqual(["X", "B", "Y"]);
    await waitFor(() => {
      expect(post).toHaveBeenCalledTimes(1);
    });
    expect(post.mock.calls[0]?.[1]).toMatchObject({
      params: { path: { issue_key: "B" } },
      body: { after: "X", before: "Y", sprint: "s1" },
    });
    await waitFor(() => {
      const sprint = flattenPages(client.getQueryData<IssuePages>(planningKeys.list("WEB", "s1")));
      expect(sprint[1]?.rank).toBe("new");
    });
  });

  it("re-ranks within the backlog without naming a sprint", async () => {
    const post = mockPosts([200, issue("C", 2)]);
    const { result, keys } = setUp();
    act(() => {
      result.current(dropEvent(item("backlog", ["A", "B", "C"], "C"), item("backlog", ["A", "B", "C"], "A")));
    });
    expect(keys("backlog")).toEqual(["C", "A", "B"]);
    await waitFor(() => {
      expect(post).toHaveBeenCalledTimes(1);
    });
    expect((post.mock.calls[0]?.[1] as { body?: unknown } | undefined)?.body).toEqual({ override_wip: false, before: "A" });
  });

  it("rolls back and says why when the API refuses", async () => {
    mockPosts([403, { status: 403, title: "Forbidden", detail: "viewers cannot move issues" }]);
    const { result, keys, notices } = setUp();
    act(() => {
      result.current(dropEvent(item("s1", ["X", "Y"], "X"), { kind: "list", list: "backlog", listName: "Backlog", keys: ["A", "B", "C"] }));
    });
    expect(keys("backlog")).toEqual(["A", "B", "C", "X"]);
    await waitFor(() => {
      expect(notices.at(-1)?.message).toBe("Not moved: viewers cannot move issues.");
    });
    expect(keys("backlog")).toEqual(["A", "B", "C"]);
    expect(keys("s1")).toEqual(["X", "Y"]);
  });
});
