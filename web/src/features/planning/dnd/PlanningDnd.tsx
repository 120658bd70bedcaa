// The drag-and-drop frame of both planning pages: sensors (pointer and keyboard),
// collision rules, screen-reader announcements and the overlay that follows the pointer.
import { DndContext, DragOverlay, type DragEndEvent, type DragStartEvent } from "@dnd-kit/core";
import { useState, type ReactNode } from "react";
import { planningCollision } from "./collision";
import { announcements, instructions } from "./announcements";
import { dataOf } from "./dragData";
import { usePlanningSensors } from "./usePlanningSensors";

interface Props {
  onDrop: (event: DragEndEvent) => void;
  children: ReactNode;
}

export function PlanningDnd({ onDrop, children }: Props) {
  const sensors = usePlanningSensors();
  const [dragged, setDragged] = useState<string | null>(null);
  const start = (event: DragStartEvent) => {
    const data = dataOf(event.active);
    setDragged(data?.kind === "item" ? data.label : null);
  };
  const end = (event: DragEndEvent) => {
    setDragged(null);
    onDrop(event);
  };
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={planningCollision}
      accessibility={{ announcements, screenReaderInstructions: instructions }}
      onDragStart={start}
      onDragEnd={end}
      onDragCancel={() => {
        setDragged(null);
      }}
    >
      {children}
      <DragOverlay dropAnimation={null}>
        {dragged === null ? null : <div className="plan-overlay">{dragged}</div>}
      </DragOverlay>
    </DndContext>
  );
}
