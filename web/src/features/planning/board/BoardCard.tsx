// One card of the board: sortable, focusable, named; its content memoised.
import { memo } from "react";
import { Link } from "react-router";
import type { ItemData } from "../dnd/dragData";
import type { Card } from "../types";
import { SortableItem } from "../ui/SortableItem";

export function cardLabel(card: Card, assignee: string): string {
  const points = card.points === null ? "" : `, ${card.points} points`;
  const who = assignee ? `, assigned to ${assignee}` : "";
  return `${card.key}: ${card.title}${points}${who}`;
}

const CardContent = memo(function CardContent({ card, assignee }: { card: Card; assignee: string }) {
  return (
    <>
      <span className="plan-title">{card.title}</span>
      <span className="plan-card-foot">
        <Link to={`/issues/${card.key}`} className="plan-key" tabIndex={-1}>
          {card.key}
        </Link>
        <span className={`plan-type type-${card.type}`}>{card.type}</span>
        {card.priority !== "none" && (
          <span className={`plan-priority p-${card.priority}`}>{card.priority}</span>
        )}
        {card.points !== null && <span className="plan-points">{card.points}</span>}
        {assignee && (
          <span className="plan-assignee" title={assignee}>
            {assignee.slice(0, 2).toUpperCase()}
          </span>
        )}
      </span>
    </>
  );
});

interface Props {
  card: Card;
  assignee: string;
  list: string;
  listName: string;
  keys: string[];
  /** Its place in the cell, and how the cell's window measures it. */
  index: number;
  measureRef: (node: HTMLLIElement | null) => void;
}

export const BoardCard = memo(function BoardCard(props: Props) {
  const { card, assignee, list, listName, keys, index, measureRef } = props;
  const label = cardLabel(card, assignee);
  const data: ItemData = { kind: "item", key: card.key, label, list, listName, keys };
  return (
    <SortableItem data={data} className="plan-card" measure={{ index, ref: measureRef }}>
      <CardContent card={card} assignee={assignee} />
    </SortableItem>
  );
});
