import { describe, expect, it } from "vitest";
import { board, column } from "../test/fixtures";
import { moveCardOnBoard } from "./boardMove";

const keysOf = (b: ReturnType<typeof board>, index: number) =>
  b.columns[index]?.issues.map((c) => c.key);

describe("moveCardOnBoard", () => {
  const start = board(column("todo", ["A", "B", "C"]), column("doing", ["D"], 1, "soft"), column("done", []));

  it("moves a card across columns between its neighbours, with counts and WIP state", () => {
    const next = moveCardOnBoard(start, "B", "doing", "D", null);
    expect(keysOf(next, 0)).toEqual(["A", "C"]);
    expect(keysOf(next, 1)).toEqual(["B", "D"]);
    expect(next.columns[1]?.issues[0]?.status).toBe("doing");
    expect(next.columns[0]).toMatchObject({ count: 2, wip_count: 2 });
    expect(next.columns[1]).toMatchObject({ count: 2, wip_count: 2, over_limit: true });
  });

  it("re-ranks within a column without touching the counts", () => {
    const next = moveCardOnBoard(start, "A", "todo", null, "C");
    expect(keysOf(next, 0)).toEqual(["B", "C", "A"]);
    expect(next.columns[0]?.count).toBe(3);
  });

  it("drops into an empty column, and leaves untouched columns as they were", () => {
    const next = moveCardOnBoard(start, "C", "done", null, null);
    expect(keysOf(next, 2)).toEqual(["C"]);
    expect(next.columns[1]).toBe(start.columns[1]);
    expect(keysOf(start, 0)).toEqual(["A", "B", "C"]);
  });

  it("moves the card's key within its swimlane", () => {
    const laned = { ...start, lanes: [{ id: "u1", count: 2, columns: { todo: ["A", "B"], doing: ["D"] } }] };
    const next = moveCardOnBoard(laned, "A", "doing", null, "D");
    expect(next.lanes?.[0]?.columns).toEqual({ todo: ["B"], doing: ["D", "A"] });
  });
});
