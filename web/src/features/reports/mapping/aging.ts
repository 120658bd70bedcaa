// Aging work in progress: a point per open issue in its status column, by its age, with
// the recent cycle time's percentile lines to show what is getting old.
import type { AgingWip, Status, Table } from "../types";
import { titledAxes, type ScatterSpec } from "./chart";
import { statusColors } from "./colors";
import { percentileLines } from "./percentiles";

/** The statuses the issues stand in, in workflow order (unknown ones after). */
export function agingColumns(report: AgingWip, workflow: readonly Status[]): string[] {
  const held = new Set(report.issues.map((issue) => issue.status));
  const known = workflow.map((status) => status.id).filter((id) => held.has(id));
  return [...known, ...[...held].filter((id) => !known.includes(id)).sort()];
}

// Issues of one column spread a little sideways so that equal ages stay visible.
function jitter(index: number): number {
  return ((index % 7) - 3) / 20;
}

export function agingChart(report: AgingWip, workflow: readonly Status[]): ScatterSpec {
  const columns = agingColumns(report, workflow);
  const names = new Map(workflow.map((status) => [status.id, status.name]));
  const colors = statusColors(workflow);
  const scales = titledAxes("Status", "Age (days since started)");
  return {
    type: "scatter",
    data: {
      datasets: [
        ...columns.map((status, column) => {
          const color = colors.get(status) ?? "#868e96";
          return {
            label: names.get(status) ?? status,
            data: report.issues
              .filter((issue) => issue.status === status)
              .map((issue, index) => ({ x: column + jitter(index), y: issue.age_days })),
            borderColor: color,
            backgroundColor: color,
            pointRadius: 3,
          };
        }),
        ...percentileLines("Cycle time", report.reference.cycle_time_days, -0.5, columns.length - 0.5),
      ],
    },
    options: {
      plugins: { legend: { position: "top" } },
      scales: {
        ...scales,
        x: {
          ...scales.x,
          type: "linear",
          min: -0.5,
          max: columns.length - 0.5,
          // A tick per column, named after its status.
          afterBuildTicks: (axis) => {
            axis.ticks = columns.map((_, column) => ({ value: column }));
          },
          ticks: {
            callback: (value) => names.get(columns[Number(value)] ?? "") ?? columns[Number(value)] ?? "",
          },
        },
      },
    },
  };
}

export function agingTable(
  report: AgingWip,
  workflow: readonly Status[],
  people: ReadonlyMap<string, string>,
): Table {
  const names = new Map(workflow.map((status) => [status.id, status.name]));
  return {
    columns: ["Issue", "Title", "Status", "Assignee", "Age (days)", "Days in status"],
    rows: report.issues.map((issue) => [
      issue.key,
      issue.title,
      names.get(issue.status) ?? issue.status,
      issue.assignee === null ? "Unassigned" : (people.get(issue.assignee) ?? issue.assignee),
      issue.age_days,
      issue.days_in_status,
    ]),
  };
}
