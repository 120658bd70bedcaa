// A column's name, count and WIP limit (hard or soft), marked when over it.
import { memo } from "react";
import { wipLabel } from "../logic/wipLabel";
import type { Column } from "../types";

export const ColumnHeader = memo(function ColumnHeader({ column }: { column: Column }) {
  const wip = wipLabel(column);
  return (
    <div className={column.over_limit ? "plan-colhead over-limit" : "plan-colhead"}>
      <h3>{column.name}</h3>
      <span className="plan-count" aria-label={`${column.count} issues`}>{column.count}</span>
      {wip && (
        <span className={`plan-wip wip-${column.wip_mode}`} title={wip}>
          {wip}
        </span>
      )}
    </div>
  );
});
