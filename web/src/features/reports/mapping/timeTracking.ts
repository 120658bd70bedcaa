// Time tracking: estimate against time logged, per issue, assignee or epic.
import type { Table, TimeTracking } from "../types";
import { chartOptions, hours, type BarSpec } from "./chart";
import { SERIES } from "./colors";

/** Bars beyond this many would be too thin to read; the table and the CSV have every row. */
export const MOST_BARS = 40;

/** A row as its bar is labelled: a person by name, an issue or epic by key and title. */
export function rowName(row: TimeTracking["rows"][number], groupBy: TimeTracking["group_by"]): string {
  if (row.key === "none") return groupBy === "assignee" ? "Unassigned" : "No epic";
  if (groupBy === "assignee") return row.name ?? row.key;
  return row.name === null ? row.key : `${row.key} ${row.name}`;
}

export function timeTrackingChart(report: TimeTracking): BarSpec {
  const rows = report.rows.slice(0, MOST_BARS);
  const bars = (label: string, minutes: number[], color: string) => ({
    label,
    data: minutes.map(hours),
    backgroundColor: color,
  });
  const by = { issue: "Issue", assignee: "Assignee", epic: "Epic" }[report.group_by];
  return {
    type: "bar",
    data: {
      labels: rows.map((row) => rowName(row, report.group_by)),
      datasets: [
        bars("Estimate (h)", rows.map((row) => row.estimate_minutes), SERIES.estimate),
        bars("Logged (h)", rows.map((row) => row.logged_minutes), SERIES.logged),
        bars("Remaining (h)", rows.map((row) => row.remaining_minutes), SERIES.scope),
      ],
    },
    options: chartOptions(by, "Hours"),
  };
}

export function timeTrackingTable(report: TimeTracking): Table {
  return {
    columns: ["Key", "Name", "Issues", "Estimate (h)", "Logged (h)", "Remaining (h)", "Over (h)", "Logged / estimate"],
    rows: [...report.rows, report.total].map((row) => [
      row.key === "total" ? "Total" : row.key,
      row.name ?? "—",
      row.issues,
      hours(row.estimate_minutes),
      hours(row.logged_minutes),
      hours(row.remaining_minutes),
      hours(row.over_minutes),
      row.ratio ?? "—",
    ]),
  };
}

export function timeTrackingSummary(report: TimeTracking): string {
  const more = report.rows.length > MOST_BARS ? ` The chart shows the first ${MOST_BARS}.` : "";
  return `${report.rows.length} rows.${more}`;
}
