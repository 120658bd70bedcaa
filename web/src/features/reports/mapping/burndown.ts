// Burndown and burnup of one sprint: remaining work against the ideal line, and completed
// work against the scope.
import type { Burndown, Table } from "../types";
import { chartOptions, lineSeries, type LineSpec } from "./chart";
import { SERIES } from "./colors";

export function burndownChart(report: Burndown): LineSpec {
  const days = report.days;
  return {
    type: "line",
    data: {
      labels: days.map((day) => day.date),
      datasets: [
        lineSeries("Remaining points", days.map((day) => day.remaining_points), SERIES.remaining),
        {
          ...lineSeries("Ideal", days.map((day) => day.ideal_points), SERIES.ideal),
          borderDash: [6, 4],
          pointRadius: 0,
        },
        lineSeries("Completed points", days.map((day) => day.completed_points), SERIES.completed),
        lineSeries(
          "Scope points",
          days.map((day) => day.remaining_points + day.completed_points),
          SERIES.scope,
        ),
      ],
    },
    options: chartOptions("Day", "Points"),
  };
}

export function burndownTable(report: Burndown): Table {
  return {
    columns: [
      "Date",
      "Remaining points",
      "Completed points",
      "Scope points",
      "Ideal points",
      "Added points",
      "Removed points",
      "Remaining issues",
      "Completed issues",
    ],
    rows: report.days.map((day) => [
      day.date,
      day.remaining_points,
      day.completed_points,
      day.remaining_points + day.completed_points,
      day.ideal_points,
      day.added_points,
      day.removed_points,
      day.remaining_issues,
      day.completed_issues,
    ]),
  };
}

export function burndownSummary(report: Burndown): string {
  const { sprint } = report;
  return `${sprint.name}, ${sprint.start_date} to ${sprint.end_date}: committed ${sprint.committed_points} points in ${sprint.committed_issues} issues.`;
}
