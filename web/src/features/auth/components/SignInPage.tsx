import { useState, type SyntheticEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { fieldMessage } from "../../../components/FieldError";
import { TextField } from "../../../components/TextField";
import { useSignIn } from "../api/useSignIn";
import { AuthPage } from "./AuthPage";
import { withSearch } from "./nextPage";

const FIELDS = ["email", "password"] as const;

/** Sign in with email and password; `AuthPage` then goes on to the page asked for. */
export function SignInPage() {
  const [search] = useSearchParams();
  const signIn = useSignIn();
  const [email, setEmail] = useState(search.get("email") ?? "");
  const [password, setPassword] = useState("");

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    signIn.mutate({ email, password });
  };

  return (
    <AuthPage title="Sign in">
      <form onSubmit={submit} className="stack" noValidate>
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => {
            setEmail(event.target.value);
          }}
          error={fieldMessage(signIn.error, "email")}
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => {
            setPassword(event.target.value);
          }}
          error={fieldMessage(signIn.error, "password")}
        />
        <ErrorNotice error={signIn.error} fields={FIELDS} />
        <button type="submit" className="primary" disabled={signIn.isPending}>
          {signIn.isPending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <p className="muted">
        New to Taskdeck? <Link to={withSearch("/sign-up", search)}>Create an account</Link>
      </p>
    </AuthPage>
  );
}
