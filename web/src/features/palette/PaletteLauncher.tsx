// The command palette's launcher, mounted once in the shell: Ctrl+K (⌘K) anywhere, or
// `/` outside fields, opens it. The palette itself is a chunk of its own, fetched when
// the browser is idle after the first page shows, so the first download stays small
// and the palette still opens at once.
import { lazy, Suspense, useEffect, useState } from "react";
import { useShortcut } from "../../app/shortcuts/useShortcut";

const PRELOAD_AFTER_MS = 2_000;
const loadPalette = () => import("./components/CommandPalette");
const CommandPalette = lazy(async () => ({ default: (await loadPalette()).CommandPalette }));

/** Opens and closes the command palette. */
export function PaletteLauncher() {
  const [open, setOpen] = useState(false);
  useShortcut("Ctrl+k", () => { setOpen((shown) => !shown); }, "Open or close the command palette (⌘K on a Mac)");
  useShortcut("/", () => { setOpen(true); }, "Search issues, projects and actions");
  useEffect(() => {
    const timer = window.setTimeout(() => void loadPalette(), PRELOAD_AFTER_MS);
    return () => {
      window.clearTimeout(timer);
    };
  }, []);
  if (!open) {
    return null;
  }
  return (
    <Suspense fallback={null}>
      <CommandPalette onClose={() => { setOpen(false); }} />
    </Suspense>
  );
}
