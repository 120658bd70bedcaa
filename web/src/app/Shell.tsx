import { Link, Outlet } from "react-router";

/** The frame around every page: the top bar and the page itself. */
export function Shell() {
  return (
    <div className="shell">
      <header className="topbar">
        <Link to="/" className="brand">
          Taskdeck
        </Link>
      </header>
      <main className="page">
        <Outlet />
      </main>
    </div>
  );
}
