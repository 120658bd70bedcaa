import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { meQuery } from "../../auth/api/useMe";
import { recentNotificationsQuery, UNREAD_POLL_MS, useMarkRead } from "../api/notificationsApi";
import { NotificationItem } from "./NotificationItem";
import "../notifications.css";

/** The top bar's bell: the unread count, and a panel of recent notifications. */
export function NotificationBell() {
  const me = useQuery({ ...meQuery, staleTime: 0, refetchInterval: UNREAD_POLL_MS });
  const [open, setOpen] = useState(false);
  const unread = me.data?.unread_notifications ?? 0;
  const wrapper = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return undefined;
    const closeOutside = (event: MouseEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    const closeOnEscape = (event: KeyboardEvent) => { if (event.key === "Escape") setOpen(false); };
    document.addEventListener("mousedown", closeOutside);
    document.addEventListener("keydown", closeOnEscape);
    return () => {
      document.removeEventListener("mousedown", closeOutside);
      document.removeEventListener("keydown", closeOnEscape);
    };
  }, [open]);

  return (
    <div className="notification-bell" ref={wrapper}>
      <button type="button" className="icon-button" aria-expanded={open} aria-haspopup="true"
        aria-label={unread === 1 ? "Notifications, 1 unread" : `Notifications, ${unread} unread`}
        onClick={() => { setOpen(!open); }}>
        {/* Drawn, not an emoji: a machine without an emoji font shows an empty box. */}
        <svg className="bell-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
          <path d="M12 3a6 6 0 0 0-6 6v4l-2 3h16l-2-3V9a6 6 0 0 0-6-6Zm-2 15a2 2 0 0 0 4 0" />
        </svg>
        {unread > 0 ? <span className="badge" data-testid="unread-count">{unread > 99 ? "99+" : unread}</span> : null}
      </button>
      {open ? <NotificationPanel onClose={() => { setOpen(false); }} /> : null}
    </div>
  );
}

function NotificationPanel({ onClose }: { onClose: () => void }) {
  const recent = useQuery(recentNotificationsQuery);
  const markRead = useMarkRead();
  const items = recent.data ?? [];
  return (
    <section className="notification-panel" aria-label="Notifications">
      <header>
        <h2>Notifications</h2>
        <button type="button" className="link-button" disabled={markRead.isPending || !items.some((n) => !n.read)}
          onClick={() => { markRead.mutate("all"); }}>
          Mark all read
        </button>
      </header>
      {recent.isPending ? <p role="status">Loading…</p> : null}
      {recent.isSuccess && items.length === 0 ? <p className="muted">Nothing yet.</p> : null}
      <ul className="notification-list">
        {items.map((notification) => (
          <NotificationItem key={notification.id} notification={notification} onOpen={onClose}
            onMarkRead={(id) => { markRead.mutate([id]); }} />
        ))}
      </ul>
      <footer>
        <Link to="/notifications" onClick={onClose}>All notifications</Link> ·{" "}
        <Link to="/settings/notifications" onClick={onClose}>Settings</Link>
      </footer>
    </section>
  );
}
