// How a column's WIP state reads, on screen and to a screen reader.
import type { Column } from "../types";

type WipState = Pick<Column, "wip_count" | "wip_limit" | "wip_mode" | "over_limit">;

export function wipLabel(column: WipState): string {
  if (column.wip_limit === null) return "";
  const base = `WIP ${column.wip_count}/${column.wip_limit} (${column.wip_mode})`;
  return column.over_limit ? `${base}, over its limit` : base;
}
