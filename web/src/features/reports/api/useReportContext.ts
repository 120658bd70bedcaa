// What the reports page needs besides the reports: every sprint (completed ones too, for
// their burndowns) and the project's epics, for the filter bar.
import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { fetchAllSprints } from "../../planning/api/useSprints";
import { reportKeys } from "./reportRequests";

const EPICS_SHOWN = 200;

/** Every sprint of the project, whatever its state. */
export function useAllSprints(project: string) {
  return useQuery({
    queryKey: [...reportKeys.all(project), "sprints"],
    queryFn: ({ signal }) => fetchAllSprints(project, signal),
    staleTime: 60_000,
  });
}

/** The project's epics (the first `EPICS_SHOWN` by key), to filter reports by. */
export function useEpics(project: string) {
  return useQuery({
    queryKey: [...reportKeys.all(project), "epics"],
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET("/api/v1/projects/{key}/issues", {
          params: { path: { key: project }, query: { type: "epic", sort: "key", limit: EPICS_SHOWN } },
          signal,
        }),
      ).items,
    staleTime: 60_000,
  });
}
