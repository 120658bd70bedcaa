// What each draggable item and each droppable list carries, so a drop can be resolved
// without reading any component's state.
import type { Active, Over } from "@dnd-kit/core";
import { dropPlace, type DropPlace } from "../logic/neighbours";

interface Common {
  /** The container: a list of the backlog page, or a board cell. */
  list: string;
  /** Its human name, for announcements. */
  listName: string;
  /** The keys shown in it, in order. */
  keys: string[];
}

export interface ItemData extends Common {
  kind: "item";
  key: string;
  /** The card's accessible name, for announcements. */
  label: string;
}

export interface ListData extends Common {
  kind: "list";
}

export type DragData = ItemData | ListData;

export function dataOf(node: Active | Over | null | undefined): DragData | undefined {
  return node?.data.current as DragData | undefined;
}

export interface ResolvedDrop {
  key: string;
  from: string;
  to: string;
  place: DropPlace;
}

/** The drop as a move: which list it left, which it entered, and its new neighbours. */
export function resolveDrop(active: Active, over: Over | null): ResolvedDrop | null {
  const source = dataOf(active);
  const target = dataOf(over);
  if (source?.kind !== "item" || target === undefined) return null;
  const overKey = target.kind === "item" ? target.key : null;
  const place = dropPlace(target.keys, source.key, overKey);
  return place === null ? null : { key: source.key, from: source.list, to: target.list, place };
}
