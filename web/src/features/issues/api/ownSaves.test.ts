import { describe, expect, it } from "vitest";
import { ownVersion, recordOwnSave } from "./ownSaves";

describe("ownVersion", () => {
  it("keeps a version no save of ours started from", () => {
    expect(ownVersion("OWN-1", 7)).toBe(7);
  });

  it("follows a chain of our own saves to the newest", () => {
    recordOwnSave("OWN-2", 3, 4);
    recordOwnSave("OWN-2", 4, 5);
    expect(ownVersion("OWN-2", 3)).toBe(5);
    expect(ownVersion("OWN-2", 4)).toBe(5);
  });

  it("stops where someone else's change comes in between", () => {
    recordOwnSave("OWN-3", 3, 4);
    recordOwnSave("OWN-3", 5, 6);
    expect(ownVersion("OWN-3", 3)).toBe(4);
  });

  it("keeps issues apart", () => {
    recordOwnSave("OWN-4", 1, 2);
    expect(ownVersion("OWN-5", 1)).toBe(1);
  });
});
