// The 50th, 85th and 95th percentile lines that cycle-time and aging charts draw across.
import type { Percentiles } from "../types";
import { level } from "./chart";
import { SERIES } from "./colors";

const LEVELS = ["p50", "p85", "p95"] as const;
const NAMES = { p50: "50th", p85: "85th", p95: "95th" } as const;

/** A horizontal line per percentile the report has, across [from, to]. */
export function percentileLines(what: string, percentiles: Percentiles, from: number, to: number) {
  return LEVELS.flatMap((name) => {
    const days = percentiles[name];
    if (days === null) return [];
    const label = `${what} ${NAMES[name]} percentile (${days} d)`;
    return [level(label, days, from, to, SERIES[name])];
  });
}

/** "50th 2.5 d · 85th 4 d · 95th 7 d", or a dash when no issue has a value. */
export function describePercentiles(percentiles: Percentiles): string {
  if (percentiles.p50 === null) return "—";
  return LEVELS.map((name) => `${NAMES[name]} ${percentiles[name] ?? "—"} d`).join(" · ");
}
