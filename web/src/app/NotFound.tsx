import { Link } from "react-router";

export function NotFound() {
  return (
    <section className="empty">
      <h1>Nothing here</h1>
      <p>
        This page does not exist, or you may not see it. <Link to="/">Go to your projects</Link>.
      </p>
    </section>
  );
}
