import { useState, type SyntheticEvent } from "react";
import "../settings.css";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { fieldMessage } from "../../../components/FieldError";
import { TextField } from "../../../components/TextField";
import { useCreateToken, useRevokeToken, useTokens, type CreatedApiToken } from "../api/useTokens";
import { NewTokenSecret } from "./NewTokenSecret";

/** Personal API tokens, for scripts: create (the secret shown once), list, revoke. */
export function TokensPage() {
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | undefined>(undefined);
  // Only in this component's state: leaving the page forgets the secret for good.
  const [created, setCreated] = useState<CreatedApiToken | null>(null);

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (name.trim() === "") {
      setNameError("Name the token after what will use it.");
      return;
    }
    setNameError(undefined);
    setCreated(null);
    create.mutate(name.trim(), {
      onSuccess: (token) => {
        setCreated(token);
        setName("");
      },
    });
  };
  return (
    <section aria-labelledby="tokens-title" className="settings-section">
      <h1 id="tokens-title">API tokens</h1>
      <p className="muted">A personal API token acts as you in scripts and tools. Revoke it when it is no longer needed.</p>
      <form onSubmit={submit} aria-label="Create a token" className="invite-form" noValidate>
        <TextField
          label="Token name"
          value={name}
          maxLength={100}
          required
          autoComplete="off"
          error={nameError ?? fieldMessage(create.error, "name")}
          onChange={(event) => { setName(event.target.value); }}
        />
        <button type="submit" className="primary" disabled={create.isPending}>Create token</button>
        <ErrorNotice error={create.error} fields={["name"]} />
      </form>
      {created === null ? null : <NewTokenSecret token={created} onDone={() => { setCreated(null); }} />}
      {tokens.isError ? <ErrorNotice error={tokens.error} /> : null}
      {tokens.data === undefined ? null : tokens.data.length === 0 ? (
        <p className="muted">You have no API tokens.</p>
      ) : (
        <table className="member-table" aria-label="Your tokens">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Created</th>
              <th scope="col"><span className="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {tokens.data.map((token) => (
              <tr key={token.id}>
                <td>{token.name}</td>
                <td>{new Date(token.created_at).toLocaleString()}</td>
                <td>
                  <button
                    type="button"
                    aria-label={`Revoke ${token.name}`}
                    disabled={revoke.isPending}
                    onClick={() => {
                      if (created?.id === token.id) setCreated(null);
                      revoke.mutate(token.id);
                    }}
                  >
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ErrorNotice error={revoke.error} />
    </section>
  );
}
