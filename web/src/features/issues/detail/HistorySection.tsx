import { ErrorNotice } from "../../../components/ErrorNotice";
import { useHistory } from "../api/useHistory";
import type { Names } from "../lib/useNames";

/** Every recorded change, newest first. */
export function HistorySection({ issueKey, names }: { issueKey: string; names: Names }) {
  const history = useHistory(issueKey);
  const entries = [...(history.data ?? [])].reverse();
  return (
    <section className="issue-section" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      <ErrorNotice error={history.error} />
      <ol className="history">
        {entries.map((entry) => (
          <li key={entry.id}>
            <strong>{names.user(entry.actor)}</strong> {describe(entry.field, entry.from, entry.to)}{" "}
            <time className="muted" dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time>
          </li>
        ))}
      </ol>
    </section>
  );
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "nothing";
  if (typeof value === "string") return value.length > 80 ? `${value.slice(0, 80)}…` : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value).slice(0, 80);
}

function describe(field: string, from: unknown, to: unknown): string {
  if (field === "created") return "created the issue";
  return `changed ${field.replaceAll("_", " ")} from ${show(from)} to ${show(to)}`;
}
