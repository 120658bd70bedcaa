// The columns of the board, side by side, optionally split into swimlanes.
import { Fragment, memo, useMemo } from "react";
import type { GroupBy } from "../logic/boardFilters";
import type { Board, Card } from "../types";
import { BoardCell } from "./BoardCell";
import { cellId, laneRows } from "./cells";
import { ColumnHeader } from "./ColumnHeader";

const NONE: Card[] = [];
const NO_LANE: Record<GroupBy, string> = {
  assignee: "Unassigned",
  epic: "No epic",
  priority: "No priority",
};

interface Props {
  board: Board;
  groupBy: GroupBy | undefined;
  names: ReadonlyMap<string, string>;
  loadingStatus: string | null;
  onMore: (status: string, cursor: string) => void;
}

export const BoardGrid = memo(function BoardGrid(props: Props) {
  const { board, groupBy, names, loadingStatus, onMore } = props;
  const lanes = useMemo(() => {
    if (groupBy === undefined || board.lanes == null) return null;
    const none = (id: string | null) => id === null || (groupBy === "priority" && id === "none");
    return laneRows(board, (id) => (id === null || none(id) ? NO_LANE[groupBy] : (names.get(id) ?? id)));
  }, [board, groupBy, names]);
  const columns = board.columns;
  const cell = (lane: number | null, laneName: string, cards: Card[], index: number) => {
    const column = columns[index];
    if (column === undefined) return null;
    return (
      <BoardCell
        key={cellId(lane, column.status)}
        list={cellId(lane, column.status)}
        listName={laneName ? `${column.name}, ${laneName}` : column.name}
        cards={cards}
        names={names}
        status={column.status}
        nextCursor={lane === null ? column.next_cursor : null}
        loadingMore={loadingStatus === column.status}
        onMore={onMore}
      />
    );
  };
  return (
    <div
      className="plan-board"
      style={{ gridTemplateColumns: `repeat(${columns.length}, minmax(15rem, 1fr))` }}
    >
      {columns.map((column) => (
        <ColumnHeader key={column.status} column={column} />
      ))}
      {lanes === null
        ? columns.map((column, index) => cell(null, "", column.issues, index))
        : lanes.map((lane) => (
            <Fragment key={lane.index}>
              <h3 className="plan-lane">
                {lane.name} <span className="plan-meta">({lane.count})</span>
              </h3>
              {columns.map((column, index) =>
                cell(lane.index, lane.name, lane.cells[column.status] ?? NONE, index),
              )}
            </Fragment>
          ))}
    </div>
  );
});
