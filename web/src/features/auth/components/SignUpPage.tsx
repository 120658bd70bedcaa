import { useState, type SyntheticEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { fieldMessage } from "../../../components/FieldError";
import { TextField } from "../../../components/TextField";
import { useSignIn } from "../api/useSignIn";
import { useSignUp } from "../api/useSignUp";
import { AuthPage } from "./AuthPage";
import { ConfirmSignUp } from "./ConfirmSignUp";
import { withSearch } from "./nextPage";

const FIELDS = ["name", "email", "password"] as const;

/** Create an account and sign straight in (after confirming the address where needed). */
export function SignUpPage() {
  const [search] = useSearchParams();
  const signUp = useSignUp();
  const signIn = useSignIn();
  const [form, setForm] = useState({ name: "", email: "", password: "" });
  const [confirming, setConfirming] = useState(false);

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    signUp.mutate(form, {
      onSuccess: (account) => {
        if (account.confirmation_required) {
          setConfirming(true);
        } else {
          signIn.mutate({ email: form.email, password: form.password });
        }
      },
    });
  };
  const change = (field: keyof typeof form) => (event: { target: { value: string } }) => {
    setForm((current) => ({ ...current, [field]: event.target.value }));
  };

  if (confirming) {
    return (
      <AuthPage title="Confirm your email">
        <ConfirmSignUp
          email={form.email}
          onConfirmed={() => {
            signIn.mutate({ email: form.email, password: form.password });
          }}
        />
        <ErrorNotice error={signIn.error} />
      </AuthPage>
    );
  }
  const pending = signUp.isPending || signIn.isPending;
  return (
    <AuthPage title="Create your account">
      <form onSubmit={submit} className="stack" noValidate>
        <TextField
          label="Name"
          name="name"
          autoComplete="name"
          required
          value={form.name}
          onChange={change("name")}
          error={fieldMessage(signUp.error, "name")}
        />
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          required
          value={form.email}
          onChange={change("email")}
          error={fieldMessage(signUp.error, "email")}
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          required
          hint="At least 10 characters, and not your email address."
          value={form.password}
          onChange={change("password")}
          error={fieldMessage(signUp.error, "password")}
        />
        <ErrorNotice error={signUp.error} fields={FIELDS} />
        <ErrorNotice error={signIn.error} />
        <button type="submit" className="primary" disabled={pending}>
          {pending ? "Creating your account…" : "Create account"}
        </button>
      </form>
      <p className="muted">
        Already have an account? <Link to={withSearch("/sign-in", search)}>Sign in</Link>
      </p>
    </AuthPage>
  );
}
