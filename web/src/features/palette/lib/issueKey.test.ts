import { describe, expect, it } from "vitest";
import { issueKeyIn } from "./issueKey";

describe("issueKeyIn", () => {
  it("reads a key in any case, anywhere", () => {
    expect(issueKeyIn("web-12", null)).toBe("WEB-12");
    expect(issueKeyIn(" P2-007 ", "OPS")).toBe("P2-7");
  });

  it("reads a number as an issue of the current project", () => {
    expect(issueKeyIn("123", "BIG")).toBe("BIG-123");
    expect(issueKeyIn("#5", "BIG")).toBe("BIG-5");
    expect(issueKeyIn("123", null)).toBeNull();
    expect(issueKeyIn("0", "BIG")).toBeNull();
  });

  it("sees words as words", () => {
    expect(issueKeyIn("login", "BIG")).toBeNull();
    expect(issueKeyIn("fix web-12", "BIG")).toBeNull();
    expect(issueKeyIn("1-2", "BIG")).toBeNull();
    expect(issueKeyIn("WEB-", "BIG")).toBeNull();
  });
});
