import { describe, expect, it } from "vitest";
import { aging, cycleTime, flow, workflow } from "../test/fixtures";
import { agingChart, agingColumns, agingTable } from "./aging";
import { dayLabel, dayNumber } from "./chart";
import { statusColors } from "./colors";
import { cycleTimeChart, cycleTimeSummary, cycleTimeTable } from "./cycleTime";
import { flowChart, flowTable } from "./flow";

describe("cumulative flow", () => {
  it("stacks a filled area per status, the workflow's last status at the bottom", () => {
    const chart = flowChart(flow);
    expect(chart.data.labels).toEqual(["2026-03-01", "2026-03-02"]);
    expect(chart.data.datasets.map((d) => [d.label, d.data, d.fill])).toEqual([
      ["blocked", [1, 0], "origin"],
      ["Done", [1, 3], "-1"],
      ["In Progress", [2, 2], "-1"],
      ["To Do", [5, 4], "-1"],
    ]);
    expect(chart.options?.scales?.y?.stacked).toBe(true);
  });

  it("colours each status by its category, the same on every chart", () => {
    const colors = statusColors(flow.statuses);
    expect(flowChart(flow).data.datasets.map((d) => d.borderColor)).toEqual([
      colors.get("blocked"), colors.get("done"), colors.get("in_progress"), colors.get("todo"),
    ]);
    const inProgress = statusColors(workflow);
    expect(inProgress.get("in_progress")).toBe("#3b5bdb");
    expect(inProgress.get("review")).toBe("#f08c00");
    expect(inProgress.get("done")).toBe("#2b8a3e");
  });

  it("tables a row per day, a column per status in workflow order", () => {
    expect(flowTable(flow)).toEqual({
      columns: ["Date", "To Do", "In Progress", "Done", "blocked"],
      rows: [
        ["2026-03-01", 5, 2, 1, 1],
        ["2026-03-02", 4, 2, 3, 0],
      ],
    });
  });
});

describe("cycle and lead time", () => {
  it("places each resolved issue on its resolution day, with the percentile lines", () => {
    const chart = cycleTimeChart(cycleTime);
    const [cycle, lead, ...lines] = chart.data.datasets;
    expect(cycle?.label).toBe("Cycle time");
    expect(cycle?.data).toEqual([{ x: dayNumber("2026-03-01T12:00:00Z"), y: 1 }]);
    expect(lead?.data).toEqual([
      { x: dayNumber("2026-03-01T12:00:00Z"), y: 4.13 },
      { x: dayNumber("2026-03-02T06:00:00Z"), y: 3.25 },
    ]);
    const from = dayNumber("2026-03-01");
    const to = from + 2;
    expect(lines.map((line) => [line.label, line.data])).toEqual([
      ["Cycle time 50th percentile (1 d)", [{ x: from, y: 1 }, { x: to, y: 1 }]],
      ["Cycle time 85th percentile (1 d)", [{ x: from, y: 1 }, { x: to, y: 1 }]],
      ["Cycle time 95th percentile (1 d)", [{ x: from, y: 1 }, { x: to, y: 1 }]],
    ]);
    expect(dayLabel(dayNumber("2026-03-01T12:00:00Z"))).toBe("2026-03-01");
  });

  it("tables every issue, with a dash for a cycle time it never had", () => {
    expect(cycleTimeTable(cycleTime).rows).toEqual([
      ["WEB-4", "task", 3, "2026-03-01", 4.13, 1],
      ["WEB-7", "bug", "—", "2026-03-02", 3.25, "—"],
    ]);
    expect(cycleTimeSummary(cycleTime)).toBe(
      "2 issues resolved from 2026-03-01 to 2026-03-02. Cycle time: 50th 1 d · 85th 1 d · 95th 1 d. " +
        "Lead time: 50th 3.25 d · 85th 4.13 d · 95th 4.13 d.",
    );
  });
});

describe("aging work in progress", () => {
  it("puts each issue in its status's column by age, with the cycle time's lines", () => {
    expect(agingColumns(aging, workflow)).toEqual(["in_progress", "review"]);
    const chart = agingChart(aging, workflow);
    const [inProgress, review, ...lines] = chart.data.datasets;
    expect(inProgress?.label).toBe("In Progress");
    // Issues of a column spread a little sideways around it.
    expect(inProgress?.data).toEqual([{ x: -0.15, y: 1.5 }, { x: -0.1, y: 0.5 }]);
    expect(review?.label).toBe("In Review");
    expect(review?.data).toEqual([{ x: 0.85, y: 5 }]);
    // The 95th percentile is null: no line for it.
    expect(lines.map((line) => [line.label, line.data])).toEqual([
      ["Cycle time 50th percentile (2 d)", [{ x: -0.5, y: 2 }, { x: 1.5, y: 2 }]],
      ["Cycle time 85th percentile (4 d)", [{ x: -0.5, y: 4 }, { x: 1.5, y: 4 }]],
    ]);
  });

  it("tables every issue oldest first, with names for statuses and people", () => {
    const people = new Map([["u1", "Ann"], ["u2", "Bo"]]);
    expect(agingTable(aging, workflow, people)).toEqual({
      columns: ["Issue", "Title", "Status", "Assignee", "Age (days)", "Days in status"],
      rows: [
        ["WEB-9", "Export to PDF", "In Review", "Ann", 5, 2],
        ["WEB-11", "Fix login", "In Progress", "Unassigned", 1.5, 1.5],
        ["WEB-12", "Dark mode", "In Progress", "Bo", 0.5, 0.5],
      ],
    });
  });
});
