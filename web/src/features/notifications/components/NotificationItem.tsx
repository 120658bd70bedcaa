import { Link } from "react-router";
import type { Notification } from "../api/notificationsApi";

const KIND_LABELS: Record<Notification["kind"], string> = {
  assigned: "Assigned to you",
  mentioned: "Mentioned you",
  comment: "New comment",
  status_change: "Status changed",
  updated: "Updated",
  attachment: "New attachment",
  due_soon: "Due soon",
  overdue: "Overdue",
};

export { KIND_LABELS };

interface Props {
  notification: Notification;
  onMarkRead: (id: string) => void;
  onOpen?: () => void;
}

/** One notification: what happened, a link to its issue, and "mark read" while unread. */
export function NotificationItem({ notification, onMarkRead, onOpen }: Props) {
  const when = new Date(notification.created_at).toLocaleString();
  return (
    <li className={notification.read ? "notification" : "notification unread"}>
      <div>
        <Link to={`/issues/${notification.issue}`} onClick={onOpen}>
          <strong>{notification.issue}</strong> {notification.summary}
        </Link>
        <p className="muted">
          {KIND_LABELS[notification.kind]} · <time dateTime={notification.created_at}>{when}</time>
        </p>
      </div>
      {notification.read ? null : (
        <button type="button" className="link-button" onClick={() => { onMarkRead(notification.id); }}
          aria-label={`Mark ${notification.issue} ${notification.summary} read`}>
          Mark read
        </button>
      )}
    </li>
  );
}
