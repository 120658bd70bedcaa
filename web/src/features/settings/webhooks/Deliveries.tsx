import { ErrorNotice } from "../../../components/ErrorNotice";
import { useDeliveries } from "../api/useWebhooks";
import { when } from "./WebhookRow";

/** A webhook's latest deliveries: what was sent, how it went, and why it failed. */
export function Deliveries({ id, projectKey, webhookId }: { id: string; projectKey: string; webhookId: string }) {
  const deliveries = useDeliveries(projectKey, webhookId);
  if (deliveries.isError) return <ErrorNotice error={deliveries.error} />;
  if (deliveries.data === undefined) return <p id={id} role="status">Loading deliveries…</p>;
  if (deliveries.data.length === 0) return <p id={id} className="muted">No deliveries yet.</p>;
  return (
    <table id={id} className="member-table deliveries">
      <caption className="visually-hidden">Recent deliveries</caption>
      <thead>
        <tr>
          <th scope="col">Event</th>
          <th scope="col">State</th>
          <th scope="col">Attempts</th>
          <th scope="col">Last status</th>
          <th scope="col">Last error</th>
          <th scope="col">When</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.data.map((delivery) => (
          <tr key={delivery.id} className={delivery.state === "failed" ? "delivery-failed" : undefined}>
            <td>{delivery.kind}</td>
            <td>{delivery.state}</td>
            <td>{delivery.attempts}</td>
            <td>{delivery.last_status ?? "—"}</td>
            <td>{delivery.last_error ?? ""}</td>
            <td>{when(delivery.last_attempt_at ?? delivery.created_at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
