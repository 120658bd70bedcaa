// The board's drop targets: a cell per column (and per swimlane when lanes are shown).
import type { Board, Card } from "../types";

export function cellId(lane: number | null, status: string): string {
  return lane === null ? status : `${lane}::${status}`;
}

export function parseCell(id: string): { lane: number | null; status: string } {
  const at = id.indexOf("::");
  if (at < 0) return { lane: null, status: id };
  return { lane: Number(id.slice(0, at)), status: id.slice(at + 2) };
}

export interface LaneRow {
  index: number;
  name: string;
  count: number;
  cells: Record<string, Card[]>;
}

/** The lanes of a board with their cards resolved from the columns. */
export function laneRows(board: Board, nameOf: (id: string | null) => string): LaneRow[] {
  const cards = new Map<string, Card>();
  for (const column of board.columns) {
    for (const card of column.issues) cards.set(card.key, card);
  }
  return (board.lanes ?? []).map((lane, index) => {
    const cells: Record<string, Card[]> = {};
    for (const column of board.columns) {
      const keys = lane.columns[column.status] ?? [];
      cells[column.status] = keys.flatMap((key) => {
        const card = cards.get(key);
        return card === undefined ? [] : [card];
      });
    }
    const id = typeof lane.id === "string" ? lane.id : null;
    return { index, name: nameOf(id), count: lane.count, cells };
  });
}
