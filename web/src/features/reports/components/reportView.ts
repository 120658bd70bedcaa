// What a report section shows of an answer, put together from the report's mapping.
import type { ChartSpec } from "../mapping/chart";
import type { Table } from "../types";

/** A report's chart, its table, a sentence; or, when there is nothing to draw, why. */
export interface ReportView {
  chart: ChartSpec;
  table: Table;
  summary?: string;
  empty?: string | false;
}

type Part<T, R> = (report: T) => R;

/** The view of a report, from its mapping functions and its test for "nothing to draw". */
export function viewOf<T>(
  chart: Part<T, ChartSpec>,
  table: Part<T, Table>,
  summary: Part<T, string> | null,
  empty: Part<T, string | false>,
): Part<T, ReportView> {
  return (report) => ({
    chart: chart(report),
    table: table(report),
    summary: summary?.(report),
    empty: empty(report),
  });
}
