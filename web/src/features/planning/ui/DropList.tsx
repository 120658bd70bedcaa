// A ranked list that issues can be dropped into, on an item or on its empty space.
import { useDroppable } from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import type { CSSProperties, ReactNode } from "react";
import type { ListData } from "../dnd/dragData";

interface Props {
  data: ListData;
  className: string;
  /** Padding that stands in for the items a long list does not mount. */
  style?: CSSProperties;
  children: ReactNode;
}

export function DropList({ data, className, style, children }: Props) {
  const { setNodeRef, isOver } = useDroppable({ id: `list:${data.list}`, data });
  return (
    <SortableContext id={data.list} items={data.keys} strategy={verticalListSortingStrategy}>
      <ul
        ref={setNodeRef}
        className={isOver ? `${className} is-over` : className}
        style={style}
        aria-label={data.listName}
      >
        {children}
      </ul>
    </SortableContext>
  );
}
