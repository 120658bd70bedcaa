import { describe, expect, it } from "vitest";
import { effectiveSort, parseFilters, serializeFilters, withFilter } from "./filters";

describe("issue list filters in the URL", () => {
  it("reads every known filter and the sort", () => {
    const filters = parseFilters(new URLSearchParams("type=bug&status=todo&assignee=me&label=ui&q=login%20page&sort=-key"));
    expect(filters).toEqual({ type: "bug", status: "todo", assignee: "me", label: "ui", q: "login page", sort: "-key" });
  });

  it("drops unknown types and sorts, empty values and unknown parameters", () => {
    const filters = parseFilters(new URLSearchParams("type=banana&sort=title&status=&q=%20%20&page=3"));
    expect(filters).toEqual({});
  });

  it("writes the filters back in a stable order without empty ones", () => {
    const params = serializeFilters({ q: "crash", type: "bug", label: "", sort: "key" });
    expect(params.toString()).toBe("type=bug&q=crash&sort=key");
  });

  it("round-trips", () => {
    const text = "type=story&status=in_progress&assignee=none&label=api&q=x&sort=rank";
    expect(serializeFilters(parseFilters(new URLSearchParams(text))).toString()).toBe(text);
  });

  it("changes or removes one filter", () => {
    const start = { type: "bug" as const, q: "login" };
    expect(withFilter(start, "status", "done")).toEqual({ type: "bug", q: "login", status: "done" });
    expect(withFilter(start, "type", "")).toEqual({ q: "login" });
  });

  it("sorts by rank only with a status", () => {
    expect(effectiveSort({ sort: "rank" })).toBeUndefined();
    expect(effectiveSort({ sort: "rank", status: "todo" })).toBe("rank");
    expect(effectiveSort({ sort: "-key" })).toBe("-key");
  });
});
