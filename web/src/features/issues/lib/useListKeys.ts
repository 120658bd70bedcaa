// `j`/`k` move a selection through a list (through the app's shortcut registry, so `?`
// lists them); Enter opens the selected item unless focus is on a control of its own.
import { useEffect } from "react";
import { useShortcut } from "../../../app/shortcuts/useShortcut";

interface ListKeys {
  count: number;
  selected: number;
  onSelect: (index: number) => void;
  onOpen: (index: number) => void;
}

/** Whether Enter on this target belongs to the target (a field, link or button) rather than the list. */
function ownsEnter(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable ||
      target.closest("a, button, input, textarea, select, dialog, [role=listbox]") !== null)
  );
}

export function useListKeys({ count, selected, onSelect, onOpen }: ListKeys): void {
  useShortcut("j", () => { onSelect(Math.min(count - 1, selected + 1)); }, "Next issue in the list");
  useShortcut("k", () => { onSelect(Math.max(0, selected - 1)); }, "Previous issue in the list");
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.key !== "Enter" || event.defaultPrevented || selected < 0 || ownsEnter(event.target)) {
        return;
      }
      event.preventDefault();
      onOpen(selected);
    }
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("keydown", onKey);
    };
  }, [selected, onOpen]);
}
