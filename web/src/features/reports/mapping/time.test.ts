import { describe, expect, it } from "vitest";
import { team, timesheet, timeTracking } from "../test/fixtures";
import { series } from "../test/series";
import { teamChart, teamTable } from "./team";
import { MOST_BARS, rowName, timeTrackingChart, timeTrackingSummary, timeTrackingTable } from "./timeTracking";
import { rangeDays, timesheetChart, timesheetSummary, timesheetTable } from "./timesheet";

describe("time tracking", () => {
  it("draws estimate, logged and remaining hours per group", () => {
    const chart = timeTrackingChart(timeTracking);
    expect(chart.data.labels).toEqual(["Ann", "Unassigned"]);
    expect(series(chart)).toEqual([
      ["Estimate (h)", [8, 0]],
      ["Logged (h)", [9, 1.5]],
      ["Remaining (h)", [0.5, 0]],
    ]);
    expect(chart.options?.scales?.x?.title?.text).toBe("Assignee");
  });

  it("labels an issue or an epic by key and title, a person by name", () => {
    const epic = { ...timeTracking.total, key: "WEB-1", name: "Checkout" };
    expect(rowName(epic, "epic")).toBe("WEB-1 Checkout");
    expect(rowName(epic, "issue")).toBe("WEB-1 Checkout");
    expect(rowName({ ...epic, key: "none", name: null }, "epic")).toBe("No epic");
    expect(rowName({ ...epic, key: "u1", name: "Ann" }, "assignee")).toBe("Ann");
  });

  it("draws at most MOST_BARS groups", () => {
    const rows = Array.from({ length: MOST_BARS + 5 }, (_, n) => ({ ...timeTracking.total, key: `WEB-${n}` }));
    expect(timeTrackingChart({ ...timeTracking, rows }).data.labels).toHaveLength(MOST_BARS);
    expect(timeTrackingSummary({ ...timeTracking, rows })).toBe("45 rows. The chart shows the first 40.");
    expect(timeTrackingSummary(timeTracking)).toBe("2 rows.");
  });

  it("tables every row, then the total", () => {
    expect(timeTrackingTable(timeTracking)).toEqual({
      columns: ["Key", "Name", "Issues", "Estimate (h)", "Logged (h)", "Remaining (h)", "Over (h)", "Logged / estimate"],
      rows: [
        ["u1", "Ann", 2, 8, 9, 0.5, 1, 1.13],
        ["none", "—", 1, 0, 1.5, 0, 1.5, "—"],
        ["Total", "—", 3, 8, 10.5, 0.5, 2.5, 1.31],
      ],
    });
  });
});

describe("timesheet", () => {
  it("stacks each person's hours on every day of the range, empty days included", () => {
    expect(rangeDays("2026-02-27", "2026-03-02")).toEqual(["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]);
    const chart = timesheetChart(timesheet);
    expect(chart.data.labels).toEqual(["2026-03-01", "2026-03-02", "2026-03-03"]);
    expect(series(chart)).toEqual([
      ["Ann", [1.5, 0, 2]],
      ["Former account", [0, 1.5, 0]],
    ]);
    expect(chart.options?.scales?.y?.stacked).toBe(true);
  });

  it("tables a row per person and day with time logged", () => {
    expect(timesheetTable(timesheet).rows).toEqual([
      ["Ann", "2026-03-01", 1.5],
      ["Ann", "2026-03-03", 2],
      ["Former account", "2026-03-02", 1.5],
    ]);
    expect(timesheetSummary(timesheet)).toBe("5 h logged from 2026-03-01 to 2026-03-03.");
  });
});

describe("team", () => {
  it("draws issues resolved and points completed per member", () => {
    const chart = teamChart(team);
    expect(chart.data.labels).toEqual(["Ann", "Bob (former member)"]);
    expect(series(chart)).toEqual([
      ["Issues resolved", [4, 1]],
      ["Points completed", [11, 2]],
    ]);
  });

  it("tables every figure of each member", () => {
    expect(teamTable(team).rows).toEqual([
      ["Ann", "owner", 4, 11, 10.5, 1.5, 3, 1],
      ["Bob (former member)", "—", 1, 2, 0, "—", 0, 0],
    ]);
  });
});
