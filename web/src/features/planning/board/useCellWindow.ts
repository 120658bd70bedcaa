// Which cards of a long board cell are in the page. dnd-kit re-renders every sortable
// card, and measures every drop target, whenever a drag starts, crosses a card or ends:
// with 500 cards that took 100-400 ms a time (measured). Only the cards near the
// viewport are mounted, so that work scales with the screen, not the board.
import { useDndMonitor } from "@dnd-kit/core";
import { defaultRangeExtractor, useWindowVirtualizer, type Range } from "@tanstack/react-virtual";
import { useCallback, useLayoutEffect, useRef, useState } from "react";
import type { Card } from "../types";

/** A cell of up to this many cards is shown whole, as any small board always was. */
const WHOLE_CELL_UP_TO = 30;
/** The space between cards, in px: `.plan-cards { gap }` in planning.css. */
const CARD_GAP = 6;
const CARD_ESTIMATE = 88;
const OVERSCAN = 10;

export function useCellWindow(cards: readonly Card[]) {
  const cell = useRef<HTMLDivElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  // The dragged card stays mounted even when scrolled far away: dnd-kit loses a drag
  // whose node unmounts, and the drop could not be resolved. The window stretches to it
  // rather than skipping the cards between, so the shown cards stay one run.
  const [dragged, setDragged] = useState<string | null>(null);
  useDndMonitor({
    onDragStart: ({ active }) => {
      const key = String(active.id);
      if (cards.some((card) => card.key === key)) setDragged(key);
    },
    onDragEnd: () => { setDragged(null); },
    onDragCancel: () => { setDragged(null); },
  });
  const draggedAt = dragged === null ? -1 : cards.findIndex((card) => card.key === dragged);
  const rangeExtractor = useCallback(
    (range: Range) => {
      if (range.count <= WHOLE_CELL_UP_TO) return Array.from({ length: range.count }, (_, i) => i);
      if (draggedAt < 0) return defaultRangeExtractor(range);
      const startIndex = Math.min(range.startIndex, draggedAt);
      const endIndex = Math.max(range.endIndex, draggedAt);
      return defaultRangeExtractor({ ...range, startIndex, endIndex });
    },
    [draggedAt],
  );
  const virtualizer = useWindowVirtualizer({
    count: cards.length,
    estimateSize: () => CARD_ESTIMATE,
    gap: CARD_GAP,
    overscan: OVERSCAN,
    scrollMargin,
    getItemKey: (index) => cards[index]?.key ?? index,
    rangeExtractor,
  });
  const shown = virtualizer.getVirtualItems();
  const first = shown[0];
  const last = shown.at(-1);
  // The cell's place in the page moves as cells and lanes above it are measured; it is
  // read again whenever the window moves, and the overscan absorbs any lag.
  useLayoutEffect(() => {
    const top = (cell.current?.getBoundingClientRect().top ?? 0) + window.scrollY;
    if (Math.abs(top - scrollMargin) > 1) setScrollMargin(top);
  }, [scrollMargin, first?.index, last?.index, cards.length]);
  // Cards out of the window are stood in for by padding, so the shown ones keep their
  // place in the flow and dnd-kit's transforms apply to them as to any list.
  const padding = {
    paddingTop: first === undefined ? 0 : first.start - scrollMargin,
    paddingBottom: last === undefined ? 0 : virtualizer.getTotalSize() - (last.end - scrollMargin),
  };
  return { cell, shown, padding, measure: virtualizer.measureElement };
}
