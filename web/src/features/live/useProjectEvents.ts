import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { api, unwrap } from "../../api/client";
import { openEventStream } from "./eventStream";
import { applyLiveEvent } from "./applyLiveEvent";

/** Keep the project's cached board, backlog, issue lists and open issues in step with
 * everyone else's changes, for as long as the calling component is mounted. */
export function useProjectEvents(project: string | undefined) {
  const client = useQueryClient();
  useEffect(() => {
    if (!project) return undefined;
    return openEventStream({
      ticket: async () =>
        unwrap(await api.POST("/api/v1/projects/{key}/events/ticket", { params: { path: { key: project } } })).ticket,
      url: (ticket, lastEventId) => {
        const query = new URLSearchParams({ ticket });
        if (lastEventId !== null) query.set("last_event_id", lastEventId);
        return `/api/v1/projects/${encodeURIComponent(project)}/events?${query.toString()}`;
      },
      onEvent: (event) => { applyLiveEvent(client, project, event); },
      onReconnect: () => { applyLiveEvent(client, project, { id: "", kind: "reconnected", data: {} }); },
    });
  }, [client, project]);
}
