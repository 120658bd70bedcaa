import { describe, expect, it } from "vitest";
import { ApiError } from "../../../api/client";
import { describeError, describeMoveError, isWipRefusal } from "./problems";

const wip = new ApiError(
  409,
  "Conflict",
  "the column 'In Progress' is at its WIP limit of 2; finish something first, or ask an admin to override",
  [{ field: "status", message: "'In Progress' allows 2 issues" }],
);

describe("describeMoveError", () => {
  it("names the column and the limit of a hard WIP refusal, and allows an override", () => {
    expect(isWipRefusal(wip)).toBe(true);
    expect(describeMoveError(wip)).toEqual({
      message:
        "Not moved: the column 'In Progress' is at its WIP limit of 2; finish something first, or ask an admin to override.",
      wipRefused: true,
    });
  });
  it("does not take another conflict for a WIP refusal", () => {
    const criteria = new ApiError(409, "Conflict", "acceptance criteria unmet: 1, 2", [
      { field: "acceptance_criteria", message: "unmet" },
    ]);
    expect(describeMoveError(criteria)).toEqual({
      message: "Not moved: acceptance criteria unmet: 1, 2.",
      wipRefused: false,
    });
  });
  it("says so when a non-admin may not override", () => {
    const forbidden = new ApiError(403, "Forbidden", "only admins and owners may override a WIP limit");
    expect(describeMoveError(forbidden).message).toBe(
      "Not moved: only admins and owners may override a WIP limit.",
    );
  });
  it("explains a stale issue and an unreachable server", () => {
    expect(describeMoveError(new ApiError(412, "Precondition Failed", "stale")).message).toMatch(
      /someone else changed this issue/,
    );
    expect(describeMoveError(new TypeError("fetch failed")).message).toBe(
      "Not moved: the server could not be reached.",
    );
  });
});

describe("describeError", () => {
  it("joins the detail and the fields at fault", () => {
    const invalid = new ApiError(422, "Invalid", "the sprint is invalid", [
      { field: "end_date", message: "is before start_date" },
    ]);
    expect(describeError(invalid)).toBe("The sprint is invalid — end_date: is before start_date");
  });
});
