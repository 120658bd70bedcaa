// The time reports: estimate against time logged, the timesheet, and the team's figures.
import { reportQueryFor, timesheetFilters, type ReportFilters } from "../filters";
import { teamChart, teamTable } from "../mapping/team";
import { timeTrackingChart, timeTrackingSummary, timeTrackingTable } from "../mapping/timeTracking";
import { timesheetChart, timesheetSummary, timesheetTable } from "../mapping/timesheet";
import { reportRange } from "../csvFilename";
import { ReportSection } from "./ReportSection";
import { viewOf } from "./reportView";

interface Props {
  project: string;
  filters: ReportFilters;
  onGroupBy: (value: string) => void;
}

const GROUPS = [
  ["assignee", "Assignee"],
  ["epic", "Epic"],
  ["issue", "Issue"],
] as const;

const timeTrackingView = viewOf(timeTrackingChart, timeTrackingTable, timeTrackingSummary, (report) =>
  report.rows.length === 0 && "No issue has an estimate or time logged.");
const timesheetView = viewOf(timesheetChart, timesheetTable, timesheetSummary, (report) =>
  report.users.length === 0 && "No time was logged in this range.");
const teamView = viewOf(teamChart, teamTable, null, (report) =>
  report.members.length === 0 && "The project has no members.");

export function TimeReports({ project, filters, onGroupBy }: Props) {
  const groupBy = filters.group_by ?? "assignee";
  const groupSelect = (
    <label className="report-control">
      Group by
      <select value={groupBy} onChange={(event) => { onGroupBy(event.target.value); }}>
        {GROUPS.map(([value, label]) => (
          <option key={value} value={value}>{label}</option>
        ))}
      </select>
    </label>
  );
  const sheetFilters = timesheetFilters(filters);
  const ranged = { project, range: reportRange };
  return (
    <>
      <ReportSection
        project={project}
        report="time-tracking"
        title="Time tracking: estimate and actual"
        query={reportQueryFor(filters, ["assignee", "epic"], { group_by: groupBy })}
        controls={groupSelect}
        view={timeTrackingView}
      />
      <ReportSection
        {...ranged}
        report="timesheet"
        title="Timesheet"
        query={reportQueryFor(filters, sheetFilters)}
        note={sheetFilters.includes("assignee") ? undefined : "The timesheet lists the time people logged: the Unassigned filter does not apply to it."}
        view={timesheetView}
      />
      <ReportSection
        {...ranged}
        report="team"
        title="Team"
        query={reportQueryFor(filters, ["from", "to"])}
        view={teamView}
      />
    </>
  );
}
