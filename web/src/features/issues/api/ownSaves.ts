// The versions this browser's own edits moved each issue from and to. An edit made on the
// version before one of our saves landed differs from the version after it only by our
// own change, so it is sent on the later version; anyone else's change still gives a 412.
const saves = new Map<string, Map<number, number>>();

/** Record that our edit took the issue from one version to the next. */
export function recordOwnSave(key: string, from: number, to: number): void {
  if (to <= from) return;
  const issue = saves.get(key) ?? new Map<number, number>();
  issue.set(from, to);
  saves.set(key, issue);
}

/** The version to send an edit made on `version`: past every save of our own since. */
export function ownVersion(key: string, version: number): number {
  const issue = saves.get(key);
  let current = version;
  // Versions only grow, so the chain ends.
  for (let next = issue?.get(current); next !== undefined; next = issue?.get(current)) {
    current = next;
  }
  return current;
}
