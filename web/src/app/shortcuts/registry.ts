// The keyboard shortcuts in force: single keys ("c", "?"), sequences ("g b") and
// combinations with Ctrl ("Ctrl+k"), kept while their components are mounted. One
// keydown listener serves them all.

export interface Shortcut {
  /**
   * Keys as `KeyboardEvent.key` values, steps separated by spaces: "?", "g b"; or a key
   * with Ctrl, which also answers to ⌘ on a Mac: "Ctrl+k".
   */
  keys: string;
  description: string;
  run: () => void;
}

/** How long the second key of a sequence may wait after the first. */
const SEQUENCE_TIMEOUT_MS = 1500;

const COMBINATION_PREFIX = "Ctrl+";

/** Shortcuts by keys, the latest registration of the same keys winning. */
export class ShortcutRegistry {
  private entries: Shortcut[] = [];
  private snapshot: readonly Shortcut[] = [];
  private listeners = new Set<() => void>();
  private pending: { keys: string; at: number } | null = null;

  register(shortcut: Shortcut): () => void {
    this.entries = [...this.entries, shortcut];
    this.changed();
    return () => {
      this.entries = this.entries.filter((entry) => entry !== shortcut);
      this.changed();
    };
  }

  /** The shortcuts in force, one per keys, for the help dialog. */
  list = (): readonly Shortcut[] => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Run the shortcut this key completes; true when the key was used. */
  handleKey = (event: KeyboardEvent): boolean => {
    if (event.defaultPrevented || event.altKey) {
      return false;
    }
    if (event.ctrlKey || event.metaKey) {
      return this.runCombination(event);
    }
    if (isTyping(event.target)) {
      this.pending = null;
      return false;
    }
    const now = Date.now();
    const prefix = this.pending !== null && now - this.pending.at < SEQUENCE_TIMEOUT_MS ? this.pending.keys : null;
    const candidates = prefix === null ? [event.key] : [`${prefix} ${event.key}`, event.key];
    this.pending = null;
    for (const keys of candidates) {
      const shortcut = this.find(keys);
      if (shortcut !== undefined) {
        event.preventDefault();
        shortcut.run();
        return true;
      }
      if (this.snapshot.some((entry) => entry.keys.startsWith(`${keys} `))) {
        event.preventDefault();
        this.pending = { keys, at: now };
        return true;
      }
    }
    return false;
  };

  /** A combination types nothing, so it runs even while the user types in a field. */
  private runCombination(event: KeyboardEvent): boolean {
    const shortcut = this.find(`${COMBINATION_PREFIX}${event.key.toLowerCase()}`);
    if (shortcut === undefined) {
      return false;
    }
    event.preventDefault();
    this.pending = null;
    shortcut.run();
    return true;
  }

  private find(keys: string): Shortcut | undefined {
    return this.snapshot.find((entry) => entry.keys === keys);
  }

  private changed(): void {
    const byKeys = new Map<string, Shortcut>();
    for (const entry of this.entries) {
      byKeys.set(entry.keys, entry);
    }
    this.snapshot = [...byKeys.values()];
    for (const listener of this.listeners) {
      listener();
    }
  }
}

/** Keys typed into a field, or pressed inside a dialog, are not shortcuts. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) {
    return false;
  }
  if (target.isContentEditable || target.closest("dialog") !== null) {
    return true;
  }
  if (target instanceof HTMLInputElement) {
    return !["checkbox", "radio", "button", "submit", "reset"].includes(target.type);
  }
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/** The registry of the app. */
export const shortcuts = new ShortcutRegistry();
