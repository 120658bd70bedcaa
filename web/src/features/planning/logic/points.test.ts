import { describe, expect, it } from "vitest";
import { pointsLabel, sumPoints } from "./points";

describe("sumPoints", () => {
  it("adds the points, counting unestimated issues as zero", () => {
    expect(sumPoints([{ points: 3 }, { points: null }, { points: 0.5 }, { points: 5 }])).toBe(8.5);
  });
  it("is zero for an empty sprint", () => {
    expect(sumPoints([])).toBe(0);
  });
  it("reads well", () => {
    expect(pointsLabel(1)).toBe("1 point");
    expect(pointsLabel(8)).toBe("8 points");
  });
});
