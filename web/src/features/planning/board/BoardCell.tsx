// A column's cards (in one swimlane, when lanes are shown), by rank, as a drop target;
// a long one mounts only the cards near the viewport (useCellWindow).
import { memo, useMemo } from "react";
import { DropList } from "../ui/DropList";
import type { Card } from "../types";
import { BoardCard } from "./BoardCard";
import { useCellWindow } from "./useCellWindow";

interface Props {
  list: string;
  listName: string;
  cards: Card[];
  names: ReadonlyMap<string, string>;
  /** A project board's column may hold more cards than the first page. */
  status: string;
  nextCursor: string | null;
  loadingMore: boolean;
  onMore: (status: string, cursor: string) => void;
}

export const BoardCell = memo(function BoardCell(props: Props) {
  const { list, listName, cards, names, status, nextCursor, loadingMore, onMore } = props;
  const keys = useMemo(() => cards.map((card) => card.key), [cards]);
  const { cell, shown, padding, measure } = useCellWindow(cards);
  return (
    <div className="plan-cell" ref={cell}>
      <DropList data={{ kind: "list", list, listName, keys }} className="plan-cards" style={padding}>
        {shown.map(({ index }) => {
          const card = cards[index];
          if (card === undefined) return null;
          return (
            <BoardCard
              key={card.key}
              card={card}
              assignee={card.assignee === null ? "" : (names.get(card.assignee) ?? card.assignee)}
              list={list}
              listName={listName}
              keys={keys}
              index={index}
              measureRef={measure}
            />
          );
        })}
      </DropList>
      {nextCursor !== null && (
        <button
          type="button"
          className="plan-more"
          disabled={loadingMore}
          onClick={() => {
            onMore(status, nextCursor);
          }}
        >
          {loadingMore ? "Loading…" : `More cards in ${listName}`}
        </button>
      )}
    </div>
  );
});
