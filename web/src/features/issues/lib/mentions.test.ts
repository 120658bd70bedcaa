import { describe, expect, it } from "vitest";
import { members } from "../test/fixtures";
import { applyMention, mentionAt, suggestMembers } from "./mentions";

describe("@mention suggestions", () => {
  it("finds the @word at the caret", () => {
    expect(mentionAt("hello @an", 9)).toEqual({ start: 6, query: "an" });
    expect(mentionAt("@", 1)).toEqual({ start: 0, query: "" });
    expect(mentionAt("(@bob", 5)).toEqual({ start: 1, query: "bob" });
  });

  it("ignores an @ inside an email address, or once a space follows", () => {
    expect(mentionAt("mail ann@example", 16)).toBeNull();
    expect(mentionAt("@ann said", 9)).toBeNull();
    expect(mentionAt("no mention", 10)).toBeNull();
  });

  it("suggests members by handle or name, prefix matches first", () => {
    expect(suggestMembers(members, "ann").map((s) => s.handle)).toEqual(["ann", "annika"]);
    expect(suggestMembers(members, "smi").map((s) => s.handle)).toEqual(["bob.smith"]);
    expect(suggestMembers(members, "berg").map((s) => s.handle)).toEqual(["annika"]);
    expect(suggestMembers(members, "zzz")).toEqual([]);
    expect(suggestMembers(members, "", 2)).toHaveLength(2);
  });

  it("labels a suggestion with the name and the handle", () => {
    expect(suggestMembers(members, "bob")[0]).toEqual({ handle: "bob.smith", label: "Bob Smith (@bob.smith)", userId: "u2" });
  });

  it("inserts the handle in place of what was typed", () => {
    const text = "ping @an about this";
    const mention = mentionAt(text, 8);
    expect(mention).not.toBeNull();
    if (mention === null) return;
    expect(applyMention(text, 8, mention, "annika")).toEqual({ text: "ping @annika  about this", caret: 13 });
  });
});
