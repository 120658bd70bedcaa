// A card's move on the cached board: out of its column, into another (or the same) one
// between its neighbours, with the counts, WIP state and swimlanes kept in step. Columns
// the move does not touch keep their identity, so their memoised components skip rendering.
import type { Board, Card, Column } from "../types";

function insertKey<T>(
  list: readonly T[],
  item: T,
  keyOf: (t: T) => string,
  before: string | null,
  after: string | null,
) {
  const next = [...list];
  const afterAt = after === null ? -1 : next.findIndex((t) => keyOf(t) === after);
  const beforeAt = before === null ? -1 : next.findIndex((t) => keyOf(t) === before);
  const at = afterAt >= 0 ? afterAt + 1 : beforeAt >= 0 ? beforeAt : next.length;
  next.splice(at, 0, item);
  return next;
}

function withWip(column: Column, delta: number): Column {
  const wipCount = column.wip_count + delta;
  return {
    ...column,
    count: column.count + delta,
    wip_count: wipCount,
    over_limit: column.wip_limit !== null && wipCount > column.wip_limit,
  };
}

export function findCard(board: Board, key: string): Card | undefined {
  for (const column of board.columns) {
    const card = column.issues.find((issue) => issue.key === key);
    if (card) return card;
  }
  return undefined;
}

export function moveCardOnBoard(
  board: Board,
  key: string,
  toStatus: string,
  before: string | null,
  after: string | null,
): Board {
  const card = findCard(board, key);
  if (card === undefined) return board;
  const fromStatus = card.status;
  const moved: Card = { ...card, status: toStatus };
  const byKey = (c: Card) => c.key;
  const columns = board.columns.map((column) => {
    if (column.status !== fromStatus && column.status !== toStatus) return column;
    let next = column;
    if (column.status === fromStatus) {
      next = { ...next, issues: next.issues.filter((c) => c.key !== key) };
      if (fromStatus !== toStatus) next = withWip(next, -1);
    }
    if (column.status === toStatus) {
      next = { ...next, issues: insertKey(next.issues, moved, byKey, before, after) };
      if (fromStatus !== toStatus) next = withWip(next, 1);
    }
    return next;
  });
  const lanes = board.lanes?.map((lane) => {
    const from = lane.columns[fromStatus];
    if (from === undefined || !from.includes(key)) return lane;
    const cells = { ...lane.columns, [fromStatus]: from.filter((k) => k !== key) };
    cells[toStatus] = insertKey(cells[toStatus] ?? [], key, (k) => k, before, after);
    return { ...lane, columns: cells };
  });
  return lanes === undefined ? { ...board, columns } : { ...board, columns, lanes };
}

/** The board with one card replaced by the server's answer to its move. */
export function replaceCard(board: Board, card: Card): Board {
  return {
    ...board,
    columns: board.columns.map((column) =>
      column.status === card.status && column.issues.some((c) => c.key === card.key)
        ? { ...column, issues: column.issues.map((c) => (c.key === card.key ? card : c)) }
        : column,
    ),
  };
}
