import { NavLink, Outlet, useNavigate, useParams } from "react-router";
import { useShortcut } from "../../../app/shortcuts/useShortcut";
import { ApiError } from "../../../api/client";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { useProject } from "../api/useProject";
import { useProjectEvents } from "../../live/useProjectEvents";

const TABS = [
  { path: "issues", label: "Issues" },
  { path: "backlog", label: "Backlog" },
  { path: "board", label: "Board" },
  { path: "reports", label: "Reports" },
  { path: "members", label: "Members" },
  { path: "settings", label: "Settings" },
] as const;

/** A project's frame: its name, its tabs, and the tab's page. */
export function ProjectLayout() {
  const key = useParams().key ?? "";
  const project = useProject(key);
  useProjectEvents(key);
  const navigate = useNavigate();
  const issuesPath = `/projects/${key}/issues`;
  useShortcut("g i", () => void navigate(issuesPath), "Go to the project's issues");
  useShortcut("g l", () => void navigate(`/projects/${key}/backlog`), "Go to the project's backlog");
  useShortcut("g b", () => void navigate(`/projects/${key}/board`), "Go to the project's board");

  if (project.isError) {
    const missing = project.error instanceof ApiError && project.error.status === 404;
    return missing ? (
      <section className="empty">
        <h1>No project {key}</h1>
        <p>It does not exist, or you are not one of its members.</p>
      </section>
    ) : (
      <ErrorNotice error={project.error} />
    );
  }
  return (
    <div className="project">
      <header className="project-header">
        <h1>
          <span className="project-key">{key}</span> {project.data?.name ?? ""}
        </h1>
        <nav aria-label="Project" className="tabs">
          {TABS.map((tab) => (
            <NavLink key={tab.path} to={tab.path} className="tab">
              {tab.label}
            </NavLink>
          ))}
        </nav>
      </header>
      <Outlet />
    </div>
  );
}
