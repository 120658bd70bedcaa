import { useMe } from "../../auth/api/useMe";
import { NewProjectButton } from "./NewProjectButton";

/** What a newcomer with no project sees: what to do next. */
export function FirstRun() {
  const me = useMe();
  const greeting = me.data === undefined ? "Welcome to Taskdeck" : `Welcome to Taskdeck, ${me.data.name}`;
  return (
    <section className="first-run" aria-labelledby="first-run-title">
      <h1 id="first-run-title">{greeting}</h1>
      <p>You are not in any project yet. A project holds a team’s issues, backlog and board.</p>
      <ol className="first-run-steps">
        <li>
          <h2>Start a project</h2>
          <p>Name it and Taskdeck suggests a short key for its issues, such as WEB-1.</p>
          <NewProjectButton primary />
        </li>
        <li>
          <h2>Or look around first</h2>
          <p>
            Run <code>taskdeck demo --email {me.data?.email ?? "you@example.com"}</code> on the
            server: it fills a project, DEMO, with issues, sprints, comments and worklogs, and
            makes you its owner.
          </p>
        </li>
        <li>
          <h2>Joining a team?</h2>
          <p>Ask a project admin to invite your email address; the project then shows up here.</p>
        </li>
      </ol>
      <p className="muted">
        Press <kbd>?</kbd> at any time to see the keyboard shortcuts.
      </p>
    </section>
  );
}
