import { useState, type SyntheticEvent } from "react";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { fieldMessage } from "../../../components/FieldError";
import { TextField } from "../../../components/TextField";
import { useCreateWebhook } from "../api/useWebhooks";
import { MIN_SECRET, validateWebhook, WEBHOOK_EVENTS, type WebhookEvent } from "./events";

/** A new webhook: where to send, the signing secret, and which events. */
export function WebhookForm({ projectKey }: { projectKey: string }) {
  const create = useCreateWebhook(projectKey);
  const [url, setUrl] = useState("");
  const [secret, setSecret] = useState("");
  const [events, setEvents] = useState<ReadonlySet<WebhookEvent>>(new Set());
  const [problems, setProblems] = useState<ReturnType<typeof validateWebhook>>({});

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const found = validateWebhook({ url, secret });
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    create.mutate(
      { url: url.trim(), secret, events: events.size === 0 ? null : [...events] },
      {
        onSuccess: () => {
          setUrl("");
          setSecret("");
          setEvents(new Set());
        },
      },
    );
  };
  const toggle = (name: WebhookEvent, on: boolean) => {
    const next = new Set(events);
    if (on) next.add(name);
    else next.delete(name);
    setEvents(next);
  };
  return (
    <form onSubmit={submit} aria-label="Add a webhook" className="stack webhook-form" noValidate>
      <TextField
        label="Payload URL"
        type="url"
        value={url}
        required
        placeholder="https://example.com/hooks/taskdeck"
        error={problems.url ?? fieldMessage(create.error, "url")}
        onChange={(event) => { setUrl(event.target.value); }}
      />
      <TextField
        label="Secret"
        type="password"
        autoComplete="new-password"
        value={secret}
        required
        hint={`At least ${MIN_SECRET} characters. Deliveries are signed with it (X-Taskdeck-Signature); it is never shown again.`}
        error={problems.secret ?? fieldMessage(create.error, "secret")}
        onChange={(event) => { setSecret(event.target.value); }}
      />
      <fieldset className="webhook-events">
        <legend>Events (none chosen: all of them)</legend>
        {WEBHOOK_EVENTS.map((name) => (
          <label key={name} className="checkbox">
            <input type="checkbox" checked={events.has(name)} onChange={(event) => { toggle(name, event.target.checked); }} />
            {name}
          </label>
        ))}
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending}>Add webhook</button>
      </div>
      <ErrorNotice error={create.error} fields={["url", "secret"]} />
      {create.isSuccess ? <p role="status" className="ok">Webhook added.</p> : null}
    </form>
  );
}
