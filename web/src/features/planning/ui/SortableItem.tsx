// One draggable issue in a list: focusable, named, movable with pointer or keyboard
// (space picks it up and drops it), and enter opens the issue. Its content comes as
// `children` from a memoised component, so the re-renders a drag causes here stay cheap.
import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useCallback, type KeyboardEvent, type ReactNode } from "react";
import { useNavigate } from "react-router";
import { dataOf, type ItemData } from "../dnd/dragData";

interface Props {
  data: ItemData;
  className: string;
  children: ReactNode;
  /** In a virtualised list: the item's index and the callback that measures its node. */
  measure?: { index: number; ref: (node: HTMLLIElement | null) => void };
}

export function SortableItem({ data, className, children, measure }: Props) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging, isOver, active } =
    useSortable({ id: data.key, data });
  const measureRef = measure?.ref;
  const ref = useCallback(
    (node: HTMLLIElement | null) => {
      setNodeRef(node);
      measureRef?.(node);
    },
    [setNodeRef, measureRef],
  );
  const navigate = useNavigate();
  const open = (event: KeyboardEvent) => {
    if (event.key === "Enter" && event.target === event.currentTarget && active === null) {
      void navigate(`/issues/${data.key}`);
    }
  };
  const fromElsewhere = isOver && dataOf(active)?.list !== data.list;
  const classes = [className, isDragging ? "is-dragging" : "", fromElsewhere ? "drop-above" : ""];
  return (
    <li
      ref={ref}
      data-index={measure?.index}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={classes.filter(Boolean).join(" ")}
      {...attributes}
      {...listeners}
      onKeyUp={open}
      aria-roledescription="movable issue"
      aria-label={data.label}
    >
      {children}
    </li>
  );
}
