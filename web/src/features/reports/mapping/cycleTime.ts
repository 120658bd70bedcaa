// Cycle and lead time: a point per resolved issue (by its resolution day), with the
// cycle time's percentile lines.
import type { CycleTime, Table } from "../types";
import { dayLabel, dayNumber, titledAxes, type ScatterSpec } from "./chart";
import { SERIES } from "./colors";
import { describePercentiles, percentileLines } from "./percentiles";

export function cycleTimeChart(report: CycleTime): ScatterSpec {
  const from = dayNumber(report.from);
  const to = dayNumber(report.to) + 1;
  const point = (color: string) => ({
    borderColor: color,
    backgroundColor: color,
    pointRadius: 3,
  });
  const cycle = report.issues.flatMap((issue) =>
    issue.cycle_time_days === null
      ? []
      : [{ x: dayNumber(issue.resolved_at), y: issue.cycle_time_days }],
  );
  const lead = report.issues.map((issue) => ({ x: dayNumber(issue.resolved_at), y: issue.lead_time_days }));
  const scales = titledAxes("Resolved", "Days");
  return {
    type: "scatter",
    data: {
      datasets: [
        { label: "Cycle time", data: cycle, ...point(SERIES.issues) },
        { label: "Lead time", data: lead, ...point(SERIES.lead) },
        ...percentileLines("Cycle time", report.cycle_time_days, from, to),
      ],
    },
    options: {
      plugins: { legend: { position: "top" } },
      scales: {
        ...scales,
        x: { ...scales.x, type: "linear", min: from, max: to, ticks: { callback: dayLabel } },
      },
    },
  };
}

export function cycleTimeTable(report: CycleTime): Table {
  return {
    columns: ["Issue", "Type", "Points", "Resolved", "Lead time (days)", "Cycle time (days)"],
    rows: report.issues.map((issue) => [
      issue.key,
      issue.type,
      issue.points ?? "—",
      issue.resolved_at.slice(0, 10),
      issue.lead_time_days,
      issue.cycle_time_days ?? "—",
    ]),
  };
}

export function cycleTimeSummary(report: CycleTime): string {
  return (
    `${report.issues.length} issues resolved from ${report.from} to ${report.to}. ` +
    `Cycle time: ${describePercentiles(report.cycle_time_days)}. ` +
    `Lead time: ${describePercentiles(report.lead_time_days)}.`
  );
}
