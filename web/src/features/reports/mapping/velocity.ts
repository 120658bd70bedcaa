// Velocity: committed and completed points of the last completed sprints.
import type { Table, Velocity } from "../types";
import { chartOptions, type BarSpec } from "./chart";
import { SERIES } from "./colors";

export function velocityChart(report: Velocity): BarSpec {
  return {
    type: "bar",
    data: {
      labels: report.sprints.map((sprint) => sprint.name),
      datasets: [
        {
          label: "Committed points",
          data: report.sprints.map((sprint) => sprint.committed_points),
          backgroundColor: SERIES.committed,
        },
        {
          label: "Completed points",
          data: report.sprints.map((sprint) => sprint.completed_points),
          backgroundColor: SERIES.completed,
        },
      ],
    },
    options: chartOptions("Sprint", "Points"),
  };
}

export function velocityTable(report: Velocity): Table {
  return {
    columns: ["Sprint", "Committed points", "Completed points", "Committed issues", "Completed issues"],
    rows: report.sprints.map((sprint) => [
      sprint.name,
      sprint.committed_points,
      sprint.completed_points,
      sprint.committed_issues,
      sprint.completed_issues,
    ]),
  };
}

export function velocitySummary(report: Velocity): string {
  if (report.average_points === null) return "No completed sprint yet.";
  const spread = report.standard_deviation_points ?? 0;
  return `Average ${report.average_points} points completed per sprint (± ${spread}).`;
}
