import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorNotice } from "../../../components/ErrorNotice";
import {
  type Channels,
  type NotificationSettings,
  notificationSettingsQuery,
  useSaveNotificationSettings,
} from "../api/notificationsApi";
import { KIND_LABELS } from "./NotificationItem";

type Kind = keyof typeof KIND_LABELS;
const KINDS = Object.keys(KIND_LABELS) as Kind[];
const CHANNELS = [["in_app", "In app"], ["email", "Email"]] as const;

/** `/settings/notifications`: for each kind of notification, the channels it goes to. */
export function NotificationSettingsPage() {
  const settings = useQuery(notificationSettingsQuery);
  if (settings.isPending) return <p role="status">Loading…</p>;
  if (settings.isError) return <ErrorNotice error={settings.error} />;
  return <SettingsForm saved={settings.data} />;
}

function SettingsForm({ saved }: { saved: NotificationSettings }) {
  const [draft, setDraft] = useState(saved);
  const save = useSaveNotificationSettings();
  const channelsOf = (kind: Kind): Channels => draft[kind] ?? { in_app: true, email: false };
  return (
    <form className="notification-settings"
      onSubmit={(e) => { e.preventDefault(); save.mutate(draft); }}>
      <h1>Notification settings</h1>
      <table>
        <thead>
          <tr><th scope="col">Kind</th>{CHANNELS.map(([, label]) => <th key={label} scope="col">{label}</th>)}</tr>
        </thead>
        <tbody>
          {KINDS.map((kind) => (
            <tr key={kind}>
              <th scope="row">{KIND_LABELS[kind]}</th>
              {CHANNELS.map(([channel, label]) => (
                <td key={channel}>
                  <input type="checkbox" aria-label={`${KIND_LABELS[kind]}: ${label}`} checked={channelsOf(kind)[channel]}
                    onChange={(e) => {
                      setDraft({ ...draft, [kind]: { ...channelsOf(kind), [channel]: e.target.checked } });
                    }} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {save.isError ? <ErrorNotice error={save.error} /> : null}
      <button type="submit" disabled={save.isPending}>{save.isPending ? "Saving…" : "Save"}</button>
      {save.isSuccess ? <p role="status">Saved.</p> : null}
    </form>
  );
}
