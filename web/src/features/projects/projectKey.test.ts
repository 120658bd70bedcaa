import { describe, expect, it } from "vitest";
import { isProjectKey, normaliseKey, suggestKey } from "./projectKey";

describe("the key suggested from a project name", () => {
  it.each([
    ["Web Platform", "WP"],
    ["Customer support portal", "CSP"],
    ["Mobile", "MOB"],
    ["Docs", "DOCS"],
    ["Crème brûlée", "CB"],
    ["2026 roadmap", "ROA"],
    ["Q3 launch-plan", "QLP"],
    ["a b c d e f g h i j k l", "ABCDEFGHIJ"],
  ])("suggests a key for %j: %s", (name, key) => {
    expect(suggestKey(name)).toBe(key);
    expect(isProjectKey(key)).toBe(true);
  });

  it("suggests nothing when the name has no letters yet", () => {
    expect(suggestKey("")).toBe("");
    expect(suggestKey("  -- ")).toBe("");
  });

  it("turns what is typed into a key", () => {
    expect(normaliseKey("web-2 app")).toBe("WEB2APP");
    expect(normaliseKey("abcdefghijklmn")).toBe("ABCDEFGHIJ");
  });
});
