import { describe, expect, it } from "vitest";
import { makeIssue } from "../test/fixtures";
import { addPatch, moveItem, removePatch, reorderPatch, togglePatch } from "./criteria";

const items = makeIssue().acceptance_criteria;

describe("acceptance criteria patches", () => {
  it("reorders: the whole list, in the new order, ids kept", () => {
    expect(reorderPatch(items, 0, 2)).toEqual({
      acceptance_criteria: [
        { id: "c2", text: "Beta", done: false },
        { id: "c3", text: "Gamma", done: true },
        { id: "c1", text: "Alpha", done: false },
      ],
    });
    expect(reorderPatch(items, 2, 0).acceptance_criteria?.map((c) => c.id)).toEqual(["c3", "c1", "c2"]);
  });

  it("moves within bounds", () => {
    expect(moveItem(["a", "b", "c"], 1, 9)).toEqual(["a", "c", "b"]);
    expect(moveItem(["a", "b"], 5, 0)).toEqual(["a", "b"]);
  });

  it("ticks, adds (without id) and removes", () => {
    expect(togglePatch(items, "c1").acceptance_criteria?.[0]).toEqual({ id: "c1", text: "Alpha", done: true });
    expect(addPatch(items, "Delta").acceptance_criteria?.[3]).toEqual({ text: "Delta", done: false });
    expect(removePatch(items, "c2").acceptance_criteria?.map((c) => c.id)).toEqual(["c1", "c3"]);
  });
});
