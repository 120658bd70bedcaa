import { describe, expect, it } from "vitest";
import { dropPlace, neighbourFields } from "./neighbours";

const list = ["A", "B", "C", "D"];

describe("dropPlace within its own list", () => {
  it("to the top: only a `before`", () => {
    const place = dropPlace(list, "C", "A");
    expect(place?.order).toEqual(["C", "A", "B", "D"]);
    expect(place && neighbourFields(place)).toEqual({ before: "A" });
  });
  it("to the middle, moving down: between the two it lands among", () => {
    const place = dropPlace(list, "A", "C");
    expect(place?.order).toEqual(["B", "C", "A", "D"]);
    expect(place && neighbourFields(place)).toEqual({ after: "C", before: "D" });
  });
  it("to the middle, moving up", () => {
    expect(dropPlace(list, "D", "B")).toMatchObject({ after: "A", before: "B", index: 1 });
  });
  it("to the bottom: only an `after`", () => {
    const place = dropPlace(list, "B", "D");
    expect(place && neighbourFields(place)).toEqual({ after: "D" });
  });
  it("on the list's empty space: the bottom", () => {
    expect(dropPlace(list, "A", null)).toMatchObject({ after: "D", before: null });
  });
  it("on itself: nothing to do", () => {
    expect(dropPlace(list, "B", "B")).toBeNull();
    expect(dropPlace(list, "D", null)).toBeNull();
  });
});

describe("dropPlace from another list", () => {
  it("on an item: just above it", () => {
    expect(dropPlace(list, "X", "C")).toMatchObject({
      order: ["A", "B", "X", "C", "D"],
      after: "B",
      before: "C",
    });
  });
  it("on the first item: the top", () => {
    expect(dropPlace(list, "X", "A")).toMatchObject({ after: null, before: "A" });
  });
  it("on the list itself: the bottom", () => {
    expect(dropPlace(list, "X", null)).toMatchObject({ after: "D", before: null, index: 4 });
  });
  it("into an empty list: no neighbours at all", () => {
    const place = dropPlace([], "X", null);
    expect(place).toMatchObject({ order: ["X"], after: null, before: null });
    expect(place && neighbourFields(place)).toEqual({});
  });
});
