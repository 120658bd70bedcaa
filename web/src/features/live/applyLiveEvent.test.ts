import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import { applyLiveEvent } from "./applyLiveEvent";
import { INBOX_CHANGED } from "./eventStream";

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

  it("refetches the unread count and notifications when the reader's inbox changed, not at every event", async () => {
    const client = new QueryClient();
    const fetchMe = vi.fn(() => Promise.resolve({ unread_notifications: 0 }));
    const fetchRecent = vi.fn(() => Promise.resolve([]));
    const stops = [
      new QueryObserver(client, { queryKey: ["me"], queryFn: fetchMe }).subscribe(() => undefined),
      new QueryObserver(client, { queryKey: ["notifications", "recent"], queryFn: fetchRecent }).subscribe(() => undefined),
    ];
    await vi.waitFor(() => { expect(fetchRecent).toHaveBeenCalledTimes(1); });

    applyLiveEvent(client, "WEB", { id: "e1", kind: "comment.added", data: { key: "WEB-1", issue: "WEB-1" } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fetchMe).toHaveBeenCalledTimes(1);
    expect(fetchRecent).toHaveBeenCalledTimes(1);

    applyLiveEvent(client, "WEB", { id: "e2", kind: INBOX_CHANGED, data: {} });
    await vi.waitFor(() => { expect(fetchMe).toHaveBeenCalledTimes(2); });
    await vi.waitFor(() => { expect(fetchRecent).toHaveBeenCalledTimes(2); });
    for (const stop of stops) stop();
  });
});
