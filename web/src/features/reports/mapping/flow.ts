// Cumulative flow: the issues in each status per day, as stacked areas (the last
// status of the workflow at the bottom, as the work flows down into it).
import type { CumulativeFlow, Table } from "../types";
import { chartOptions, type LineSpec } from "./chart";
import { statusColors, translucent } from "./colors";

export function flowChart(report: CumulativeFlow): LineSpec {
  const colors = statusColors(report.statuses);
  const bottomUp = [...report.statuses].reverse();
  const options = chartOptions("Day", "Issues", true);
  return {
    type: "line",
    data: {
      labels: report.days.map((day) => day.date),
      datasets: bottomUp.map((status, index) => {
        const color = colors.get(status.id) ?? "#adb5bd";
        return {
          label: status.name,
          data: report.days.map((day) => day.counts[status.id] ?? 0),
          borderColor: color,
          backgroundColor: translucent(color),
          fill: index === 0 ? "origin" : "-1",
          pointRadius: 0,
          borderWidth: 1,
        };
      }),
    },
    options: { ...options, plugins: { legend: { position: "top", reverse: true } } },
  };
}

export function flowTable(report: CumulativeFlow): Table {
  return {
    columns: ["Date", ...report.statuses.map((status) => status.name)],
    rows: report.days.map((day) => [
      day.date,
      ...report.statuses.map((status) => day.counts[status.id] ?? 0),
    ]),
  };
}
