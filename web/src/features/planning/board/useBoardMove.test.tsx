import { QueryClient } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { planningKeys } from "../api/keys";
import { useBoardNow } from "../api/useBoard";
import { board, column, dropEvent, issue, item } from "../test/fixtures";
import { mockPosts, withClient } from "../test/harness";
import type { Board } from "../types";
import type { NoticeState } from "../ui/Notice";
import { useBoardMove } from "./useBoardMove";

const key = planningKeys.board("WEB", {});
const wipProblem = {
  status: 409,
  title: "Conflict",
  detail: "the column 'DOING' is at its WIP limit of 1; finish something first, or ask an admin to override",
  errors: [{ field: "status", message: "'DOING' allows 1 issues" }],
};

function setUp(admin: boolean) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData<Board>(key, board(column("todo", ["A", "B"]), column("doing", ["D"], 1)));
  const notices: (NoticeState | null)[] = [];
  const { result } = renderHook(
    () => useBoardMove("WEB", {}, admin, (notice) => notices.push(notice)),
    { wrapper: withClient(client) },
  );
  const columnKeys = (i: number) => client.getQueryData<Board>(key)?.columns[i]?.issues.map((c) => c.key);
  const lastNotice = () => notices.at(-1) ?? null;
  return { client, result, columnKeys, lastNotice };
}

const drop = dropEvent(item("todo", ["A", "B"], "A"), { kind: "list", list: "doing", listName: "DOING", keys: ["D"] });

afterEach(() => {
  vi.restoreAllMocks();
});

describe("useBoardMove", () => {
  it("shows the move at once, snaps back on a hard WIP refusal, and lets an admin override", async () => {
    const post = mockPosts([409, wipProblem], [200, { ...issue("A"), status: "doing" }]);
    const { result, columnKeys, lastNotice } = setUp(true);
    act(() => {
      result.current(drop);
    });
    expect(columnKeys(1)).toEqual(["D", "A"]);
    await waitFor(() => {
      expect(post).toHaveBeenCalledTimes(1);
    });
    expect(post.mock.calls[0]?.[1]).toMatchObject({ body: { after: "D", status: "doing", override_wip: false } });
    await waitFor(() => {
      expect(lastNotice()?.tone).toBe("error");
    });
    expect(columnKeys(0)).toEqual(["A", "B"]);
    expect(columnKeys(1)).toEqual(["D"]);
    expect(lastNotice()?.message).toMatch(/WIP limit of 1/);
    expect(lastNotice()?.action?.label).toBe("Override WIP limit");
    act(() => {
      lastNotice()?.action?.run();
    });
    expect(columnKeys(1)).toEqual(["D", "A"]);
    await waitFor(() => {
      expect(post).toHaveBeenCalledTimes(2);
    });
    expect(post.mock.calls[1]?.[1]).toMatchObject({ body: { status: "doing", override_wip: true } });
  });

  it("offers no override to a member", async () => {
    mockPosts([409, wipProblem]);
    const { result, lastNotice } = setUp(false);
    act(() => {
      result.current(drop);
    });
    await waitFor(() => {
      expect(lastNotice()?.tone).toBe("error");
    });
    expect(lastNotice()?.action).toBeUndefined();
  });

  it("says when a soft limit is now exceeded", async () => {
    mockPosts([200, { ...issue("A"), status: "doing", wip_exceeded: "doing" }]);
    const { result, lastNotice, columnKeys } = setUp(true);
    act(() => {
      result.current(drop);
    });
    await waitFor(() => {
      expect(lastNotice()?.message).toBe("Moved A; DOING is now over its WIP limit.");
    });
    expect(columnKeys(1)).toEqual(["D", "A"]);
  });

  it("has the board the page draws show the move in the drop's own render", () => {
    mockPosts([200, { ...issue("A"), status: "doing" }]);
    const client = new QueryClient();
    client.setQueryData<Board>(key, board(column("todo", ["A", "B"]), column("doing", ["D"])));
    const { result } = renderHook(
      () => ({ shown: useBoardNow("WEB", {}), onDrop: useBoardMove("WEB", {}, false, vi.fn()) }),
      { wrapper: withClient(client) },
    );
    // No waiting: a frame painted in between would show the card back in its old column.
    act(() => {
      result.current.onDrop(drop);
    });
    expect(result.current.shown?.columns[1]?.issues.map((c) => c.key)).toEqual(["D", "A"]);
  });
});
