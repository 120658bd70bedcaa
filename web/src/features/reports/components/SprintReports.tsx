// The sprint reports: burndown and burnup of the chosen sprint, velocity, and the
// forecasts of the active sprint and of the top of the backlog.
import type { SprintChoice } from "../filters";
import { burndownChart, burndownSummary, burndownTable } from "../mapping/burndown";
import {
  backlogForecastChart,
  backlogForecastSummary,
  backlogForecastTable,
  forecastChart,
  forecastSummary,
  forecastTable,
} from "../mapping/forecast";
import { velocityChart, velocitySummary, velocityTable } from "../mapping/velocity";
import type { Sprint } from "../types";
import { ReportSection } from "./ReportSection";
import { viewOf } from "./reportView";

export interface SprintProps {
  project: string;
  /** The sprint chosen (the URL's, else the default); null: none; undefined until known. */
  sprint: SprintChoice | null | undefined;
  /** Every sprint of the project; undefined while they load. */
  sprints: readonly Sprint[] | undefined;
}

const VELOCITY_SPRINTS = 7;

const burndownView = viewOf(burndownChart, burndownTable, burndownSummary, (report) =>
  report.days.length === 0 && "The sprint has no days yet.");
const velocityView = viewOf(velocityChart, velocityTable, velocitySummary, (report) =>
  report.sprints.length === 0 && "No sprint has been completed yet.");
const forecastView = viewOf(forecastChart, forecastTable, forecastSummary, () => false);
const backlogView = viewOf(backlogForecastChart, backlogForecastTable, backlogForecastSummary, (report) =>
  report.issues === 0 && "The backlog is empty.");

/** The query of the sprint reports: none until the sprint is known, `{}` for the API's default. */
function sprintQueryOf(sprint: SprintChoice | null | undefined) {
  if (sprint === undefined || sprint === null) return null;
  return sprint.id === undefined ? {} : { sprint: sprint.id };
}

const sprintRange = (report: { sprint: { start_date: string; end_date: string } }) =>
  [report.sprint.start_date, report.sprint.end_date] as const;

export function SprintReports({ project, sprint, sprints }: SprintProps) {
  // Without a completed sprint the backlog forecast is a 422: wait for the sprints to know.
  const noHistory =
    sprints !== undefined && !sprints.some((s) => s.state === "completed")
      ? "The backlog forecast samples completed sprints: none yet."
      : undefined;
  const sprintQuery = sprintQueryOf(sprint);
  const ofSprint = { project, query: sprintQuery, range: sprintRange };
  const noSprint = sprint === null ? "No sprint has started yet." : undefined;
  const notActive =
    sprint?.active === false ? "The forecast is of an active sprint: choose the active one." : noSprint;
  return (
    <>
      <ReportSection
        {...ofSprint}
        report="burndown"
        title="Burndown and burnup"
        unavailable={noSprint}
        view={burndownView}
      />
      <ReportSection
        project={project}
        report="velocity"
        title="Velocity"
        query={{ last: VELOCITY_SPRINTS }}
        view={velocityView}
      />
      <ReportSection
        {...ofSprint}
        query={sprint?.active === undefined ? null : sprintQuery}
        report="forecast"
        title="Sprint forecast"
        unavailable={notActive}
        view={forecastView}
      />
      <ReportSection
        project={project}
        report="backlog-forecast"
        title="Backlog forecast"
        query={sprints === undefined ? null : {}}
        unavailable={noHistory}
        view={backlogView}
      />
    </>
  );
}
