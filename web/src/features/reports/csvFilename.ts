// The name a downloaded report is saved under.

/** `<KEY>-<report>-<from>-<to>.csv`, or `<KEY>-<report>.csv` for a report of no range. */
export function csvFilename(project: string, report: string, range?: readonly [string, string]): string {
  return [project, report, ...(range ?? [])].join("-") + ".csv";
}

/** The dates a report over a range answered for (the defaults filled in). */
export function reportRange(report: { from: string; to: string }): readonly [string, string] {
  return [report.from, report.to];
}
