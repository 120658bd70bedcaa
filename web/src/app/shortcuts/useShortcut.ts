import { useEffect, useEffectEvent, useSyncExternalStore } from "react";
import { shortcuts, type Shortcut } from "./registry";

/**
 * Run `handler` when `keys` are pressed ("c", "?", or a sequence such as "g b"),
 * while the calling component is mounted. Keys typed into a field do not count.
 */
export function useShortcut(keys: string, handler: () => void, description: string): void {
  const run = useEffectEvent(handler);
  useEffect(() => shortcuts.register({ keys, description, run: () => { run(); } }), [keys, description]);
}

/** Listen for shortcuts on the whole document; mounted once, at the root of the app. */
export function useShortcutListener(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      shortcuts.handleKey(event);
    };
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
    };
  }, []);
}

/** The shortcuts in force, for the help dialog. */
export function useShortcutList(): readonly Shortcut[] {
  return useSyncExternalStore(shortcuts.subscribe, shortcuts.list);
}
