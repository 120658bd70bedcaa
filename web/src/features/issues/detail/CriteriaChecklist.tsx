import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { useState } from "react";
import { addPatch, moveItem, removePatch, reorderPatch, togglePatch } from "../lib/criteria";
import type { Criterion, Issue, IssueUpdate } from "../types";
import { CriterionRow } from "./CriterionRow";
import { describePatch, FieldFeedback } from "./FieldFeedback";
import { useFieldSave } from "./useFieldSave";

/** Acceptance criteria as a checklist: tick, add, remove, and reorder by drag or keyboard. */
export function CriteriaChecklist({ issue }: { issue: Issue }) {
  const saver = useFieldSave(issue);
  const [optimistic, setOptimistic] = useState<Criterion[] | null>(null);
  const [text, setText] = useState("");
  const items = optimistic ?? issue.acceptance_criteria;
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const done = items.filter((item) => item.done).length;

  async function save(patch: IssueUpdate, shown: Criterion[] | null = null) {
    setOptimistic(shown);
    const outcome = await saver.save(patch);
    setOptimistic(null);
    return outcome;
  }

  function move(from: number, to: number) {
    if (to < 0 || to >= items.length || from === to) {
      return;
    }
    void save(reorderPatch(items, from, to), moveItem(items, from, to));
  }

  function onDragEnd({ active, over }: DragEndEvent) {
    if (over === null) {
      return;
    }
    move(items.findIndex((i) => i.id === active.id), items.findIndex((i) => i.id === over.id));
  }

  return (
    <section className="issue-section" aria-labelledby="criteria-heading">
      <header className="section-header">
        <h2 id="criteria-heading">Acceptance criteria</h2>
        <span className="muted">{done} of {items.length} met</span>
      </header>
      <FieldFeedback saver={saver} describe={describePatch} />
      <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
        <SortableContext items={items.map((i) => i.id)} strategy={verticalListSortingStrategy}>
          <ol className="criteria">
            {items.map((item, index) => (
              <CriterionRow key={item.id} item={item} index={index} count={items.length}
                onToggle={() => void save(togglePatch(items, item.id), items.map((i) => (i.id === item.id ? { ...i, done: !i.done } : i)))}
                onRemove={() => void save(removePatch(items, item.id))}
                onMove={(to) => { move(index, to); }} />
            ))}
          </ol>
        </SortableContext>
      </DndContext>
      <form className="criterion-add" onSubmit={(e) => {
        e.preventDefault();
        if (text.trim() !== "") {
          void save(addPatch(items, text.trim())).then((o) => { if (o === "saved") setText(""); });
        }
      }}>
        <input aria-label="New acceptance criterion" placeholder="Add a criterion" value={text} maxLength={1000}
          onChange={(e) => { setText(e.target.value); }} />
        <button type="submit" disabled={saver.pending}>Add</button>
      </form>
    </section>
  );
}
