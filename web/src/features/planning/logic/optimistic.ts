// Apply a change to cached queries at once, and hand back what undoes it.
import type { QueryClient, QueryKey } from "@tanstack/react-query";

/**
 * Snapshot the queries under `keys`, stop their fetches in flight (without reverting,
 * so a late answer cannot overwrite the change), run `change` synchronously, and return
 * the rollback. Synchronous on purpose: a drop shows its result in the same frame.
 */
export function applyOptimistic(
  client: QueryClient,
  keys: readonly QueryKey[],
  change: () => void,
): () => void {
  const snapshot = keys.flatMap((queryKey) => client.getQueriesData({ queryKey }));
  for (const queryKey of keys) {
    void client.cancelQueries({ queryKey }, { revert: false });
  }
  change();
  return () => {
    for (const [queryKey, data] of snapshot) {
      client.setQueryData(queryKey, data);
    }
  };
}
