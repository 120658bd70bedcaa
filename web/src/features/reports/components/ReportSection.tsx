// One report on the page: its own query, so it loads (or fails) on its own; then its
// chart, its numbers as a table, and its CSV.
import { useQuery } from "@tanstack/react-query";
import { useId, useMemo, type ReactNode } from "react";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { csvFilename } from "../csvFilename";
import { reportQuery, type ReportQuery } from "../api/reportRequests";
import type { ReportData, ReportName } from "../types";
import { DownloadCsvButton } from "./DownloadCsvButton";
import { ReportChart } from "./ReportChart";
import { ReportTable } from "./ReportTable";
import type { ReportView } from "./reportView";

interface Props<N extends ReportName> {
  project: string;
  report: N;
  title: string;
  /** The report's query; null while what it needs (the sprint) is not known yet. */
  query: ReportQuery | null;
  /** Keep it stable (a module function, or memoised): the chart redraws when it changes. */
  view: (data: ReportData<N>) => ReportView;
  /** The dates the answer covers, for the CSV's name. */
  range?: (data: ReportData<N>) => readonly [string, string];
  /** Set when the report cannot be asked for with these filters: why. */
  unavailable?: string;
  note?: string;
  controls?: ReactNode;
}

export function ReportSection<N extends ReportName>(props: Props<N>) {
  const { project, report, title, query, view, range, unavailable, note, controls } = props;
  const answer = useQuery({
    ...reportQuery(project, report, query ?? {}),
    enabled: query !== null && unavailable === undefined,
  });
  const headingId = useId();
  const shown = useMemo(() => (answer.data === undefined ? undefined : view(answer.data)), [answer.data, view]);
  const state =
    unavailable !== undefined || (shown?.empty ?? false) !== false
      ? "empty"
      : answer.isError
        ? "error"
        : shown === undefined
          ? "loading"
          : "ready";
  const filename = csvFilename(project, report, answer.data && range?.(answer.data));
  return (
    <section className="report" aria-labelledby={headingId} data-report={report} data-state={state}>
      <header className="report-head">
        <h2 id={headingId}>{title}</h2>
        {controls}
        {query !== null && unavailable === undefined && (
          <DownloadCsvButton project={project} report={report} query={query} filename={filename} title={title} />
        )}
      </header>
      {note !== undefined && <p className="report-note">{note}</p>}
      {state === "loading" && <p role="status" className="muted">Loading…</p>}
      {state === "error" && <ErrorNotice error={answer.error} />}
      {state === "empty" && <p className="report-empty">{unavailable ?? shown?.empty}</p>}
      {state === "ready" && shown !== undefined && (
        <>
          {shown.summary !== undefined && <p className="report-summary">{shown.summary}</p>}
          <ReportChart spec={shown.chart} label={`${title} chart`} />
          <ReportTable table={shown.table} caption={title} />
        </>
      )}
    </section>
  );
}
