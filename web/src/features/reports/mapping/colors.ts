// The charts' colours: one per status (its category's hue, a shade per status), and one
// per series or person, the same on every chart of the page.
import type { Status } from "../types";

const BY_CATEGORY: Record<string, readonly string[]> = {
  todo: ["#868e96", "#adb5bd", "#495057", "#ced4da"],
  in_progress: ["#3b5bdb", "#f08c00", "#7048e8", "#1098ad", "#d6336c"],
  done: ["#2b8a3e", "#69db7c", "#087f5b"],
};
const REMOVED_STATUS = "#dee2e6";

export const SERIES = {
  committed: "#adb5bd",
  completed: "#2b8a3e",
  remaining: "#3b5bdb",
  scope: "#f08c00",
  ideal: "#868e96",
  estimate: "#adb5bd",
  logged: "#3b5bdb",
  issues: "#3b5bdb",
  points: "#f08c00",
  lead: "#ced4da",
  // Percentile lines: apart from every status's colour, as they cross the aging chart.
  p50: "#2b8a3e",
  p85: "#495057",
  p95: "#c92a2a",
} as const;

const PEOPLE = ["#3b5bdb", "#f08c00", "#2b8a3e", "#7048e8", "#d6336c", "#1098ad", "#5c940d", "#e8590c"];

type StatusLike = Pick<Status, "id"> & { category: Status["category"] | null };

/** Each status's colour: its category's hue, a different shade for each status in it. */
export function statusColors(statuses: readonly StatusLike[]): Map<string, string> {
  const used: Record<string, number> = {};
  const colors = new Map<string, string>();
  for (const status of statuses) {
    const shades = status.category === null ? undefined : BY_CATEGORY[status.category];
    const index = used[status.category ?? ""] ?? 0;
    used[status.category ?? ""] = index + 1;
    colors.set(status.id, shades?.[index % shades.length] ?? REMOVED_STATUS);
  }
  return colors;
}

/** The colour of the `index`th person of a chart. */
export function personColor(index: number): string {
  return PEOPLE[index % PEOPLE.length] ?? "#3b5bdb";
}

/** A colour with transparency, for filled areas. */
export function translucent(color: string, alpha = 0.6): string {
  const hex = Math.round(alpha * 255).toString(16).padStart(2, "0");
  return `${color}${hex}`;
}
