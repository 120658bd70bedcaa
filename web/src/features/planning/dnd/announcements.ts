// What a screen reader hears while an item is dragged, with the keyboard or a pointer.
import type { Announcements, ScreenReaderInstructions } from "@dnd-kit/core";
import { dataOf, type DragData } from "./dragData";

export const instructions: ScreenReaderInstructions = {
  draggable:
    "Press enter to open this issue. To move it, press space, use the arrow keys to " +
    "move it within its list or to another one, space to drop it, escape to cancel.",
};

function where(data: DragData | undefined, key: string): string {
  if (data === undefined) return "outside any list";
  if (data.kind === "list") return `at the bottom of ${data.listName}`;
  const position = data.keys.indexOf(data.key) + 1;
  const label = data.key === key ? "its own place" : data.label;
  return `over ${label}, position ${position} of ${data.keys.length} in ${data.listName}`;
}

export const announcements: Announcements = {
  onDragStart({ active }) {
    const data = dataOf(active);
    return data?.kind === "item" ? `Picked up ${data.label} in ${data.listName}.` : undefined;
  },
  onDragOver({ active, over }) {
    return `${String(active.id)} is ${where(dataOf(over), String(active.id))}.`;
  },
  onDragEnd({ active, over }) {
    if (over === null) return `${String(active.id)} was dropped outside any list; nothing moved.`;
    return `${String(active.id)} was dropped ${where(dataOf(over), String(active.id))}.`;
  },
  onDragCancel({ active }) {
    return `Moving ${String(active.id)} was cancelled; it is back in its place.`;
  },
};
