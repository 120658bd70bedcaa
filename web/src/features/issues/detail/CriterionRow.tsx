import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import type { Criterion } from "../types";

interface Props {
  item: Criterion;
  index: number;
  count: number;
  onToggle: () => void;
  onRemove: () => void;
  onMove: (to: number) => void;
}

/** One criterion: a drag handle (Space, arrows, Space with the keyboard), a checkbox, move buttons. */
export function CriterionRow({ item, index, count, onToggle, onRemove, onMove }: Props) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: item.id });
  return (
    <li ref={setNodeRef} className={isDragging ? "criterion dragging" : "criterion"}
      style={{ transform: CSS.Transform.toString(transform), transition }}>
      <button type="button" className="drag-handle" aria-label={`Reorder: ${item.text}`} {...attributes} {...listeners}>
        ⠿
      </button>
      <label className={item.done ? "criterion-text done" : "criterion-text"}>
        <input type="checkbox" checked={item.done} onChange={onToggle} />
        {item.text}
      </label>
      <button type="button" aria-label={`Move up: ${item.text}`} disabled={index === 0}
        onClick={() => { onMove(index - 1); }}>↑</button>
      <button type="button" aria-label={`Move down: ${item.text}`} disabled={index === count - 1}
        onClick={() => { onMove(index + 1); }}>↓</button>
      <button type="button" aria-label={`Remove: ${item.text}`} onClick={onRemove}>×</button>
    </li>
  );
}
