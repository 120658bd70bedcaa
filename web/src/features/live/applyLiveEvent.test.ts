import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import { applyLiveEvent } from "./applyLiveEvent";

afterEach(() => {
  document.body.innerHTML = "";
});

function watchedIssue(client: QueryClient, fetchIssue: () => Promise<{ title: string }>) {
  const observer = new QueryObserver(client, { queryKey: ["issue", "WEB-1"], queryFn: fetchIssue });
  return observer.subscribe(() => undefined);
}

describe("applyLiveEvent", () => {
  it("refetches a changed issue that is shown", async () => {
    const client = new QueryClient();
    const fetchIssue = vi.fn(() => Promise.resolve({ title: "theirs" }));
    const stop = watchedIssue(client, fetchIssue);
    await vi.waitFor(() => { expect(client.getQueryData(["issue", "WEB-1"])).toBeDefined(); });
    applyLiveEvent(client, "WEB", { id: "e1", kind: "issue.updated", data: { key: "WEB-1" } });
    await vi.waitFor(() => { expect(fetchIssue).toHaveBeenCalledTimes(2); });
    stop();
  });

  it("waits until the field being typed in loses focus before refetching the issue", async () => {
    const client = new QueryClient();
    const fetchIssue = vi.fn(() => Promise.resolve({ title: "theirs" }));
    const stop = watchedIssue(client, fetchIssue);
    await vi.waitFor(() => { expect(client.getQueryData(["issue", "WEB-1"])).toBeDefined(); });
    const field = document.createElement("input");
    document.body.append(field);
    field.focus();

    applyLiveEvent(client, "WEB", { id: "e1", kind: "issue.updated", data: { key: "WEB-1" } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fetchIssue).toHaveBeenCalledTimes(1);
    expect(client.getQueryState(["issue", "WEB-1"])?.isInvalidated).toBe(true);

    field.blur();
    await vi.waitFor(() => { expect(fetchIssue).toHaveBeenCalledTimes(2); });
    stop();
  });
});
