// GET /projects/{key}/reports/<name>: a report as JSON for its chart, or as CSV for a
// download, through the signed-in client (so both carry the access token).
import { queryOptions } from "@tanstack/react-query";
import { api, toApiError } from "../../../api/client";
import type { ReportData, ReportName } from "../types";

/** A report's query parameters; an undefined one is left out of the URL. */
export type ReportQuery = Record<string, string | number | undefined>;

interface LooseAnswer {
  data?: unknown;
  error?: unknown;
  response: Response;
}

// The typed client knows each report's path; this reaches any of them by name.
type LooseGet = (
  path: string,
  init: {
    params: { path: { key: string }; query: ReportQuery };
    parseAs: "json" | "blob";
    signal?: AbortSignal;
  },
) => Promise<LooseAnswer>;

async function getReport(
  project: string,
  name: ReportName,
  query: ReportQuery,
  parseAs: "json" | "blob",
  signal?: AbortSignal,
): Promise<unknown> {
  const get = api.GET as unknown as LooseGet;
  const answer = await get(`/api/v1/projects/{key}/reports/${name}`, {
    params: { path: { key: project }, query },
    parseAs,
    signal,
  });
  if (!answer.response.ok) {
    throw toApiError(answer.response.status, answer.error);
  }
  return answer.data;
}

export const reportKeys = {
  all: (project: string) => ["reports", project] as const,
  report: (project: string, name: ReportName, query: ReportQuery) =>
    ["reports", project, name, query] as const,
};

/** The query of one report's JSON. */
export function reportQuery<N extends ReportName>(project: string, name: N, query: ReportQuery) {
  return queryOptions({
    queryKey: reportKeys.report(project, name, query),
    queryFn: async ({ signal }) =>
      (await getReport(project, name, query, "json", signal)) as ReportData<N>,
  });
}

/** The same report as CSV, as the bytes the API sent. */
export async function fetchReportCsv(
  project: string,
  name: ReportName,
  query: ReportQuery,
): Promise<Blob> {
  return (await getReport(project, name, { ...query, format: "csv" }, "blob")) as Blob;
}
