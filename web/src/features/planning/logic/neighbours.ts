// Where a dropped issue lands in a ranked list, and so which neighbours the move call names.

export interface DropPlace {
  /** The list's keys after the drop. */
  order: string[];
  /** The dropped issue's index in `order`. */
  index: number;
  /** The issue just below it (the move's `before`), if any. */
  before: string | null;
  /** The issue just above it (the move's `after`), if any. */
  after: string | null;
}

/**
 * Drop `active` into the list `target` on the item `overKey`, or on the list itself
 * (`null`: below its last item). Within its own list it takes the place of the item it
 * is dropped on (the items between shift, as the sortable animation shows); from another
 * list it goes just above that item. `null` when nothing changes.
 */
export function dropPlace(
  target: readonly string[],
  active: string,
  overKey: string | null,
): DropPlace | null {
  const without = target.filter((key) => key !== active);
  const sameList = without.length !== target.length;
  let index = without.length;
  if (overKey !== null && overKey !== active) {
    const at = sameList ? target.indexOf(overKey) : without.indexOf(overKey);
    if (at >= 0) index = at;
  } else if (overKey === active && sameList) {
    index = target.indexOf(active);
  }
  const order = [...without.slice(0, index), active, ...without.slice(index)];
  if (sameList && order.every((key, i) => key === target[i])) {
    return null;
  }
  return { order, index, before: order[index + 1] ?? null, after: order[index - 1] ?? null };
}

/** The move body's neighbour fields: only those that exist. */
export function neighbourFields(place: DropPlace): { before?: string; after?: string } {
  const fields: { before?: string; after?: string } = {};
  if (place.before !== null) fields.before = place.before;
  if (place.after !== null) fields.after = place.after;
  return fields;
}
