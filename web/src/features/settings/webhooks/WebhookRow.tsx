import { useState } from "react";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { useDeleteWebhook, type Webhook } from "../api/useWebhooks";
import { Deliveries } from "./Deliveries";

/** One webhook: its address, events, how its deliveries go, and its controls. */
export function WebhookRow({ projectKey, webhook }: { projectKey: string; webhook: Webhook }) {
  const remove = useDeleteWebhook(projectKey);
  const [showDeliveries, setShowDeliveries] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const panelId = `deliveries-${webhook.id}`;
  return (
    <li className="webhook">
      <h3 className="webhook-url">{webhook.url}</h3>
      <dl className="webhook-facts">
        <dt>State</dt>
        <dd>{webhook.enabled ? "Active" : `Disabled after repeated failures${webhook.disabled_at === null ? "" : ` (${when(webhook.disabled_at)})`}`}</dd>
        <dt>Events</dt>
        <dd>{webhook.events.length === 0 || webhook.events.includes("*") ? "All" : webhook.events.join(", ")}</dd>
        <dt>Last delivery</dt>
        <dd>
          {webhook.last_delivery_at === null
            ? "None yet"
            : `${when(webhook.last_delivery_at)}, HTTP ${webhook.last_status === null ? "—" : webhook.last_status}`}
        </dd>
        <dt>Failures</dt>
        <dd>
          {webhook.consecutive_failures} failed attempts, {webhook.failed_deliveries} failed deliveries since the last success
        </dd>
        {webhook.last_error === null ? null : (
          <>
            <dt>Last error</dt>
            <dd>{webhook.last_error}</dd>
          </>
        )}
      </dl>
      <div className="actions">
        <button
          type="button"
          aria-expanded={showDeliveries}
          aria-controls={panelId}
          onClick={() => { setShowDeliveries(!showDeliveries); }}
        >
          {showDeliveries ? "Hide deliveries" : "Show deliveries"}
        </button>
        {confirming ? (
          <>
            <button type="button" className="danger" disabled={remove.isPending} onClick={() => { remove.mutate(webhook.id); }}>
              Delete {webhook.url}
            </button>
            <button type="button" onClick={() => { setConfirming(false); }}>Keep it</button>
          </>
        ) : (
          <button type="button" aria-label={`Delete webhook ${webhook.url}`} onClick={() => { setConfirming(true); }}>
            Delete
          </button>
        )}
      </div>
      <ErrorNotice error={remove.error} />
      {showDeliveries ? <Deliveries id={panelId} projectKey={projectKey} webhookId={webhook.id} /> : null}
    </li>
  );
}

export function when(iso: string): string {
  return new Date(iso).toLocaleString();
}
