// A report's numbers as a table, folded under its chart but always in the page.
import { memo } from "react";
import type { Table } from "../types";

/** Rows beyond this stay in the CSV: thousands of table rows would slow the page down. */
export const MOST_ROWS = 500;

export const ReportTable = memo(function ReportTable({ table, caption }: { table: Table; caption: string }) {
  const shown = table.rows.slice(0, MOST_ROWS);
  return (
    <details className="report-table">
      <summary>Show the numbers</summary>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {table.columns.map((column) => (
              <th key={column} scope="col">{column}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row, index) => (
            // Rows have no id of their own; their order is the report's.
            <tr key={index}>
              {row.map((cell, column) => (
                <td key={table.columns[column]} className={typeof cell === "number" ? "num" : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {table.rows.length > shown.length && (
        <p className="muted">
          The first {shown.length} of {table.rows.length} rows; the CSV has them all.
        </p>
      )}
    </details>
  );
});
