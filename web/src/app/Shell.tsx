import { useState } from "react";
import { Link, NavLink, Outlet, useNavigate } from "react-router";
import { RequireAuth } from "../features/auth/components/RequireAuth";
import { UserMenu } from "../features/auth/components/UserMenu";
import { CreateIssueDialog } from "../features/issues/routes";
import { NotificationBell } from "../features/notifications/routes";
import { PaletteLauncher } from "../features/palette/PaletteLauncher";
import { HelpDialog } from "./HelpDialog";
import { useShortcut } from "./shortcuts/useShortcut";

/** The frame around every page of a signed-in person: the top bar and the page itself. */
export function Shell() {
  const [helpOpen, setHelpOpen] = useState(false);
  const navigate = useNavigate();
  useShortcut("?", () => { setHelpOpen(true); }, "Show the keyboard shortcuts");
  useShortcut("g p", () => void navigate("/projects"), "Go to your projects");
  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          Taskdeck
        </Link>
        <nav aria-label="Main" className="topnav">
          <NavLink to="/projects">Projects</NavLink>
        </nav>
        <div className="topbar-end">
          <button
            type="button"
            className="icon-button"
            aria-label="Keyboard shortcuts"
            onClick={() => {
              setHelpOpen(true);
            }}
          >
            ?
          </button>
          <NotificationBell />
          <UserMenu />
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        <Outlet />
      </main>
      <HelpDialog open={helpOpen} onClose={() => { setHelpOpen(false); }} />
      <CreateIssueDialog />
      <PaletteLauncher />
    </div>
  );
}

/** The shell, for signed-in people only. */
export function SignedInShell() {
  return (
    <RequireAuth>
      <Shell />
    </RequireAuth>
  );
}
