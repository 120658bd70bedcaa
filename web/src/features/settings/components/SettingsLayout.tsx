import { Link, NavLink, Outlet } from "react-router";
import "../settings.css";

const SECTIONS = [
  { path: "details", label: "Details and rules" },
  { path: "workflow", label: "Workflow" },
  { path: "members", label: "Members" },
  { path: "webhooks", label: "Webhooks" },
] as const;

/** The project's settings: a side list of sections and the section shown. */
export function SettingsLayout() {
  return (
    <div className="settings">
      <nav aria-label="Settings" className="settings-nav">
        <ul>
          {SECTIONS.map((section) => (
            <li key={section.path}>
              <NavLink to={section.path}>{section.label}</NavLink>
            </li>
          ))}
        </ul>
        <ul aria-label="Your settings">
          <li>
            <Link to="/settings/tokens">Your API tokens</Link>
          </li>
          <li>
            <Link to="/settings/notifications">Your notifications</Link>
          </li>
        </ul>
      </nav>
      <div className="settings-body">
        <Outlet />
      </div>
    </div>
  );
}
