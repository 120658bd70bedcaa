import type { ReactNode } from "react";
import { Navigate, useSearchParams } from "react-router";
import { useSessionStatus } from "../session/sessionStore";
import { nextPage } from "./nextPage";

/** The frame of the sign-in and sign-up pages; a signed-in person goes on at once. */
export function AuthPage({ title, children }: { title: string; children: ReactNode }) {
  const status = useSessionStatus();
  const [search] = useSearchParams();
  if (status === "signed-in") {
    return <Navigate to={nextPage(search)} replace />;
  }
  return (
    <main className="auth-page">
      <div className="auth-card">
        <p className="brand">Taskdeck</p>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
