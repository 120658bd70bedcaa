// /projects/:key/reports: every report of the project, each loading on its own, under
// one set of filters kept in the URL (so a reload, or a shared link, shows the same).
import { useCallback, useMemo } from "react";
import { useParams, useSearchParams } from "react-router";
import { memberName, useMemberList } from "../projects/api/useMembers";
import { useProject } from "../projects/api/useProject";
import { useAllSprints, useEpics } from "./api/useReportContext";
import { FlowReports } from "./components/FlowReports";
import { ReportFiltersBar } from "./components/ReportFiltersBar";
import { SprintReports } from "./components/SprintReports";
import { TimeReports } from "./components/TimeReports";
import {
  chooseSprint,
  readReportFilters,
  startedSprints,
  withReportFilter,
  type FilterName,
} from "./filters";
import "./reports.css";

const NO_STATUSES: never[] = [];

export function ReportsPage() {
  const project = useParams().key ?? "";
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readReportFilters(params), [params]);
  const sprints = useAllSprints(project);
  const members = useMemberList(project);
  const epics = useEpics(project);
  const details = useProject(project);
  const started = useMemo(() => startedSprints(sprints.data ?? []), [sprints.data]);
  const activeSprint = details.data?.active_sprint;
  const sprint = chooseSprint(filters.sprint, activeSprint, sprints.data && started);
  const people = useMemo(
    () => new Map((members.data ?? []).map((m) => [m.user_id, memberName(m)])),
    [members.data],
  );
  const setFilter = useCallback(
    (name: FilterName, value: string) => {
      setParams((current) => withReportFilter(current, name, value), { replace: true });
    },
    [setParams],
  );
  const onGroupBy = useCallback((value: string) => { setFilter("group_by", value); }, [setFilter]);
  return (
    <div className="reports">
      <ReportFiltersBar
        filters={filters}
        sprint={sprint?.id ?? activeSprint ?? undefined}
        sprints={sprints.data && started}
        members={members.data ?? []}
        epics={epics.data ?? []}
        onChange={setFilter}
        onClear={() => { setParams(new URLSearchParams(), { replace: true }); }}
      />
      <div className="report-grid">
        <SprintReports
          project={project}
          sprint={sprint}
          sprints={sprints.data}
        />
        <FlowReports
          project={project}
          filters={filters}
          workflow={details.data?.workflow ?? NO_STATUSES}
          people={people}
        />
        <TimeReports project={project} filters={filters} onGroupBy={onGroupBy} />
      </div>
    </div>
  );
}
