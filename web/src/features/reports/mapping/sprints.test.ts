import { describe, expect, it } from "vitest";
import { backlogForecast, burndown, forecast, velocity } from "../test/fixtures";
import { series } from "../test/series";
import { burndownChart, burndownSummary, burndownTable } from "./burndown";
import {
  backlogForecastChart,
  backlogForecastSummary,
  backlogForecastTable,
  forecastChart,
  forecastSummary,
  forecastTable,
} from "./forecast";
import { velocityChart, velocitySummary, velocityTable } from "./velocity";

describe("velocity", () => {
  it("draws committed and completed points per sprint, oldest first", () => {
    const chart = velocityChart(velocity);
    expect(chart.type).toBe("bar");
    expect(chart.data.labels).toEqual(["WEB Sprint 1", "WEB Sprint 2"]);
    expect(series(chart)).toEqual([
      ["Committed points", [20, 24]],
      ["Completed points", [18, 24]],
    ]);
  });

  it("tables every figure of each sprint and sums up the average", () => {
    expect(velocityTable(velocity)).toEqual({
      columns: ["Sprint", "Committed points", "Completed points", "Committed issues", "Completed issues"],
      rows: [
        ["WEB Sprint 1", 20, 18, 8, 7],
        ["WEB Sprint 2", 24, 24, 9, 9],
      ],
    });
    expect(velocitySummary(velocity)).toBe("Average 21 points completed per sprint (± 3).");
    expect(velocitySummary({ ...velocity, sprints: [], average_points: null, standard_deviation_points: null }))
      .toBe("No completed sprint yet.");
  });
});

describe("burndown", () => {
  it("draws remaining against the ideal line, and completed against the scope", () => {
    const chart = burndownChart(burndown);
    expect(chart.data.labels).toEqual(["2026-03-02", "2026-03-03", "2026-03-04"]);
    expect(series(chart)).toEqual([
      ["Remaining points", [10, 8, 2]],
      ["Ideal", [10, 5, 0]],
      ["Completed points", [0, 3, 9]],
      ["Scope points", [10, 11, 11]],
    ]);
    expect(chart.data.datasets[1]?.borderDash).toEqual([6, 4]);
  });

  it("tables each day with the scope changes", () => {
    const table = burndownTable(burndown);
    expect(table.columns).toEqual([
      "Date", "Remaining points", "Completed points", "Scope points", "Ideal points",
      "Added points", "Removed points", "Remaining issues", "Completed issues",
    ]);
    expect(table.rows).toEqual([
      ["2026-03-02", 10, 0, 10, 10, 0, 0, 4, 0],
      ["2026-03-03", 8, 3, 11, 5, 1, 0, 3, 1],
      ["2026-03-04", 2, 9, 11, 0, 0, 0, 1, 4],
    ]);
    expect(burndownSummary(burndown)).toBe(
      "WEB Sprint 3, 2026-03-02 to 2026-03-04: committed 10 points in 4 issues.",
    );
  });
});

describe("forecasts", () => {
  it("draws the sprint's chance of being done by each day, in percent", () => {
    const chart = forecastChart(forecast);
    expect(chart.data.labels).toEqual(["2026-03-03", "2026-03-04"]);
    expect(series(chart)).toEqual([
      ["Issues done (%)", [10, 42.1]],
      ["Points done (%)", [5, 25]],
    ]);
    expect(forecastTable(forecast).rows).toEqual([
      ["2026-03-03", 1, 10, 5],
      ["2026-03-04", 2, 42.1, 25],
    ]);
    expect(forecastSummary(forecast)).toBe(
      "3 issues (8 points) left, 2 days to 2026-03-04: 42.1% chance for the issues, 25% for the points.",
    );
  });

  it("draws the backlog's chance of being done within each number of sprints", () => {
    const chart = backlogForecastChart(backlogForecast);
    expect(chart.type).toBe("bar");
    expect(chart.data.labels).toEqual(["1", "2", "3"]);
    expect(series(chart)).toEqual([
      ["Issues done (%)", [0, 90, 100]],
      ["Points done (%)", [0, 60, 100]],
    ]);
    expect(backlogForecastTable(backlogForecast)).toEqual({
      columns: ["Sprints", "Issues done (%)", "Points done (%)"],
      rows: [[1, 0, 0], [2, 90, 60], [3, 100, 100]],
    });
    expect(backlogForecastSummary(backlogForecast)).toBe(
      "The top 12 backlog issues (40 points): 85% chance within 2 sprints.",
    );
  });
});
