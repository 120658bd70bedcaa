// The flow reports: cumulative flow, cycle and lead time, aging work in progress.
import { useMemo } from "react";
import { reportQueryFor, type ReportFilters } from "../filters";
import { agingChart, agingTable } from "../mapping/aging";
import { cycleTimeChart, cycleTimeSummary, cycleTimeTable } from "../mapping/cycleTime";
import { flowChart, flowTable } from "../mapping/flow";
import type { AgingWip, Status } from "../types";
import { reportRange } from "../csvFilename";
import { ReportSection } from "./ReportSection";
import { viewOf } from "./reportView";

interface Props {
  project: string;
  filters: ReportFilters;
  workflow: readonly Status[];
  /** Members' names by user id. */
  people: ReadonlyMap<string, string>;
}

const flowView = viewOf(flowChart, flowTable, null, (report) =>
  report.days.length === 0 && "No days in this range.");
const cycleTimeView = viewOf(cycleTimeChart, cycleTimeTable, cycleTimeSummary, (report) =>
  report.issues.length === 0 && "No issue was resolved in this range.");

export function FlowReports({ project, filters, workflow, people }: Props) {
  const filtered = filters.assignee !== undefined || filters.epic !== undefined;
  const agingView = useMemo(
    () =>
      viewOf(
        (report: AgingWip) => agingChart(report, workflow),
        (report) => agingTable(report, workflow, people),
        (report) => `${report.issues.length} issues in progress.`,
        (report) => report.issues.length === 0 && "No issue is in progress.",
      ),
    [workflow, people],
  );
  const ranged = { project, range: reportRange };
  return (
    <>
      <ReportSection
        {...ranged}
        report="cumulative-flow"
        title="Cumulative flow"
        query={reportQueryFor(filters, ["from", "to"])}
        note={filtered ? "Cumulative flow counts every issue of the project: the assignee and epic filters do not apply to it." : undefined}
        view={flowView}
      />
      <ReportSection
        {...ranged}
        report="cycle-time"
        title="Cycle and lead time"
        query={reportQueryFor(filters, ["from", "to", "assignee", "epic"])}
        view={cycleTimeView}
      />
      <ReportSection
        project={project}
        report="aging-wip"
        title="Aging work in progress"
        query={reportQueryFor(filters, ["assignee", "epic"])}
        view={agingView}
      />
    </>
  );
}
