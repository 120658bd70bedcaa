import { useInfiniteQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { notificationPagesQuery, useMarkRead } from "../api/notificationsApi";
import { NotificationItem } from "./NotificationItem";
import "../notifications.css";

/** `/notifications`: the whole inbox, page by page; `?unread=true` shows only the unread. */
export function NotificationsPage() {
  const [search, setSearch] = useSearchParams();
  const unread = search.get("unread") === "true";
  const pages = useInfiniteQuery(notificationPagesQuery(unread));
  const markRead = useMarkRead();
  const items = pages.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="notifications-page">
      <header className="page-header">
        <h1>Notifications</h1>
        <label>
          <input type="checkbox" checked={unread}
            onChange={(e) => { setSearch(e.target.checked ? { unread: "true" } : {}); }} />{" "}
          Unread only
        </label>
        <button type="button" disabled={markRead.isPending} onClick={() => { markRead.mutate("all"); }}>
          Mark all read
        </button>
      </header>
      {pages.isError ? <ErrorNotice error={pages.error} /> : null}
      {pages.isPending ? <p role="status">Loading…</p> : null}
      {pages.isSuccess && items.length === 0 ? (
        <p className="muted">{unread ? "No unread notifications." : "No notifications yet."}</p>
      ) : null}
      <ul className="notification-list">
        {items.map((notification) => (
          <NotificationItem key={notification.id} notification={notification}
            onMarkRead={(id) => { markRead.mutate([id]); }} />
        ))}
      </ul>
      {pages.hasNextPage ? (
        <button type="button" disabled={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
          {pages.isFetchingNextPage ? "Loading…" : "Show more"}
        </button>
      ) : null}
    </section>
  );
}
