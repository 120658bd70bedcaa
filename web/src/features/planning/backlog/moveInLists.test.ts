import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { planningKeys } from "../api/keys";
import { flattenPages } from "../logic/issuePages";
import { issue } from "../test/fixtures";
import type { IssuePages } from "../types";
import { moveInLists } from "./moveInLists";

function pages(...chunks: [string[], string | null][]): IssuePages {
  return {
    pages: chunks.map(([keys, next]) => ({ items: keys.map((key) => issue(key, 1)), next_cursor: next })),
    pageParams: chunks.map((_, i) => (i === 0 ? null : `c${i}`)),
  };
}

function setUp() {
  const client = new QueryClient();
  client.setQueryData(planningKeys.list("WEB", "backlog"), pages([["A", "B"], "c1"], [["C", "D"], null]));
  client.setQueryData(planningKeys.list("WEB", "s1"), pages([["X"], null]));
  const keys = (list: string) =>
    flattenPages(client.getQueryData<IssuePages>(planningKeys.list("WEB", list))).map((i) => i.key);
  return { client, keys };
}

describe("moveInLists", () => {
  it("moves an issue from the backlog into a sprint at once, and rolls it back", () => {
    const { client, keys } = setUp();
    const place = { order: ["C", "X"], index: 0, before: "X", after: null };
    const rollback = moveInLists(client, "WEB", { key: "C", from: "backlog", to: "s1", place }, issue("C", 1));
    expect(keys("backlog")).toEqual(["A", "B", "D"]);
    expect(keys("s1")).toEqual(["C", "X"]);
    const sprint = client.getQueryData<IssuePages>(planningKeys.list("WEB", "s1"));
    expect(sprint?.pages[0]?.items[0]?.sprint).toBe("s1");
    rollback();
    expect(keys("backlog")).toEqual(["A", "B", "C", "D"]);
    expect(keys("s1")).toEqual(["X"]);
  });

  it("re-ranks within a list across its pages", () => {
    const { client, keys } = setUp();
    const place = { order: [], index: 2, before: "D", after: "C" };
    moveInLists(client, "WEB", { key: "A", from: "backlog", to: "backlog", place }, issue("A", 1));
    expect(keys("backlog")).toEqual(["B", "C", "A", "D"]);
  });

  it("leaves an issue dropped below a partly loaded list for its later pages", () => {
    const { client, keys } = setUp();
    client.setQueryData(planningKeys.list("WEB", "backlog"), pages([["A", "B"], "c1"]));
    const place = { order: [], index: 0, before: null, after: null };
    moveInLists(client, "WEB", { key: "X", from: "s1", to: "backlog", place }, issue("X", 1, "s1"));
    expect(keys("backlog")).toEqual(["A", "B"]);
    expect(keys("s1")).toEqual([]);
  });
});
