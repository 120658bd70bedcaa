// Forecasts: the chance of being done within each day (the sprint) or each number of
// sprints (the top of the backlog), for issues and for points.
import type { BacklogForecast, SprintForecast, Table } from "../types";
import { chartOptions, lineSeries, percent, type BarSpec, type LineSpec } from "./chart";
import { SERIES } from "./colors";

interface Chance {
  issues_probability: number;
  points_probability: number;
}

const ISSUES = "Issues done (%)";
const POINTS = "Points done (%)";

/** The chances of each row, in percent, for issues and for points. */
function chances(rows: readonly Chance[]) {
  return {
    issues: rows.map((row) => percent(row.issues_probability)),
    points: rows.map((row) => percent(row.points_probability)),
  };
}

function percentOptions(x: string) {
  const options = chartOptions(x, "Chance done (%)");
  return { ...options, scales: { ...options.scales, y: { ...options.scales.y, max: 100 } } };
}

export function forecastChart(report: SprintForecast): LineSpec {
  const { issues, points } = chances(report.distribution);
  return {
    type: "line",
    data: {
      labels: report.distribution.map((day) => day.date),
      datasets: [lineSeries(ISSUES, issues, SERIES.issues), lineSeries(POINTS, points, SERIES.points)],
    },
    options: percentOptions("Done by"),
  };
}

export function forecastTable(report: SprintForecast): Table {
  return {
    columns: ["Date", "Days", ISSUES, POINTS],
    rows: report.distribution.map((day) => [
      day.date,
      day.days,
      percent(day.issues_probability),
      percent(day.points_probability),
    ]),
  };
}

export function forecastSummary(report: SprintForecast): string {
  return (
    `${report.remaining_issues} issues (${report.remaining_points} points) left, ${report.days_left} days to ${report.sprint.end_date}: ` +
    `${percent(report.issues.probability)}% chance for the issues, ${percent(report.points.probability)}% for the points.`
  );
}

export function backlogForecastChart(report: BacklogForecast): BarSpec {
  const { issues, points } = chances(report.distribution);
  return {
    type: "bar",
    data: {
      labels: report.distribution.map((row) => String(row.sprints)),
      datasets: [
        { label: ISSUES, data: issues, backgroundColor: SERIES.issues },
        { label: POINTS, data: points, backgroundColor: SERIES.points },
      ],
    },
    options: percentOptions("Sprints"),
  };
}

export function backlogForecastTable(report: BacklogForecast): Table {
  return {
    columns: ["Sprints", ISSUES, POINTS],
    rows: report.distribution.map((row) => [
      row.sprints,
      percent(row.issues_probability),
      percent(row.points_probability),
    ]),
  };
}

export function backlogForecastSummary(report: BacklogForecast): string {
  const p85 = report.issue_sprints.p85;
  const within = p85 === null ? "more sprints than forecast" : `${p85} sprint${p85 === 1 ? "" : "s"}`;
  return `The top ${report.issues} backlog issues (${report.points} points): 85% chance within ${within}.`;
}
