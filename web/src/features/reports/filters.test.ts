import { describe, expect, it } from "vitest";
import {
  chooseSprint,
  defaultSprint,
  readReportFilters,
  reportQueryFor,
  startedSprints,
  timesheetFilters,
  withReportFilter,
} from "./filters";
import { csvFilename, reportRange } from "./csvFilename";
import { sprints } from "./test/fixtures";

describe("report filters", () => {
  it("reads the known filters from the URL and leaves empty and unknown ones out", () => {
    const params = new URLSearchParams("sprint=S1&from=2026-03-01&to=&assignee=u1&colour=red");
    expect(readReportFilters(params)).toEqual({ sprint: "S1", from: "2026-03-01", assignee: "u1" });
  });

  it("sets a filter, and removes it when emptied", () => {
    const params = new URLSearchParams("from=2026-03-01&epic=WEB-1");
    expect(withReportFilter(params, "epic", "WEB-2").toString()).toBe("from=2026-03-01&epic=WEB-2");
    expect(withReportFilter(params, "from", "").toString()).toBe("epic=WEB-1");
  });

  it("gives a report only the filters it accepts, after its own parameters", () => {
    const filters = { sprint: "S1", from: "2026-03-01", assignee: "u1", epic: "WEB-1" };
    expect(reportQueryFor(filters, ["from", "to"])).toEqual({ from: "2026-03-01" });
    expect(reportQueryFor(filters, ["assignee", "epic"], { group_by: "epic" })).toEqual({
      group_by: "epic",
      assignee: "u1",
      epic: "WEB-1",
    });
  });

  it("passes Me and Unassigned on as the API takes them, but not Unassigned to the timesheet", () => {
    const mine = readReportFilters(new URLSearchParams("assignee=me&from=2026-03-01"));
    expect(reportQueryFor(mine, ["assignee"])).toEqual({ assignee: "me" });
    expect(reportQueryFor(mine, timesheetFilters(mine))).toEqual({ from: "2026-03-01", assignee: "me" });
    const unassigned = readReportFilters(new URLSearchParams("assignee=none&from=2026-03-01"));
    expect(reportQueryFor(unassigned, ["assignee"])).toEqual({ assignee: "none" });
    expect(reportQueryFor(unassigned, timesheetFilters(unassigned))).toEqual({ from: "2026-03-01" });
    expect(timesheetFilters({ assignee: "u1" })).toEqual(["from", "to", "assignee"]);
  });
});

describe("the default sprint", () => {
  it("is the active sprint", () => {
    expect(defaultSprint(sprints)?.id).toBe("S3");
  });

  it("else the sprint completed last", () => {
    const done = sprints.filter((sprint) => sprint.state === "completed");
    expect(defaultSprint(done.reverse())?.id).toBe("S2");
    expect(defaultSprint([])).toBeUndefined();
  });

  it("is chosen among started sprints, the latest first", () => {
    expect(startedSprints(sprints).map((sprint) => sprint.id)).toEqual(["S3", "S2", "S1"]);
  });
});

describe("the sprint of the sprint reports", () => {
  it("is the URL's, active if it is the project's active sprint", () => {
    expect(chooseSprint("S1", "S3", undefined)).toEqual({ id: "S1", active: false });
    expect(chooseSprint("S3", "S3", undefined)).toEqual({ id: "S3", active: true });
    expect(chooseSprint("S3", undefined, undefined)).toEqual({ id: "S3", active: undefined });
    expect(chooseSprint("S3", undefined, sprints)).toEqual({ id: "S3", active: true });
    expect(chooseSprint("S2", undefined, sprints)).toEqual({ id: "S2", active: false });
  });

  it("else the API's default, the active sprint, while the project may have one", () => {
    expect(chooseSprint(undefined, "S3", undefined)).toEqual({ active: true });
    expect(chooseSprint(undefined, undefined, undefined)).toEqual({ active: true });
  });

  it("else, with no sprint active, the one completed last once the sprints are in", () => {
    const done = sprints.filter((sprint) => sprint.state !== "active");
    expect(chooseSprint(undefined, null, undefined)).toBeUndefined();
    expect(chooseSprint(undefined, null, done)).toEqual({ id: "S2", active: false });
    expect(chooseSprint(undefined, null, [])).toBeNull();
  });
});

describe("a downloaded report's name", () => {
  it("says the project, the report and its dates", () => {
    expect(csvFilename("WEB", "cycle-time", ["2026-03-01", "2026-03-31"])).toBe("WEB-cycle-time-2026-03-01-2026-03-31.csv");
    expect(csvFilename("WEB", "velocity")).toBe("WEB-velocity.csv");
    expect(csvFilename("WEB", "team", reportRange({ from: "2026-02-04", to: "2026-03-05" }))).toBe(
      "WEB-team-2026-02-04-2026-03-05.csv",
    );
  });
});
