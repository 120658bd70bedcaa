// What a live event makes stale in the query cache. Refetching what is shown keeps it
// right; an issue being edited here is refetched only once its editor loses focus, so a
// draft is never replaced under the user's fingers.
import type { QueryClient } from "@tanstack/react-query";
import { INBOX_CHANGED, type LiveEvent } from "./eventStream";

const EDITING = "input:not([type=checkbox]):not([type=radio]), textarea, select, [contenteditable=true]";

function editing(): Element | null {
  const active = document.activeElement;
  return active?.matches(EDITING) ? active : null;
}

/** Refetch the issue now, or when the field being edited loses focus. */
function refreshIssue(client: QueryClient, key: string) {
  const refresh = () => void client.invalidateQueries({ queryKey: ["issue", key] });
  const field = editing();
  if (field === null) {
    refresh();
  } else {
    void client.invalidateQueries({ queryKey: ["issue", key], refetchType: "none" });
    field.addEventListener("blur", () => { setTimeout(refresh, 0); }, { once: true });
  }
}

/** Mark the caches `event` changed as stale, refetching those on screen. */
export function applyLiveEvent(client: QueryClient, project: string, event: LiveEvent) {
  const key = typeof event.data.key === "string" ? event.data.key : null;
  const issueKey = typeof event.data.issue === "string" ? event.data.issue : key;
  const touchesIssues = event.kind.startsWith("issue.") || event.kind.startsWith("sprint.") || event.kind === "reconnected";
  if (touchesIssues) {
    void client.invalidateQueries({ queryKey: ["planning", project] });
    void client.invalidateQueries({ queryKey: ["issues", "list", project] });
  }
  if (event.kind.startsWith("sprint.") || event.kind.startsWith("project.") || event.kind === "reconnected") {
    void client.invalidateQueries({ queryKey: ["projects", project] });
  }
  if (event.kind === "reconnected") {
    for (const query of client.getQueryCache().findAll({ queryKey: ["issue"] })) {
      const cachedKey = query.queryKey[1];
      if (typeof cachedKey === "string" && cachedKey.startsWith(`${project}-`)) refreshIssue(client, cachedKey);
    }
  } else if (issueKey !== null) {
    refreshIssue(client, issueKey);
  }
  // The server announces the reader's new notifications once they are written; after a
  // reconnect, some may have come meanwhile.
  if (event.kind === INBOX_CHANGED || event.kind === "reconnected") {
    void client.invalidateQueries({ queryKey: ["me"], exact: true });
    void client.invalidateQueries({ queryKey: ["notifications"] });
  }
}
