import { Outlet } from "react-router";
import { SessionGate } from "../features/auth/components/SessionGate";
import { useShortcutListener } from "./shortcuts/useShortcut";

/** The root of every page: the session restored first, keyboard shortcuts listened for. */
export function App() {
  useShortcutListener();
  return (
    <SessionGate>
      <Outlet />
    </SessionGate>
  );
}
