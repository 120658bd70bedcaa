import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeApi, type Call } from "../issues/test/fakeApi";
import { members, project } from "../issues/test/fixtures";
import { renderAt } from "../issues/test/render";
import { ReportsPage } from "./ReportsPage";
import * as reports from "./test/fixtures";

// jsdom has no canvas: the charts' drawing is the browser tests' business.
vi.mock("./components/ReportChart", () => ({
  ReportChart: ({ label }: { label: string }) => <div role="img" aria-label={label} />,
}));

const ANSWERS: Record<string, unknown> = {
  velocity: reports.velocity,
  burndown: reports.burndown,
  "cumulative-flow": reports.flow,
  "cycle-time": reports.cycleTime,
  "aging-wip": reports.aging,
  "time-tracking": reports.timeTracking,
  timesheet: reports.timesheet,
  team: reports.team,
  forecast: reports.forecast,
  "backlog-forecast": reports.backlogForecast,
};

let stop = () => {};
afterEach(() => { stop(); });

function serve(failing?: string) {
  const fake = fakeApi((call) => {
    const report = /^\/api\/v1\/projects\/WEB\/reports\/(.+)$/.exec(call.path)?.[1];
    if (report !== undefined && report === failing) {
      return { status: 500, body: { title: "Server error", status: 500, detail: "The report broke." } };
    }
    if (report !== undefined) return { body: ANSWERS[report] };
    if (call.path === "/api/v1/projects/WEB") return { body: { ...project, active_sprint: "S3", workflow: reports.workflow } };
    if (call.path === "/api/v1/projects/WEB/members") return { body: { items: members, next_cursor: null } };
    if (call.path === "/api/v1/projects/WEB/sprints") return { body: { items: reports.sprints, next_cursor: null } };
    if (call.path === "/api/v1/projects/WEB/issues") {
      return { body: { items: [{ key: "WEB-1", title: "Checkout" }], next_cursor: null } };
    }
    return undefined;
  });
  stop = fake.stop;
  return fake;
}

/** The query of the last request for a report, as an object. */
function lastQuery(calls: Call[], report: string) {
  const call = calls.findLast((c) => c.path === `/api/v1/projects/WEB/reports/${report}`);
  return call === undefined ? undefined : Object.fromEntries(call.search);
}

const URL_FILTERS = "/projects/WEB/reports?sprint=S2&from=2026-03-01&to=2026-03-02&assignee=u1&epic=WEB-1";

describe("reports page", () => {
  it("asks each report with the URL's filters it accepts, and no others", async () => {
    const fake = serve();
    renderAt(URL_FILTERS, "/projects/:key/reports", <ReportsPage />);
    await screen.findByRole("img", { name: "Timesheet chart" });
    await waitFor(() => { expect(lastQuery(fake.calls, "burndown")).toEqual({ sprint: "S2" }); });
    expect(lastQuery(fake.calls, "cumulative-flow")).toEqual({ from: "2026-03-01", to: "2026-03-02" });
    expect(lastQuery(fake.calls, "cycle-time")).toEqual({ from: "2026-03-01", to: "2026-03-02", assignee: "u1", epic: "WEB-1" });
    expect(lastQuery(fake.calls, "aging-wip")).toEqual({ assignee: "u1", epic: "WEB-1" });
    expect(lastQuery(fake.calls, "time-tracking")).toEqual({ group_by: "assignee", assignee: "u1", epic: "WEB-1" });
    expect(lastQuery(fake.calls, "timesheet")).toEqual({ from: "2026-03-01", to: "2026-03-02", assignee: "u1" });
    expect(lastQuery(fake.calls, "team")).toEqual({ from: "2026-03-01", to: "2026-03-02" });
    expect(lastQuery(fake.calls, "velocity")).toEqual({ last: "7" });
    // S2 is completed: no forecast is asked for it.
    expect(lastQuery(fake.calls, "forecast")).toBeUndefined();
    expect(screen.getByText(/Cumulative flow counts every issue/)).toBeInTheDocument();
    expect(screen.getByLabelText("Sprint")).toHaveValue("S2");
    expect(screen.getByLabelText("From")).toHaveValue("2026-03-01");
    expect(screen.getByLabelText("Assignee")).toHaveValue("u1");
    expect(screen.getByLabelText("Epic")).toHaveValue("WEB-1");
  });

  it("puts a changed filter in the URL and asks again with it", async () => {
    const fake = serve();
    const { router } = renderAt("/projects/WEB/reports", "/projects/:key/reports", <ReportsPage />);
    // No sprint in the URL: the reports' default, the active sprint, shown in the filter.
    await waitFor(() => { expect(lastQuery(fake.calls, "burndown")).toEqual({}); });
    expect(lastQuery(fake.calls, "forecast")).toEqual({});
    await waitFor(() => { expect(screen.getByLabelText("Sprint")).toHaveValue("S3"); });
    const user = userEvent.setup();
    await waitFor(() => { expect(screen.getByRole("option", { name: "Bob Smith" })).toBeInTheDocument(); });
    await user.selectOptions(screen.getByLabelText("Assignee"), "u2");
    expect(router.state.location.search).toBe("?assignee=u2");
    await waitFor(() => { expect(lastQuery(fake.calls, "cycle-time")).toEqual({ assignee: "u2" }); });
    expect(lastQuery(fake.calls, "cumulative-flow")).toEqual({});
    await user.selectOptions(screen.getByLabelText("Sprint"), "S1");
    expect(router.state.location.search).toBe("?assignee=u2&sprint=S1");
    await waitFor(() => { expect(lastQuery(fake.calls, "burndown")).toEqual({ sprint: "S1" }); });
  });

  it("offers Me and Unassigned, as the board and the issue list do, and asks with them", async () => {
    const fake = serve();
    const { router } = renderAt("/projects/WEB/reports?assignee=none", "/projects/:key/reports", <ReportsPage />);
    await screen.findByRole("img", { name: "Timesheet chart" });
    await waitFor(() => { expect(lastQuery(fake.calls, "cycle-time")).toEqual({ assignee: "none" }); });
    expect(screen.getByLabelText("Assignee")).toHaveValue("none");
    expect(lastQuery(fake.calls, "aging-wip")).toEqual({ assignee: "none" });
    expect(lastQuery(fake.calls, "time-tracking")).toEqual({ group_by: "assignee", assignee: "none" });
    // Every worklog has an author: the timesheet shows everyone's time, and says why.
    expect(lastQuery(fake.calls, "timesheet")).toEqual({});
    expect(screen.getByText(/the Unassigned filter does not apply/)).toBeInTheDocument();
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText("Assignee"), "Me");
    expect(router.state.location.search).toBe("?assignee=me");
    await waitFor(() => { expect(lastQuery(fake.calls, "timesheet")).toEqual({ assignee: "me" }); });
    expect(lastQuery(fake.calls, "cycle-time")).toEqual({ assignee: "me" });
    expect(lastQuery(fake.calls, "aging-wip")).toEqual({ assignee: "me" });
    expect(screen.queryByText(/the Unassigned filter does not apply/)).not.toBeInTheDocument();
  });

  it("shows each report's numbers in a table, and a failing report on its own", async () => {
    serve("team");
    renderAt("/projects/WEB/reports", "/projects/:key/reports", <ReportsPage />);
    const velocity = (await screen.findByRole("heading", { name: "Velocity" })).closest("section");
    expect(velocity).not.toBeNull();
    const table = await within(velocity as HTMLElement).findByRole("table", { name: "Velocity" });
    const cells = within(table).getAllByRole("row").map((row) => row.textContent);
    expect(cells).toEqual([
      "SprintCommitted pointsCompleted pointsCommitted issuesCompleted issues",
      "WEB Sprint 1201887",
      "WEB Sprint 2242499",
    ]);
    const team = screen.getByRole("heading", { name: "Team" }).closest("section") as HTMLElement;
    expect(await within(team).findByRole("alert")).toHaveTextContent("The report broke.");
    expect(screen.getByRole("img", { name: "Cumulative flow chart" })).toBeInTheDocument();
  });
});
