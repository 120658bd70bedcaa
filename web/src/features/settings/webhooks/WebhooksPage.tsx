import { ErrorNotice } from "../../../components/ErrorNotice";
import { useProject } from "../../projects/api/useProject";
import { isAdmin } from "../../projects/components/roles";
import { useWebhooks } from "../api/useWebhooks";
import { WebhookForm } from "./WebhookForm";
import { WebhookRow } from "./WebhookRow";

/** The project's webhooks (admins and owners: the API shows them to no one else). */
export function WebhooksPage({ projectKey }: { projectKey: string }) {
  const role = useProject(projectKey).data?.role;
  const admin = isAdmin(role);
  const webhooks = useWebhooks(projectKey, admin);
  return (
    <section aria-labelledby="webhooks-title" className="settings-section">
      <h2 id="webhooks-title">Webhooks</h2>
      {!admin ? (
        <p className="muted">Only admins and owners see and manage webhooks.</p>
      ) : (
        <>
          <p className="muted">Taskdeck POSTs the project's events to these URLs, retrying failed deliveries.</p>
          <WebhookForm projectKey={projectKey} />
          {webhooks.isError ? <ErrorNotice error={webhooks.error} /> : null}
          {webhooks.data === undefined ? null : webhooks.data.length === 0 ? (
            <p className="muted">No webhooks yet.</p>
          ) : (
            <ul className="webhook-list" aria-label="Webhooks">
              {webhooks.data.map((webhook) => (
                <WebhookRow key={webhook.id} projectKey={projectKey} webhook={webhook} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
