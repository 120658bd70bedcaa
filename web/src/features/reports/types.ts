// The API's report shapes, named once, and what every report's mapping gives.
import type { components, paths } from "../../api/schema";

type Schemas = components["schemas"];
export type Velocity = Schemas["VelocityOut"];
export type Burndown = Schemas["BurndownOut"];
export type CumulativeFlow = Schemas["CumulativeFlowOut"];
export type CycleTime = Schemas["CycleTimeOut"];
export type AgingWip = Schemas["AgingWipOut"];
export type TimeTracking = Schemas["TimeTrackingOut"];
export type Timesheet = Schemas["TimesheetOut"];
export type Team = Schemas["TeamOut"];
export type SprintForecast = Schemas["SprintForecastOut"];
export type BacklogForecast = Schemas["BacklogForecastOut"];
export type Percentiles = Schemas["PercentilesOut"];
export type Status = Schemas["StatusOut"];
export type Sprint = Schemas["SprintOut"];

/** The last part of a report's path: `/projects/{key}/reports/<name>`. */
export type ReportName =
  | "velocity"
  | "burndown"
  | "cumulative-flow"
  | "cycle-time"
  | "aging-wip"
  | "time-tracking"
  | "timesheet"
  | "team"
  | "forecast"
  | "backlog-forecast";

type ReportPath<N extends ReportName> = `/api/v1/projects/{key}/reports/${N}`;

/** The JSON a report answers. */
export type ReportData<N extends ReportName> =
  paths[ReportPath<N>]["get"]["responses"][200]["content"]["application/json"];

/** A report's numbers as a table: a header row, then one row per data point. */
export interface Table {
  columns: string[];
  rows: (string | number)[][];
}
