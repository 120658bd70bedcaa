// Which item or list a dragged issue is over: an item under the pointer first, else the
// list under it (its empty space: the bottom). The keyboard has no pointer: then the
// item (else the list) the dragged rectangle overlaps most.
import { pointerWithin, rectIntersection, type CollisionDetection } from "@dnd-kit/core";
import type { DragData } from "./dragData";

export const planningCollision: CollisionDetection = (args) => {
  const pointer = pointerWithin(args);
  const hits = pointer.length > 0 ? pointer : rectIntersection(args);
  const kind = (id: unknown) =>
    (args.droppableContainers.find((c) => c.id === id)?.data.current as DragData | undefined)
      ?.kind;
  const items = hits.filter((hit) => kind(hit.id) === "item" && hit.id !== args.active.id);
  if (items.length > 0) return items.slice(0, 1);
  const self = hits.filter((hit) => hit.id === args.active.id);
  if (self.length > 0) return self;
  return hits.filter((hit) => kind(hit.id) === "list").slice(0, 1);
};
