import { Link } from "react-router";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { useProjects } from "../api/useProjects";
import { FirstRun } from "./FirstRun";
import { NewProjectButton } from "./NewProjectButton";
import { roleLabel } from "./roles";

/** The signed-in person's projects; the first-run page when there are none. */
export function ProjectsPage() {
  const projects = useProjects();
  if (projects.isPending) {
    return <p className="muted" role="status">Loading projects…</p>;
  }
  if (projects.isError) {
    return <ErrorNotice error={projects.error} />;
  }
  const items = projects.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    return <FirstRun />;
  }
  return (
    <section aria-labelledby="projects-title">
      <div className="page-header">
        <h1 id="projects-title">Projects</h1>
        <NewProjectButton primary />
      </div>
      <ul className="project-list">
        {items.map((project) => (
          <li key={project.id}>
            <Link to={`/projects/${project.key}`} className="project-card">
              <span className="project-key">{project.key}</span>
              <span className="project-name">{project.name}</span>
              {project.role === null ? null : <span className="muted">{roleLabel(project.role)}</span>}
            </Link>
          </li>
        ))}
      </ul>
      {projects.hasNextPage ? (
        <button type="button" onClick={() => void projects.fetchNextPage()} disabled={projects.isFetchingNextPage}>
          Show more projects
        </button>
      ) : null}
    </section>
  );
}
